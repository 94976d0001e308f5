"""The site's own search: documents of an edition -> static index files; the browser's worker reads them.

Takes an EnrichedReport with one edition's language and titles; gives the files of search/gwr/ (index.py), which
overrides/assets/javascripts/gwr-search.js loads on the first query only.
"""

from __future__ import annotations

from ...enrich.enriched import EnrichedReport
from ...translation.localise import HTML_LANG
from ..labels import N_
from ..language import EditionLanguage
from ..titles import Titles
from .documents import search_documents
from .index import index_files
from .tokens import kept_tokens

# The answer when no page holds every word of a query: Material says there is no result, gwr.js adds
# the glossary's terms nearest to the query, each a search of its own and a link to its entry.
NEAREST = N_("报告中相近的用语：")
ENTRY = N_("释义")
ENTRY_OF = N_("{term}的释义")


def search_files(enriched: EnrichedReport, language: EditionLanguage, titles: Titles) -> dict[str, str]:
    with kept_tokens(language.lang):
        pages, docs = search_documents(enriched, language, titles)
    other = next(lang for lang in HTML_LANG if lang != language.lang)
    labels = {"nearest": language.gettext(NEAREST), "entry": language.gettext(ENTRY),
              "entryOf": language.gettext(ENTRY_OF), "otherLang": HTML_LANG[other]}
    return index_files(language.lang, pages, docs, labels)
