"""The translation's state as the editors' pages show it: progress per page, reviews, unreadable catalogs."""

from __future__ import annotations

from ..enrich.pages import PagePlan
from ..translation.localise import Localiser, Progress
from .language import EditionLanguage


class TranslationStatus:
    def __init__(self, language: EditionLanguage, translation: Localiser, progress: dict[str, Progress],
                 pages_with_text: set[str]) -> None:
        self.language = language
        self.translation = translation  # the target language's localiser (one today)
        self.progress = progress  # per catalog
        self.pages_with_text = pages_with_text

    def catalog_problem(self, plan: PagePlan) -> str | None:
        """Why this edition's catalog of the page could not be read (the page shows the Chinese)."""
        problem = self.language.loc.broken.get(plan.slug)
        return f"{problem.path}:{problem.where}: {problem.problem}" if problem else None

    def page_progress(self, plan: PagePlan) -> Progress | None:
        return self.progress.get(plan.slug)

    def total_progress(self) -> Progress:
        total = Progress()
        for slug, progress in self.progress.items():
            if slug in self.pages_with_text:
                total += progress
        return total

    def review_of(self, plan: PagePlan) -> str:
        """When the page's translation was read a second time against the Chinese ('—' if not yet)."""
        record = self.translation.reviews.get(plan.slug)
        return record.split(",")[0] if record else "—"
