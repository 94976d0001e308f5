"""The site's own search: documents of an edition -> static index files; the browser's worker reads them.

Takes an EnrichedReport with one edition's language and titles; gives the files of search/gwr/ (index.py), which
overrides/assets/javascripts/gwr-search.js loads on the first query only.
"""

from __future__ import annotations

from ...enrich.enriched import EnrichedReport
from ..language import EditionLanguage
from ..titles import Titles
from .documents import search_documents
from .index import index_files


def search_files(enriched: EnrichedReport, language: EditionLanguage, titles: Titles) -> dict[str, str]:
    pages, docs = search_documents(enriched, language, titles)
    return index_files(language.lang, pages, docs)
