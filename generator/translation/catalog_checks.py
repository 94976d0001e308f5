"""The checks of one catalog by itself (syntax, msgfmt, stale and foreign entries, figures, glossary terms),
kept between runs by the catalog's content: `gwr check` after an edit of one catalog checks that catalog alone.

checks.py runs them for every catalog of a language, then the checks across catalogs and files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import PoFile, display, read_po_file, template_catalog
from ..errors import ERROR, WARNING, Finding, InputError
from ..enrich.glossary import Glossary
from .localise import placeholders
from .messages import INTERFACE, TARGETS, catalog_messages, page_messages
from ..source.model import Report
from .numbers import compare as compare_numbers
from .owner import owner_of, report_owner
from .english import EnglishText, catalog_texts
from ..enrich.terms import ChineseMatcher, EnglishMatcher, matcher_key
from ..util.cache import AnswerFile, are_rows, code_version, content_key, installed_version, rows


@dataclass(frozen=True)
class CatalogEntry:
    """What the citation check reads of a catalog's entry."""

    id: str
    fuzzy: bool


@dataclass
class CheckedCatalog:
    """What one catalog says by itself: its own findings, its translated texts and its entries (msgctxt ->
    entry; none for the interface) — kept between runs by the catalog's content (CatalogChecker)."""

    findings: list[Finding]
    english: list[EnglishText]
    entries: dict[str, CatalogEntry]

    def to_json(self) -> dict:
        return {"findings": rows(self.findings), "english": rows(self.english),
                "entries": {context: [e.id, e.fuzzy] for context, e in self.entries.items()}}

    @classmethod
    def from_json(cls, data: dict) -> CheckedCatalog:
        return cls([Finding(*f) for f in data["findings"]], [EnglishText(*t) for t in data["english"]],
                   {context: CatalogEntry(*e) for context, e in data["entries"].items()})


CATALOG_ANSWERS = 2  # the checks of the two most recent versions of each catalog kept (an edit, and before it)


class CatalogChecker:
    """Checks the catalogs of one language against the report and the glossary. A catalog's checks depend on
    its bytes and on what it is checked against (the report's messages, the glossary's forms, msgfmt, this
    code): with the same, the answer kept from an earlier run is the answer; `gwr check` after an edit of one
    catalog checks that catalog alone."""

    def __init__(self, root: Path, report: Report, lang: str, glossary: Glossary | None, run_msgfmt: bool) -> None:
        self.root, self.report, self.lang, self.run_msgfmt = root, report, lang, run_msgfmt
        self.glossary = glossary if glossary and glossary.terms else None
        self.messages = catalog_messages(report)  # what each catalog translates, by catalog
        self.msgfmt = shutil.which("msgfmt") if run_msgfmt else None
        self.stamp = content_key(code_version(), installed_version("babel"), lang, repr(report_owner(report)),
                                 _tool_stamp(self.msgfmt),
                                 repr([(name, [(m.context, m.text) for m in messages])
                                       for name, messages in self.messages.items()]),
                                 matcher_key(self.glossary))

    def check(self, present: dict[str, Path]):
        """Each catalog's CheckedCatalog, in the order given; gettext's msgfmt checks those not known meanwhile."""
        questions = {name: self._question(path) for name, path in present.items()}
        known = {name: _answers(self.lang, name).get(q) if q else None for name, q in questions.items()}
        fresh = [path for name, path in present.items() if known[name] is None]
        checking = _start_msgfmt(fresh, self.msgfmt) if self.msgfmt else {}
        for name, path in present.items():
            if known[name] is not None:
                yield CheckedCatalog.from_json(known[name])
                continue
            checked = self._check_one(name, path, checking.get(path))
            if questions[name]:
                _answers(self.lang, name).put(questions[name], checked.to_json())
            yield checked
        for process in checking.values():  # those of catalogs not checked further (unreadable, another report's)
            if process.returncode is None:
                process.communicate()

    def _question(self, path: Path) -> str | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # reading it again reports why
        return content_key(self.stamp, str(path), display(path, self.root), data)

    @cached_property
    def pots(self) -> dict[str, Catalog]:
        return {name: template_catalog(name, messages, self.report) for name, messages in self.messages.items()}

    @cached_property
    def terms(self) -> TermCheck | None:
        return TermCheck(self.glossary) if self.glossary else None

    def _check_one(self, name: str, path: Path, msgfmt: subprocess.Popen | None) -> CheckedCatalog:
        try:
            po = read_po_file(path, self.lang, self.root)
        except InputError as err:
            return CheckedCatalog([err.finding], [], {})
        entries = _catalog_entries(name, po.catalog)
        foreign = _other_report(po, self.report) or _unknown_page(po, name, self.pots)
        if foreign:
            return CheckedCatalog([foreign], [], entries)  # one finding for the file, not one per entry
        findings = _msgfmt(msgfmt, po.shown) + _obsolete_twins(po)
        findings += self._check_entries(name, po)
        return CheckedCatalog(findings, catalog_texts(po, name, self._page_of), entries)

    def _check_entries(self, name: str, po: PoFile) -> list[Finding]:
        pot = list(self.pots.get(name, []))
        expected = {(m.id, m.context) for m in pot if m.id}
        current = {m.context: m.id for m in pot if m.id}
        findings = []
        for message in po.catalog:
            if not message.id:
                continue
            findings.extend(_check_message(message, name, po, expected, current, self._known))
            if message.context and message.string and not message.fuzzy:
                if name != TARGETS:  # a label names a metric; its figure is formatted, not translated
                    findings.extend(_check_numbers(message, po))
                if self.terms:
                    findings.extend(self.terms.check(message, po))
        return findings

    @cached_property
    def _known(self) -> set[str]:
        return {m.context for pot in self.pots.values() for m in pot if m.id}  # every ID of this report

    @cached_property
    def _page_of(self) -> dict[str, str]:
        return {m.context: page for page, messages in page_messages(self.report).items() for m in messages}


def _tool_stamp(program: str | None) -> str:
    """Which msgfmt (none: not run): another gettext may find other problems."""
    if not program:
        return "none"
    try:
        stat = os.stat(program)
    except OSError:
        return program
    return f"{program} {stat.st_size} {stat.st_mtime_ns}"


@lru_cache(maxsize=None)
def _answers(lang: str, name: str) -> AnswerFile:
    return AnswerFile(f"checked-catalog-{lang}-{name}", CATALOG_ANSWERS, _is_checked)


def _is_checked(answer) -> bool:
    """The shape CheckedCatalog.to_json gives (a file changed by hand is not read)."""
    return isinstance(answer, dict) and are_rows(Finding, answer.get("findings")) \
        and are_rows(EnglishText, answer.get("english")) and isinstance(answer.get("entries"), dict) \
        and all(isinstance(entry, list) and len(entry) == 2 for entry in answer["entries"].values())


def _catalog_entries(name: str, catalog: Catalog) -> dict[str, CatalogEntry]:
    """The report's entries by msgctxt, as load_localiser indexes them for the edition (not the interface's)."""
    if name == INTERFACE:
        return {}
    return {m.context: CatalogEntry(m.id, m.fuzzy) for m in catalog if m.id and m.context}


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


def _start_msgfmt(paths, msgfmt: str) -> dict[Path, subprocess.Popen]:
    """GNU gettext's own check of every catalog (where it is installed: Debian package gettext), all started at
    once: they run while the catalogs are read here."""
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
