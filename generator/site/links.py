"""Where things are: the page of every section, and links to sections and sentences between pages."""

from __future__ import annotations

from ..enrich.pages import PageKind, PagePlan
from .escape import Safe


class Links:
    def __init__(self, plans: list[PagePlan]) -> None:
        self.pages = plans
        self.page_of_section = {s.id: p for p in plans for s in p.sections}  # every section is on one page
        self.page_of_part = {p.part.id: p for p in plans if p.kind is PageKind.PART}  # a part heading's page

    def page_of(self, target_id: str) -> PagePlan:
        """The page of a section, block or sentence ID (its first part is the section's), or of a part heading."""
        key = target_id.removesuffix(".title").split(".")[0]
        return self.page_of_section.get(key) or self.page_of_part[key]

    def _anchor(self, target_id: str, plan: PagePlan) -> str:
        """A part's heading is its page's title: the page itself, no anchor."""
        return "" if target_id in (plan.slug, *self.page_of_part) else f"#{target_id}"

    def link(self, target_id: str, from_slug: str | None = None) -> Safe:
        """Relative Markdown link target for a section or segment ID."""
        target_id = target_id.removesuffix(".title")  # a heading's anchor is its section's or block's ID
        plan = self.page_of(target_id)
        anchor = self._anchor(target_id, plan)
        if plan.slug == from_slug:
            return Safe(anchor or "#")
        return Safe(f"{plan.path}{anchor}")

    def url(self, target_id: str, from_slug: str) -> Safe:
        """The built URL of a section or segment (for raw HTML, where MkDocs does not rewrite .md links)."""
        plan = self.page_of(target_id)
        base = "" if from_slug == "index" else "../"
        path = "" if plan.slug == "index" else f"{plan.slug}/"
        target_id = target_id.removesuffix(".title")
        return Safe(f"{base}{path}" + ("" if target_id in self.page_of_part else f"#{target_id}"))

    @staticmethod
    def chinese_edition_href(slug: str, zh: bool) -> Safe:
        """From a page of an edition to the same page of the Chinese one (directory URLs)."""
        depth = (0 if slug == "index" else 1) + (0 if zh else 1)
        return Safe("../" * depth + ("" if slug == "index" else f"{slug}/") or "./")
