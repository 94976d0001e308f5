"""The glossary as a language edition shows it: term links with tooltips, and the glossary page.

Used by render.Renderer: it links the first occurrence of each term on a page (in
the text the page shows: English, or the Chinese where a translation is pending)
and lays out the glossary page, sorted by pinyin in Chinese and alphabetically in
English, with the places where each term occurs and the words its filter matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..enrich.enriched import EnrichedReport
from ..enrich.glossary import Term, fold_en, pinyin_key, toneless
from ..enrich.terms import Occurrence
from .escape import Safe, html_text, markdown_text, marked_chinese
from .labels import N_
from .language import EditionLanguage

GLOSSARY_SLUG = "glossary"
CATEGORY_LABELS = {
    "policy": N_("政策与口号"), "programme": N_("工程与计划"), "place": N_("地名"), "platform": N_("平台"),
    "organisation": N_("机构与企业"), "institution": N_("制度"), "economic-term": N_("经济术语"),
    "event": N_("活动"), "brand": N_("品牌"), "unit": N_("计量单位"),
}
SOURCE_LABELS = {"official": N_("官方译法"), "common": N_("通行译法"), "ours": N_("本站译法")}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])|(?<=[。！？])")
SHORT = 160  # characters of explanation in a tooltip
_APOSTROPHES = re.compile(r"[’'`ʼ]")  # Xi'an is typed xian (gwr.js folds a query alike)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Place:
    section_id: str
    segment_id: str  # the first occurrence in that section


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    anchor: str
    terms: list[Term]


def search_words(term: Term) -> str:
    """What the glossary's filter matches (gwr.js reads it from data-gwr-find): the term's Chinese forms as
    written, then the words of its English forms and the syllables of its pinyin, lower case, without tone
    marks or apostrophes (ü as v). The filter finds Latin letters where a word starts, across the words that
    follow it too (ecommerce finds e-commerce, shichang 市场 shì chǎng)."""
    def fold(text: str) -> list[str]:
        return _WORD.findall(_APOSTROPHES.sub("", toneless(text).lower()))

    words = [*term.zh_forms, *(word for form in term.en_forms for word in fold(form)), *fold(term.pinyin)]
    return " ".join(words)


def short_explanation(text: str) -> str:
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    if len(first) <= SHORT:
        return first
    return first[: SHORT - 1].rsplit(" ", 1)[0] + "…"


class GlossaryView:
    def __init__(self, enriched: EnrichedReport, language: EditionLanguage) -> None:
        self.glossary = enriched.glossary
        self.zh = language.zh
        self.gettext = language.gettext
        self.zh_matcher = enriched.chinese_terms
        self.en_matcher = enriched.english_terms
        self.found: dict[str, list[Occurrence]] = enriched.occurrences

    # --- links in the text ------------------------------------------------------------

    def link_terms(self, text: str, chinese: bool, linked: set[str], base: str) -> str:
        """HTML for text, with the first occurrence on the page of each term linked to its entry."""
        matcher = self.zh_matcher if chinese else self.en_matcher
        escape = html_text if chinese else marked_chinese  # Chinese quoted in English says it is Chinese
        pieces, at = [], 0
        for match in matcher.find(text):
            if match.term.id in linked:
                continue
            linked.add(match.term.id)
            pieces.append(escape(text[at:match.start]))
            pieces.append(self.term_link(match.term, text[match.start:match.end], base))
            at = match.end
        pieces.append(escape(text[at:]))
        return "".join(pieces)

    def term_link(self, term: Term, shown: str, base: str) -> str:
        return (f'<a class="gwr-term" href="{base}{GLOSSARY_SLUG}/#{term.id}" '
                f'title="{html_text(self.tooltip(term))}">{html_text(shown)}</a>')

    def tooltip(self, term: Term) -> str:
        """The counterpart language, the pinyin and the short explanation."""
        if self.zh:
            explanation = short_explanation(term.explanation_zh or term.explanation_en)
            return f"{term.en}（{term.pinyin_written}）：{explanation}"
        return f"{term.zh} ({term.pinyin_written}): {short_explanation(term.explanation_en)}"

    # --- the glossary page ---------------------------------------------------------------

    @staticmethod
    def search_words(term: Term) -> str:
        return search_words(term)

    def groups(self) -> list[LetterGroup]:
        """Entries by initial: the first letter of the pinyin (Chinese) or of the English."""
        if self.zh:
            ordered = sorted(self.glossary.terms, key=lambda t: t.sort_key_zh)
        else:
            ordered = sorted(self.glossary.terms, key=lambda t: t.sort_key_en)
        groups: dict[str, list[Term]] = {}
        for term in ordered:
            letter = (pinyin_key(term.zh) if self.zh else fold_en(term.en))[:1].upper()
            groups.setdefault(letter if letter.isalpha() else "0–9", []).append(term)
        return [LetterGroup(letter, "letter-" + ("digits" if letter == "0–9" else letter.lower()), terms)
                for letter, terms in sorted(groups.items(), key=lambda item: (item[0] != "0–9", item[0]))]

    def category(self, term: Term) -> str:
        return self.gettext(CATEGORY_LABELS[term.category])

    def source(self, term: Term) -> str:
        return self.gettext(SOURCE_LABELS[term.source])

    def source_note(self, term: Term) -> Safe:
        """Where the rendering comes from (Markdown): written in English, so marked as such on Chinese pages."""
        if self.zh:
            return Safe(f'<span lang="en">{markdown_text(term.source_note)}</span>')
        return marked_chinese(term.source_note, markdown_text)

    def explanation(self, term: Term) -> Safe:
        """The explanation in the edition's language (Markdown), Chinese quoted in English marked as such."""
        if self.zh:
            return markdown_text(term.explanation_zh or term.explanation_en)
        return marked_chinese(term.explanation_en, markdown_text)

    def places(self, term: Term) -> list[Place]:
        """Each section where the term occurs, with its first occurrence there (the back-links)."""
        first: dict[str, str] = {}
        for occurrence in self.found.get(term.id, []):
            first.setdefault(occurrence.section_id, occurrence.segment_id)
        return [Place(section, segment) for section, segment in first.items()]
