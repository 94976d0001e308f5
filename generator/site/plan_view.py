"""The plan on the pages: which actions deliver each exemplar, which exemplars each action and task
serves (with the editors' reasons), the exemplar × action matrix, and related pages.

Links are Markdown for the page's own text, the matrix is an HTML table (a list on a phone).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..enrich.enriched import EnrichedReport
from ..enrich.pages import PagePlan
from ..enrich.plan import PlanLink
from ..source.model import Block, SectionKind
from .escape import Safe, html_text, link, markdown_text
from .labels import MATRIX_CAPTION, N_
from .language import EditionLanguage, strip_end
from .links import Links
from .titles import Titles

RELATED_PAGES = 4
PLAN_WEIGHT = 1.0  # a shared exemplar or action counts as much as a glossary term on a third of the pages


@dataclass(frozen=True)
class Related:
    page: PagePlan
    terms: list[str]  # glossary terms both pages use, the most telling first
    plan: list[str]  # the exemplars both actions serve, or the actions that deliver both exemplars


class PlanView:
    def __init__(self, enriched: EnrichedReport, language: EditionLanguage, titles: Titles, links: Links) -> None:
        self.report = enriched.report
        self.plan = enriched.plan
        self.occurrences = enriched.occurrences
        self.plans = enriched.plans
        self.language = language
        self.titles = titles
        self.links = links
        self.exemplars = self.report.sections_of_kind(SectionKind.EXEMPLAR)
        self.actions = self.report.sections_of_kind(SectionKind.ACTION)

    # --- lists on the pages ---------------------------------------------------------------

    def reason(self, plan_link: PlanLink) -> str:
        return plan_link.zh if self.language.zh else plan_link.en

    def target_label(self, plan_link: PlanLink) -> str:
        """（一）<action> · <task> / 1. <Action>: <task> (the action's short title, the task's title)"""
        action = self.report.section(plan_link.action)
        label = self.titles.item(action, short=True)
        if plan_link.target == plan_link.action:
            return label
        return label + (" · " if self.language.zh else ": ") + self.task_title(plan_link.target)

    def task_title(self, task_id: str) -> str:
        block = next(b for a in self.actions for b in a.tasks if b.id == task_id)
        return strip_end(self.language.plain(block.title_segment.id, block.title or ""))

    def delivered_by(self, exemplar_id: str, from_slug: str) -> list[Safe]:
        """On an exemplar's page: each action or task that delivers it, linked, with the reason."""
        return [Safe(f"{link(self.target_label(item), self.links.link(item.target, from_slug))}"
                     f"{markdown_text(self.language.colon)}{markdown_text(self.reason(item))}")
                for item in self.plan.of_exemplar(exemplar_id)]

    def serves(self, action_id: str, from_slug: str) -> list[Safe]:
        """On an action's page: each exemplar it or its tasks serve, linked, with the reasons."""
        lines = []
        for exemplar in self.exemplars:
            items = self.plan.cell(exemplar.id, action_id)
            if items:
                reasons = self.language.space.join(self.reason(item) for item in items)
                lines.append(Safe(f"{link(self.titles.item(exemplar, short=True), self.links.link(exemplar.id, from_slug))}"
                                  f"{markdown_text(self.language.colon)}{markdown_text(reasons)}"))
        return lines

    def task_serves(self, block: Block, from_slug: str) -> Safe:
        """Under a task's heading: the exemplars it serves (Markdown, or nothing)."""
        exemplars = [e for e in self.exemplars if any(i.target == block.id for i in self.plan.cell(e.id, block.id.split(".")[0]))]
        if not exemplars:
            return Safe("")
        names = self.language.list_separator.join(
            str(link(self.titles.item(e, short=True), self.links.link(e.id, from_slug))) for e in exemplars)
        label = markdown_text(self.language.gettext(N_("服务于")) + self.language.colon)
        return Safe(f"{label}{names}\n{{ .gwr-serves }}\n")

    # --- the matrix ---------------------------------------------------------------------------

    def has_matrix(self) -> bool:
        """A matrix needs both lists and the editors' links between them (translations/plan-links.yaml)."""
        return bool(self.exemplars and self.actions and self.plan.links)

    def matrix(self, from_slug: str) -> Safe:
        """Exemplars × actions as an accessible table; each marked cell links the task or action (HTML)."""
        caption = html_text(self.titles.words.fill(*MATRIX_CAPTION))
        head = "".join(f'<th scope="col"><a href="{self.links.url(a.id, from_slug)}" title="{html_text(self.titles.item(a, short=True))}" '
                       f'aria-label="{html_text(self.titles.item(a, short=True))}">{html_text(self._number(a))}</a></th>'
                       for a in self.actions)
        rows = []
        for exemplar in self.exemplars:
            cells = "".join(f"<td>{self._cell(exemplar.id, action.id, from_slug)}</td>" for action in self.actions)
            rows.append(f'<tr><th scope="row"><a href="{self.links.url(exemplar.id, from_slug)}">'
                        f"{html_text(self.titles.item(exemplar, short=True))}</a></th>{cells}</tr>")
        corner = html_text(self.language.gettext(N_("典范 ＼ 行动")))
        table = (f'<table class="gwr-matrix"><caption>{caption}</caption><thead><tr><th scope="col">{corner}</th>'
                 f'{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
        legend = html_text(self.language.gettext(N_("●表示整项行动，数字表示该行动的第几项任务。")))
        return Safe(f'<div class="gwr-matrix-wrap">{table}<p class="gwr-matrix-legend">{legend}</p></div>\n\n'
                    f"{self._matrix_list(from_slug)}")

    def _number(self, action) -> str:
        return action.marker.strip("（）()") if self.language.zh else str(action.number)

    def _cell(self, exemplar_id: str, action_id: str, from_slug: str) -> str:
        items = self.plan.cell(exemplar_id, action_id)
        if not items:
            return ""
        marks = []
        for item in items:
            text, label = "●", self.target_label(item)
            if item.target != action_id:  # a task: its number, which its name must contain (WCAG 2.5.3)
                text = self._task_number(item.target)
                label = self.language.gettext(N_("任务{n}")).format(n=text) + self.language.colon + label
            marks.append(f'<a href="{self.links.url(item.target, from_slug)}" title="{html_text(label)}" '
                         f'aria-label="{html_text(label)}">{html_text(text)}</a>')
        return " ".join(marks)

    def _task_number(self, task_id: str) -> str:
        number = int(task_id.rsplit("-", 1)[1])
        return "一二三四五六七八九十"[number - 1] if self.language.zh and number <= 10 else str(number)

    def _matrix_list(self, from_slug: str) -> str:
        """The same as a list, which a phone shows instead of the table (gwr.css)."""
        items = []
        for exemplar in self.exemplars:
            targets = "".join(f'<li><a href="{self.links.url(i.target, from_slug)}">{html_text(self.target_label(i))}</a></li>'
                              for i in self.plan.of_exemplar(exemplar.id))
            items.append(f'<li><a href="{self.links.url(exemplar.id, from_slug)}">'
                         f"{html_text(self.titles.item(exemplar, short=True))}</a><ul>{targets}</ul></li>")
        return f'<ul class="gwr-matrix-list">{"".join(items)}</ul>'

    # --- related pages -----------------------------------------------------------------------

    def related(self, page: PagePlan) -> list[Related]:
        """Other report pages that share the most with this one: glossary terms (rarer terms count
        more) and, between items, the plan (actions serving the same exemplar, exemplars delivered
        by the same action). Pages the plan lists on this page already are not repeated."""
        scores: dict[str, float] = {}
        terms: dict[str, list[tuple[float, str]]] = {}
        for term_id, weight, other in self._shared_terms(page):
            scores[other] = scores.get(other, 0) + weight
            terms.setdefault(other, []).append((-weight, term_id))
        goals: dict[str, list[str]] = {}
        for other, via in self._shared_plan(page):
            scores[other] = scores.get(other, 0) + PLAN_WEIGHT
            goals.setdefault(other, []).append(via)
        by_slug = {p.slug: p for p in self.plans}
        names = {found[0].term.id: found[0].term for found in self.occurrences.values() if found}
        listed = self._linked_in_plan(page)
        best = sorted((s for s in scores if s not in listed), key=lambda slug: (-scores[slug], slug))[:RELATED_PAGES]
        return [Related(by_slug[slug], [self._term_name(names[t]) for _, t in sorted(terms.get(slug, []))[:4]],
                        [self.titles.item(self.report.section(g), short=True) for g in goals.get(slug, [])])
                for slug in best]

    def shared(self, item: Related) -> str:
        """What a related page shares with this one, in words: 同服务于：… ；共同涉及：…"""
        parts = []
        if item.plan:
            label = N_("同服务于") if item.page.section.kind is SectionKind.ACTION else N_("同由以下行动落实")
            parts.append(self.language.gettext(label) + self.language.colon + self.language.list_separator.join(item.plan))
        if item.terms:
            parts.append(self.language.gettext(N_("共同涉及")) + self.language.colon
                         + self.language.list_separator.join(item.terms))
        return self.language.semicolon.join(parts)

    def _shared_terms(self, page: PagePlan):
        section_page = {s.id: p.slug for p in self.plans for s in p.sections}
        pages_of = {term_id: {section_page[o.section_id] for o in found if o.section_id in section_page}
                    for term_id, found in self.occurrences.items() if found and found[0].term.category != "unit"}
        total = len([p for p in self.plans if p.sections])
        for term_id in sorted(t for t, pages in pages_of.items() if page.slug in pages):
            weight = math.log(total / len(pages_of[term_id]))
            for other in sorted(pages_of[term_id] - {page.slug}):
                yield term_id, weight, other

    def _shared_plan(self, page: PagePlan):
        """(other page, the exemplar or action they share) for exemplars and actions."""
        section = page.section
        if section is None or section.kind not in (SectionKind.EXEMPLAR, SectionKind.ACTION):
            return
        if section.kind is SectionKind.ACTION:
            mine = {link.exemplar for link in self.plan.of_action(section.id)}
            pairs = {(link.action, link.exemplar) for link in self.plan.links if link.exemplar in mine}
        else:
            mine = {link.action for link in self.plan.of_exemplar(section.id)}
            pairs = {(link.exemplar, link.action) for link in self.plan.links if link.action in mine}
        yield from sorted((other, via) for other, via in pairs if other != section.id)

    def _linked_in_plan(self, page: PagePlan) -> set[str]:
        """The pages the plan lists on this one already (an exemplar's actions, an action's exemplars)."""
        section = page.section
        if section is None:
            return set()
        if section.kind is SectionKind.ACTION:
            return {link.exemplar for link in self.plan.of_action(section.id)}
        return {link.action for link in self.plan.of_exemplar(section.id)}

    def _term_name(self, term) -> str:
        return term.zh if self.language.zh else term.en
