"""Titles and labels of pages, parts, items and sections, in the language of one edition."""

from __future__ import annotations

from ..enrich.editorial import Editorial, EditorialPage
from ..enrich.pages import PageKind, PagePlan, items_of
from ..enrich.facts import FORMULA_NAME
from ..source.model import Part, PartKind, Report, Section, SectionKind
from .glossary_view import Place
from .labels import (DESCRIPTIONS, FIXED_TITLES, LIST_LABELS, MISSING_PART_LABELS, MISSING_PARTS, N_, OVERVIEW_LABEL,
                     PURPOSES, REPORT_HOLDS, REPORT_IS, SECTION_LABELS, SITE_DESCRIPTION)
from .language import EditionLanguage
from .links import Links
from .wording import Wording


def variants(label: str | tuple[str, ...]) -> tuple[str, ...]:
    """A label of labels.py as the variants Wording.fill chooses from."""
    return label if isinstance(label, tuple) else (label,)


class Titles:
    def __init__(self, report: Report, language: EditionLanguage, editorial: Editorial, links: Links,
                 words: Wording) -> None:
        self.report = report
        self.language = language
        self.zh = language.zh
        self.editorial = editorial
        self.links = links
        self.words = words

    def part(self, part: Part) -> str:
        if part.title and part.heading:
            return self.language.plain(part.heading.id, part.title)
        label = MISSING_PART_LABELS.get(part.kind, MISSING_PART_LABELS[PartKind.OTHER])
        return self.words.fill(label, title=True, n=part.number)

    def item(self, section: Section, short: bool = False) -> str:
        """“（一）<title>” / “1. <title>” in the other editions."""
        if short and section.short_title:
            title = self.language.plain(section.short_title_id, section.short_title)
        elif section.heading:
            title = self.language.plain(section.heading.id, section.title)
        else:
            title = section.title or ""
        marker = section.marker if self.zh else f"{section.number}. "
        return f"{marker or ''}{title}"

    def page(self, plan: PagePlan) -> str:
        if plan.kind is PageKind.HOME:
            return self.site_name()
        if plan.kind is PageKind.PART:
            return self.part(plan.part)
        if plan.kind is PageKind.ITEM:
            return self.item(plan.section)
        content = self.editorial_page(plan)
        if content:
            return content.title_zh if self.zh else content.title
        return self.language.gettext(FIXED_TITLES[plan.kind])

    def nav(self, plan: PagePlan) -> str:
        """The label of a page in the navigation: short titles for items, 概述 for a part's own page."""
        if plan.kind is PageKind.HOME:
            return self.language.gettext(FIXED_TITLES[PageKind.HOME])
        if plan.kind is PageKind.PART:
            return self.language.gettext(OVERVIEW_LABEL)
        if plan.kind is PageKind.ITEM:
            return self.item(plan.section, short=True)
        return self.page(plan)

    def link_label(self, plan: PagePlan) -> str:
        """A page named out of the nav: an item by its short title, other pages by their title."""
        return self.nav(plan) if plan.kind is PageKind.ITEM else self.page(plan)

    def section_label(self, section: Section) -> str | None:
        if section.kind in (SectionKind.PRINCIPLES, SectionKind.LIST_INTRO) and self.zh:
            names = FORMULA_NAME.findall("".join(seg.text for seg in section.segments()))
            if names:
                return names[-1]
        if section.kind is SectionKind.LIST_INTRO:
            items = items_of(self.report, section)
            return self.language.gettext(LIST_LABELS[items[0].kind]) if items else None
        label = SECTION_LABELS.get(section.kind)
        return self.language.gettext(label) if label else None

    def place(self, place: Place, short: bool = False) -> str:
        """Where a term occurs: the item's title (short: its short title), or the page and the section's label."""
        plan = self.links.page_of_section[place.section_id]
        if plan.kind is PageKind.ITEM:
            return self.item(plan.section, short=short)
        label = self.section_label(self.report.section(place.section_id))
        title = self.page(plan)
        return f"{title} · {label}" if label and len(plan.sections) > 1 else title

    def editorial_page(self, plan: PagePlan) -> EditorialPage | None:
        return self.editorial.pages.get(plan.kind.value)

    def source_description(self) -> str:
        meta = self.report.meta
        return meta.source_description_zh if self.zh else meta.source_description

    def purpose(self, plan: PagePlan) -> str:
        return self.words.fill(*variants(PURPOSES[plan.kind]))

    def delivered(self) -> str:
        meta = self.report.meta
        return meta.delivered_zh if self.zh else meta.delivered_en

    def site_name(self) -> str:
        """The report's name, the site's and the home page's: city, year and title from report.yaml."""
        meta = self.report.meta
        if self.zh:
            return f"{meta.city}{meta.year}年{self.report.title}"
        return f"{meta.city_en or meta.city} {meta.year} {meta.title_en or self.report.title}"

    def site_description(self) -> str:
        meta = self.report.meta
        return (meta.description_zh if self.zh else meta.description_en) or self.words.fill(*SITE_DESCRIPTION)

    def introduction(self, with_delivered: bool = True) -> str:
        """The home page's opening: report.yaml's introduction, where {delivered} stands for the sentence of
        `delivered:` (after it when it has none); else what the report is, when delivered, what it holds.
        Without with_delivered: what the report is and holds (the home page's lead; the sentence follows)."""
        meta, delivered = self.report.meta, self.delivered() if with_delivered else ""
        given = meta.introduction_zh if self.zh else meta.introduction_en
        if not given:
            return self.language.space.join(filter(None, (self.words.fill(REPORT_IS), delivered,
                                                           self.words.fill(*REPORT_HOLDS))))
        if "{delivered}" not in given:
            return self.language.space.join(filter(None, (given, delivered)))
        return " ".join(given.replace("{delivered}", delivered).split())  # no doubled space where it is empty

    def completeness(self) -> str:
        """What the source holds and what it lacks, said once: 现有文本来自报纸第2版。尚未收录：报告的开头和结尾。"""
        meta = self.report.meta
        have = sorted(p.page for p in meta.pages)
        if not meta.missing:
            return ""
        parts = []
        for missing in sorted(meta.missing, key=lambda m: m.page):
            where = "opening" if missing.page < have[0] else "end" if missing.page > have[-1] else "middle"
            parts.append(self.language.gettext(MISSING_PARTS[where]).format(page=missing.page))
        joiner = self.language.gettext(N_("和"))
        pages = self.language.list_separator.join(str(page) for page in have)
        return (self.language.gettext(N_("现有文本来自报纸第{pages}版。")).format(pages=pages) + self.language.space
                + self.language.gettext(N_("尚未收录：报告的{missing}。")).format(missing=joiner.join(parts)))

    def description(self, plan: PagePlan, length: int = 0) -> str:
        """The page's meta description: the report's own first sentence where the page has report text."""
        length = length or (110 if self.zh else 200)
        content = self.editorial_page(plan)
        first = next((s for section in plan.sections for s in section.segments() if s.role.value == "sentence"), None)
        if content:
            text = content.intro if not self.zh else self.language.gettext(PURPOSES[plan.kind])
        elif first is not None:
            text = self.language.plain(first.id, first.text)
        elif plan.part is not None:  # a part's page with no text of its own: its items follow the heading
            text = self.page(plan)
        else:  # an editorial page not written yet (a new report) says what it is for
            text = self.words.fill(*variants(DESCRIPTIONS.get(plan.kind) or PURPOSES[plan.kind]))
        return text if len(text) <= length else text[: length - 1].rsplit(" " if not self.zh else "，", 1)[0] + "…"

    def gap_before(self, plan: PagePlan) -> str:
        """On the first page of report text, when the newspaper page before is not in the source."""
        report, missing = self.report, {m.page for m in self.report.meta.missing}
        first = next((p for p in self.links.pages if p.sections), None)
        marker = next((m for m in report.markers if m.direction == "from" and m.page in missing), None)
        if plan is not first or marker is None:
            return ""
        part = plan.part
        label = N_("本部分开头（包括标题）刊于报纸第{page}版，尚未收录；标题为编者所加。") \
            if part is not None and not part.heading_available else N_("本部分开头刊于报纸第{page}版，尚未收录。")
        return self.language.gettext(label).format(page=marker.page)

    def gap_after(self, plan: PagePlan) -> str:
        """On the last page of report text, when the newspaper page after is not in the source."""
        missing = {m.page for m in self.report.meta.missing}
        last = next((p for p in reversed(self.links.pages) if p.sections), None)
        marker = next((m for m in self.report.markers if m.direction == "to" and m.page in missing), None)
        if plan is not last or marker is None:
            return ""
        return self.language.gettext(N_("报告的其余部分刊于报纸第{page}版，尚未收录。")).format(page=marker.page)
