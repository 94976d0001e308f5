"""The quantified statements as a language edition shows them: values, labels, tables, charts, downloads.

Values in English are formatted with Babel (RMB 60 billion, 1.2 million, 50,000; mu
with hectares); in Chinese they are shown as printed. The metric labels come from
translations/<lang>/targets.po, so editors can correct them like any translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import format_compact_decimal, format_decimal

from ..enrich.targets import Quantity
from ..source.model import Report, SectionKind
from .charts import Bar, ChartGroup, bar_chart
from .escape import Safe, link
from .labels import N_
from .language import EditionLanguage, strip_end
from .links import Links

CURRENCY = {"CNY": "RMB", "USD": "USD"}
# 人次 counts occasions and 单 requests of any kind; English has no one word for either, so the label says
# what is counted ("Foreign merchant visits", "Home-based elderly care services provided").
UNIT_EN = {
    "person-times": "", "persons": "people", "m²": "m²", "km²": "km²", "TEU": "TEU", "kW": "kW", "km": "km",
    "households": "households", "t": "metric tons", "orders": "", "vehicles": "vehicles", "items": "items",
    "times": "times",
}
COMPARATOR_EN = {">": "more than ", ">=": "at least ", "<=": "no more than ", "~": "about ", "=": "",
                 "growth": "growth of ", "decline": "decrease of "}
COMPARATOR_ZH = {">": ("超", ""), ">=": ("", "以上"), "<=": ("", "以内"), "~": ("", "左右"), "=": ("", ""),
                 "growth": ("增长", ""), "decline": ("下降", "")}
HECTARES_PER_MU = 1 / 15
KEY_TARGETS, KEY_ACHIEVEMENTS = 2, 1  # the home page's figures: what fits a phone's first screen with the tasks


@dataclass(frozen=True)
class Row:
    """One line of a targets table: a metric of one sentence with every figure the sentence gives for it."""

    label: str
    href: str  # the sentence
    value: str
    earlier: str = ""  # the figure at the start of the review, where the text gives one (从A增长至B)


@dataclass(frozen=True)
class Group:
    """The rows of one task (一是…) of a section, under the task's title ("" outside any task)."""

    heading: str
    rows: tuple[Row, ...]


@lru_cache(maxsize=4096)  # Babel takes a tenth of a millisecond a figure; a figure is shown on several pages
def english_number(value: float) -> str:
    if value >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale="en", fraction_digits=2)
    return format_decimal(value, locale="en")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class TargetView:
    def __init__(self, report: Report, quantities: list[Quantity], language: EditionLanguage, links: Links) -> None:
        self.report = report
        self.language = language
        self.zh = language.zh
        self.quantities = quantities
        self.links = links
        self._positions: dict[str, list[int]] = {}  # segment ID -> where its figures are in `quantities`
        for position, q in enumerate(quantities):
            self._positions.setdefault(q.segment_id, []).append(position)

    # --- one figure ------------------------------------------------------------------

    def label(self, q: Quantity) -> str:
        return self.language.plain(q.id, q.metric_zh or q.unit)

    def value(self, q: Quantity, start: bool = True) -> str:
        """The figure with its bound; in Chinese from→to as printed, unless start is False (the figure at the
        start of the review is shown apart, by change())."""
        comparator = "=" if q.change and q.comparator == q.change else q.comparator
        if self.zh:
            before, after = COMPARATOR_ZH[comparator]
            start = f"从{q.from_value}{q.unit}到" if q.from_value and start else ""
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
        """From → to, where the text gives both (the achievements of the review)."""
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

    def key_figures(self) -> tuple[list[Quantity], list[Quantity]]:
        """The home page's figures: the first headline targets of the year (reports state the economy's growth
        first) and the review's achievements, those stated from→to first and money before other units."""
        ranked = sorted(self.of_period("achievement"), key=lambda q: (not q.from_value, q.base_unit not in CURRENCY))
        firsts = {(q.segment_id, self.label(q)): q for q in reversed(ranked)}  # a metric of a sentence once
        achievements = [q for q in ranked if firsts[(q.segment_id, self.label(q))] is q]
        return self.headline()[:KEY_TARGETS], achievements[:KEY_ACHIEVEMENTS]

    # --- rows: each metric of a sentence once, grouped by task ------------------------------

    def rows(self, quantities: list[Quantity], from_slug: str) -> list[Row]:
        """One row per metric of a sentence: a label the sentence gives several figures (连跨1500亿、2000亿、
        2500亿元三个台阶) shows them in one row, and the same figure twice once."""
        merged: dict[tuple[str, str], list[Quantity]] = {}
        for q in quantities:
            merged.setdefault((q.segment_id, self.label(q)), []).append(q)
        join = self.language.list_separator.join
        return [Row(label, self.links.url(segment_id, from_slug), join(dict.fromkeys(self.value(q, False) for q in same)),
                    join(dict.fromkeys(filter(None, (self.change(q) for q in same)))))
                for (segment_id, label), same in merged.items()]

    def tasks(self, section_id: str, from_slug: str) -> list[Group]:
        """A section's figures under the title of their task, each title once, in the order of the text."""
        groups: list[Group] = []
        for block in self.report.section(section_id).blocks:
            positions = sorted(p for s in block.segments for p in self._positions.get(s.id, ()))
            found = [self.quantities[p] for p in positions]  # in the order of `quantities`, as they came
            if not found:
                continue
            heading = strip_end(self.language.plain(block.title_segment.id, block.title or "")) \
                if block.title_segment else ""
            rows = tuple(self.rows(found, from_slug))
            if groups and groups[-1].heading == heading:  # paragraphs outside any task: one group
                groups[-1] = Group(heading, groups[-1].rows + rows)
            else:
                groups.append(Group(heading, rows))
        return groups

    @staticmethod
    def group(rows: list[Row]) -> Group:
        """Rows outside any task, as one group."""
        return Group("", tuple(rows))

    # --- tables and charts -------------------------------------------------------------

    def task_title(self, segment_id: str) -> str:
        """The task (一是…) a sentence of an action belongs to, in this edition's language."""
        section = self.report.section(segment_id.split(".")[0])
        for block in section.blocks:
            if any(s.id == segment_id for s in block.segments) and block.title_segment:
                return strip_end(self.language.plain(block.title_segment.id, block.title or ""))
        return ""

    def comparison_chart(self, ident: str, title: str, quantities: list[Quantity], from_slug: str, earlier: str) -> Safe:
        """Each figure next to the one at the start of the review (从A增长至B), as bars: `earlier`, then now."""
        now = self.language.gettext(N_("现在"))
        groups = [ChartGroup(self.label(q), self.links.url(q.segment_id, from_slug), (
            Bar(earlier, q.base_value / float(q.value) * float(q.from_value), self.change(q)),
            Bar(now, q.base_value, self.value(q, False)))) for q in quantities if q.from_value]
        return Safe(bar_chart(ident, title, groups))

    def source_link(self, q: Quantity, from_slug: str) -> Safe:
        """The metric's label, linked to the sentence that states the figure."""
        return link(self.label(q), self.links.link(q.segment_id, from_slug))
