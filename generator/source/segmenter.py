"""Sentence splitting for Chinese prose.

A sentence ends after 。！？ (and any closing quotes that follow) when no quote or
bracket is open, so quoted and bracketed passages stay whole. Callers may force
extra breaks, e.g. where a task (一是/二是) begins after a comma.
"""

from __future__ import annotations

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
