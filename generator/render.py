"""Render: Report -> Markdown pages and the navigation of one language edition.

Pages are planned from the model (one overview page per part, one page per
exemplar and action, the closing, the source notes), rendered with Jinja2 and
collected in memory; writing them out is the job of site.py.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .model import Anomaly, Block, Part, PartKind, Report, Section, SectionKind, Segment

TEMPLATES = Path(__file__).parent / "templates"
ITEM_KINDS = (SectionKind.EXEMPLAR, SectionKind.ACTION, SectionKind.ITEM)

# Labels for parts whose heading is not in the available text.
MISSING_PART_LABELS = {PartKind.REVIEW: "过去五年工作回顾", PartKind.OTHER: "第{n}部分"}
OVERVIEW_LABEL = "概述"  # nav label of a part's own page inside the part's group
SECTION_LABELS = {
    SectionKind.GUIDING_THOUGHT: "指导思想",
    SectionKind.MAIN_GOALS: "主要目标",
    SectionKind.PRINCIPLES: "基本遵循",
    SectionKind.TARGETS: "主要预期目标",
}
LIST_LABELS = {SectionKind.EXEMPLAR: "典范", SectionKind.ACTION: "行动", SectionKind.ITEM: "主要任务"}
# The name of a numbered formula the paragraph introduces: “五个坚持”, “八个典范”, “十大行动”.
FORMULA_NAME = re.compile(r"“([一二三四五六七八九十]+[个大项][\u4e00-\u9fff]{1,4})”")
ANOMALY_LABELS = {
    "column-break": "分栏断句", "latin-word": "英文单词", "doubled-text": "重复字词",
    "repeated-passage": "重复段落", "unbalanced": "引号括号不成对", "missing-stop": "缺句末标点",
}
_EDITOR_NOTE = "编者注："


@dataclass
class PagePlan:
    slug: str  # the file stem and URL path; equals a section or part ID where there is one
    template: str
    title: str
    nav_title: str
    sections: list[Section] = field(default_factory=list)
    part: Part | None = None

    @property
    def path(self) -> str:
        return f"{self.slug}.md"


@dataclass
class Edition:
    """The rendered pages of one language, in navigation order."""

    lang: str
    pages: dict[str, str]  # relative path -> Markdown
    nav: list


def plan_pages(report: Report) -> list[PagePlan]:
    plans = [PagePlan("index", "home.md.j2", report.meta.city + str(report.meta.year) + "年" + report.title, "首页")]
    for part in report.parts:
        overview = [s for s in part.sections if s.kind not in ITEM_KINDS and s.kind is not SectionKind.CLOSING]
        if overview:
            slug = part.kind.value if part.kind is not PartKind.OTHER else part.id
            label = part_label(part)
            plans.append(PagePlan(slug, "part.md.j2", label, OVERVIEW_LABEL, overview, part))
        for section in part.sections:
            if section.kind in ITEM_KINDS:
                plans.append(PagePlan(section.id, "item.md.j2", f"{section.marker}{section.title}",
                                      f"{section.marker}{section.short_title}", [section], part))
            elif section.kind is SectionKind.CLOSING:
                plans.append(PagePlan(section.id, "part.md.j2", "结语", "结语", [section], part))
    plans.append(PagePlan("source-notes", "source-notes.md.j2", "来源说明", "来源说明"))
    return plans


def part_label(part: Part) -> str:
    if part.title:
        return part.title
    return MISSING_PART_LABELS.get(part.kind, MISSING_PART_LABELS[PartKind.OTHER]).format(n=part.number)


def build_nav(plans: list[PagePlan], label: Callable[[str], str]) -> list:
    """MkDocs nav: home, then one group per part (overview first), then the notes."""
    nav: list = []
    groups: dict[str, list] = {}
    for plan in plans:
        entry = {label(plan.nav_title): plan.path}
        if plan.part is None:
            nav.append(entry)
            continue
        if plan.part.id not in groups:
            groups[plan.part.id] = []
            nav.append({label(part_label(plan.part)): groups[plan.part.id]})
        groups[plan.part.id].append(entry)
    # A part with a single page needs no group.
    return [_flatten_single(item) for item in nav]


def _flatten_single(item: dict) -> dict:
    """A group with one page becomes that page, under the group's title."""
    (title, value), = item.items()
    if isinstance(value, list) and len(value) == 1:
        return {title: next(iter(value[0].values()))}
    return item


# --- Markdown helpers ---------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|])")


def md_escape(text: str) -> str:
    """Text made safe for Markdown inline context (headings, table cells, lists)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def strip_end(text: str) -> str:
    return text.rstrip("：。！？；:")


class Renderer:
    """Renders the pages of one language edition."""

    def __init__(self, report: Report, lang: str = "zh") -> None:
        self.report = report
        self.lang = lang
        self.plans = plan_pages(report)
        self.page_of_section = {s.id: p for p in self.plans for s in p.sections}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=False,  # Markdown output: text is escaped explicitly with |e or |md
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_null_translations(newstyle=True)
        self.env.filters["md"] = md_escape
        self.env.filters["strip_end"] = strip_end
        self.env.filters["yaml_str"] = lambda text: json.dumps(text, ensure_ascii=False)  # JSON strings are YAML
        self.env.globals.update(
            report=report, meta=report.meta, plans=self.plans, part_label=part_label,
            link=self.link, anomalies_of=self.anomalies_of, SectionKind=SectionKind,
            segment_html=self.segment_html, ITEM_KINDS=ITEM_KINDS, section_label=self.section_label,
            items_after=self.items_after, editorial_marks=self.editorial_marks, kind_label=lambda kind: ANOMALY_LABELS.get(kind, kind),
        )
        self.env.filters["segment_count"] = lambda section: len(list(section.segments()))

    def render(self) -> Edition:
        pages = {}
        for plan in self.plans:
            template = self.env.get_template(plan.template)
            pages[plan.path] = template.render(page=plan, sections=plan.sections, part=plan.part)
        return Edition(self.lang, pages, build_nav(self.plans, lambda s: s))

    def link(self, target_id: str, from_slug: str | None = None) -> str:
        """Relative Markdown link target for a section or segment ID."""
        plan = self.page_of_section[target_id.split(".")[0]]  # every section is on exactly one page
        anchor = "" if target_id == plan.slug else f"#{target_id}"
        if plan.slug == from_slug:
            return anchor or "#"
        return f"{plan.path}{anchor}"

    def anomalies_of(self, sections: list[Section], kinds_excluded: tuple[str, ...] = ("column-break",)) -> list[Anomaly]:
        ids = {seg.id for s in sections for seg in s.segments()}
        return [a for a in self.report.anomalies if a.segment_id in ids and a.kind not in kinds_excluded]

    def section_label(self, section: Section) -> str | None:
        if section.kind in (SectionKind.PRINCIPLES, SectionKind.LIST_INTRO):
            names = FORMULA_NAME.findall("".join(seg.text for seg in section.segments()))
            if names:
                return names[-1]
        if section.kind is SectionKind.LIST_INTRO:
            return LIST_LABELS.get(self.items_after(section)[0].kind) if self.items_after(section) else None
        return SECTION_LABELS.get(section.kind)

    def items_after(self, section: Section) -> list[Section]:
        """The numbered items (exemplars, actions) that a list introduction announces."""
        for part in self.report.parts:
            if section in part.sections:
                return [s for s in part.sections if s.kind in ITEM_KINDS]
        return []

    def editorial_marks(self, block: Block) -> str:
        """Visible editorial notes inside the text, e.g. where the print lacks a full stop."""
        ids = {s.id for s in block.segments}
        marks = [a for a in self.report.anomalies if a.kind == "missing-stop" and a.segment_id in ids]
        return "".join(f'<span class="gwr-ed-note">〔{html.escape(_EDITOR_NOTE)}{html.escape(a.message_zh)}〕</span>'
                       for a in marks)

    def segment_html(self, segment: Segment) -> str:
        return f'<span class="gwr-seg" id="{segment.id}">{html.escape(segment.text, quote=False)}</span>'


def render_edition(report: Report, lang: str = "zh") -> Edition:
    return Renderer(report, lang).render()
