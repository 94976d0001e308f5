"""Tokens of the search: the same rules at index time (here) and on the query (gwr-search.js).

Text is cut into units: a Chinese character, a number (1.2, 1,200,000 -> 1200000, 7%) or a Latin
word, lower-cased after NFKC (full-width letters and digits become ASCII). Words lose their
English stop words and are reduced to their Porter stem. A document is indexed under every
unit and under every pair of neighbouring units of which one is Chinese (中欧, 欧班, 班列,
600亿): overlapping bigrams, as Lucene's CJK bigram filter makes them. A query term then
needs all its bigrams, so 中欧班列 is found as typed, whatever segmenter a browser has.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from .porter import stem

# A Chinese character, a number with decimal point or thousands separators, or a Latin word.
UNIT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[0-9]+(?:[.,][0-9]+)*%?|[a-z]+")
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or such that the their this to was "
    "were which will with".split())


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def is_chinese(unit: str) -> bool:
    return bool(re.match(r"[\u3400-\u9fff\uf900-\ufaff]", unit))


def chains(text: str) -> list[list[str]]:
    """Runs of units not separated by anything but other units (punctuation and spaces end a run)."""
    result, current, end = [], [], 0
    for match in UNIT.finditer(normalise(text)):
        if current and match.start() != end:
            result.append(current)
            current = []
        unit = match.group(0)
        if unit[0] in "0123456789":
            unit = unit.replace(",", "")
        elif not is_chinese(unit):
            unit = "" if unit in STOP_WORDS else stem(unit)
        if unit:
            current.append(unit)
        else:  # a stop word ends the run, as punctuation does
            result.append(current)
            current = []
        end = match.end()
    if current:
        result.append(current)
    return [c for c in result if c]


def pairs(chain: list[str]) -> list[str]:
    """The bigrams of a run: neighbouring units of which one is Chinese."""
    return [a + b for a, b in zip(chain, chain[1:]) if is_chinese(a) or is_chinese(b)]


def index_tokens(text: str) -> Counter:
    """Every unit and every bigram of the text, with its count (a new Counter: callers add to it)."""
    return Counter(_index_tokens(text))


@lru_cache(maxsize=1 << 14)
def _index_tokens(text: str) -> Counter:
    # Kept: both editions' indexes hold some 4,000 texts, and a rebuild of `make serve` after one saved
    # sentence would stem them all again (most of the time an index takes).
    tokens: Counter = Counter()
    for chain in chains(text):
        tokens.update(chain)
        tokens.update(pairs(chain))
    return tokens


def query_tokens(text: str) -> list[str]:
    """What a document must contain to match: a run's bigrams, and its units that no bigram covers."""
    needed: list[str] = []
    for chain in chains(text):
        covered = set()
        for i, (a, b) in enumerate(zip(chain, chain[1:])):
            if is_chinese(a) or is_chinese(b):
                needed.append(a + b)
                covered.update((i, i + 1))
        needed.extend(unit for i, unit in enumerate(chain) if i not in covered)
    return list(dict.fromkeys(needed))
