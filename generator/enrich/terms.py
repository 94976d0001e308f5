"""Enrich: find the glossary's terms in the text, in Chinese and in English.

Chinese: at each position the longest form that matches wins, and matches never
overlap (全球数贸中心 beats 数贸中心). A form made of Latin letters or digits (4+1,
132) only matches where it is not part of a longer number or word. English: the
preferred rendering and its accepted variants, case-insensitive, on word boundaries,
with straight and curly quotes treated alike; the longest match wins there too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .glossary import Glossary, Term
from ..source.model import Report
from ..util.cache import AnswerFile, code_version, content_key, kept

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_QUOTES = "'\"‘’“”"
_PLAIN_QUOTE = "'"
_TO_PLAIN_QUOTE = str.maketrans(dict.fromkeys(_QUOTES, _PLAIN_QUOTE))


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
        self._stamp = ""  # what the answers kept between runs depend on besides the text (find)

    def find(self, text: str) -> list[Match]:
        """The forms in the text, left to right, as one alternation of them longest first would find them:
        at the leftmost place where any form starts, the longest that matches there, then on after it.
        Kept between runs (the site links every sentence's terms): by the text, the forms and the code."""
        if not self._stamp:
            self._stamp = content_key(code_version(), json.dumps([form for form, _ in self.forms]))
        found = kept(_found_answers(), content_key(self._stamp, text), lambda: self._find(text),
                     lambda matches: [[start, end, i] for start, end, i in matches], lambda rows: rows)
        return [Match(start, end, self.forms[i][1]) for start, end, i in found]

    def _find(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, the form's place in self.forms) of each match."""
        folded, plain = text.casefold(), _plain_quotes(text)
        candidates = [i for i, key in enumerate(self.keys) if key in folded]  # cheap pre-filter
        starts = {}  # where a candidate matches: start -> (its place in the alternation, end)
        for i in candidates:
            for start, end in _all_matches(_form_regex(self.forms[i][0]), plain):
                if start not in starts or i < starts[start][0]:
                    starts[start] = (i, end)
        found, after = [], 0
        for start in sorted(starts):
            if start >= after:
                i, after = starts[start]
                found.append((start, after, i))
        return found

    def contains(self, text: str, term: Term) -> bool:
        folded, plain = text.casefold(), _plain_quotes(text)
        return any(_needle(form) in folded and _form_regex(form).search(plain) for form in term.en_forms)

    def forms_in(self, text: str, term: Term) -> list[str]:
        """The term's renderings used in the text, in order; a form inside a longer one used at the same
        place ("Railway Express" in "China-Europe Railway Express") does not count on its own."""
        return list(_forms_in(text, term.en_forms))


FOUND_LIMIT = 60_000  # answers kept, the most recent


@lru_cache(maxsize=1)
def _found_answers() -> AnswerFile:
    return AnswerFile("english-terms-found", FOUND_LIMIT, lambda rows: isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == 3 and all(type(n) is int for n in row) for row in rows))


@lru_cache(maxsize=16384)  # several checks ask it of the same text and term
def _forms_in(text: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    folded, plain = text.casefold(), _plain_quotes(text)
    spans = [(m.start(), m.end(), form) for form in forms if _needle(form) in folded
             for m in _form_regex(form).finditer(plain)]
    outermost = [(start, form) for start, end, form in spans
                 if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)]
    return tuple(dict.fromkeys(form for _, form in sorted(outermost)))


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
    """Compiled once per form (the glossary has more forms than re's own cache holds), to search a text
    whose quotes _plain_quotes made one: a class of curly quotes costs re ten times the rest of the pattern."""
    return re.compile(_form_pattern(form, _PLAIN_QUOTE), re.IGNORECASE)


def _plain_quotes(text: str) -> str:
    """The text with every straight or curly quote as one straight quote: the same length, so the same spans."""
    return text.translate(_TO_PLAIN_QUOTE)


def _form_pattern(form: str, quote: str = f"[{re.escape(_QUOTES)}]") -> str:
    """The form as a pattern, with `quote` for each quote (by default any quote of the text as written)."""
    pattern = "".join(quote if c in _QUOTES else re.escape(c) for c in form)
    # Between words, a quote may open or close a name: “Four Bigs” public security campaign.
    pattern = re.sub(r"(\\ )+", lambda _: f"{quote}?\\s+{quote}?", pattern)
    before = r"(?<![\w])" if re.match(r"\w", form) else ""
    after = r"(?![\w])" if re.search(r"\w$", form) else ""
    if re.search(r"[^aeiouAEIOU]y$", form):  # city -> cities
        return before + pattern[:-1] + "(?:y|ies)" + after
    plural = "(?:e?s)?" if re.search(r"[A-Za-z]$", form) else ""  # TEU -> TEUs, hub -> hubs
    return before + pattern + plural + after


def matcher_key(glossary: Glossary | None) -> str:
    """What the matchers read of the glossary, in its order (ties go to the first term): for answers kept
    between runs (the rest of an entry, its explanation, changes no match)."""
    terms = glossary.terms if glossary else []
    return json.dumps([[t.id, t.zh, list(t.zh_variants), t.en, list(t.en_variants), t.file] for t in terms],
                      ensure_ascii=False)


class Renderings:
    """The glossary terms of a Chinese text and, for each, the renderings its English uses (forms_in) — what
    the term checks of the English read of every text, kept between runs by the texts' and the glossary's
    contents: a new rendering of one sentence is matched anew, the others are not."""

    def __init__(self, glossary: Glossary) -> None:
        self.chinese, self.english = ChineseMatcher(glossary), EnglishMatcher(glossary)
        self.terms = list(glossary.terms)
        self.index = {id(term): i for i, term in enumerate(self.terms)}
        self.stamp = content_key(code_version(), matcher_key(glossary))
        self.known: dict[tuple[str, str], list[tuple[Term, list[str]]]] = {}

    def of(self, chinese: str, english: str) -> list[tuple[Term, list[str]]]:
        """The terms of the Chinese, in order, that the English renders, with the renderings used."""
        if (chinese, english) not in self.known:
            found = kept(_renderings_answers(), content_key(self.stamp, chinese, english),
                         lambda: self._find(chinese, english), list, list)
            self.known[(chinese, english)] = [(self.terms[i], forms) for i, forms in found]
        return self.known[(chinese, english)]

    def _find(self, chinese: str, english: str) -> list[list]:
        terms = {match.term.id: match.term for match in self.chinese.find(chinese)}.values()
        used = [(term, self.english.forms_in(english, term)) for term in terms]
        return [[self.index[id(term)], forms] for term, forms in used if forms]


RENDERINGS_LIMIT = 4_000  # answers kept, the most recent (a few times a report's texts: the file is read on every run)


@lru_cache(maxsize=1)
def _renderings_answers() -> AnswerFile:
    return AnswerFile("term-renderings", RENDERINGS_LIMIT, _are_renderings)


def _are_renderings(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], int) and isinstance(item[1], list)
        for item in value)


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
