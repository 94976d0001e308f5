"""Render: the enriched report -> the Markdown pages and the navigation of one language edition.

The Renderer only assembles pages: it gives each page's template the helpers of its
edition (titles, text markup, links, editorial points, targets, glossary, translation
status) and renders every planned page in memory, but those it is given as they were
rendered (a kept Generator's, page_reads.py). Writing files is generate.py's job.
Every {{ value }} in a template is escaped for Markdown by the environment itself
(escape.markdown_text as Jinja's finalize); helpers return Safe where they build markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..enrich.enriched import EnrichedReport
from ..enrich.pages import ITEM_KINDS, PageKind, items_of
from ..source.model import SectionKind
from ..translation.localise import Localiser
from .compiled import GENERATOR_TEMPLATES
from .escape import Safe, anchor, fmt, front_matter_text, link, markdown_text
from .glossary_view import GlossaryView
from .language import EditionLanguage
from .links import Links
from .markup import TextMarkup
from .parallel import ParallelText
from .labels import N_
from .navigation import build_nav, footer_links
from .page_reads import PageReads
from .plan_view import PlanView
from .points import PointsView
from .status import TranslationStatus
from .target_view import TargetView
from .titles import Titles
from .wording import Wording

TEMPLATES = Path(__file__).parent / "templates"
PAGE_TEMPLATES = {
    PageKind.HOME: "home.md.j2", PageKind.PART: "part.md.j2", PageKind.ITEM: "item.md.j2",
    PageKind.HIGHLIGHTS: "editorial.md.j2", PageKind.MERCHANTS: "editorial.md.j2", PageKind.TARGETS: "targets.md.j2",
    PageKind.CLOSING: "part.md.j2", PageKind.GLOSSARY: "glossary.md.j2", PageKind.NOTES: "source-notes.md.j2",
    PageKind.STATUS: "translation-status.md.j2", PageKind.CONTRIBUTING: "contributing.md.j2",
}


@dataclass
class Edition:
    """The rendered pages of one language, in navigation order."""

    lang: str
    pages: dict[str, str]  # relative path -> Markdown
    nav: list
    footer: list[tuple[str, str]]  # (label, slug) of the editors' pages, linked from every page's footer
    footer_title: str
    site_name: str = ""  # the report's name in this language (MkDocs' site_name, set by the hooks)
    site_description: str = ""


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}  # per language, for the life of the process


def _environment(lang: str) -> jinja2.Environment:
    """A language's Jinja environment: its templates are loaded once, not for every Renderer (each save of
    `make serve` makes new ones); a Renderer gives it its helpers before each page (render_page)."""
    if lang not in _ENVIRONMENTS:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=False,  # Markdown, not HTML: finalize escapes every {{ value }} for Markdown instead
            finalize=markdown_text,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=GENERATOR_TEMPLATES,
        )
        env.filters["front_matter_text"] = front_matter_text
        _ENVIRONMENTS[lang] = env
    return _ENVIRONMENTS[lang]


class Renderer:
    """Renders the pages of one language edition."""

    def __init__(self, enriched: EnrichedReport, localiser: Localiser, status: TranslationStatus | None = None,
                 contributing: str = "", other: Localiser | None = None) -> None:
        """other: the language shown beside the text in side-by-side reading (none: no side-by-side)."""
        report = enriched.report
        self.enriched = enriched
        self.language = EditionLanguage(localiser)
        self.links = Links(enriched.plans)
        self.words = Wording(report, enriched.facts, enriched.glossary, self.language)
        self.titles = Titles(report, self.language, enriched.editorial, self.links, self.words)
        self.glossary = GlossaryView(enriched, self.language)
        parallel = ParallelText(self.language, EditionLanguage(other)) if other else None
        self.markup = TextMarkup(report, self.language, self.glossary, parallel)
        self.status = status
        self.env = _environment(self.language.lang)
        gettext = self.language.gettext
        self._gettext = (gettext, lambda s, p, n: gettext(s if n == 1 else p))
        self.globals = dict(
            report=report, meta=report.meta, plans=enriched.plans, SectionKind=SectionKind, PageKind=PageKind,
            ITEM_KINDS=ITEM_KINDS, zh=self.language.zh, contributing=Safe(contributing), items_of=items_of,
            lang=self.language, titles=self.titles, markup=self.markup, links=self.links, g=self.glossary,
            points=PointsView(report, enriched.editorial, self.language, self.titles, self.links),
            tv=TargetView(report, enriched.quantities, self.language, self.links), status=status,
            planview=PlanView(enriched, self.language, self.titles, self.links),
            link=link, anchor=anchor, fmt=fmt, words=self.words, facts=enriched.facts, N_=N_,
        )

    def render(self, downloads: dict[str, str] | None = None, reads: PageReads | None = None,
               kept: dict[str, str] | None = None) -> Edition:
        """Every page, but those `kept` (their text as rendered before); `reads` records what each page reads
        of the translation (its localiser and status record into it)."""
        reads, kept = reads or PageReads(), kept or {}
        pages = {}
        for plan in self.enriched.plans:
            if plan.path in kept:
                pages[plan.path] = kept[plan.path]
                continue
            with reads.page(plan.path):
                pages[plan.path] = self.render_page(plan)
        pages.update(downloads or {})
        return Edition(self.language.lang, pages, build_nav(self.enriched.plans, self.titles),
                       footer_links(self.enriched.plans, self.titles), self.language.gettext(N_("编辑与译者")),
                       self.titles.site_name(), self.titles.site_description())

    def render_page(self, plan) -> str:
        # The language's Environment is shared by its Renderers (templates loaded once): it takes this one's helpers.
        self.env.install_gettext_callables(*self._gettext, newstyle=False)
        self.env.globals.update(self.globals)
        self.markup.start_page(plan)
        template = self.env.get_template(PAGE_TEMPLATES[plan.kind])
        return template.render(page=plan, sections=plan.sections, part=plan.part)
