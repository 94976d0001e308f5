"""CSV downloads that spreadsheet programs open as text: UTF-8 with a byte-order mark (so Excel reads the
Chinese), CRLF lines, and cells that would start a formula neutralised (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import io
import re

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def starts_formula(value: str) -> bool:
    return value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def safe_cell(value):
    """A text that a spreadsheet would run as a formula, shown as text: '=HYPERLINK(…) (numbers stay numbers)."""
    return "'" + value if isinstance(value, str) and starts_formula(value) else value


def spreadsheet_csv(fields: list[str], rows: list[dict], vocabulary: tuple[str, ...] = ()) -> str:
    """`vocabulary`: fields whose values come from a fixed set the generator writes (a comparator "="), never
    from a text, and stay exact."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: value if key in vocabulary else safe_cell(value) for key, value in row.items()}
                     for row in rows)
    return "\ufeff" + out.getvalue()
