"""Which pages the site has: planned from the model, the same for every language.

One overview page per part, one page per exemplar and action, the closing, and
the site's own pages (source notes, translation status, how to contribute). The
slug is the file stem and the URL in every edition, so the language switcher can
stay on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..source.model import Part, PartKind, Report, Section, SectionKind


ITEM_KINDS = (SectionKind.EXEMPLAR, SectionKind.ACTION, SectionKind.ITEM)


class PageKind(str, Enum):
    HOME = "home"
    HIGHLIGHTS = "highlights"  # editorial (translations/highlights.en.yaml)
    MERCHANTS = "merchants"  # editorial (translations/merchants.en.yaml)
    TARGETS = "targets"  # the quantified statements as data (targets.py)
    PART = "part"  # a part's overview: its sections other than the numbered items
    ITEM = "item"  # one exemplar, action or numbered item
    CLOSING = "closing"
    GLOSSARY = "glossary"
    NOTES = "source-notes"
    STATUS = "translation-status"
    CONTRIBUTING = "contributing"


@dataclass
class PagePlan:
    slug: str  # the file stem and URL path; equals a section or part ID where there is one
    kind: PageKind
    sections: list[Section] = field(default_factory=list)
    part: Part | None = None

    @property
    def path(self) -> str:
        return f"{self.slug}.md"

    @property
    def section(self) -> Section | None:
        return self.sections[0] if self.kind is PageKind.ITEM else None


def plan_pages(report: Report) -> list[PagePlan]:
    plans = [PagePlan("index", PageKind.HOME), PagePlan("highlights", PageKind.HIGHLIGHTS),
             PagePlan("merchants", PageKind.MERCHANTS), PagePlan("targets", PageKind.TARGETS)]
    taken = {part.slug for part in report.parts if part.slug}  # a recorded address is no other part's
    for part in report.parts:
        overview = [s for s in part.sections if s.kind not in ITEM_KINDS and s.kind is not SectionKind.CLOSING]
        if overview or part.heading:  # a part's heading is printed text: it needs a page even without an overview
            plans.append(PagePlan(_part_slug(part, taken), PageKind.PART, overview, part))
        for section in part.sections:
            if section.kind in ITEM_KINDS:
                plans.append(PagePlan(section.id, PageKind.ITEM, [section], part))
            elif section.kind is SectionKind.CLOSING:
                plans.append(PagePlan(section.id, PageKind.CLOSING, [section], part))
    for kind in (PageKind.GLOSSARY, PageKind.NOTES, PageKind.STATUS, PageKind.CONTRIBUTING):
        plans.append(PagePlan(kind.value, kind))
    return plans


def _part_slug(part: Part, taken: set[str]) -> str:
    """As report.yaml records it (part_slugs), so that a reworded heading moves no page; until `gwr update`
    records it, the role's name for the first part of each role (/review/, /plan/), else the part's ID (/part-4/)."""
    if part.slug:
        return part.slug
    if part.kind is PartKind.OTHER or part.kind.value in taken:
        return part.id
    taken.add(part.kind.value)
    return part.kind.value


def items_of(report: Report, section: Section) -> list[Section]:
    """The numbered items (exemplars, actions) in the part of a section, e.g. of a list introduction."""
    for part in report.parts:
        if section in part.sections:
            return [s for s in part.sections if s.kind in ITEM_KINDS]
    return []
