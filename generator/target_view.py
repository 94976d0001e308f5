"""The quantified statements as a language edition shows them: values, labels, tables, charts, downloads.

Values in English are formatted with Babel (RMB 60 billion, 1.2 million, 50,000; mu
with hectares); in Chinese they are shown as printed. The metric labels come from
translations/<lang>/targets.po, so editors can correct them like any translation.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Callable

from babel.numbers import format_compact_decimal, format_decimal

from .escape import html_text
from .localise import Localiser
from .model import Report, SectionKind
from .targets import Quantity, extract_quantities

CURRENCY = {"CNY": "RMB", "USD": "USD"}
UNIT_EN = {
    "person-times": "person-times", "persons": "people", "m²": "m²", "km²": "km²", "TEU": "TEU", "kW": "kW", "km": "km",
    "households": "households", "t": "tonnes", "orders": "orders", "vehicles": "vehicles", "items": "items",
    "times": "times",
}
COMPARATOR_EN = {">": "more than ", ">=": "at least ", "<=": "no more than ", "~": "about ", "=": "",
                 "growth": "growth of ", "decline": "decrease of "}
COMPARATOR_ZH = {">": ("超", ""), ">=": ("", "以上"), "<=": ("", "以内"), "~": ("", "左右"), "=": ("", ""),
                 "growth": ("增长", ""), "decline": ("下降", "")}
HECTARES_PER_MU = 1 / 15
CSV_FIELDS = ["id", "segment_id", "period", "metric_zh", "metric_en", "comparator", "change", "value", "unit",
              "from_value", "base_value", "base_unit", "from_base_value"]


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    text: str  # the value as shown
    href: str


def english_number(value: float) -> str:
    if value >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale="en", fraction_digits=2)
    return format_decimal(value, locale="en")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class TargetView:
    def __init__(self, report: Report, localiser: Localiser) -> None:
        self.report = report
        self.loc = localiser
        self.zh = localiser.is_source
        self.quantities = extract_quantities(report)

    # --- one figure ------------------------------------------------------------------

    def label(self, q: Quantity) -> str:
        return self.loc.text(q.id, q.metric_zh or q.unit).text

    def value(self, q: Quantity) -> str:
        comparator = "=" if q.change and q.comparator == q.change else q.comparator
        if self.zh:
            before, after = COMPARATOR_ZH[comparator]
            start = f"从{q.from_value}{q.unit}到" if q.from_value else ""
            rank = "第" if q.base_unit == "rank" else ""
            change = {"growth": "增长", "decline": "下降"}.get(q.change, "")
            return f"{start}{change}{before}{rank}{q.value}{q.unit}{after}"
        # The English labels name the change ("Export growth"), so the value needs only its bound.
        return COMPARATOR_EN[comparator] + self._english(q.base_value, q, q.value)

    def _english(self, base: float, q: Quantity, printed: str) -> str:
        unit = q.base_unit
        if unit in CURRENCY:
            return f"{CURRENCY[unit]} {english_number(base)}"
        if unit == "percent":
            return f"{printed}%"
        if unit == "rank":
            return ordinal(int(base))
        if unit == "mu":
            return f"{english_number(base)} mu ({english_number(round(base * HECTARES_PER_MU))} ha)"
        words = UNIT_EN.get(unit, "")
        return f"{english_number(base)} {words}".strip()

    def change(self, q: Quantity) -> str:
        """From → to, where the text gives both (the five-year achievements)."""
        if not q.from_value:
            return ""
        scale = q.base_value / float(q.value)
        if self.zh:
            return f"{q.from_value}{q.unit}"
        return self._english(float(q.from_value) * scale, q, q.from_value)

    # --- groups ------------------------------------------------------------------------

    def of_period(self, period: str) -> list[Quantity]:
        return [q for q in self.quantities if q.period == period]

    def headline(self) -> list[Quantity]:
        """The figures of the 主要预期目标 section: the headline targets of the year."""
        sections = {s.id for s in self.report.sections_of_kind(SectionKind.TARGETS)}
        return [q for q in self.quantities if q.segment_id.split(".")[0] in sections]

    def of_section(self, section_id: str) -> list[Quantity]:
        return [q for q in self.quantities if q.segment_id.split(".")[0] == section_id]

    def by_action(self) -> list[tuple[str, list[Quantity]]]:
        return [(s.id, self.of_section(s.id)) for s in self.report.sections_of_kind(SectionKind.ACTION)
                if self.of_section(s.id)]

    # --- charts ------------------------------------------------------------------------

    def bar_chart(self, ident: str, title: str, description: str, rows: list[ChartRow]) -> str:
        """A horizontal bar chart as inline SVG: titled and described for screen readers; the same data is
        given as a table next to it. No script."""
        width, label_width, bar_height, gap = 720, 300, 22, 10
        top = 8
        height = top + len(rows) * (bar_height + gap)
        peak = max((r.value for r in rows), default=1) or 1
        bars = []
        for i, row in enumerate(rows):
            y = top + i * (bar_height + gap)
            length = max(2, (width - label_width - 170) * row.value / peak)
            label = row.label if len(row.label) <= 40 else row.label[:39] + "…"  # the table has it in full
            bars.append(
                f'<a href="{html_text(row.href)}"><text x="{label_width - 8}" y="{y + 16}" text-anchor="end" '
                f'class="gwr-chart-label">{html_text(label)}</text></a>'
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" class="gwr-chart-bar"/>'
                f'<text x="{label_width + length + 6:.1f}" y="{y + 16}" class="gwr-chart-value">'
                f'{html_text(row.text)}</text>')
        return (f'<figure class="gwr-chart"><svg role="img" aria-labelledby="{ident}-title {ident}-desc" '
                f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
                f'<title id="{ident}-title">{html_text(title)}</title>'
                f'<desc id="{ident}-desc">{html_text(description)}</desc>{"".join(bars)}</svg>'
                f'<figcaption>{html_text(title)}</figcaption></figure>')

    # --- downloads ---------------------------------------------------------------------

    def rows(self, english_label: Callable[[Quantity], str]) -> list[dict]:
        result = []
        for q in self.quantities:
            scale = q.base_value / float(q.value)
            result.append({
                "id": q.id, "segment_id": q.segment_id, "period": q.period, "metric_zh": q.metric_zh,
                "metric_en": english_label(q), "comparator": q.comparator, "change": q.change, "value": q.value,
                "unit": q.unit,
                "from_value": q.from_value, "base_value": _number(q.base_value), "base_unit": q.base_unit,
                "from_base_value": _number(float(q.from_value) * scale) if q.from_value else "",
            })
        return result

    def csv_text(self, english_label: Callable[[Quantity], str]) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.rows(english_label))
        return "\ufeff" + out.getvalue()

    def json_text(self, english_label: Callable[[Quantity], str]) -> str:
        return json.dumps({"schema": "targets/1", "fields": CSV_FIELDS, "targets": self.rows(english_label)},
                          ensure_ascii=False, indent=1) + "\n"


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)
