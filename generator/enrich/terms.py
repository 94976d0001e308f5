"""Enrich: find the glossary's terms in the text, in Chinese and in English.

Chinese: at each position the longest form that matches wins, and matches never
overlap (全球数贸中心 beats 数贸中心). A form made of Latin letters or digits (4+1,
132) only matches where it is not part of a longer number or word. English: the
preferred rendering and its accepted variants, case-insensitive, on word boundaries,
with straight and curly quotes treated alike; the longest match wins there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .glossary import Glossary, Term
from ..source.model import Report

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_QUOTES = "'\"‘’“”"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


class ChineseMatcher:
    def __init__(self, glossary: Glossary) -> None:
        self.forms: dict[str, list[tuple[str, Term]]] = {}
        for term in glossary.terms:
            for form in term.zh_forms:
                self.forms.setdefault(form[0], []).append((form, term))
        for candidates in self.forms.values():
            candidates.sort(key=lambda item: -len(item[0]))  # longest first

    def find(self, text: str) -> list[Match]:
        matches, at = [], 0
        while at < len(text):
            match = self._longest_at(text, at)
            if match:
                matches.append(match)
                at = match.end
            else:
                at += 1
        return matches

    def _longest_at(self, text: str, at: int) -> Match | None:
        for form, term in self.forms.get(text[at], ()):
            end = at + len(form)
            if text.startswith(form, at) and _bounded(text, at, end):
                return Match(at, end, term)
        return None


def _bounded(text: str, start: int, end: int) -> bool:
    """A form starting or ending in a Latin letter or digit must not continue a longer number or word."""
    if _ASCII_WORD.match(text[start]) and start > 0 and _ASCII_WORD.match(text[start - 1]):
        return False
    if _ASCII_WORD.match(text[end - 1]) and end < len(text) and _ASCII_WORD.match(text[end]):
        return False
    return True


class EnglishMatcher:
    def __init__(self, glossary: Glossary) -> None:
        unique = {(form, term.id): term for term in glossary.terms for form in term.en_forms}
        # Longest first, so that the alternation prefers "Hangzhou West Railway Station" to "Hangzhou".
        self.forms = sorted(((form, term) for (form, _), term in unique.items()), key=lambda item: -len(item[0]))
        self.keys = [_needle(form) for form, _ in self.forms]

    def find(self, text: str) -> list[Match]:
        """The forms in the text, left to right, as one alternation of them longest first would find them:
        at the leftmost place where any form starts, the longest that matches there, then on after it."""
        folded = text.casefold()
        candidates = [i for i, key in enumerate(self.keys) if key in folded]  # cheap pre-filter
        starts = {}  # where a candidate matches: start -> (its place in the alternation, end)
        for i in candidates:
            for start, end in _all_matches(_form_regex(self.forms[i][0]), text):
                if start not in starts or i < starts[start][0]:
                    starts[start] = (i, end)
        found, after = [], 0
        for start in sorted(starts):
            if start >= after:
                i, after = starts[start]
                found.append(Match(start, after, self.forms[i][1]))
        return found

    def contains(self, text: str, term: Term) -> bool:
        folded = text.casefold()
        return any(_needle(form) in folded and _form_regex(form).search(text) for form in term.en_forms)

    def forms_in(self, text: str, term: Term) -> list[str]:
        """The term's renderings used in the text, in order; a form inside a longer one used at the same
        place ("Railway Express" in "China-Europe Railway Express") does not count on its own."""
        folded = text.casefold()
        spans = [(m.start(), m.end(), form) for form in term.en_forms if _needle(form) in folded
                 for m in _form_regex(form).finditer(text)]
        kept = [(start, form) for start, end, form in spans
                if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)]
        return list(dict.fromkeys(form for _, form in sorted(kept)))


def _all_matches(pattern: re.Pattern, text: str):
    """(start, end) of the pattern's match at every place it matches, overlapping ones included."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        yield match.start(), match.end()
        at = match.start() + 1


@lru_cache(maxsize=None)
def _needle(form: str) -> str:
    """A piece every match of the form holds, case-folded: its longest word (quotes and spaces between words
    may vary; a final consonant + y may read ies)."""
    words = re.split(rf"[\s{re.escape(_QUOTES)}]+", form.casefold())
    if re.search(r"[^aeiou]y$", words[-1]):
        words[-1] = words[-1][:-1]
    return max(words, key=len)


@lru_cache(maxsize=None)
def _form_regex(form: str) -> re.Pattern:
    """Compiled once per form: the glossary has more forms than re's own cache holds."""
    return re.compile(_form_pattern(form), re.IGNORECASE)


def _form_pattern(form: str) -> str:
    quote = f"[{re.escape(_QUOTES)}]"
    pattern = "".join(quote if c in _QUOTES else re.escape(c) for c in form)
    # Between words, a quote may open or close a name: “Four Bigs” public security campaign.
    pattern = re.sub(r"(\\ )+", lambda _: f"{quote}?\\s+{quote}?", pattern)
    before = r"(?<![\w])" if re.match(r"\w", form) else ""
    after = r"(?![\w])" if re.search(r"\w$", form) else ""
    if re.search(r"[^aeiouAEIOU]y$", form):  # city -> cities
        return before + pattern[:-1] + "(?:y|ies)" + after
    plural = "(?:e?s)?" if re.search(r"[A-Za-z]$", form) else ""  # TEU -> TEUs, hub -> hubs
    return before + pattern + plural + after


@dataclass(frozen=True)
class Occurrence:
    term: Term
    segment_id: str
    section_id: str


def occurrences(report: Report, matcher: ChineseMatcher) -> dict[str, list[Occurrence]]:
    """Where each term appears in the official text: term ID -> occurrences in reading order."""
    found: dict[str, list[Occurrence]] = {}
    for section in report.sections():
        for segment in section.segments():
            for match in matcher.find(segment.text):
                found.setdefault(match.term.id, []).append(Occurrence(match.term, segment.id, section.id))
    return found
