"""The report enriched once per generate: everything computed from it that both editions and the
catalogs share (pages, glossary and where its terms occur, quantified statements, editorial points,
the plan's links between exemplars and actions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, InputErrors
from ..source.model import Report
from .editorial import Editorial, load_editorial
from .facts import ReportFacts, report_facts
from .glossary import Glossary
from .glossary_scope import load_glossary
from .pages import PageKind, PagePlan, plan_pages
from .plan import Plan, load_plan
from .targets import Quantity, extract_quantities
from .terms import ChineseMatcher, EnglishMatcher, Occurrence, occurrences


@dataclass
class EnrichedReport:
    report: Report
    plans: list[PagePlan]  # the same pages in every edition
    glossary: Glossary
    chinese_terms: ChineseMatcher
    english_terms: EnglishMatcher
    occurrences: dict[str, list[Occurrence]]  # term ID -> where it occurs in the official text
    quantities: list[Quantity]
    editorial: Editorial
    plan: Plan  # which actions and tasks deliver each exemplar
    facts: ReportFacts  # what is particular to the report: its year, review span, plan period, formulas


def enrich(root: Path, report: Report) -> EnrichedReport:
    """Read the glossary and the editorial files (all their problems at once) and compute the rest."""
    errors: list[InputError] = []
    glossary = _collect(errors, lambda: load_glossary(root, "".join(s.text for s in report.segments()), report.meta))
    editorial = _collect(errors, lambda: load_editorial(root, report))
    plan = _collect(errors, lambda: load_plan(root, report))
    if errors:
        raise InputErrors(errors)
    chinese = ChineseMatcher(glossary)
    return EnrichedReport(report, with_data(plan_pages(report), editorial), glossary, chinese, EnglishMatcher(glossary),
                          occurrences(report, chinese), extract_quantities(report), editorial, plan, report_facts(report))


def with_data(plans: list[PagePlan], editorial: Editorial) -> list[PagePlan]:
    """The pages there is something to show on: the highlights and merchants pages only with their files."""
    return [p for p in plans if p.kind not in (PageKind.HIGHLIGHTS, PageKind.MERCHANTS) or p.kind.value in editorial.pages]


def _collect(errors: list[InputError], load):
    try:
        return load()
    except InputErrors as err:
        errors.extend(err.errors)
    except InputError as err:
        errors.append(err)
    return None
