"""Which pages a saved catalog changes: each page remembers what it read of the translation, so that a kept
Generator (`make serve`) renders again only the pages for which that changed (generate.py).

A page reads the translation through two doors only: the localiser of a target language (each sentence's
text and status, each interface string) and the TranslationStatus (progress, reviews, catalogs that could not
be read). While a page renders, both record each lookup and what it gave (PageReads). After a save, a page is
taken as it was rendered when every lookup it made gives the same answer from the new catalogs (PageCache);
the Chinese pages too, which show the English side by side. What is read outside a page (by the Renderer's
helpers as they are made, by the navigation) may show on every page: if that changed, every page is rendered.
Anything else a page reads (the report, the glossary, editorial files) is shared: when it changes, the
Generator starts a new PageCache.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from ..translation.localise import Localiser, LocalText

OUTSIDE = None  # what is read outside any page: the Renderer's helpers as they are made, the navigation
STATUS = "status"  # where a lookup is made (the first item of its key): this, or a language's code

Key = tuple  # (where, method, *arguments): what was looked up


class PageReads:
    """The lookups that one edition's pages made of the translation, by page (OUTSIDE: outside any page)."""

    def __init__(self) -> None:
        self.by_page: dict[str | None, dict[Key, object]] = {OUTSIDE: {}}
        self._page: str | None = OUTSIDE

    @contextmanager
    def page(self, path: str):
        self._page, self.by_page[path] = path, {}
        try:
            yield
        finally:
            self._page = OUTSIDE

    def record(self, key: Key, value):
        self.by_page[self._page][key] = value
        return value


class RecordingLocaliser(Localiser):
    """A target language's localiser that records each lookup of a page: a sentence, an interface string
    (gettext and status() look up through these two)."""

    def __init__(self, localiser: Localiser, reads: PageReads) -> None:
        super().__init__(localiser.lang, localiser.entries, localiser.interface, localiser.problems,
                         localiser.broken, localiser.reviews)
        self.reads = reads

    def text(self, context: str, source: str) -> LocalText:
        return self.reads.record((self.lang, "text", context, source), super().text(context, source))

    def interface_text(self, msgid: str) -> LocalText:
        return self.reads.record((self.lang, "interface_text", msgid), super().interface_text(msgid))


@dataclass
class PageCache:
    """One edition's pages as last rendered, with what each read (its text is kept only with its reads)."""

    texts: dict[str, str] = field(default_factory=dict)
    reads: dict[str | None, dict[Key, object]] = field(default_factory=lambda: {OUTSIDE: {}})

    def unchanged(self, sources: dict[str, object]) -> dict[str, str]:
        """The pages whose every lookup gives what it gave, asked again of `sources` (by where: each target
        language's new localiser, the new status): their text as rendered. None if a lookup outside pages
        gives something else."""
        same = _Answers(sources)
        if not all(same(key, value) for key, value in self.reads[OUTSIDE].items()):
            return {}
        return {path: text for path, text in self.texts.items()
                if all(same(key, value) for key, value in self.reads[path].items())}

    def update(self, pages: dict[str, str], reads: PageReads) -> None:
        """After a render: pages rendered again bring their new reads; kept ones keep theirs."""
        self.reads = {**self.reads, **reads.by_page}
        self.texts = {path: pages[path] for path in self.reads if path is not OUTSIDE}


class _Answers:
    """Whether a lookup gives what it gave: each key asked once of the sources, however many pages made it."""

    def __init__(self, sources: dict[str, object]) -> None:
        self.sources, self.now = sources, {}

    def __call__(self, key: Key, before: object) -> bool:
        if key not in self.now:
            where, method, *arguments = key
            self.now[key] = _ask(self.sources[where], method, arguments)
        return self.now[key] == before


def _ask(source: object, method: str, arguments: list) -> object:
    ask: Callable = getattr(source, method)
    return ask(*arguments)
