"""`gwr new`: start the translations of another report, once seeds/ holds it.

What belongs to one report alone is moved into translations/previous/<city>-<year>/ (jinhua-2025), in the
layout it had under translations/, and never deleted: its page catalogs, the editorial files (summaries,
merchants, highlights, plan links) and the local glossary. What serves every report stays: the shared
glossary, the house style and the interface catalog (the site's labels; a copy goes with the rest). Then
the new report's catalogs are made as `gwr update` makes them, every message pending, and an empty local
glossary names the new city. Nothing is touched when the command refuses.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..enrich.editorial import PAGE_FILES, SUMMARY_FILES
from ..enrich.glossary import LOCAL_FILE, generate_pinyin, read_file, read_terms, toneless, used_in
from ..enrich.glossary_scope import load_glossary
from ..enrich.plan import PLAN_FILE
from ..errors import InputError, InputErrors
from ..source.model import Report
from ..source.partslugs import forget_part_slugs
from .catalogs import TARGET_LANGUAGES, TRANSLATIONS, catalog_dir, read_catalog
from .merge import update
from .messages import INTERFACE, catalog_messages
from .owner import Owner, catalogs_owner, owner_of, report_owner

PREVIOUS_DIR = f"{TRANSLATIONS}/previous"
REPORT_FILES = (*SUMMARY_FILES.values(), *PAGE_FILES.values(), PLAN_FILE, LOCAL_FILE)  # one report's, besides catalogs
LOCAL_TEMPLATE = """\
# The local glossary: the terms of this report alone (its city's places, platforms, firms, brands, events and
# formulas), and under `explanations:` what this report says about terms of the shared glossary
# (translations/glossary/shared.yaml), in place of the shared explanation_en, explanation_zh or source_note.
# Entries as in shared.yaml; see CONTRIBUTING.md (The glossary).
city: {city}
terms: []
explanations: []
"""


class Refused(Exception):
    """`gwr new` will not run; the message says why and what to do."""


@dataclass
class NewReport:
    current: Owner
    previous: Owner | None
    folder: str = ""  # where the previous report's files went, relative to the project
    moved: list[str] = field(default_factory=list)  # as they were named before the move
    copied: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    pending: int = 0  # messages of the new catalogs, all untranslated
    shared_used: int | None = None  # shared glossary terms the new report uses, of shared_total
    shared_total: int = 0
    reusable: list[str] = field(default_factory=list)  # previous local terms the new report uses (same city)


def start_new_report(root: Path, report: Report, force: bool = False) -> NewReport:
    """Move the previous report's files aside and create the new report's; see the module's docstring."""
    current = report_owner(report)
    previous = catalogs_owner(root) or _local_owner(root)
    if previous == current and not force:
        raise Refused(f"seeds/ holds {current}, the report translations/ is for: there is nothing to move aside. "
                      "Replace seeds/ with the new report first (README: A new report); to start this report's "
                      "translations over, run `gwr new --force`.")
    folder = f"{PREVIOUS_DIR}/{_slug(previous)}" if previous or _any_report_file(root) else ""
    if folder and (root / folder).exists():
        raise Refused(f"{folder}/ exists already: a report's files were moved there before. Rename or move that "
                      "folder (it is yours to keep), then run `gwr new` again.")
    for lang in TARGET_LANGUAGES:  # a catalog that cannot be read would stop the update half-way
        if (catalog_dir(root, lang) / f"{INTERFACE}.po").exists():
            read_catalog(catalog_dir(root, lang) / f"{INTERFACE}.po", lang, root)
    result = NewReport(current, previous, folder)
    if folder:
        _move_aside(root, folder, result)
    if previous != current:  # the recorded page addresses were the previous report's parts'
        forget_part_slugs(root / "seeds", report)
    _restamp_interface(root, report)
    _create(root, report, result)
    return result


def _local_owner(root: Path) -> Owner | None:
    """Without catalogs, the city of the local glossary says whose files these are."""
    if not (root / LOCAL_FILE).exists():
        return None
    try:
        data, _ = read_file(root, LOCAL_FILE, [])
    except (InputError, InputErrors):
        return None
    city = data.get("city") if isinstance(data, dict) else None
    return Owner(city, None) if isinstance(city, str) and city else None


def _any_report_file(root: Path) -> bool:
    return any((root / rel).exists() for rel in REPORT_FILES) or any(
        path.stem != INTERFACE for lang in TARGET_LANGUAGES for path in catalog_dir(root, lang).glob("*.po"))


def _slug(owner: Owner | None) -> str:
    """jinhua-2025: the city's name in pinyin without 市/县/区, and the year."""
    if owner is None:
        return "earlier-report"
    name = owner.city[:-1] if owner.city[-1:] in "市县区" and len(owner.city) > 2 else owner.city
    letters = re.sub(r"[^a-z0-9]+", "", toneless(generate_pinyin(name)).lower()) or "report"
    return f"{letters}-{owner.year}" if owner.year else letters


def _move_aside(root: Path, folder: str, result: NewReport) -> None:
    """Into folder, under the names they had in translations/; the interface catalog is copied, not moved."""
    for lang in TARGET_LANGUAGES:
        for path in sorted(catalog_dir(root, lang).glob("*.po")):
            rel = path.relative_to(root).as_posix()
            target = root / folder / path.relative_to(root / TRANSLATIONS)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.stem == INTERFACE:
                shutil.copy2(path, target)
                result.copied.append(rel)
            else:
                os.replace(path, target)
                result.moved.append(rel)
    for rel in REPORT_FILES:
        if (root / rel).exists():
            target = root / folder / Path(rel).relative_to(TRANSLATIONS)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / rel, target)
            result.moved.append(rel)


def _restamp_interface(root: Path, report: Report) -> None:
    """The interface catalog stays: its header now names the new report (gwr check compares them)."""
    current = report_owner(report)
    for lang in TARGET_LANGUAGES:
        path = catalog_dir(root, lang) / f"{INTERFACE}.po"
        if not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        if owner_of(lines):
            lines[0] = f"# {current}:" + re.split(r"[:：]", lines[0], maxsplit=1)[1]
        text = re.sub(r'^("Project-Id-Version: \S+ )\d{4}', rf"\g<1>{report.meta.year}", "\n".join(lines),
                      count=1, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")


def _create(root: Path, report: Report, result: NewReport) -> None:
    """The empty local glossary, then every catalog as `gwr update` makes it; counts for the summary."""
    local = root / LOCAL_FILE
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text(LOCAL_TEMPLATE.format(city=report.meta.city), encoding="utf-8")
    result.created.append(LOCAL_FILE)
    for lang in TARGET_LANGUAGES:
        done = update(root, report, lang)
        result.created += [p.relative_to(root).as_posix() for p in done.written
                           if p.relative_to(root).as_posix() not in result.copied]
    result.pending = sum(len(m) for name, m in catalog_messages(report).items() if name != INTERFACE)
    text = "".join(s.text for s in report.segments())
    try:
        glossary = load_glossary(root, text, report.meta)
        result.shared_used, result.shared_total = len(glossary.terms), len(glossary.terms) + len(glossary.unused)
    except (InputError, InputErrors):
        result.shared_used = None  # `gwr check` names the problem
    if result.previous and result.previous.city == report.meta.city and result.folder:
        result.reusable = _reusable(root, f"{result.folder}/glossary/local.yaml", text)


def _reusable(root: Path, rel: str, text: str) -> list[str]:
    """The previous local terms of the same city that the new report uses: worth copying back, once checked."""
    errors: list[InputError] = []
    try:
        data, document = read_file(root, rel, errors)
    except (InputError, InputErrors):
        return []
    return [t.zh for t in read_terms(rel, data, document, errors) if used_in(t, text)] if data is not None else []


def summary(result: NewReport) -> str:
    """What `gwr new` did, and what to do next."""
    lines = [f"gwr new: seeds/ holds {result.current}" + (f"; translations/ held {result.previous}." if
                                                          result.previous else ".")]
    if result.folder:
        lines.append(f"moved aside to {result.folder}/ ({len(result.moved)} files, nothing deleted): "
                     + _listed(result.moved))
    if result.copied:
        lines.append(f"kept (the site's labels, for every report; a copy went along): {_listed(result.copied)}")
    shared = (f" ({result.shared_used} of its {result.shared_total} terms occur in the new report and are listed)"
              if result.shared_used is not None else "")
    lines.append(f"kept: translations/glossary/shared.yaml{shared}, translations/style.yaml")
    lines.append(f"created: {_listed(result.created)}; {result.pending} messages to translate, all pending")
    if result.reusable:
        lines.append(f"the new report uses {len(result.reusable)} local terms of the previous one ("
                     f"{_listed(result.reusable, 8)}): copy them from {result.folder}/glossary/local.yaml into "
                     f"{LOCAL_FILE} once their explanations are checked")
    lines += ["", "next:",
              "  1. make site        (gwr build: the Chinese site; English pages show the Chinese, marked "
              "\"translation pending\")",
              "  2. gwr outline      (check the parsed structure; gwr notes lists slips in the print)",
              "  3. translate translations/en/*.po (CONTRIBUTING.md); add the report's own terms to "
              f"{LOCAL_FILE}",
              "  4. write translations/summaries.en.yaml, summaries.zh.yaml, merchants.en.yaml, highlights.en.yaml and "
              "plan-links.yaml as the report needs them" + (f" (the previous report's are in {result.folder}/)"
                                                           if result.folder else ""),
              "  5. gwr check, then commit translations/ together with seeds/"]
    return "\n".join(lines)


def _listed(items: list[str], most: int = 6) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" … ({len(items) - most} more)" if len(items) > most else "") if items else "nothing"
