"""Tokens of the search: the same rules at index time (here) and on the query (gwr-search.js).

Text is cut into units: a Chinese character, a number (1.2, 1,200,000 -> 1200000, 7%) or a Latin
word, lower-cased after NFKC (full-width letters and digits become ASCII). Words lose their
English stop words and are reduced to their Porter stem. A document is indexed under every
unit and under every pair of neighbouring units of which one is Chinese (中欧, 欧班, 班列,
600亿): overlapping bigrams, as Lucene's CJK bigram filter makes them. A query term then
needs all its bigrams, so 中欧班列 is found as typed, whatever segmenter a browser has.

Hyphen, spacing and case variants are the same word: words joined by hyphens are indexed under
each word and under every run of them written as one (e-commerce: e, commerc and ecommerc), and a
query joins them as one (E-Commerce and ecommerce ask for ecommerc; e commerce for e and commerc,
which e-commerce has). Where no page holds a query, the browser tries it with two neighbouring
words written as one (query_variants: live streaming -> livestreaming).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache

from ...util.cache import AnswerFile, code_version, content_key, kept
from .porter import stem

# A Chinese character, a number with decimal point or thousands separators, or a Latin word (the group
# that matched tells which).
UNIT = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])|([0-9]+(?:[.,][0-9]+)*%?)|([a-z]+)")
CHINESE, NUMBER = 1, 2
RUN = re.compile(rf"(?:{UNIT.pattern})+")  # units one after the other: a chain, but for its stop words
CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
HYPHEN = re.compile(r"[-\u2010\u2011]")
HYPHENATED = re.compile(r"[a-z]+(?:[-\u2010\u2011][a-z]+)+")  # in normalised text: e-commerce, sea-rail-road
SPACED = re.compile(r"(?<=[a-z])[\t\n\r ]+(?=[a-z])")  # between two words of a query
LAST_WORD, FIRST_WORD = re.compile(r"[a-z]+$"), re.compile(r"[a-z]+")
MAX_VARIANTS = 4
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or such that the their this to was "
    "were which will with".split())


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def is_chinese(unit: str) -> bool:
    """The unit starts with a Chinese character (UNIT's first group)."""
    return bool(unit) and ("\u3400" <= unit[0] <= "\u9fff" or "\uf900" <= unit[0] <= "\ufaff")


@lru_cache(maxsize=1 << 14)
def _word(word: str) -> str:
    """A Latin word as indexed: its stem, or "" for a stop word."""
    return "" if word in STOP_WORDS else stem(word)


def chains(text: str) -> list[list[str]]:
    """Runs of units not separated by anything but other units (punctuation and spaces end a run)."""
    return _chains(normalise(text))


def _chains(normal: str) -> list[list[str]]:
    result = []
    for run in RUN.finditer(normal):
        text = run.group(0)
        if CHINESE_RUN.fullmatch(text):  # most of them: one unit a character
            result.append(list(text))
            continue
        if text.isascii() and text.isalpha():  # one Latin word (English: most runs)
            word = _word(text)
            if word:
                result.append([word])
            continue
        current = []
        for match in UNIT.finditer(text):
            unit, kind = match.group(0), match.lastindex
            if kind == NUMBER:
                unit = unit.replace(",", "")
            elif kind != CHINESE:
                unit = _word(unit)
            if unit:
                current.append(unit)
            elif current:  # a stop word ends the run, as punctuation does
                result.append(current)
                current = []
        if current:
            result.append(current)
    return result


def compounds(text: str) -> list[str]:
    """Every run of two or more hyphen-joined words written as one and stemmed: e-commerce -> ecommerc;
    sea-rail-road -> searail, searailroad, railroad."""
    return _compounds(normalise(text))


def _compounds(normal: str) -> list[str]:
    result = []
    if not HYPHEN.search(normal):
        return result
    for match in HYPHENATED.finditer(normal):
        words = HYPHEN.split(match.group(0))
        for start in range(len(words) - 1):
            for end in range(start + 2, len(words) + 1):
                joined = "".join(words[start:end])
                if joined not in STOP_WORDS:
                    result.append(stem(joined))
    return result


def join_hyphens(text: str) -> str:
    """The text normalised, hyphen-joined words written as one (what a query asks for)."""
    return HYPHENATED.sub(lambda match: HYPHEN.sub("", match.group(0)), normalise(text))


def pairs(chain: list[str]) -> list[str]:
    """The bigrams of a run: neighbouring units of which one is Chinese."""
    if len(chain) < 2:
        return []
    chinese = [is_chinese(unit) for unit in chain]
    return [chain[i - 1] + chain[i] for i in range(1, len(chain)) if chinese[i - 1] or chinese[i]]


def index_tokens(text: str) -> Counter:
    """Every unit and every bigram of the text, with its count (a new Counter: callers add to it)."""
    return Counter(_index_tokens(text))


@contextmanager
def kept_tokens(edition: str):
    """Within the block, index_tokens keeps its answers between runs too (util/cache.py), in a file of the
    edition's: tokenising and stemming every text again took most of the time an index takes."""
    _kept.append(_answers(edition))
    try:
        yield
    finally:
        _kept.pop()


_kept: list[AnswerFile] = []  # the answers of the edition whose index is being made (kept_tokens)
TOKEN_ANSWERS = 60_000  # the most recent kept, per edition


@lru_cache(maxsize=None)
def _answers(edition: str) -> AnswerFile:
    return AnswerFile(f"search-tokens-{edition}", TOKEN_ANSWERS, _are_tokens)


def _are_tokens(answer) -> bool:
    """Token -> count, as _tokens_of counts them (a JSON object keeps its keys' order: the Counter's)."""
    return isinstance(answer, dict) and all(type(count) is int for count in answer.values())


@lru_cache(maxsize=1 << 14)
def _index_tokens(text: str) -> Counter:
    # Kept: both editions' indexes hold some 4,000 texts, and a rebuild of `make serve` after one saved
    # sentence would stem them all again (most of the time an index takes).
    if not _kept:
        return _tokens_of(text)
    question = content_key(code_version(), text)  # the code: another tokeniser or stemmer, other tokens
    return kept(_kept[-1], question, lambda: _tokens_of(text), dict, Counter)  # in the order they were counted


def _tokens_of(text: str) -> Counter:
    normal = normalise(text)
    units_then_pairs: list[str] = []  # chain by chain, the units then the pairs: the Counter's order
    for chain in _chains(normal):
        units_then_pairs += chain
        if len(chain) > 1:
            units_then_pairs += pairs(chain)
    tokens = Counter(units_then_pairs)  # counted in one pass (C), not chain by chain
    joined = _compounds(normal)
    if joined:  # and what a query asks for next to them: 赋能e-commerce -> 能ecommerc
        tokens.update(joined)
        tokens.update(p for chain in chains(join_hyphens(text)) for p in pairs(chain) if p not in tokens)
    return tokens


def query_tokens(text: str) -> list[str]:
    """What a document must contain to match: a run's bigrams, and its units that no bigram covers
    (hyphen-joined words as one)."""
    needed: list[str] = []
    for chain in chains(join_hyphens(text)):
        covered = set()
        for i, (a, b) in enumerate(zip(chain, chain[1:])):
            if is_chinese(a) or is_chinese(b):
                needed.append(a + b)
                covered.update((i, i + 1))
        needed.extend(unit for i, unit in enumerate(chain) if i not in covered)
    return list(dict.fromkeys(needed))


def query_variants(text: str) -> list[str]:
    """The query with two neighbouring words written as one, one pair at a time (live streaming ->
    livestreaming), for a query no page holds as typed; pairs with a stop word are left apart."""
    joined = join_hyphens(text)
    result = []
    for match in SPACED.finditer(joined):
        before, after = joined[:match.start()], joined[match.end():]
        left, right = LAST_WORD.search(before).group(0), FIRST_WORD.match(after).group(0)
        if left not in STOP_WORDS and right not in STOP_WORDS:
            result.append(before + after)
    return result[:MAX_VARIANTS]
