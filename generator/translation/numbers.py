"""Figures in a Chinese sentence and in its English translation, compared one by one.

Chinese: Arabic figures with their scale (1500亿 = 150,000,000,000; 342万 = 3,420,000;
1.2万亿), percentages (15%), percentage points (2个百分点), and Chinese numerals that count
something (三个, 五大, 二十届). English: figures with thousands separators and scale words
(150 billion, 3.42 million), percentages (15%, 15 percent), percentage points, number
words and ordinals (three, tenth), and month names (June = 6).

The check asks, figure by figure: is every figure of the Chinese in the English, as the
same kind of figure (a percentage is not a number of percentage points), and do the
percentages and percentage points come in the same order (two swapped rates keep the bag
of numbers intact but change the meaning)? And does a figure that counts occasions (人次: one person
trained twice counts twice) stay a count of occasions in the English ("20,000 training places", never
"20,000 trainees")?
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

PERCENT, POINTS, NUMBER = "percent", "percentage points", "number"
KIND_WORDS = {PERCENT: "a percentage", POINTS: "percentage points", NUMBER: "a number"}
ORDERED_KINDS = {PERCENT: "percentages", POINTS: "percentage-point figures"}  # rates: order tells which is which

_SCALE_ZH = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_FIGURE_ZH = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)?(%|个百分点)?")
_DIGITS_ZH = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Chinese numerals count something only before a measure word: 三个台阶, 五大工程, 二十届, 八次全会.
_NUMERAL_ZH = re.compile(r"([二两三四五六七八九十]{1,3})(?=[个项家次批条座所场年届大位倍类种件支台])")
_SCALE_EN = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_FIGURE_EN = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion|trillion)\b)?"
                        r"(\s*%|\s+per\s?cent\b|\s+percentage\s+points?\b)?", re.IGNORECASE)
_WORDS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "twentieth": 20, "double": 2, "twice": 2, "dual": 2,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
# The look-ahead (a word as long as those listed) spares trying every listed word at every word's start.
_WORD_EN = re.compile(rf"\b(?=\w{{{min(map(len, _WORDS_EN))},{max(map(len, _WORDS_EN))}}}\b)("
                      + "|".join(_WORDS_EN) + r")\b(\s+percentage\s+points?\b)?", re.IGNORECASE)
# Units that count occasions, not people: the English of such a figure names occasions within a few words of it.
OCCASION_UNITS = ("人次",)
OCCASION_WORDS = re.compile(r"\b(?:visits?|trips?|attendances?|places?|person-times?|entries|admissions|passages|"
                            r"foot\s+traffic)\b", re.IGNORECASE)
_WORDS_AFTER = 6  # how far after the figure the English may name what it counts ("20,000 free AI training places")


@dataclass(frozen=True)
class Figure:
    value: float
    kind: str  # PERCENT, POINTS or NUMBER
    at: int  # where it starts in its text (for the order)
    end: int = 0  # where it ends (the comparator check reads the words around it)
    unit: str = ""  # a Chinese figure's counting unit, where it counts occasions (人次)

    def __str__(self) -> str:
        if self.kind == PERCENT:
            return f"{shown(self.value)}%"
        return f"{shown(self.value)} percentage points" if self.kind == POINTS else shown(self.value)


@dataclass(frozen=True)
class NumberProblem:
    message: str


def chinese_numeral(text: str) -> int | None:
    """二十 -> 20, 十五 -> 15, 十 -> 10, 八 -> 8."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS_ZH.get(tens, 0) if tens else 1) * 10 + (_DIGITS_ZH.get(ones, 0) if ones else 0)
        return value if (not tens or tens in _DIGITS_ZH) and (not ones or ones in _DIGITS_ZH) else None
    return _DIGITS_ZH.get(text) if len(text) == 1 else None


def _normal(value: float) -> float:
    return round(value, 6)


def chinese_figures(text: str) -> list[Figure]:
    return list(_chinese_figures(text))


def english_figures(text: str) -> list[Figure]:
    return list(_english_figures(text))


# The same text is read by several checks (numbers, comparators, occasions, hedges, points): once is enough.
@lru_cache(maxsize=8192)
def _chinese_figures(text: str) -> tuple[Figure, ...]:
    figures = []
    for match in _FIGURE_ZH.finditer(text):
        value = float(match.group(1)) * _SCALE_ZH.get(match.group(2) or "", 1)
        kind = {"%": PERCENT, "个百分点": POINTS}.get(match.group(3) or "", NUMBER)
        unit = next((u for u in OCCASION_UNITS if text.startswith(u, match.end())), "")
        figures.append(Figure(_normal(value), kind, match.start(), match.end(), unit))
    for match in _NUMERAL_ZH.finditer(text):
        value = chinese_numeral(match.group(1))
        if value:
            figures.append(Figure(_normal(value), NUMBER, match.start(), match.end()))
    return tuple(sorted(figures, key=lambda f: f.at))


@lru_cache(maxsize=8192)
def _english_figures(text: str) -> tuple[Figure, ...]:
    figures = []
    for match in _FIGURE_EN.finditer(text):
        number = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        value = number * _SCALE_EN.get((match.group(3) or "").lower(), 1)
        figures.append(Figure(_normal(value), _english_kind(match.group(4)), match.start(), match.end()))
    for match in _WORD_EN.finditer(text):
        kind = POINTS if match.group(2) else NUMBER
        figures.append(Figure(_normal(_WORDS_EN[match.group(1).lower()]), kind, match.start(), match.end()))
    return tuple(sorted(figures, key=lambda f: f.at))


def _english_kind(suffix: str | None) -> str:
    if not suffix:
        return NUMBER
    return POINTS if "point" in suffix.lower() else PERCENT


def chinese_values(text: str) -> Counter:
    return Counter(f.value for f in chinese_figures(text))


def english_values(text: str) -> Counter:
    return Counter(f.value for f in english_figures(text))


def missing_numbers(chinese: str, english: str) -> list[float]:
    """Values of the Chinese that the English does not have as the same kind of figure."""
    return sorted(f.value for f in _missing(chinese_figures(chinese), english_figures(english)))


def _missing(source: list[Figure], target: list[Figure]) -> list[Figure]:
    available = Counter((f.value, f.kind) for f in target)
    missing = []
    for figure in source:
        if available[(figure.value, figure.kind)]:
            available[(figure.value, figure.kind)] -= 1
        else:
            missing.append(figure)
    return missing


def compare(chinese: str, english: str) -> list[NumberProblem]:
    """What is wrong with the figures of a translation, figure by figure."""
    source, target = chinese_figures(chinese), english_figures(english)
    problems = []
    english_kinds = {}
    for figure in target:
        english_kinds.setdefault(figure.value, figure.kind)
    for figure in _missing(source, target):
        other = english_kinds.get(figure.value)
        if other and other != figure.kind:
            problems.append(NumberProblem(f"{figure} is {KIND_WORDS[figure.kind]} in the Chinese, "
                                          f"{KIND_WORDS[other]} in the English"))
        else:
            problems.append(NumberProblem(f"the English lacks {figure} (from the Chinese)"))
    problems += unit_problems(chinese, english)
    if not problems:
        for kind, plural in ORDERED_KINDS.items():
            ordered_zh = [f.value for f in source if f.kind == kind]
            ordered_en = [f.value for f in target if f.kind == kind and f.value in ordered_zh]
            if sorted(ordered_zh) == sorted(ordered_en) and ordered_zh != ordered_en:
                problems.append(NumberProblem(
                    f"the {plural} come in another order: {', '.join(map(_fmt(kind), ordered_zh))} in the Chinese, "
                    f"{', '.join(map(_fmt(kind), ordered_en))} in the English — check each belongs to its indicator"))
    return problems


def unit_problems(chinese: str, english: str) -> list[NumberProblem]:
    """A figure of occasions (2万人次) that the English states without naming occasions after it: read as a
    count of people ("20,000 trainees"), it says fewer people are reached than the Chinese counts."""
    problems = []
    target = english_figures(english)
    for figure in chinese_figures(chinese):
        if not figure.unit:
            continue
        for said in (f for f in target if (f.value, f.kind) == (figure.value, figure.kind)):
            after = " ".join(english[said.end:].split()[:_WORDS_AFTER])
            if not OCCASION_WORDS.search(after):
                problems.append(NumberProblem(
                    f"{chinese[figure.at:figure.end]}{figure.unit} counts occasions (one person twice counts twice), "
                    f"but the English “{english[said.at:said.end]} {after}” does not name them (visits, attendances, "
                    f"training places …)"))
    return problems


def _fmt(kind: str):
    return lambda value: str(Figure(value, kind, 0))


def shown(value: float) -> str:
    return f"{value:,.6g}" if value < 10**6 else f"{value:,.0f}"
