"""Thresholds: does the English keep the Chinese comparator of every figure?

N以上 (and 不少于, 不低于) includes N: "at least N" or "N or more", never "more than N", which moves a
threshold of 2 to 3. 超过 / 突破 / 超 exclude it: "more than", "over", "exceed". N以内 / 以下 / 不超过
include it: "within", "up to", "no more than", never "less than". The Chinese figure is found with its
English twin by value (万/亿 scaled, as the number check does) and the words around each are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUMBER, PERCENT, Figure, chinese_figures, english_figures, shown

AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN = "at least", "more than", "at most", "less than"

# Chinese: after the figure (a measure word or unit may come between) or before it.
_ZH_AFTER = {AT_LEAST: re.compile(r"[^\d，。；：、,;:]{0,5}?(?:及|或)?以上"),
             AT_MOST: re.compile(r"[^\d，。；：、,;:]{0,5}?(?:及|或)?(?:以下|以内)")}
_ZH_BEFORE = {AT_LEAST: re.compile(r"(?:不少于|不低于|至少)$"),
              MORE_THAN: re.compile(r"(?:超过|超|突破|逾|高于|多于)$"),
              AT_MOST: re.compile(r"(?:不超过|不高于|不多于|控制在|至多)$")}
# English: before the figure ("more than RMB 60 billion") or after it ("two or more").
# Negated forms first: "no more than" must not be read as "more than".
_EN_BEFORE = [(AT_LEAST, r"at least|no less than|not less than|no fewer than|not fewer than|a minimum of"),
              (AT_MOST, r"up to|no more than|not more than|within|at most|not exceeding|a maximum of"),
              (MORE_THAN, r"more than|over|above|exceed(?:s|ed|ing)?|in excess of|upwards of|surpass(?:es|ed|ing)?"),
              (LESS_THAN, r"less than|fewer than|under|below")]
_EN_BEFORE_RE = [(kind, re.compile(rf"\b(?:{words})\s+(?:(?:RMB|USD|US\$|\$|the|some|about|around)\s*)?$", re.IGNORECASE))
                 for kind, words in _EN_BEFORE]
_EN_AFTER_RE = [(AT_LEAST, re.compile(r"^(?:\s+[\w-]+){0,3}?\s+or (?:more|above|over|higher|greater)\b", re.I)),
                (AT_MOST, re.compile(r"^(?:\s+[\w-]+){0,3}?\s+or (?:less|fewer|below|under)\b", re.I))]
# What each Chinese comparator may be rendered as, and the renderings that change its meaning.
ACCEPTED = {AT_LEAST: {AT_LEAST}, MORE_THAN: {MORE_THAN}, AT_MOST: {AT_MOST}}
WRONG = {AT_LEAST: {MORE_THAN}, MORE_THAN: {AT_LEAST}, AT_MOST: {LESS_THAN}}
SMALL_COUNT = 100  # below this, "more than N" for N以上 visibly moves the threshold (2 -> 3)


@dataclass(frozen=True)
class ComparatorProblem:
    figure: str  # as the Chinese has it: 2, 30%
    chinese: str  # AT_LEAST, MORE_THAN or AT_MOST
    english: str | None  # what the English says (None: no comparator at all)
    serious: bool  # a small count whose threshold moves


def chinese_comparators(text: str) -> list[tuple[Figure, str]]:
    found = []
    for figure in chinese_figures(text):
        before, after = text[max(0, figure.at - 3):figure.at], text[figure.end:figure.end + 8]
        kind = next((k for k, p in _ZH_AFTER.items() if p.match(after)), None) or \
            next((k for k, p in _ZH_BEFORE.items() if p.search(before)), None)
        if kind:
            found.append((figure, kind))
    return found


def english_comparator(text: str, figure: Figure) -> str | None:
    before, after = text[:figure.at], text[figure.end:]
    for kind, pattern in _EN_BEFORE_RE:
        if pattern.search(before):
            return kind
    return next((kind for kind, pattern in _EN_AFTER_RE if pattern.match(after)), None)


def compare_comparators(chinese: str, english: str) -> list[ComparatorProblem]:
    problems = []
    english_figs = english_figures(english)
    for figure, wanted in chinese_comparators(chinese):
        twins = [f for f in english_figs if f.value == figure.value and (f.kind == figure.kind or figure.kind == NUMBER)]
        if not twins:
            continue  # the number check reports a missing figure
        said = [english_comparator(english, twin) for twin in twins]
        if any(s in ACCEPTED[wanted] for s in said):
            continue
        wrong = next((s for s in said if s in WRONG[wanted]), None)
        if wrong is None and wanted == MORE_THAN:
            continue  # "突破1500亿" as "crossed RMB 150 billion": a verb we do not list is fine
        small = figure.kind == NUMBER and figure.value < SMALL_COUNT and figure.value == int(figure.value)
        label = f"{shown(figure.value)}%" if figure.kind == PERCENT else shown(figure.value)
        problems.append(ComparatorProblem(label, wanted, wrong, serious=wanted == AT_LEAST and wrong is not None and small))
    return problems
