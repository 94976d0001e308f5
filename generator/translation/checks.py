"""`gwr check`: what is wrong in what editors edit, and where (file:line).

Each finding has a check name and a severity, in the manner of pofilter and
Weblate: errors break the site or the catalog, warnings need an editor's eye.
Everything is checked before anything is reported; `gwr build` runs the same checks
(in a process of its own, while it builds) and keeps its build out of site/ while there is an error.
The checks of one catalog by itself are in catalog_checks.py.
"""

from __future__ import annotations

from pathlib import Path

from .catalogs import TARGET_LANGUAGES, catalog_dir, display
from ..enrich.editorial import load_editorial
from ..enrich.facts import report_facts
from ..enrich.invariants import structure_findings
from ..enrich.pages import plan_pages
from ..enrich.plan import load_plan
from ..errors import WARNING, Finding, InputError, InputErrors, findings_of
from ..enrich.glossary import Glossary
from ..enrich.glossary_scope import load_glossary
from .messages import page_messages
from ..source.model import Report
from .english import EnglishText, editorial_texts, glossary_texts, plan_texts
from .point_checks import point_findings
from .quality import check_english
from .style import load_style
from ..source.load import load_report
from .catalog_checks import CatalogChecker, CatalogEntry


def check_project(root: Path, langs: tuple[str, ...] = TARGET_LANGUAGES, run_msgfmt: bool = True) -> list[Finding]:
    """Every problem of the seeds, the glossary, the editorial files and the catalogs, in that order."""
    try:
        report = load_report(root)
    except (InputError, InputErrors) as err:
        return findings_of(err)  # nothing else can be checked against a report that cannot be read
    findings: list[Finding] = structure_findings(report, plan_pages(report))
    glossary = _loaded(findings, lambda: load_glossary(root, "".join(s.text for s in report.segments()), report.meta))
    editorial = _loaded(findings, lambda: load_editorial(root, report))
    plan = _loaded(findings, lambda: load_plan(root, report))
    style = _loaded(findings, lambda: load_style(root))
    citing = [*(editorial.points() if editorial else []), *(plan.links if plan else [])]
    if editorial:  # every point's figures against the sentences it cites, in either language
        findings.extend(point_findings(editorial.points(), report, report_facts(report), glossary))
    for lang in langs:
        english: list[EnglishText] = []
        entries: dict[str, CatalogEntry] = {}
        findings.extend(check_catalogs(root, report, lang, run_msgfmt, glossary, english, entries))
        findings.extend(citation_findings(citing, report, entries))
        if lang == "en" and style is not None:
            english += _editorial_english(report, editorial, plan, glossary)
            findings.extend(check_english(english, glossary, style, report.anomalies))
    return findings


def _editorial_english(report: Report, editorial, plan, glossary) -> list[EnglishText]:
    """The English written outside the catalogs: points, the plan's reasons, glossary explanations."""
    chinese_of = {segment.id: segment.text for segment in report.segments()}
    return [*(editorial_texts(editorial, chinese_of) if editorial else []), *(plan_texts(plan) if plan else []),
            *(glossary_texts(glossary) if glossary else [])]


def _loaded(findings: list[Finding], load):
    try:
        return load()
    except (InputError, InputErrors) as err:
        findings.extend(findings_of(err))
        return None


def citation_findings(citing: list, report: Report, entries: dict[str, CatalogEntry]) -> list[Finding]:
    """A point (or plan link) whose cited sentence changed: the catalog still holds the Chinese it was
    written against until `gwr update` moves citations with their sentences or marks the translation fuzzy.
    `entries`: the catalogs' entries by msgctxt, as the edition looks them up (Localiser.entries)."""
    current = {m.context: m.text for page in page_messages(report).values() for m in page}  # the Chinese now
    findings = []
    for point in citing:
        for ident in point.sources:
            entry = entries.get(ident)
            if entry is None or ident not in current:
                continue
            if entry.id != current[ident]:
                findings.append(Finding(WARNING, "citation", point.file, point.line,
                                        f"{ident}, cited here, now reads “{current[ident][:30]}…”, not "
                                        f"“{entry.id[:30]}…” as when the point was written",
                                        "run `gwr update` (citations follow moved sentences), then check the point",
                                        ident))
            elif entry.fuzzy:
                findings.append(Finding(WARNING, "citation", point.file, point.line,
                                        f"the Chinese of {ident}, cited here, has changed since it was translated",
                                        "check that the point still holds, then review the fuzzy translation",
                                        ident))
    return findings


def check_catalogs(root: Path, report: Report, lang: str, run_msgfmt: bool = True,
                   glossary: Glossary | None = None, english: list[EnglishText] | None = None,
                   entries: dict[str, CatalogEntry] | None = None) -> list[Finding]:
    """The catalogs' own problems; their translated texts go into `english` for the checks of the English, and
    the entries of those that can be read into `entries` (msgctxt -> entry, as the edition looks them up)."""
    folder = catalog_dir(root, lang)
    checker = CatalogChecker(root, report, lang, glossary, run_msgfmt)
    present = {path.stem: path for path in sorted(folder.glob("*.po"))}
    findings: list[Finding] = []
    for name in checker.messages:
        if name not in present:
            findings.append(Finding(WARNING, "missing-catalog", display(folder / f"{name}.po", root), None,
                                    "no catalog for this page: its English shows the Chinese", "run `gwr update`"))
    for checked in checker.check(present):
        findings.extend(checked.findings)
        if english is not None:
            english.extend(checked.english)
        if entries is not None:
            entries.update(checked.entries)
    return findings
