"""`gwr check`: what is wrong in what editors edit, and where (file:line).

Each finding has a check name and a severity, in the manner of pofilter and
Weblate: errors break the site or the catalog, warnings need an editor's eye.
Everything is checked before anything is reported; `gwr build` runs the same checks
and builds nothing while there is an error.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .catalogs import TARGET_LANGUAGES, PoFile, catalog_dir, display, read_po_file, templates
from ..enrich.editorial import load_editorial
from ..enrich.facts import report_facts
from ..enrich.invariants import structure_findings
from ..enrich.pages import plan_pages
from ..enrich.plan import load_plan
from ..errors import ERROR, WARNING, Finding, InputError, InputErrors, findings_of
from ..enrich.glossary import Glossary
from ..enrich.glossary_scope import load_glossary
from .localise import Localiser, load_localiser, placeholders
from .messages import INTERFACE, TARGETS, page_messages
from ..source.model import Report
from .numbers import compare as compare_numbers
from .owner import owner_of, report_owner
from .english import EnglishText, catalog_texts, editorial_texts, glossary_texts, plan_texts
from .point_checks import point_findings
from .quality import check_english
from .style import load_style
from ..source.load import load_report
from ..enrich.terms import ChineseMatcher, EnglishMatcher


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
        findings.extend(check_catalogs(root, report, lang, run_msgfmt, glossary, english))
        findings.extend(citation_findings(citing, report, load_localiser(root, lang)))
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


def citation_findings(citing: list, report: Report, localiser: Localiser) -> list[Finding]:
    """A point (or plan link) whose cited sentence changed: the catalog still holds the Chinese it was
    written against until `gwr update` moves citations with their sentences or marks the translation fuzzy."""
    current = {m.context: m.text for page in page_messages(report).values() for m in page}  # the Chinese now
    findings = []
    for point in citing:
        for ident in point.sources:
            entry = localiser.entries.get(ident)
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
                   glossary: Glossary | None = None, english: list[EnglishText] | None = None) -> list[Finding]:
    """The catalogs' own problems; their translated texts go into `english` for the checks of the English."""
    folder = catalog_dir(root, lang)
    terms = TermCheck(glossary) if glossary and glossary.terms else None
    pots = templates(report)
    page_of = {m.context: page for page, messages in page_messages(report).items() for m in messages}
    findings: list[Finding] = []
    present = {path.stem: path for path in sorted(folder.glob("*.po"))}
    checking = _start_msgfmt(present.values()) if run_msgfmt else {}  # gettext's check runs meanwhile
    known = {m.context for pot in pots.values() for m in pot if m.id}  # every ID of this report
    for name in pots:
        if name not in present:
            findings.append(Finding(WARNING, "missing-catalog", display(folder / f"{name}.po", root), None,
                                    "no catalog for this page: its English shows the Chinese", "run `gwr update`"))
    for name, path in present.items():
        try:
            po = read_po_file(path, lang, root)
        except InputError as err:
            findings.append(err.finding)
            continue
        foreign = _other_report(po, report) or _unknown_page(po, name, pots)
        if foreign:
            findings.append(foreign)  # one finding for the file, not one per entry
            continue
        if run_msgfmt:
            findings.extend(_msgfmt(checking.get(path), po.shown))
        findings.extend(_obsolete_twins(po))
        if english is not None:
            english.extend(catalog_texts(po, name, page_of))
        pot = list(pots.get(name, []))
        expected = {(m.id, m.context) for m in pot if m.id}
        current = {m.context: m.id for m in pot if m.id}
        for message in po.catalog:
            if not message.id:
                continue
            findings.extend(_check_message(message, name, po, expected, current, known))
            if message.context and message.string and not message.fuzzy:
                if name != TARGETS:  # a label names a metric; its figure is formatted, not translated
                    findings.extend(_check_numbers(message, po))
                if terms:
                    findings.extend(terms.check(message, po))
    for process in checking.values():  # those of catalogs not checked further (unreadable, another report's)
        if process.returncode is None:
            process.communicate()
    return findings


def _other_report(po: PoFile, report: Report) -> Finding | None:
    """A catalog made for another report: its English would stand beside the sentences of the same ID here."""
    owner, current = owner_of(po.lines), report_owner(report)
    if owner is None or owner == current:
        return None
    return Finding(ERROR, "other-report", po.shown, 1, f"this catalog was made for {owner}, but seeds/ holds "
                   f"{current}: the IDs are positions, so its English would stand beside other sentences",
                   "run `gwr new` to move the previous report's files aside (README: A new report); if seeds/"
                   "report.yaml's city or year was corrected instead, correct this first line")


def _unknown_page(po: PoFile, name: str, pots: dict) -> Finding | None:
    """A catalog of a page this report does not have, with entries still active."""
    if name in pots or name == INTERFACE or not any(m.id for m in po.catalog):
        return None
    return Finding(WARNING, "unknown-catalog", po.shown, None, f"this report has no page {name!r}: "
                   "none of the entries is shown", "run `gwr update` (they become obsolete, #~); if the file "
                   "belongs to another report, `gwr new` moves such files aside")


def _obsolete_twins(po: PoFile) -> list[Finding]:
    """An obsolete (#~) entry with the key of an active one: gettext rejects the catalog."""
    active = {(m.id, m.context) for m in po.catalog if m.id}
    return [Finding(ERROR, "obsolete-duplicate", po.shown, None,
                    f"msgctxt {m.context!r} is both an entry and an obsolete (#~) entry", "delete the #~ entry, "
                    "or run `gwr update`, which keeps the translation that belongs to the current Chinese",
                    m.context) for m in po.catalog.obsolete.values() if (m.id, m.context) in active]


NUMBER_NOTE = "Number check:"  # a translator comment that explains a deliberate difference


def _check_numbers(message, po: PoFile) -> list[Finding]:
    """Every figure of the Chinese (万/亿 scaled, percentages, counted numerals) is in the English, as the
    same kind of figure and, for rates, in the same order."""
    if any(NUMBER_NOTE in c for c in message.user_comments):
        return []
    return [Finding(ERROR, "numbers", po.shown, po.msgstr_line(message), f"{message.context}: {problem.message}",
                    f"correct the English, or explain the difference in a translator comment starting "
                    f"'# {NUMBER_NOTE}'", message.context)
            for problem in compare_numbers(message.id, message.string)]


class TermCheck:
    """A translated sentence whose Chinese has a glossary term must use its rendering or a variant."""

    def __init__(self, glossary: Glossary) -> None:
        self.chinese = ChineseMatcher(glossary)
        self.english = EnglishMatcher(glossary)

    def check(self, message, po: PoFile) -> list[Finding]:
        found, seen = [], set()
        for match in self.chinese.find(message.id):
            term = match.term
            if term.id in seen or self.english.contains(message.string, term):
                continue
            seen.add(term.id)
            accepted = "; ".join(repr(f) for f in term.en_variants)
            found.append(Finding(WARNING, "glossary", po.shown, po.msgstr_line(message),
                                 f"{term.zh} is translated without the glossary's {term.en!r}"
                                 + (f" (or {accepted})" if accepted else ""),
                                 f"use the glossary rendering, or add the wording to en_variants in {term.file} "
                                 "if it is also right", message.context))
        return found


def _check_message(message, name: str, po: PoFile, expected: set, current: dict, known: set) -> list[Finding]:
    found = []
    shown, line = po.shown, po.msgstr_line(message)
    if name == INTERFACE:
        if message.string and not message.fuzzy and placeholders(message.string) != placeholders(message.id):
            found.append(Finding(ERROR, "placeholders", shown, line,
                                 f"the {{names}} in msgstr must be those of msgid: {sorted(placeholders(message.id) or [])}",
                                 "copy each {name} unchanged into the translation", message.context))
    elif (message.id, message.context) not in expected:
        if message.context in current:
            found.append(Finding(WARNING, "stale-msgid", shown, line,
                                 f"msgctxt {message.context!r}: the Chinese has changed since this entry was made",
                                 "run `gwr update`, then review the entry it marks fuzzy", message.context))
        else:
            where = "on this page any more" if message.context in known else "an ID of this report"
            found.append(Finding(WARNING, "unknown-context", shown, line, f"msgctxt {message.context!r} is not {where}",
                                 "run `gwr update` (it becomes obsolete, #~)", message.context))
    if message.fuzzy and message.string:
        shown_as = "the interface shows the Chinese" if name == INTERFACE else "the page marks it “needs review”"
        found.append(Finding(WARNING, "fuzzy", shown, line, f"the translation is marked fuzzy: {shown_as}",
                             "check it against the msgid, correct it, then delete the '#, fuzzy' line",
                             message.context or message.id[:16]))
    if message.context and message.string and message.string != message.string.strip():
        found.append(Finding(WARNING, "whitespace", shown, line, "msgstr starts or ends with a space",
                             "remove the space (sentences are joined with one space)", message.context))
    if message.string and "\n" in message.string:
        found.append(Finding(WARNING, "newline", shown, line, "msgstr contains a line break",
                             "write the sentence on one line", message.context))
    return found


def _start_msgfmt(paths) -> dict[Path, subprocess.Popen]:
    """GNU gettext's own check of every catalog, when it is installed (Debian package gettext), all started at
    once: they run while the catalogs are read here."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        return {}
    return {path: subprocess.Popen([msgfmt, "--check", "-o", "/dev/null", str(path)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True) for path in paths}


def _msgfmt(process: subprocess.Popen | None, shown: str) -> list[Finding]:
    """What msgfmt said of one catalog (nothing without msgfmt)."""
    if process is None:
        return []
    _, stderr = process.communicate()
    if process.returncode == 0:
        return []
    findings = []
    for text in stderr.splitlines():
        where, _, rest = text.partition(": ")
        file_part, _, line_part = where.rpartition(":")
        line = int(line_part) if line_part.isdigit() else None
        findings.append(Finding(ERROR, "msgfmt", shown, line, rest or text, "see `msgfmt --check` for details"))
    return findings
