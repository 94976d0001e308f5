"""PO catalogs on disk: read with file:line errors, write in one fixed form, update with Babel.

Layout: translations/<lang>/<page slug>.po for the report text of each page, and
translations/<lang>/interface.po for the labels of the site. The merge is Babel's
Catalog.update (new -> empty, changed -> fuzzy with the previous msgid, removed ->
obsolete); the one thing added here is carrying a translation along when a
sentence only moved (positional IDs renumber when a sentence is inserted before it).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from ..errors import InputError
from ..util.files import display, write_if_changed
from .messages import INTERFACE, TARGETS, SourceMessage, catalog_messages
from ..source.model import Report

TRANSLATIONS = "translations"
TARGET_LANGUAGES = ("en",)
PROJECT = "yiwu-gwr"
WIDTH = 0  # no wrapping: one line per msgid/msgstr keeps diffs and web edits simple


def fixed_date(year: int) -> datetime:
    """Catalogs carry a fixed date, 1 January of the report's year, so that `update` is reproducible;
    PO-Revision-Date is left to the translator's tool (Poedit sets it on save)."""
    return datetime(year, 1, 1, tzinfo=timezone.utc)


def catalog_dir(root: Path, lang: str) -> Path:
    return root / TRANSLATIONS / lang


# --- reading and writing ---------------------------------------------------------


@dataclass
class PoFile:
    """A catalog as read from disk, with its text: findings point at the line an editor must change."""

    path: Path
    shown: str  # the path as people should see it
    catalog: Catalog
    lines: list[str]

    def msgstr_line(self, message: Message) -> int | None:
        """The 1-based line of the entry's msgstr (Babel knows only the msgid's line)."""
        if not message.lineno:
            return None
        for number in range(message.lineno, len(self.lines) + 1):
            if self.lines[number - 1].startswith("msgstr"):
                return number
        return message.lineno


def read_catalog(path: Path, lang: str, root: Path | None = None) -> Catalog:
    """Parse a PO file; any problem that makes it unusable is an InputError with the file and line."""
    return read_po_file(path, lang, root).catalog


def read_po_file(path: Path, lang: str, root: Path | None = None) -> PoFile:
    shown = display(path, root)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(shown, "", f"cannot read the catalog ({err.strerror})", "check the file exists",
                         check="po-syntax") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(shown, str(line), "the file is not UTF-8", "save it as UTF-8 (Poedit does by default)",
                         check="charset") from err
    if text.startswith("\ufeff"):  # gettext's msgfmt refuses it (`gwr check`), so the site does too
        raise InputError(shown, "1", "the file starts with a byte order mark (BOM), which gettext's tools refuse",
                         "save it as UTF-8 without BOM (in Notepad: 'UTF-8', not 'UTF-8 with BOM'; Poedit writes none)",
                         check="charset")
    lines = text.splitlines()
    _check_charset(lines, shown)
    _check_lines(lines, shown)
    try:
        catalog = read_po(io.BytesIO(data), locale=lang, abort_invalid=True)
    except PoFileError as err:
        raise InputError(shown, str(err.lineno), f"not a valid PO entry ({_po_problem(err)})",
                         "repair the entry (compare with `git diff`), or restore the file and run `gwr update`",
                         check="po-syntax") from err
    except (ValueError, SyntaxError, LookupError) as err:  # Babel raises these for broken escapes and headers
        raise InputError(shown, "", f"not a valid PO file ({err})",
                         "restore the file from git and redo the edit, then run `gwr check`", check="po-syntax") from err
    _check_duplicates(lines, shown)
    for message in list(catalog) + list(catalog.obsolete.values()):
        _restore_previous(message)
    return PoFile(path, shown, catalog, lines)


_CHARSET = re.compile(r'^"Content-Type:.*charset=([^\s;"\\]*)', re.IGNORECASE)


def _check_charset(lines: list[str], shown: str) -> None:
    """The catalogs are UTF-8; a header that says otherwise would make Babel decode them wrongly."""
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgctxt") or (line.startswith("msgid") and number > 1 and line != 'msgid ""'):
            return  # past the header entry
        match = _CHARSET.match(line)
        if match and match.group(1).lower().replace("-", "") != "utf8":
            raise InputError(shown, str(number), f"the header declares charset={match.group(1) or '(nothing)'}, "
                             "but this project's catalogs are UTF-8",
                             'write "Content-Type: text/plain; charset=UTF-8\\n" in the header', check="charset")


def _restore_previous(message: Message) -> None:
    """Babel's reader keeps "#| msgid ..." (the previous msgid) as a user comment; make it the previous_id again."""
    previous = [c for c in message.user_comments if c.startswith("|")]
    if not previous:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    parts, in_msgid = [], False
    for comment in previous:
        body = comment[1:].strip()
        if body.startswith("msgid "):
            in_msgid, body = True, body[6:]
        elif not body.startswith('"'):
            in_msgid = False  # "#| msgctxt": the ID does not change, nothing to keep
            continue
        if in_msgid:
            parts.append(unescape(body))
    if parts:
        message.previous_id = ["".join(parts)]


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf'(#.*|(#~ )?(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\]) {_QUOTED}|(#~ )?{_QUOTED})\s*')


def _check_lines(lines: list[str], shown: str) -> None:
    """Every line is a comment, a keyword with one quoted string, or a quoted continuation.

    Babel's reader is lenient (an unterminated string loses a character silently);
    gettext is not, so neither are we.
    """
    for number, line in enumerate(lines, start=1):
        if line.strip() and not _PO_LINE.fullmatch(line):
            raise InputError(shown, str(number), f"not a PO line: {line.strip()[:60]!r}",
                             'put the text in double quotes ("…"), escape quotes inside it as \\", '
                             "or compare with `git diff`", check="po-syntax")


def _po_problem(err: PoFileError) -> str:
    message = str(err).split(" on ", 1)[0]
    return f"{message}: {err.line.strip()[:60]!r}" if err.line else message


def _check_duplicates(lines: list[str], shown: str) -> None:
    """One entry per msgctxt (the stable ID), and per msgid where there is none.

    Babel silently keeps the last of two such entries, which would replace the real translation."""
    seen: dict[tuple[str, str], int] = {}
    context = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgctxt "):
            context = _unquote(line[8:])
        elif line.startswith("msgid "):
            key = ("msgctxt", context) if context is not None else ("msgid", _unquote(line[6:]))
            if key[1] and key in seen and (context is not None or not _continues(lines, number)):
                raise InputError(shown, str(number), f"duplicate entry for {key[0]} {key[1]!r} "
                                 f"(the first is at line {seen[key]})",
                                 "keep one of the two entries (the one whose msgid is the current Chinese)",
                                 check="duplicate-context" if context is not None else "duplicate-msgid")
            seen.setdefault(key, number)
            context = None


def _continues(lines: list[str], number: int) -> bool:
    """True if a msgid continues on the next lines (then the first line alone is not the key)."""
    return number < len(lines) and lines[number].startswith('"')


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def render_catalog(catalog: Catalog, include_lineno: bool = True) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_previous=True, sort_output=False, sort_by_file=False,
             include_lineno=include_lineno)
    return out.getvalue()


def layout_for(name: str) -> dict:
    """Interface strings cite their source file without a line: code edits must not churn the catalog."""
    return {"include_lineno": name != INTERFACE}


# --- templates -------------------------------------------------------------------


def new_catalog(name: str, lang: str | None, report: Report) -> Catalog:
    title = f"{report.meta.city}{report.meta.year}年{report.title}"
    what = {INTERFACE: "the site's interface", TARGETS: "the metrics of the targets"}.get(name, f"page {name}")
    comment = (f"# {title}: {what}.\n"
               f"# Translate msgstr only; msgctxt is the stable ID, msgid the official Chinese.\n"
               f"# See CONTRIBUTING.md. Merge after a seed change with `gwr update`.\n#")
    return Catalog(locale=lang, header_comment=comment, project=PROJECT, version=str(report.meta.year),
                   creation_date=fixed_date(report.meta.year), revision_date=fixed_date(report.meta.year), fuzzy=False,
                   msgid_bugs_address="the project's issue tracker (see CONTRIBUTING.md)",
                   language_team=f"{lang} translators (see CONTRIBUTING.md)" if lang else None,
                   last_translator="translators of this project" if lang else None)


def template_catalog(name: str, messages: list[SourceMessage], report: Report) -> Catalog:
    catalog = new_catalog(name, None, report)
    for message in messages:
        catalog.add(message.text, locations=message.locations, auto_comments=[message.comment] if message.comment else (),
                    context=message.context)
    return catalog


def templates(report: Report) -> dict[str, Catalog]:
    """The template (POT) of every catalog: one per page with report text, plus the interface."""
    return {name: template_catalog(name, messages, report) for name, messages in catalog_messages(report).items()}


def extract(report: Report, out_dir: Path) -> list[Path]:
    written = []
    for name, catalog in templates(report).items():
        path = out_dir / f"{name}.pot"
        if write_if_changed(path, render_catalog(catalog, **layout_for(name))):
            written.append(path)
    return written
