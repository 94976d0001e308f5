"""Checks of the English itself: what a careful reviewer would mark, found before the build.

Named like Weblate's and pofilter's checks where one exists. Errors change the meaning or break the
page (a threshold moved, Chinese left in the English, markup); warnings need an editor's eye (style,
spelling, Chinglish, a term rendered two ways on one page). Each check takes an EnglishText and
returns findings that point at its file and line; `check_english` runs them all, and the checks that read
several texts at once: an aim kept an aim in sentences, points and labels (hedges.py), one rendering of a
term across the edition (consistency.py), a translator's note on each slip of the print (repairs.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from ..enrich.glossary import Glossary
from ..enrich.terms import Renderings
from ..errors import ERROR, WARNING, Finding
from .comparators import AT_LEAST, compare_comparators
from .consistency import consistency_findings
from .english import GLOSSARY_TEXT, INTERFACE_TEXT, LABEL, NOTE, SENTENCE, EnglishText
from .hedges import hedge_findings
from .numbers import OCCASION_UNITS, OCCASION_WORDS, unit_problems
from .repairs import repair_findings
from .style import StyleGuide
from ..util.cache import AnswerFile, are_rows, code_version, content_key, from_rows, kept, row, rows
from ..util.csvfile import starts_formula

LONG_SENTENCE = 80  # words; the report's Chinese runs long, the English should not follow it
_FULLWIDTH = re.compile(r"[，。、；：！？（）《》【】「」『』～]")
_DOUBLE_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DOUBLE_WORD_OK = {"that", "had", "is"}  # "that that", "had had", "is is" can be grammatical
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]{0,40}>?|&#?\w+;|\bjavascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
_MARKDOWN = [(re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>)"), "a heading, list or quote at the start"),
             (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), "a Markdown link or image"),
             (re.compile(r"`|\*\*|__|~~|\{:|^\s*\||^\s*(?:-{3,}|={3,})\s*$"), "Markdown emphasis, code or a table")]
_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"')]*\s+(?=[“‘\"'(]?[A-Z0-9])")


def check_english(texts: Iterable[EnglishText], glossary: Glossary | None, style: StyleGuide,
                  anomalies: Iterable | None = None) -> list[Finding]:
    """Every check of the English; `anomalies` (the report's, from `gwr notes`) for the translator's notes."""
    texts = list(texts)
    findings = []
    own = TextChecks(style)
    for text in texts:
        findings += own.findings(text)
    renderings = Renderings(glossary) if glossary and glossary.terms else None
    if renderings:
        findings += inconsistent_terms(texts, glossary, renderings)
    findings += hedge_findings(texts, style.hedges)
    findings += consistency_findings(texts, glossary, style.consistency, renderings)
    if anomalies is not None:
        findings += repair_findings(texts, list(anomalies))
    return findings


class TextChecks:
    """The checks that read one text alone, kept between runs by the text's content (and the style's, and
    this code's): an edit re-checks the texts it changed."""

    def __init__(self, style: StyleGuide) -> None:
        self.style = style
        self.stamp = content_key(code_version(), json.dumps([
            style.spellings, style.keep,
            [[r.pattern.pattern, r.pattern.flags, r.say, r.why, r.line] for r in style.chinglish]], ensure_ascii=False))

    def findings(self, text: EnglishText) -> list[Finding]:
        question = content_key(self.stamp, json.dumps(row(text), ensure_ascii=False))
        return kept(_text_answers(), question, lambda: self._check(text), rows, lambda data: from_rows(Finding, data))

    def _check(self, text: EnglishText) -> list[Finding]:
        findings = []
        for check in (_comparators, _unchanged_or_chinese, _punctuation, _double_words, _long_sentences,
                      _safe_html, _markdown, _formula, _counted_occasions):
            findings += check(text)
        return findings + _spelling(text, self.style) + _chinglish(text, self.style)


TEXT_ANSWERS = 4_000  # answers kept, the most recent (a few times a report's texts: the file is read on every run)


@lru_cache(maxsize=1)
def _text_answers() -> AnswerFile:
    return AnswerFile("checked-english-texts", TEXT_ANSWERS, lambda data: are_rows(Finding, data))


def _finding(severity: str, check: str, text: EnglishText, message: str, fix: str) -> Finding:
    return Finding(severity, check, text.file, text.line, f"{text.ident}: {message}" if text.ident else message,
                   fix, text.ident)


def _comparators(text: EnglishText) -> list[Finding]:
    if not text.chinese:
        return []
    found = []
    for problem in compare_comparators(text.chinese, text.text):
        said = f"says “{problem.english}”" if problem.english else "has no comparator"
        wanted = {AT_LEAST: "“at least N” or “N or more”"}.get(problem.chinese, f"“{problem.chinese}”")
        found.append(_finding(ERROR if problem.serious else WARNING, "comparators", text,
                              f"the Chinese sets {problem.figure} as “{problem.chinese}” but the English {said}",
                              f"write {wanted}" + (": 以上 includes the figure itself" if problem.chinese == AT_LEAST else "")))
    return found


def _counted_occasions(text: EnglishText) -> list[Finding]:
    """A figure of occasions (人次) in a point, a target label or a glossary explanation stays a count of
    occasions; the sentences' figures are compared by the number check (numbers.unit_problems)."""
    if text.kind == LABEL:
        if not any(f"{unit} " in text.figure for unit in OCCASION_UNITS) or OCCASION_WORDS.search(text.text):
            return []
        problems = [f"{text.figure.split()[0]} counts occasions (one person twice counts twice), but the label "
                    "does not name them"]
    elif text.kind not in (SENTENCE, NOTE) and text.chinese:
        problems = [p.message for p in unit_problems(text.chinese, text.text)]
    else:
        return []
    return [_finding(ERROR, "counted-unit", text, problem, "name what is counted: visits, attendances, training "
                     "places (the glossary entry 人次)") for problem in problems]


def _unchanged_or_chinese(text: EnglishText) -> list[Finding]:
    if text.text == text.chinese and _han().search(text.text):
        return [_finding(ERROR, "unchanged", text, "the translation is a copy of the Chinese",
                         "translate it, or empty the msgstr so that the page shows it as pending")]
    han = sorted(set(_han().findall(text.text)))
    if han and text.kind not in (GLOSSARY_TEXT, NOTE):  # these explain Chinese wording, and quote it
        return [_finding(ERROR, "chinese-text", text, f"Chinese characters in the English: {''.join(han)[:20]}",
                         "write the English (a name in pinyin, a term by its glossary rendering)")]
    return []


@lru_cache(maxsize=1)
def _han() -> re.Pattern:
    # compiled when first needed: a class of the Han ranges takes re milliseconds to compile, and a run that finds
    # its answers kept (util/cache.py) needs none
    return re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _punctuation(text: EnglishText) -> list[Finding]:
    marks = sorted(set(_FULLWIDTH.findall(text.text)))
    if not marks or text.kind == NOTE:
        return []
    return [_finding(ERROR, "chinese-punctuation", text, f"Chinese punctuation in the English: {' '.join(marks)}",
                     "use English punctuation: , . ; : ( ) and quotation marks for titles")]


def _double_words(text: EnglishText) -> list[Finding]:
    doubled = [m.group(0) for m in _DOUBLE_WORD.finditer(text.text)
               if m.group(1).lower() not in _DOUBLE_WORD_OK and not m.group(1).isdigit()]
    return [_finding(WARNING, "doublewords", text, f"a word is repeated: “{word}”", "delete one of them")
            for word in doubled]


def _long_sentences(text: EnglishText) -> list[Finding]:
    if text.kind in (INTERFACE_TEXT, NOTE):
        return []
    found = []
    for sentence in _SENTENCE_END.split(text.text):
        words = len(sentence.split())
        if words > LONG_SENTENCE:
            found.append(_finding(WARNING, "long-sentence", text, f"a sentence of {words} words (“{sentence[:40]}…”)",
                                  f"split it into sentences of at most {LONG_SENTENCE} words, one idea each"))
    return found


def _safe_html(text: EnglishText) -> list[Finding]:
    match = _HTML.search(text.text)
    if not match:
        return []
    return [_finding(ERROR, "safe-html", text, f"markup in the text: “{match.group(0)}” (it is shown as typed)",
                     "write plain text; the site adds links and formatting itself")]


def _markdown(text: EnglishText) -> list[Finding]:
    for pattern, what in _MARKDOWN:
        match = pattern.search(text.text)
        if match:
            return [_finding(ERROR, "markdown", text, f"{what}: “{match.group(0).strip()}” (it is shown as typed)",
                             "write plain text; pages take their structure from the report")]
    return []


def _formula(text: EnglishText) -> list[Finding]:
    """Text that a spreadsheet would run as a formula when it reaches a CSV download (the downloads neutralise it,
    but such text is never meant: =HYPERLINK(…), @SUM(…))."""
    if not starts_formula(text.text):
        return []
    return [_finding(ERROR, "formula", text, f"starts with “{text.text[:1]}”, which spreadsheets run as a formula",
                     "start the text with a word")]


def _spelling(text: EnglishText, style: StyleGuide) -> list[Finding]:
    if not style.spellings:
        return []
    body = text.text
    for name in style.keep:
        body = body.replace(name, " ")
    found = []
    for word in dict.fromkeys(re.findall(r"[A-Za-z]+", body)):
        american = style.spellings.get(word.lower())
        if american:
            found.append(_finding(WARNING, "spelling", text, f"British spelling “{word}”",
                                  f"write “{_same_case(american, word)}” (the edition writes American English)"))
    return found


def _same_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _chinglish(text: EnglishText, style: StyleGuide) -> list[Finding]:
    found = []
    for rule in style.chinglish:
        match = rule.pattern.search(text.text)
        if match:
            found.append(_finding(WARNING, "chinglish", text, f"“{match.group(0)}”: {rule.why}",
                                  f"write {rule.say} (translations/style.yaml:{rule.line})"))
    return found


def _same_rendering(form: str, other: str) -> bool:
    """One contains the other (Suxi / Suxi Town), singular or plural, or one is an abbreviation (ZJU-IIM)."""
    a, b = (re.sub(r"(?<=\w)e?s\b", "", f.casefold()) for f in (form, other))
    return a in b or b in a or any(re.fullmatch(r"[A-Z0-9&-]{2,10}", f) for f in (form, other))


def inconsistent_terms(texts: list[EnglishText], glossary: Glossary,
                       renderings: Renderings | None = None) -> list[Finding]:
    """A glossary term whose Chinese is on a page must keep one English rendering there: the first one
    used on the page sets it, and a rendering that is neither a short form of it (Suxi for Suxi Town, an
    abbreviation) nor its long form is reported where it stands. Navigation labels may be short."""
    renderings = renderings or Renderings(glossary)
    first: dict[tuple[str, str], tuple[str, EnglishText]] = {}
    found = []
    for text in texts:
        if text.group is None or not text.chinese or (text.ident or "").endswith(".short-title"):
            continue
        for term, forms in renderings.of(text.chinese, text.text):
            for form in forms:
                key = (text.group, term.id)
                if key not in first:
                    first[key] = (form, text)
                    continue
                seen, where = first[key]
                if not _same_rendering(form, seen):
                    found.append(_finding(WARNING, "inconsistent-term", text,
                                          f"{term.zh} is “{form}” here but “{seen}” at {where.file}:{where.line} "
                                          f"on the same page ({text.group})", "use one rendering of the term per page"))
    return found
