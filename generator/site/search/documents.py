"""What the search of an edition finds: the report's sentences, headings and titles, the glossary's
entries and the editorial points, each a document with its page, its anchor and its text.

Report pages come first in the results, then the editorial pages, then the glossary as its own
group (site/search/index.py writes the groups). A sentence is also found, ranked below what the
pages print, by the other forms of the glossary terms it contains (variants, the other language's
rendering) and their explanations: a reader who types 综合保税区, "petitions" or 住房 reaches the
sentences that say 综保区, "public complaints and proposals" or 好房子.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...enrich.enriched import EnrichedReport
from ...enrich.glossary import Term, toneless
from ...enrich.pages import PageKind, PagePlan
from ..language import EditionLanguage, strip_end
from ..titles import Titles
from .tokens import index_tokens

REPORT, EDITORIAL, GLOSSARY = "report", "editorial", "glossary"
GROUPS = (REPORT, EDITORIAL, GLOSSARY)  # the order of the results
REPORT_PAGES = (PageKind.PART, PageKind.ITEM, PageKind.CLOSING)
EDITORIAL_PAGES = (PageKind.MERCHANTS, PageKind.HIGHLIGHTS)
# How much a match counts, by what it is in: a page title weighs more than a sentence.
BOOST = {"title": 3.0, "heading": 2.0, "sentence": 1.0, "term": 1.0, "point": 1.0, "related": 0.3}
EXPLANATION_WEIGHT = 0.5  # in a sentence's related words: the glossary's plain words for a term (住房 for 好房子)


@dataclass(frozen=True)
class SearchPage:
    slug: str
    title: str
    group: str


@dataclass(frozen=True)
class SearchDoc:
    page: int  # index into the pages
    anchor: str  # the element ID on the page ("" for the page itself)
    kind: str  # a key of BOOST
    heading: str  # shown above the text in a result
    text: str  # shown in a result, with the query marked
    tokens: Counter  # what it is found by
    names: tuple[str, ...] = ()  # a glossary entry's name in the edition's language, then in the other


def search_documents(enriched: EnrichedReport, language: EditionLanguage, titles: Titles
                     ) -> tuple[list[SearchPage], list[SearchDoc]]:
    pages: list[SearchPage] = []
    docs: list[SearchDoc] = []
    related = _related_words(enriched, language.zh)
    for plan in enriched.plans:
        if plan.kind in REPORT_PAGES:
            _report_page(plan, titles, language, related, pages, docs)
        elif plan.kind in EDITORIAL_PAGES and titles.editorial_page(plan):
            _editorial_page(plan, enriched, titles, language, pages, docs)
        elif plan.kind is PageKind.GLOSSARY:
            _glossary(plan, enriched, titles, language, pages, docs)
    return pages, docs


def _add_page(pages: list[SearchPage], plan: PagePlan, title: str, group: str) -> int:
    pages.append(SearchPage(plan.slug, title, group))
    return len(pages) - 1


def _report_page(plan: PagePlan, titles: Titles, language: EditionLanguage, related: dict[str, Counter],
                 pages: list[SearchPage], docs: list[SearchDoc]) -> None:
    title = titles.page(plan)
    page = _add_page(pages, plan, title, REPORT)
    docs.append(SearchDoc(page, "", "title", title, "", index_tokens(title)))
    for section in plan.sections:
        label = titles.section_label(section) if plan.kind is PageKind.PART else None
        if label:
            docs.append(SearchDoc(page, section.id, "heading", label, "", index_tokens(label)))
        for block in section.blocks:
            heading = label or ""
            if block.title_segment:
                heading = strip_end(language.plain(block.title_segment.id, block.title or ""))
                docs.append(SearchDoc(page, block.id, "heading", heading, "", index_tokens(heading)))
            for segment in block.body_segments:  # under the task or section it belongs to, if any
                text = language.plain(segment.id, segment.text)
                docs.append(SearchDoc(page, segment.id, "sentence", heading, text, index_tokens(text)))
                if segment.id in related:  # found by what it does not print, ranked below what it prints
                    docs.append(SearchDoc(page, segment.id, "related", heading, text, related[segment.id]))


def _related_words(enriched: EnrichedReport, zh: bool) -> dict[str, Counter]:
    """Per sentence, the tokens of the other forms of the glossary terms it contains and, at half
    weight, of their explanation in the edition's language."""
    result: dict[str, Counter] = {}
    of_term: dict[tuple, Counter] = {}  # a term occurs in many sentences: its tokens are counted once
    for occurrences in enriched.occurrences.values():
        for occurrence in occurrences:
            term = occurrence.term
            explanation = (term.explanation_zh or term.explanation_en) if zh else term.explanation_en
            key = (" / ".join(_other_forms(term, zh)), explanation)
            tokens = of_term.get(key)
            if tokens is None:
                tokens = of_term[key] = index_tokens(key[0])
                tokens.update(_weighted(index_tokens(explanation), EXPLANATION_WEIGHT))
            result.setdefault(occurrence.segment_id, Counter()).update(tokens)
    return result


def _weighted(tokens: Counter, weight: float) -> Counter:
    return Counter({t: n * weight for t, n in tokens.items()})


def _other_forms(term: Term, zh: bool) -> list[str]:
    """What a reader of the edition might type for a term the sentence shows in one form only."""
    if zh:
        return [*term.zh_variants, *term.en_forms]
    return [*term.en_variants, *term.zh_forms, term.en]


def _editorial_page(plan: PagePlan, enriched: EnrichedReport, titles: Titles, language: EditionLanguage,
                    pages: list[SearchPage], docs: list[SearchDoc]) -> None:
    content = titles.editorial_page(plan)
    title = titles.page(plan)
    page = _add_page(pages, plan, title, EDITORIAL)
    index = enriched.report.segment_index()
    docs.append(SearchDoc(page, "", "title", title, "", index_tokens(title)))
    for section in content.sections:
        heading = section.title_zh if language.zh else section.title
        for point in section.points:
            text = "".join(index[s].text for s in point.sources) if language.zh else point.text
            docs.append(SearchDoc(page, "", "point", heading, text, index_tokens(f"{heading} {text}")))


def _glossary(plan: PagePlan, enriched: EnrichedReport, titles: Titles, language: EditionLanguage,
              pages: list[SearchPage], docs: list[SearchDoc]) -> None:
    page = _add_page(pages, plan, titles.page(plan), GLOSSARY)
    for term in sorted(enriched.glossary.terms, key=lambda t: t.sort_key_zh if language.zh else t.sort_key_en):
        heading = f"{term.zh} · {term.en}" if language.zh else f"{term.en} · {term.zh}"
        explanation = (term.explanation_zh or term.explanation_en) if language.zh else term.explanation_en
        names = " / ".join([*term.zh_forms, *term.en_forms, toneless(term.pinyin)])
        tokens = index_tokens(names) + index_tokens(names) + index_tokens(explanation)  # names count double
        own = (term.zh, term.en) if language.zh else (term.en, term.zh)
        docs.append(SearchDoc(page, term.id, "term", heading, explanation, tokens, own))
