"""Editors' points against the sentences they cite: every figure a point states must be there.

A point (a key point in Chinese or English, a merchants or highlights point) restates what the report
says, so each of its figures must be a figure of the sentences it cites, as the same kind of figure
(a percentage is not a number of percentage points): 万/亿 scaled on both sides, so that 600亿元 is
RMB 60 billion. A point may leave figures out; it may not add or change one. Not compared: the hectares
given after mu (the house style: the editors' conversion), the figures of a glossary rendering of a term
the cited Chinese uses ("Four Bigs" for 大巡防、大排查、大整治、大化解), and the times every page of the report
is set in (its year, the plan's years, the review's span: "the past five years"). A Chinese point also
keeps the comparator of each figure it repeats (以上, 超过, 以内: 2家以上 is not 超2家); the English points'
comparators are checked with the other English (quality.py). Errors: a wrong figure is worse than no point.

First of all, each citation must still cite the Chinese it was written against: its fingerprint
(ID@fingerprint, enrich/citations.py) must be that of the sentence at its ID. If not, the sentence moved
(`gwr update` re-points the citation) or is gone (an editor re-cites): an error, never a silent guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from ..enrich.citations import Citation, Sentences
from ..enrich.editorial import Point
from ..enrich.facts import ReportFacts
from ..enrich.glossary import Glossary
from ..enrich.terms import ChineseMatcher, EnglishMatcher, matcher_key
from ..errors import ERROR, WARNING, Finding
from ..source.model import Report
from ..util.cache import AnswerFile, are_rows, code_version, content_key, from_rows, kept, row, rows
from .comparators import AT_LEAST, AT_MOST, MORE_THAN, chinese_comparators
from .numbers import KIND_WORDS, NUMBER, Figure, chinese_figures, chinese_numeral, english_figures

COMPARATOR_ZH = {AT_LEAST: "以上", MORE_THAN: "超过", AT_MOST: "以内"}
# What the cited Chinese may also say without Arabic figures, so that an English point may say it in words:
# 百万 (one million), 万亿级 (a trillion), 千亿 (100 billion), 首个 (the first), 双/两 (dual, two), 十四五 (14th).
_SCALED_WORD_ZH = re.compile(r"(?<![\d.])(百|千)?(万亿|亿|万)")
_SCALES_ZH = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "百": 100, "千": 1000}
_NUMERALS_ZH = re.compile(r"[一二两三四五六七八九十]+")
_WORD_VALUES_ZH = {"首": 1, "率先": 1, "双": 2, "两": 2, "倍": 2, "百": 100, "千": 1000}
# English: a number word before a scale word is one figure ("one million" = 1,000,000), and an area in
# hectares after mu is the editors' conversion.
_WORD_SCALE_EN = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\s+(thousand|million|billion)\b",
                            re.IGNORECASE)
_WORD_DIGITS = {w: str(i) for i, w in enumerate(("zero one two three four five six seven eight nine ten").split())}
_HECTARES = re.compile(r"\s*(?:hectares?|ha)\b", re.IGNORECASE)
_YEARS = re.compile(r"\s*(?:-\s*)?(?:years?\b|年)", re.IGNORECASE)  # "five years", "five-year", 五年


class PointChecker:
    """The report's sentences, times and glossary, read once for all the points."""

    def __init__(self, report: Report, facts: ReportFacts | None = None, glossary: Glossary | None = None) -> None:
        self.chinese_of = {segment.id: segment.text for segment in report.segments()}
        self.sentences = Sentences.of(report)
        self.years = {float(y) for y in ([facts.year, *(facts.plan_years or ())] if facts else [])}
        self.spans = {float(facts.review_years)} if facts and facts.review_years else set()
        self.terms = (ChineseMatcher(glossary), EnglishMatcher(glossary)) if glossary and glossary.terms else None

    def findings(self, points: Iterable[Point]) -> list[Finding]:
        return [finding for point in points for finding in self.check(point)]

    def check(self, point: Point) -> list[Finding]:
        found = self.pins(point)
        cited = "".join(self.chinese_of.get(source, "") for source in point.sources)
        if not cited:
            return found  # unknown IDs: the editorial loader reports them
        found += _figures(point, cited, self.figures(point, cited))
        if point.lang == "zh":
            found += _comparators(point, cited)
        return found

    def pins(self, point: Point) -> list[Finding]:
        """A citation without its fingerprint, or whose fingerprint is not that of the sentence at its ID."""
        found = []
        for ident, pin in zip(point.sources, point.pins):
            if ident not in self.chinese_of:
                continue  # unknown IDs: the editorial loader reports them
            now = f"{ident} now reads “{_short(self.chinese_of[ident])}”"
            if not pin:
                found.append(_finding(WARNING, "cited-sentence", point, f"{ident} is cited without the fingerprint "
                                      "of its Chinese, so it cannot follow the sentence when IDs shift",
                                      "run `gwr update`: it adds @fingerprint to every citation", ident))
                continue
            moved = self.sentences.locate(Citation(ident, pin))
            if not moved:
                found.append(_finding(ERROR, "cited-sentence", point, f"{ident}@{pin}: the sentence cited here is "
                                      f"no longer in the report (deleted, reworded or split); {now}",
                                      "run `gwr update` (it follows moved and split sentences); if this stays, check "
                                      "the point against the report and cite the sentence(s) it rests on now by ID "
                                      "alone, then run `gwr update` to add their fingerprints", ident))
            elif moved[0].id != ident:
                found.append(_finding(ERROR, "cited-sentence", point, f"{ident}@{pin}: the sentence cited here is now "
                                      f"{moved[0].id} (the IDs shifted); {now}",
                                      "run `gwr update`: it re-points the citation", ident))
        return found

    def figures(self, point: Point, cited: str) -> list[Figure]:
        """The figures a point states, read as the number check reads its language, less the times of the
        report, an English area in hectares and the figures of the cited terms' glossary renderings."""
        text = point.text
        if point.lang == "zh":
            figures = chinese_figures(text)
        else:
            text = _WORD_SCALE_EN.sub(lambda m: f"{_WORD_DIGITS[m.group(1).lower()]} {m.group(2)}", text)
            if self.terms:
                chinese, english = self.terms
                for term in {match.term.id: match.term for match in chinese.find(cited)}.values():
                    for form in english.forms_in(text, term):
                        text = re.sub(re.escape(form), lambda m: " " * len(m.group(0)), text, flags=re.IGNORECASE)
            figures = [f for f in english_figures(text) if not _HECTARES.match(text, f.end)]
        return [f for f in figures if not (f.kind == NUMBER and (f.value in self.years or f.value in self.spans
                                                                  and _YEARS.match(text, f.end)))]


def point_findings(points: Iterable[Point], report: Report, facts: ReportFacts | None = None,
                   glossary: Glossary | None = None) -> list[Finding]:
    """Every figure of every point that its cited sentences lack; for Chinese points, changed comparators.
    A point's findings are kept between runs by its content and that of what it is checked against (the
    report's sentences, its times, the glossary's forms, this code): an edited point is checked anew, the
    others are not (an edit of the report's text or of the glossary checks them all)."""

    @lru_cache(maxsize=1)
    def checker() -> PointChecker:  # made for the first point not kept: it reads the whole report
        return PointChecker(report, facts, glossary)

    stamp = content_key(code_version(), json.dumps([[s.id, s.text] for s in report.segments()], ensure_ascii=False),
                        repr((facts.year, facts.plan_years, facts.review_years) if facts else None),
                        matcher_key(glossary if glossary and glossary.terms else None))
    found = []
    for point in points:
        question = content_key(stamp, json.dumps(row(point), ensure_ascii=False))
        found += kept(_point_answers(), question, lambda: checker().check(point), rows,
                      lambda data: from_rows(Finding, data))
    return found


POINT_ANSWERS = 1_000  # answers kept, the most recent (a few times a report's points: the file is read on every run)


@lru_cache(maxsize=1)
def _point_answers() -> AnswerFile:
    return AnswerFile("checked-points", POINT_ANSWERS, lambda data: are_rows(Finding, data))


def cited_values(cited: str) -> set[tuple[float, str]]:
    """The figures of the cited Chinese as (value, kind), with those it says in words."""
    values = {(f.value, f.kind) for f in chinese_figures(cited)}
    for match in _SCALED_WORD_ZH.finditer(cited):
        values.add((float(_SCALES_ZH.get(match.group(1) or "", 1) * _SCALES_ZH[match.group(2)]), NUMBER))
    for match in _NUMERALS_ZH.finditer(cited):
        run = match.group(0)
        for start in range(len(run)):
            for end in range(start + 1, min(len(run), start + 3) + 1):
                value = chinese_numeral(run[start:end]) if run[start:end] != "一" else 1
                if value:
                    values.add((float(value), NUMBER))
    for word, value in _WORD_VALUES_ZH.items():
        if word in cited:
            values.add((float(value), NUMBER))
    return values


def _figures(point: Point, cited: str, figures: list[Figure]) -> list[Finding]:
    available = cited_values(cited)
    kinds: dict[float, str] = {}
    for value, kind in sorted(available):
        kinds.setdefault(value, kind)
    found = []
    for figure in figures:
        if (figure.value, figure.kind) in available:
            continue
        other = kinds.get(figure.value)
        if other:
            message = (f"{figure} is {KIND_WORDS[figure.kind]} in the point but {KIND_WORDS[other]} in the "
                       f"sentence it cites")
        else:
            message = f"{figure} is not a figure of the sentence(s) it cites"
        found.append(_finding(ERROR, "point-numbers", point, message,
                              "state the figure as the cited sentence has it (万/亿: 600亿元 = RMB 60 billion), "
                              "cite the sentence that has it, or leave it out"))
    return found


def _comparators(point: Point, cited: str) -> list[Finding]:
    """A figure the point repeats keeps its threshold: 以上 stays 以上, 超 stays 超, 以内 stays 以内. A figure
    the cited Chinese also says without one (10个片区 beside 10个以上) may stand bare."""
    said_in_source: dict[tuple[float, str], set[str]] = {}
    with_comparator = set()
    for figure, kind in chinese_comparators(cited):
        said_in_source.setdefault((figure.value, figure.kind), set()).add(kind)
        with_comparator.add(figure.at)
    figures = chinese_figures(cited)
    plain = {(f.value, f.kind) for f in figures}
    bare = {(f.value, f.kind) for f in figures if f.at not in with_comparator}
    said_here = {figure.at: kind for figure, kind in chinese_comparators(point.text)}
    found = []
    for figure in chinese_figures(point.text):
        key = (figure.value, figure.kind)
        if key not in plain:
            continue  # a figure of another kind or missing: reported as such
        source, here = said_in_source.get(key, set()), said_here.get(figure.at)
        wanted = "、".join(COMPARATOR_ZH[k] for k in sorted(source))
        if here and source and here not in source:
            found.append(_finding(ERROR, "point-comparators", point,
                                  f"{figure} is “{COMPARATOR_ZH[here]}” in the point but “{wanted}” in the "
                                  "sentence it cites", "keep the cited sentence's comparator (以上 includes the "
                                  "figure, 超过 does not)"))
        elif here is None and source and key not in bare:
            found.append(_finding(WARNING, "point-comparators", point,
                                  f"{figure} has “{wanted}” in the sentence it cites but no comparator in the point",
                                  "keep the threshold as the report words it (…以上, 超…, …以内)"))
    return found


def _finding(severity: str, check: str, point: Point, message: str, fix: str, cited: str = "") -> Finding:
    """A finding at the point's line, on all its citations (figures) or on the one in question (`cited`)."""
    if cited:
        return Finding(severity, check, point.file, point.line, message, fix, cited)
    ident = ", ".join(point.sources)
    return Finding(severity, check, point.file, point.line, f"{ident}: {message}", fix, ident)


def _short(chinese: str, length: int = 30) -> str:
    return chinese if len(chinese) <= length else chinese[:length] + "…"
