"""Which pages the site has: planned from the model, the same for every language.

One overview page per part, one page per exemplar and action, the closing, and
the site's own pages (source notes, translation status, how to contribute). The
slug is the file stem and the URL in every edition, so the language switcher can
stay on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .model import Part, PartKind, Report, Section, SectionKind


def N_(text: str) -> str:
    """Marks an interface string for extraction (see messages.py); translated when rendered."""
    return text


ITEM_KINDS = (SectionKind.EXEMPLAR, SectionKind.ACTION, SectionKind.ITEM)
# Labels for parts whose heading is not in the available text.
MISSING_PART_LABELS = {PartKind.REVIEW: N_("过去五年工作回顾"), PartKind.OTHER: N_("第{n}部分")}


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


PAGE_TEMPLATES = {
    PageKind.HOME: "home.md.j2", PageKind.PART: "part.md.j2", PageKind.ITEM: "item.md.j2",
    PageKind.HIGHLIGHTS: "editorial.md.j2", PageKind.MERCHANTS: "editorial.md.j2", PageKind.TARGETS: "targets.md.j2",
    PageKind.CLOSING: "part.md.j2", PageKind.GLOSSARY: "glossary.md.j2", PageKind.NOTES: "source-notes.md.j2",
    PageKind.STATUS: "translation-status.md.j2", PageKind.CONTRIBUTING: "contributing.md.j2",
}
# Titles of the pages that have no title in the report.
FIXED_TITLES = {
    PageKind.HOME: N_("首页"), PageKind.HIGHLIGHTS: N_("报告要点"), PageKind.MERCHANTS: N_("外商关注"),
    PageKind.TARGETS: N_("目标与数据"),
    PageKind.CLOSING: N_("结语"), PageKind.GLOSSARY: N_("术语表"), PageKind.NOTES: N_("来源说明"),
    PageKind.STATUS: N_("翻译进度"), PageKind.CONTRIBUTING: N_("参与翻译"),
}


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
    def template(self) -> str:
        return PAGE_TEMPLATES[self.kind]

    @property
    def section(self) -> Section | None:
        return self.sections[0] if self.kind is PageKind.ITEM else None


def plan_pages(report: Report) -> list[PagePlan]:
    plans = [PagePlan("index", PageKind.HOME), PagePlan("highlights", PageKind.HIGHLIGHTS),
             PagePlan("merchants", PageKind.MERCHANTS), PagePlan("targets", PageKind.TARGETS)]
    for part in report.parts:
        overview = [s for s in part.sections if s.kind not in ITEM_KINDS and s.kind is not SectionKind.CLOSING]
        if overview:
            slug = part.kind.value if part.kind is not PartKind.OTHER else part.id
            plans.append(PagePlan(slug, PageKind.PART, overview, part))
        for section in part.sections:
            if section.kind in ITEM_KINDS:
                plans.append(PagePlan(section.id, PageKind.ITEM, [section], part))
            elif section.kind is SectionKind.CLOSING:
                plans.append(PagePlan(section.id, PageKind.CLOSING, [section], part))
    for kind in (PageKind.GLOSSARY, PageKind.NOTES, PageKind.STATUS, PageKind.CONTRIBUTING):
        plans.append(PagePlan(kind.value, kind))
    return plans


def items_of(report: Report, section: Section) -> list[Section]:
    """The numbered items (exemplars, actions) in the part of a section, e.g. of a list introduction."""
    for part in report.parts:
        if section in part.sections:
            return [s for s in part.sections if s.kind in ITEM_KINDS]
    return []
