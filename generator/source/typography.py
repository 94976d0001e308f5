"""Punctuation widths: ASCII , : ; ! ? ( ) inside Chinese prose become full-width.

Every replacement is one character for one character, so offsets into the text
(and therefore source line mappings) survive normalisation.
Numbers, Latin words and expressions such as 2.0, PM2.5, 4+4+X, R&D, 1,000 or 9:30
are left alone: a mark is converted only when a Chinese neighbour shows it is
Chinese punctuation.
"""

from __future__ import annotations

import re

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# Han ideographs plus CJK punctuation and full-width forms.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u2014]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK.match(char))


def is_han(char: str) -> bool:
    return bool(char) and bool(_HAN.match(char))


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest non-space character before (step=-1) or after (step=1) index."""
    i = index + step
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _bracket_pairs(text: str) -> dict[int, int]:
    """Matching ASCII ( ) positions, opening index -> closing index."""
    pairs, stack = {}, []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def normalise_punctuation(text: str) -> str:
    chars = list(text)
    for i, ch in enumerate(text):
        if ch in ",:;!?":
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            between_digits = before.isdigit() and after.isdigit()
            # 增长17.5%,130个…: after a percentage a comma is the prose's, even before a digit
            if not between_digits and (is_cjk(before) or is_cjk(after) or before == "%"):
                chars[i] = FULL_WIDTH[ch]
    for open_i, close_i in _bracket_pairs(text).items():
        inside = text[open_i + 1 : close_i]
        outside = _neighbour(text, open_i, -1) + _neighbour(text, close_i, 1)
        if any(is_han(c) for c in inside) or any(is_han(c) for c in outside):
            chars[open_i], chars[close_i] = "（", "）"
    # A lone bracket next to Chinese text is still Chinese punctuation.
    for i, ch in enumerate(chars):
        if ch in "()" and (is_cjk(_neighbour(text, i, -1)) or is_cjk(_neighbour(text, i, 1))):
            chars[i] = FULL_WIDTH[ch]
    return "".join(chars)
