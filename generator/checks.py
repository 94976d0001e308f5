"""`gwr check`: what is wrong in the translation catalogs, and where (file:line).

Each finding has a check name and a severity, in the manner of pofilter and
Weblate: errors break the site or the catalog, warnings need an editor's eye.
All catalogs are checked before anything is reported.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .catalogs import catalog_dir, display, read_catalog, templates
from .errors import InputError
from .glossary import Glossary
from .localise import placeholders
from .messages import INTERFACE, TARGETS
from .model import Report
from .numbers import missing_numbers
from .numbers import shown as shown_number
from .terms import ChineseMatcher, EnglishMatcher


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning"
    check: str
    file: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: [{self.check}] {self.message} — {self.fix}"


def check_catalogs(root: Path, report: Report, lang: str, run_msgfmt: bool = True,
                   glossary: Glossary | None = None) -> list[Finding]:
    folder = catalog_dir(root, lang)
    terms = TermCheck(glossary) if glossary and glossary.terms else None
    pots = templates(report)
    findings: list[Finding] = []
    present = {path.stem: path for path in sorted(folder.glob("*.po"))}
    for name in pots:
        if name not in present:
            findings.append(Finding("warning", "missing-catalog", display(folder / f"{name}.po", root), None,
                                    "no catalog for this page: its English shows the Chinese", "run `gwr update`"))
    for name, path in present.items():
        shown = display(path, root)
        try:
            catalog = read_catalog(path, lang, root)
        except InputError as err:
            findings.append(Finding("error", "po-syntax", shown, int(err.where) if err.where.isdigit() else None,
                                    err.problem, err.fix))
            continue
        if run_msgfmt:
            findings.extend(_msgfmt(path, shown))
        pot = list(pots.get(name, []))
        expected = {(m.id, m.context) for m in pot if m.id}
        current = {m.context: m.id for m in pot if m.id}
        for message in catalog:
            if not message.id:
                continue
            findings.extend(_check_message(message, name, shown, expected, current))
            if message.context and message.string and not message.fuzzy and name != TARGETS:  # labels, not sentences
                findings.extend(_check_numbers(message, shown))
                if terms:
                    findings.extend(terms.check(message, shown))
    return findings


NUMBER_NOTE = "Number check:"  # a translator comment that explains a deliberate difference


def _check_numbers(message, shown: str) -> list[Finding]:
    """Every number of the Chinese (万/亿 scaled, percentages, counted numerals) is in the English."""
    missing = missing_numbers(message.id, message.string)
    if not missing or any(NUMBER_NOTE in c for c in message.user_comments):
        return []
    return [Finding("warning", "numbers", shown, message.lineno,
                    f"{message.context}: the English lacks {', '.join(shown_number(v) for v in missing)} "
                    f"(from the Chinese)", "correct the English, or explain the difference in a translator "
                    f"comment starting '# {NUMBER_NOTE}'")]


class TermCheck:
    """A translated sentence whose Chinese has a glossary term must use its rendering or a variant."""

    def __init__(self, glossary: Glossary) -> None:
        self.chinese = ChineseMatcher(glossary)
        self.english = EnglishMatcher(glossary)

    def check(self, message, shown: str) -> list[Finding]:
        found, seen = [], set()
        for match in self.chinese.find(message.id):
            term = match.term
            if term.id in seen or self.english.contains(message.string, term):
                continue
            seen.add(term.id)
            accepted = "; ".join(repr(f) for f in term.en_variants)
            found.append(Finding("warning", "glossary", shown, message.lineno,
                                 f"{term.zh} is translated without the glossary's {term.en!r}"
                                 + (f" (or {accepted})" if accepted else ""),
                                 "use the glossary rendering, or add the wording to en_variants in "
                                 "translations/glossary.yaml if it is also right"))
        return found


def _check_message(message, name: str, shown: str, expected: set, current: dict) -> list[Finding]:
    found = []
    line = message.lineno
    if name == INTERFACE:
        if message.string and not message.fuzzy and placeholders(message.string) != placeholders(message.id):
            found.append(Finding("error", "placeholders", shown, line,
                                 f"the {{names}} in msgstr must be those of msgid: {sorted(placeholders(message.id) or [])}",
                                 "copy each {name} unchanged into the translation"))
    elif (message.id, message.context) not in expected:
        if message.context in current:
            found.append(Finding("warning", "stale-msgid", shown, line,
                                 f"msgctxt {message.context!r}: the Chinese has changed since this entry was made",
                                 "run `gwr update`, then review the entry it marks fuzzy"))
        else:
            found.append(Finding("warning", "unknown-context", shown, line,
                                 f"msgctxt {message.context!r} is not on this page any more",
                                 "run `gwr update` (it becomes obsolete, #~)"))
    if message.context and message.string and message.string != message.string.strip():
        found.append(Finding("warning", "whitespace", shown, line, "msgstr starts or ends with a space",
                             "remove the space (sentences are joined with one space)"))
    if message.string and "\n" in message.string:
        found.append(Finding("warning", "newline", shown, line, "msgstr contains a line break",
                             "write the sentence on one line"))
    return found


def _msgfmt(path: Path, shown: str) -> list[Finding]:
    """GNU gettext's own check, when it is installed (Debian package gettext)."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        return []
    done = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    if done.returncode == 0:
        return []
    findings = []
    for text in done.stderr.splitlines():
        where, _, rest = text.partition(": ")
        file_part, _, line_part = where.rpartition(":")
        line = int(line_part) if line_part.isdigit() else None
        findings.append(Finding("error", "msgfmt", shown, line, rest or text, "see `msgfmt --check` for details"))
    return findings
