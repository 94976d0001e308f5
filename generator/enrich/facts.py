"""What is particular to one report, from seeds/report.yaml and its text: its year, how many years its
review looks back on, its five-year plan (number and years) and the names of its numbered formulas.

The rules are the genre's, so nothing here names a report; report.yaml says what the text cannot
(review_years, plan_period, plan_years) and wins over what the text suggests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source.ingest import cn_number
from ..source.model import Part, PartKind, Report, Section, SectionKind
from ..source.seedmeta import PLAN_PERIOD

# The name of a numbered formula a paragraph introduces: a count, a measure word, what is counted.
FORMULA_NAME = re.compile(r"“([一二三四五六七八九十]+[个大项][\u4e00-\u9fff]{1,4})”")
_COUNT = re.compile(r"[一二三四五六七八九十]+")
# How far back a review looks: 过去五年, 近五年, 五年来 (一年来 …), or a span of years 2021—2025年.
SPAN_WORDS = re.compile(r"(?:过去|近)([一二三四五六七八九十两]+)年|([一二三四五六七八九十两]+)年来")
YEAR_SPAN = re.compile(r"((?:19|20)\d\d)\s*[—–\-～~至到]+\s*((?:19|20)\d\d)年")
ONE_YEAR = re.compile(r"(?:19|20)\d\d年")
# A plan period named in a heading or the text: “十四五”.
PLAN_IN_TEXT = re.compile(r"“([一二三四五六七八九十]+五)”")
# The third five-year plan began in 1966 and every plan since has run five years (the n-th: 1966 + 5·(n−3)).
THIRD_PLAN_START, PLAN_LENGTH = 1966, 5
REVIEW_OPENING = 3  # paragraphs at the start of the review read for its span
# Quantified statements by the role of the part they are in (targets.py): figures of the review are
# achievements, of the plan goals for its last year, of the year's work targets for the year.
ACHIEVEMENT, OTHER = "achievement", "other"


@dataclass(frozen=True)
class ReportFacts:
    year: int
    review_years: int | None  # None: the report has no review
    plan_period: str  # as reports write it (十四五); "" when unknown
    plan_number: int | None  # the plan's number (14)
    plan_years: tuple[int, int] | None  # first and last year of the plan
    formulas: dict[SectionKind, str] = field(default_factory=dict)  # the name a numbered list goes by, per kind

    @property
    def target_period(self) -> str:
        return f"target-{self.year}"

    @property
    def goal_period(self) -> str:
        return f"goal-{self.plan_years[1]}" if self.plan_years else "goal"

    def period(self, role: PartKind) -> str:
        """The period of the figures in a part of this role."""
        return {PartKind.REVIEW: ACHIEVEMENT, PartKind.PLAN: self.goal_period,
                PartKind.WORK_PLAN: self.target_period}.get(role, OTHER)


def report_facts(report: Report) -> ReportFacts:
    meta = report.meta
    plan_period = meta.plan_period or _plan_in_text(report)
    plan_number = cn_number(PLAN_PERIOD.fullmatch(plan_period).group("number")) if plan_period else None
    plan_years = meta.plan_years or (plan_years_of(plan_number) if plan_number else None)
    return ReportFacts(meta.year, _review_years(report), plan_period, plan_number, plan_years, _formulas(report))


def plan_years_of(number: int) -> tuple[int, int]:
    """The first and last year of the n-th five-year plan: the 14th is 2021–2025 in the genre's reckoning."""
    start = THIRD_PLAN_START + PLAN_LENGTH * (number - 3)
    return start, start + PLAN_LENGTH - 1


def _parts(report: Report, role: PartKind) -> list[Part]:
    return [part for part in report.parts if part.kind is role]


def _plan_in_text(report: Report) -> str:
    """The plan the report's plan part names in its heading or its first paragraph, if it has one."""
    for part in _parts(report, PartKind.PLAN):
        opening = [part.title or "", *(s.text for s in list(part.segments())[:3])]
        found = PLAN_IN_TEXT.search("".join(opening))
        if found:
            return found.group(1)
    return ""


def _review_years(report: Report) -> int | None:
    """How many years the review looks back on: report.yaml, else its heading, else its first paragraphs."""
    reviews = _parts(report, PartKind.REVIEW)
    if report.meta.review_years or not reviews:
        return report.meta.review_years
    review = reviews[0]
    if review.title:
        from_heading = _span_of_heading(review.title)
        if from_heading:
            return from_heading
    paragraphs = sorted({s.paragraph for s in review.segments()})[:REVIEW_OPENING]
    return _span_words("".join(report.paragraphs[i] for i in paragraphs)) or 1


def _span_of_heading(title: str) -> int | None:
    """2021—2025年…: five; 过去五年… or “十四五”时期…: five; 2025年工作回顾: one; else unknown."""
    years = YEAR_SPAN.search(title)
    if years:
        return int(years.group(2)) - int(years.group(1)) + 1
    span = _span_words(title) or (PLAN_LENGTH if PLAN_IN_TEXT.search(title) else None)
    return span or (1 if ONE_YEAR.search(title) else None)


def _span_words(text: str) -> int | None:
    found = SPAN_WORDS.search(text)
    if not found:
        return None
    return _number((found.group(1) or found.group(2)).replace("两", "二"))


def _number(numeral: str) -> int | None:
    try:
        return cn_number(numeral)
    except ValueError:  # not a numeral as reports write them (一二)
        return None


def _formulas(report: Report) -> dict[SectionKind, str]:
    """The name each kind of numbered item goes by in the text that introduces the list (exemplars, actions)."""
    found = {}
    for kind in (SectionKind.EXEMPLAR, SectionKind.ACTION):
        items = report.sections_of_kind(kind)
        name = _formula_before(report, items[0], len(items)) if items else None
        if name:
            found[kind] = name
    return found


def _formula_before(report: Report, first: Section, count: int) -> str | None:
    """In the sections before the list's first item (nearest first): the name whose count is the list's
    length, else the last name of the nearest section that has one."""
    part = next(p for p in report.parts if first in p.sections)
    before = part.sections[: part.sections.index(first)]
    texts = ["".join(s.text for s in section.segments()) for section in reversed(before)]
    names = [FORMULA_NAME.findall(text) for text in texts]
    for name in (n for found in names for n in reversed(found)):
        if _number(_COUNT.match(name).group(0)) == count:
            return name
    return next((found[-1] for found in names if found), None)
