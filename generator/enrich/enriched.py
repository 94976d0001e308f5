"""The report enriched once per generate: everything computed from it that both editions and the
catalogs share (pages, glossary and where its terms occur, quantified statements, editorial points,
the plan's links between exemplars and actions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, InputErrors
from ..source.model import Report
from .editorial import Editorial, load_editorial
from .glossary import Glossary, load_glossary
from .pages import PagePlan, plan_pages
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


def enrich(root: Path, report: Report) -> EnrichedReport:
    """Read the glossary and the editorial files (all their problems at once) and compute the rest."""
    errors: list[InputError] = []
    glossary = _collect(errors, lambda: load_glossary(root, "".join(s.text for s in report.segments())))
    editorial = _collect(errors, lambda: load_editorial(root, report))
    plan = _collect(errors, lambda: load_plan(root, report))
    if errors:
        raise InputErrors(errors)
    chinese = ChineseMatcher(glossary)
    return EnrichedReport(report, plan_pages(report), glossary, chinese, EnglishMatcher(glossary),
                          occurrences(report, chinese), extract_quantities(report), editorial, plan)


def _collect(errors: list[InputError], load):
    try:
        return load()
    except InputErrors as err:
        errors.extend(err.errors)
    except InputError as err:
        errors.append(err)
    return None
