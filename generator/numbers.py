"""Numbers in a Chinese sentence and in its English translation, as comparable values.

Chinese: Arabic figures with their scale (1500亿 = 150,000,000,000; 342万 = 3,420,000;
1.2万亿), percentages, and Chinese numerals that count something (三个, 十大, 二十届).
English: figures with thousands separators and scale words (150 billion, 3.42 million),
percentages, number words and ordinals (three, tenth), and month names (June = 6).
The check asks: is every value of the Chinese also a value of the English?
"""

from __future__ import annotations

import re
from collections import Counter

_SCALE_ZH = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_FIGURE_ZH = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)?")
_DIGITS_ZH = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Chinese numerals count something only before a measure word: 三个台阶, 十大行动, 二十届, 八次全会.
_NUMERAL_ZH = re.compile(r"([二两三四五六七八九十]{1,3})(?=[个项家次批条座所场年届大位倍类种件支台])")
_SCALE_EN = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_FIGURE_EN = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion|trillion)\b)?")
_WORDS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "twentieth": 20, "double": 2, "twice": 2, "dual": 2,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
_WORD_EN = re.compile(r"\b(" + "|".join(_WORDS_EN) + r")\b", re.IGNORECASE)


def chinese_numeral(text: str) -> int | None:
    """二十 -> 20, 十五 -> 15, 十 -> 10, 八 -> 8."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS_ZH.get(tens, 0) if tens else 1) * 10 + (_DIGITS_ZH.get(ones, 0) if ones else 0)
        return value if (not tens or tens in _DIGITS_ZH) and (not ones or ones in _DIGITS_ZH) else None
    return _DIGITS_ZH.get(text) if len(text) == 1 else None


def _normal(value: float) -> float:
    return round(value, 6)


def chinese_values(text: str) -> Counter:
    values: Counter = Counter()
    for match in _FIGURE_ZH.finditer(text):
        value = float(match.group(1)) * _SCALE_ZH.get(match.group(2) or "", 1)
        values[_normal(value)] += 1
    for match in _NUMERAL_ZH.finditer(text):
        value = chinese_numeral(match.group(1))
        if value:
            values[_normal(value)] += 1
    return values


def english_values(text: str) -> Counter:
    values: Counter = Counter()
    for match in _FIGURE_EN.finditer(text):
        number = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        values[_normal(number * _SCALE_EN.get((match.group(3) or "").lower(), 1))] += 1
    for match in _WORD_EN.finditer(text):
        values[_normal(_WORDS_EN[match.group(1).lower()])] += 1
    return values


def missing_numbers(chinese: str, english: str) -> list[float]:
    """Values of the Chinese that the English does not have (as often as they occur)."""
    missing = chinese_values(chinese) - english_values(english)
    return sorted(missing.elements())


def shown(value: float) -> str:
    return f"{value:,.6g}" if value < 10**6 else f"{value:,.0f}"
