"""The translation's state as the editors' pages show it: progress per page, reviews, unreadable catalogs.

What a page asks of it is recorded (page_reads.py): the progress of a catalog changes with any of its
sentences, and only the pages that show it are rendered again."""

from __future__ import annotations

from ..enrich.pages import PagePlan
from ..translation.localise import Localiser, Progress
from .language import EditionLanguage
from .page_reads import STATUS, PageReads


class TranslationStatus:
    def __init__(self, language: EditionLanguage, translation: Localiser, progress: dict[str, Progress],
                 pages_with_text: set[str], reads: PageReads | None = None) -> None:
        self.language = language
        self.translation = translation  # the target language's localiser (one today)
        self.progress = progress  # per catalog
        self.pages_with_text = pages_with_text
        self.reads = reads  # records what each page asks (None: not recorded)

    # --- what the pages ask (recorded) ---------------------------------------------------------

    def catalog_problem(self, plan: PagePlan) -> str | None:
        """Why this edition's catalog of the page could not be read (the page shows the Chinese)."""
        return self._read("problem_of", plan.slug)

    def page_progress(self, plan: PagePlan) -> Progress | None:
        return self._read("progress_of", plan.slug)

    def catalog_progress(self, name: str) -> Progress | None:
        return self._read("progress_of", name)

    def total_progress(self) -> Progress:
        return self._read("total")

    def review_of(self, plan: PagePlan) -> str:
        """When the page's translation was read a second time against the Chinese ('—' if not yet)."""
        return self._read("review", plan.slug)

    def _read(self, method: str, *arguments):
        value = getattr(self, method)(*arguments)
        return self.reads.record((STATUS, method, *arguments), value) if self.reads else value

    # --- the answers -------------------------------------------------------------------------

    def problem_of(self, slug: str) -> str | None:
        problem = self.language.loc.broken.get(slug)
        return f"{problem.path}:{problem.where}: {problem.problem}" if problem else None

    def progress_of(self, name: str) -> Progress | None:
        return self.progress.get(name)

    def total(self) -> Progress:
        total = Progress()
        for slug, progress in self.progress.items():
            if slug in self.pages_with_text:
                total += progress
        return total

    def review(self, slug: str) -> str:
        record = self.translation.reviews.get(slug)
        return record.split(",")[0] if record else "—"
