"""Sentence splitting for Chinese prose, and words (jieba's, with its answers kept between runs).

A sentence ends after 。！？ (and any closing quotes that follow) when no quote or
bracket is open, so quoted and bracketed passages stay whole. Callers may force
extra breaks, e.g. where a task (一是/二是) begins after a comma.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from ..util.cache import AnswerFile, installed_version

OPENERS = "“‘（《「『【〔"
CLOSERS = "”’）》」』】〕"
TERMINALS = "。！？!?"


def quote_depths(text: str) -> list[int]:
    """Nesting depth of quotes/brackets before each character (never below zero)."""
    depths, depth = [], 0
    for ch in text:
        depths.append(depth)
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    return depths


def is_balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def sentence_spans(text: str, forced: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) spans covering text exactly; forced offsets always start a span."""
    respect_quotes = is_balanced(text)  # unbalanced text: quotes cannot guide us
    depths = quote_depths(text) if respect_quotes else [0] * len(text)
    breaks = set(forced)
    i = 0
    while i < len(text):
        if text[i] in TERMINALS and depths[i] == 0 or (
            respect_quotes and text[i] in CLOSERS and depths[i] == 1 and i > 0 and text[i - 1] in TERMINALS
        ):
            end = i + 1
            while end < len(text) and (text[end] in TERMINALS or text[end] in CLOSERS and not respect_quotes):
                end += 1
            breaks.add(end)
            i = end
        else:
            i += 1
    cuts = sorted(b for b in breaks if 0 < b < len(text))
    starts = [0, *cuts]
    ends = [*cuts, len(text)]
    return [(s, e) for s, e in zip(starts, ends) if e > s]


def first_at_depth_zero(text: str, stops: str, start: int) -> int:
    """Offset just after the first stop character outside quotes, or the end of text."""
    depths = quote_depths(text)
    for i in range(start, len(text)):
        if text[i] in stops and depths[i] == 0:
            return i + 1
    return len(text)


# Words: jieba's segmentation, for the notes on doubled characters (anomalies.py), the glossary's pinyin
# and the consistency of terms (their edges, their parts of speech). jieba's dictionary takes most of a
# second to load, and a build cuts the same texts every time: its answers are kept between runs (an
# AnswerFile per jieba version), and the dictionary is loaded only for a text it has not answered yet.
WORDS_LIMIT = 50_000  # answers kept, the most recent


def words(text: str, hmm: bool = True) -> list[str]:
    """jieba's words of text (jieba.lcut(text, HMM=hmm))."""
    return list(_answer(("h:" if hmm else "n:") + text, lambda tokenizer: tokenizer.lcut(text, HMM=hmm)))


def tags(text: str) -> list[tuple[str, str]]:
    """jieba's words of text with their parts of speech (jieba.posseg.lcut(text))."""
    return [(word, flag) for word, flag in _answer("t:" + text, lambda tokenizer: [
        [pair.word, pair.flag] for pair in _posseg(tokenizer).cut(text)])]


def is_word(text: str) -> bool:
    """text is a word of jieba's dictionary (with a frequency, not only the beginning of one)."""
    return bool(text) and _answer("w:" + text, lambda tokenizer: bool(tokenizer.FREQ.get(text)))


def _answer(question: str, ask):
    answers = _answers()
    answer = answers.get(question)
    if answer is None:
        answer = ask(_jieba())
        answers.put(question, answer)
    return answer


@lru_cache(maxsize=1)
def _answers() -> AnswerFile:
    version = installed_version("jieba")  # without importing jieba, which takes longer than finding an answer
    if version == "unknown":
        import jieba

        version = jieba.__version__
    return AnswerFile(f"jieba-{version}-words", WORDS_LIMIT, _is_answer)


def _is_answer(value) -> bool:
    """A bool (is_word), or a list of words (words) or of [word, flag] pairs (tags)."""
    return isinstance(value, bool) or isinstance(value, list) and all(
        isinstance(item, str) or isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)
        for item in value)


@lru_cache(maxsize=1)
def _jieba():
    """jieba's tokenizer with its own dictionary, loaded once and quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


def _posseg(tokenizer):
    import jieba.posseg

    return jieba.posseg.dt if jieba.posseg.dt.tokenizer is tokenizer else jieba.posseg.POSTokenizer(tokenizer)
