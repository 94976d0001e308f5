"""Render: Report -> the Markdown pages and the navigation of one language edition.

Pages come from pages.plan_pages (the same in every language); the text of each
page comes from the localiser (the official Chinese, or a translation with its
status). Rendering is done in memory; writing files is site.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .editorial import Editorial, EditorialPage, Point
from .escape import Safe, anchor, fmt, front_matter_title, html_text, link, markdown_text, nav_label
from .glossary import Glossary
from .glossary_view import GlossaryView, Place
from .localise import Localiser, LocalText, Progress, Status
from .target_view import ChartRow, TargetView
from .messages import SourceMessage
from .model import Anomaly, Block, Part, PartKind, Report, Section, SectionKind, Segment
from .pages import FIXED_TITLES, ITEM_KINDS, MISSING_PART_LABELS, N_, PageKind, PagePlan, items_of, plan_pages

TEMPLATES = Path(__file__).parent / "templates"
OVERVIEW_LABEL = N_("概述")  # nav label of a part's own page inside the part's group
SECTION_LABELS = {
    SectionKind.GUIDING_THOUGHT: N_("指导思想"),
    SectionKind.MAIN_GOALS: N_("主要目标"),
    SectionKind.PRINCIPLES: N_("基本遵循"),
    SectionKind.TARGETS: N_("主要预期目标"),
}
LIST_LABELS = {SectionKind.EXEMPLAR: N_("典范"), SectionKind.ACTION: N_("行动"), SectionKind.ITEM: N_("主要任务")}
# The name of a numbered formula the paragraph introduces: “五个坚持”, “八个典范”, “十大行动”.
FORMULA_NAME = re.compile(r"“([一二三四五六七八九十]+[个大项][\u4e00-\u9fff]{1,4})”")
ANOMALY_LABELS = {
    "column-break": N_("分栏断句"), "latin-word": N_("英文单词"), "doubled-text": N_("重复字词"),
    "repeated-passage": N_("重复段落"), "unbalanced": N_("引号括号不成对"), "missing-stop": N_("缺句末标点"),
}


@dataclass
class Edition:
    """The rendered pages of one language, in navigation order."""

    lang: str
    pages: dict[str, str]  # relative path -> Markdown
    nav: list


def strip_end(text: str) -> str:
    return text.rstrip("：。！？；:")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory across renders (each Renderer has its own Environment)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class Renderer:
    """Renders the pages of one language edition."""

    def __init__(self, report: Report, localiser: Localiser, messages: dict[str, list[SourceMessage]],
                 progress: dict[str, Progress], glossary: Glossary, editorial: Editorial,
                 contributing: str = "") -> None:
        self.report = report
        self.loc = localiser
        self.lang = localiser.lang
        self.zh = localiser.is_source
        self.messages = messages  # per page: what the status line counts
        self.progress = progress  # per catalog: the translation's progress (shown in every edition)
        self.reviews: dict[str, str] = {}  # per catalog: the review record (set by site.render_all)
        self.plans = plan_pages(report)
        self.page_of_section = {s.id: p for p in self.plans for s in p.sections}
        self.index = report.segment_index()
        self.glossary = glossary
        self.editorial = editorial
        self.g = GlossaryView(report, glossary, self.zh, self.gettext)
        self.tv = TargetView(report, localiser)
        self.downloads: dict[str, str] = {}  # files shared by every edition (site.render_all)
        self._page: PagePlan = self.plans[0]  # the page being rendered
        self._linked: set[str] = set()  # terms already linked on it
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=False,  # Markdown, not HTML: finalize escapes every {{ value }} for Markdown instead
            finalize=markdown_text,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=_COMPILED,
        )
        self.env.install_gettext_callables(self.gettext, lambda s, p, n: self.gettext(s if n == 1 else p), newstyle=False)
        self.env.filters["front_matter_title"] = front_matter_title
        self.env.globals.update(
            r=self, report=report, meta=report.meta, plans=self.plans, SectionKind=SectionKind, PageKind=PageKind,
            ITEM_KINDS=ITEM_KINDS, zh=self.zh, contributing=Safe(contributing), g=self.g, tv=self.tv,
            link=link, anchor=anchor, fmt=fmt,
        )

    def render(self) -> Edition:
        pages = {}
        for plan in self.plans:
            self._page, self._linked = plan, set()
            template = self.env.get_template(plan.template)
            pages[plan.path] = template.render(page=plan, sections=plan.sections, part=plan.part)
        pages.update(self.downloads)
        return Edition(self.lang, pages, self.nav())

    # --- text ------------------------------------------------------------------------

    def gettext(self, msgid: str) -> str:
        return self.loc.gettext(msgid)

    def tr(self, context: str, source: str) -> LocalText:
        return self.loc.text(context, source)

    def plain(self, context: str, source: str) -> str:
        return self.tr(context, source).text

    @property
    def colon(self) -> str:
        return "：" if self.zh else ": "

    @property
    def list_separator(self) -> str:
        return "、" if self.zh else ", "

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.zh else f" ({text})"

    def part_title(self, part: Part) -> str:
        if part.title and part.heading:
            return self.plain(part.heading.id, part.title)
        label = MISSING_PART_LABELS.get(part.kind, MISSING_PART_LABELS[PartKind.OTHER])
        return self.gettext(label).format(n=part.number)

    def item_title(self, section: Section, short: bool = False) -> str:
        """“（一）全力打造全球市场典范” / “1. …” in the other editions."""
        if short and section.short_title:
            title = self.plain(section.short_title_id, section.short_title)
        else:
            title = self.plain(section.heading.id, section.title) if section.heading else (section.title or "")
        marker = section.marker if self.zh else f"{section.number}. "
        return f"{marker or ''}{title}"

    def page_title(self, plan: PagePlan) -> str:
        if plan.kind is PageKind.HOME:
            meta = self.report.meta
            if self.zh:
                return f"{meta.city}{meta.year}年{self.report.title}"
            return f"{meta.city_en} {meta.year} {meta.title_en}"
        if plan.kind is PageKind.PART:
            return self.part_title(plan.part)
        if plan.kind is PageKind.ITEM:
            return self.item_title(plan.section)
        content = self.editorial_page(plan)
        if content:
            return content.title_zh if self.zh else content.title
        return self.gettext(FIXED_TITLES[plan.kind])

    def nav_label(self, plan: PagePlan) -> str:
        if plan.kind is PageKind.HOME:
            return self.gettext(FIXED_TITLES[PageKind.HOME])
        if plan.kind is PageKind.PART:
            return self.gettext(OVERVIEW_LABEL)
        if plan.kind is PageKind.ITEM:
            return self.item_title(plan.section, short=True)
        return self.page_title(plan)

    def section_label(self, section: Section) -> str | None:
        if section.kind in (SectionKind.PRINCIPLES, SectionKind.LIST_INTRO) and self.zh:
            names = FORMULA_NAME.findall("".join(seg.text for seg in section.segments()))
            if names:
                return names[-1]
        if section.kind is SectionKind.LIST_INTRO:
            items = items_of(self.report, section)
            return self.gettext(LIST_LABELS[items[0].kind]) if items else None
        label = SECTION_LABELS.get(section.kind)
        return self.gettext(label) if label else None

    def items_after(self, section: Section) -> list[Section]:
        return items_of(self.report, section)

    def anomaly_message(self, note: Anomaly) -> str:
        return note.message_zh if self.zh else note.message

    def kind_label(self, kind: str) -> str:
        return self.gettext(ANOMALY_LABELS[kind]) if kind in ANOMALY_LABELS else kind

    def source_description(self) -> str:
        meta = self.report.meta
        return meta.source_description_zh if self.zh else meta.source_description

    # --- Markdown and HTML pieces ----------------------------------------------------------

    def hashes(self, level: int) -> Safe:
        return Safe("#" * level)

    def heading_md(self, local: LocalText) -> Safe:
        """Heading text (Markdown inline). Chinese in another edition is marked; badges are CSS only,
        so that the table of contents shows the text alone."""
        text = markdown_text(strip_end(local.text))
        if self.zh or local.status is Status.TRANSLATED:
            return text
        if local.status is Status.PENDING:
            return Safe(f'<span class="gwr-pending" lang="zh-Hans" title="{self._attr(N_("待译"))}">{text}</span>')
        return Safe(f'<span class="gwr-fuzzy" title="{self._attr(N_("待审校"))}">{text}</span>')

    def section_heading_md(self, section: Section) -> Safe:
        local = self.tr(section.heading.id, section.title) if section.heading else LocalText(
            section.title or "", Status.ORIGINAL, section.title or "")
        marker = section.marker if self.zh else f"{section.number}. "
        return Safe(f"{markdown_text(marker or '')}{self.heading_md(local)}")

    def block_heading_md(self, block: Block) -> Safe:
        segment = block.title_segment
        if self.zh:  # as printed: “一是做强实体市场”
            return markdown_text(strip_end(segment.text))
        return self.heading_md(self.tr(segment.id, block.title or segment.text))

    def paragraph_html(self, block: Block) -> Safe:
        """A paragraph as one HTML block: no character of the text can be taken for Markdown."""
        ident = "" if block.title_segment else f' id="{block.id}"'
        pieces, previous = [], None
        for segment in block.body_segments:
            local = self.tr(segment.id, segment.text)
            if local.status is Status.PENDING and previous is not Status.PENDING:
                pieces.append(self._badge("pending", N_("待译")))
            pieces.append(self.segment_html(segment, local))
            previous = local.status
        separator = "" if self.zh else " "
        return Safe(f'<p class="gwr-para"{ident}>{separator.join(pieces)}{self.editorial_marks(block)}</p>')

    def segment_html(self, segment: Segment, local: LocalText) -> str:
        text = self.linked_text(local)
        if local.status is Status.PENDING:
            return f'<span class="gwr-seg gwr-pending" id="{segment.id}" lang="zh-Hans">{text}</span>'
        if local.status is Status.FUZZY:
            title = self.gettext(N_("中文原文已修改，此译文尚待审校。"))
            return (f'<span class="gwr-seg gwr-fuzzy" id="{segment.id}" title="{html_text(title)}">{text}</span>'
                    + self._badge("review", N_("待审校")) + self._translator_note(local))
        return f'<span class="gwr-seg" id="{segment.id}">{text}</span>' + self._translator_note(local)

    def _translator_note(self, local: LocalText) -> str:
        """Visibly not part of the translation: where the print is corrupted, the reader is told."""
        if not local.note:
            return ""
        label = html_text(self.gettext(N_("译者注")) + self.colon)
        return f'<span class="gwr-ed-note gwr-tr-note"> [{label}{html_text(local.note)}]</span>'

    def linked_text(self, local: LocalText) -> str:
        """The text as HTML, the first occurrence of each glossary term on the page linked to its entry."""
        if self._page.kind is PageKind.GLOSSARY:
            return html_text(local.text)
        base = "" if self._page.slug == "index" else "../"
        return self.g.link_terms(local.text, local.is_chinese, self._linked, base)

    def place_label(self, place: Place) -> str:
        """Where a term occurs: the item's title, or the page and the section's label."""
        plan = self.page_of_section[place.section_id]
        if plan.kind is PageKind.ITEM:
            return self.item_title(plan.section)
        label = self.section_label(self.report.section(place.section_id))
        title = self.page_title(plan)
        return f"{title} · {label}" if label and len(plan.sections) > 1 else title

    # --- editorial content ----------------------------------------------------------------

    def editorial_page(self, plan: PagePlan) -> EditorialPage | None:
        return self.editorial.pages.get(plan.kind.value)

    def summary(self, section: Section) -> tuple[Point, ...]:
        """The merchants' summary of an exemplar or action page: English editions only."""
        return () if self.zh else self.editorial.summaries.get(section.id, ())

    def point_md(self, point: Point, from_slug: str) -> Safe:
        """A point, then links to the sentences it cites (one per page cited). In Chinese, the cited
        official sentences themselves stand for the point."""
        first_on_page: dict[str, str] = {}
        for source in point.sources:
            first_on_page.setdefault(self.page_of_section[source.split(".")[0]].slug, source)
        links = [self.source_link(source, from_slug) for source in first_on_page.values()]
        if self.zh:
            quoted = "".join(self.index[s].text for s in point.sources)
            return Safe(f"{markdown_text(quoted)}（{'、'.join(links)}）")
        return Safe(f"{markdown_text(point.text)} ({', '.join(links)})")

    def source_link(self, segment_id: str, from_slug: str) -> Safe:
        """A Markdown link to a sentence, labelled by its page: an item by its short title, other pages by
        their title ("概述" says nothing out of the nav), the current page as "原文"."""
        plan = self.page_of_section[segment_id.split(".")[0]]
        if plan.slug == from_slug:
            label = self.gettext(N_("原文"))
        else:
            label = self.nav_label(plan) if plan.kind is PageKind.ITEM else self.page_title(plan)
        return link(label, self.link(segment_id, from_slug))

    # --- targets ------------------------------------------------------------------------

    def task_title(self, segment_id: str) -> str:
        """The task (一是…) a sentence of an action belongs to, in this edition's language."""
        section = self.report.section(segment_id.split(".")[0])
        for block in section.blocks:
            if any(s.id == segment_id for s in block.segments) and block.title_segment:
                return strip_end(self.plain(block.title_segment.id, block.title or ""))
        return ""

    def chart(self, ident: str, title: str, description: str, quantities: list, from_slug: str,
              with_start: bool = False) -> Safe:
        rows = []
        for q in quantities:
            href = self.url(q.segment_id, from_slug)
            if with_start and q.from_value:  # the figure of five years earlier, then today's
                earlier = f"{self.tv.label(q)}{self.paren(self.gettext(N_('五年前')))}"
                rows.append(ChartRow(earlier, q.base_value / float(q.value) * float(q.from_value), self.tv.change(q),
                                     href))
            rows.append(ChartRow(self.tv.label(q), q.base_value, self.tv.value(q), href))
        return Safe(self.tv.bar_chart(ident, title, description, rows))

    def url(self, target_id: str, from_slug: str) -> Safe:
        """The built URL of a section or segment (for raw HTML, where MkDocs does not rewrite .md links)."""
        plan = self.page_of_section[target_id.removesuffix(".title").split(".")[0]]
        base = "" if from_slug == "index" else "../"
        path = "" if plan.slug == "index" else f"{plan.slug}/"
        return Safe(f"{base}{path}#{target_id.removesuffix('.title')}")

    def _badge(self, kind: str, label: str) -> str:
        return f'<span class="gwr-badge gwr-badge--{kind}">{html_text(self.gettext(label))}</span>'

    def _attr(self, label: str) -> str:
        return html_text(self.gettext(label))

    def editorial_marks(self, block: Block) -> str:
        """Visible editorial notes inside the text, e.g. where the print lacks a full stop."""
        ids = {s.id for s in block.segments}
        marks = [a for a in self.report.anomalies if a.kind == "missing-stop" and a.segment_id in ids]
        open_, close = ("〔", "〕") if self.zh else (" [", "]")
        label = self.gettext(N_("编者注")) + self.colon
        return "".join(f'<span class="gwr-ed-note">{open_}{html_text(label)}'
                       f'{html_text(self.anomaly_message(a))}{close}</span>' for a in marks)

    def link(self, target_id: str, from_slug: str | None = None) -> Safe:
        """Relative Markdown link target for a section or segment ID."""
        target_id = target_id.removesuffix(".title")  # a heading's anchor is its section's or block's ID
        plan = self.page_of_section[target_id.split(".")[0]]  # every section is on exactly one page
        anchor = "" if target_id == plan.slug else f"#{target_id}"
        if plan.slug == from_slug:
            return Safe(anchor or "#")
        return Safe(f"{plan.path}{anchor}")

    def anomalies_of(self, sections: list[Section], kinds_excluded: tuple[str, ...] = ("column-break",)) -> list[Anomaly]:
        ids = {seg.id for s in sections for seg in s.segments()}
        return [a for a in self.report.anomalies if a.segment_id in ids and a.kind not in kinds_excluded]

    def segment_count(self, plan: PagePlan) -> int:
        return sum(len(list(s.segments())) for s in plan.sections)

    # --- translation status -------------------------------------------------------------

    def catalog_problem(self, plan: PagePlan) -> str | None:
        problem = self.loc.broken.get(plan.slug)
        return f"{problem.path}:{problem.where}: {problem.problem}" if problem else None

    def page_progress(self, plan: PagePlan) -> Progress | None:
        return self.progress.get(plan.slug)

    def total_progress(self) -> Progress:
        total = Progress()
        for slug, progress in self.progress.items():
            if slug in self.messages:
                total += progress
        return total

    def review_of(self, plan: PagePlan) -> str:
        """When the page's translation was read a second time against the Chinese ('—' if not yet)."""
        record = self.reviews.get(plan.slug)
        return record.split(",")[0] if record else "—"

    def status_text(self, progress: Progress) -> str:
        return self.gettext(N_("英文译文：已译{percent}%，{fuzzy}句待审校，{pending}句待译")).format(
            percent=progress.percent, fuzzy=progress.fuzzy, pending=progress.pending)

    def other_edition_href(self, slug: str) -> Safe:
        """From a page of this edition to the same page of the Chinese one (directory URLs)."""
        depth = (0 if slug == "index" else 1) + (0 if self.zh else 1)
        return Safe("../" * depth + ("" if slug == "index" else f"{slug}/") or "./")

    # --- navigation ----------------------------------------------------------------------

    def nav(self) -> list:
        """MkDocs nav: home, then one group per part (overview first), then the site's own pages."""
        nav: list = []
        groups: dict[str, list] = {}
        for plan in self.plans:
            entry = {nav_label(self.nav_label(plan)): plan.path}
            if plan.part is None:
                nav.append(entry)
                continue
            if plan.part.id not in groups:
                groups[plan.part.id] = []
                nav.append({nav_label(self.part_title(plan.part)): groups[plan.part.id]})
            groups[plan.part.id].append(entry)
        return [_flatten_single(item) for item in nav]


def _flatten_single(item: dict) -> dict:
    """A group with one page becomes that page, under the group's title."""
    (title, value), = item.items()
    if isinstance(value, list) and len(value) == 1:
        return {title: next(iter(value[0].values()))}
    return item
