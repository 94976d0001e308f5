"""Editorial English content: summaries for merchants, the merchants page and the highlights page.

These are written by editors, separate from the translation, in translations/:
summaries.en.yaml (3–6 points per exemplar and action page), merchants.en.yaml and
highlights.en.yaml (sections of points). Every point cites the sentences it comes
from by their IDs, so that the page can link to them. Problems are collected and
reported with the file, the 1-based line and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InputErrors
from ..source.model import Report, SectionKind
from ..util.yamlfile import child, line_of, read_yaml

SUMMARIES_FILE = "translations/summaries.en.yaml"
PAGE_FILES = {"merchants": "translations/merchants.en.yaml", "highlights": "translations/highlights.en.yaml"}
SUMMARY_POINTS = (3, 6)
CITING_FILES = (SUMMARIES_FILE, *PAGE_FILES.values(), "translations/plan-links.yaml")  # files that cite IDs
OTHER_REPORT = "if the file belongs to another report, `gwr new` moves it aside (README: A new report)"


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[str, ...]  # segment IDs
    line: int
    file: str = ""  # the file it is written in, for findings


@dataclass(frozen=True)
class EditorialSection:
    title: str
    title_zh: str
    points: tuple[Point, ...]

    @property
    def anchor(self) -> str:
        """The section's anchor in both editions, from its English title: "Trade fairs" -> trade-fairs."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "section"


@dataclass(frozen=True)
class EditorialPage:
    title: str
    title_zh: str
    intro: str
    sections: tuple[EditorialSection, ...]


@dataclass
class Editorial:
    summaries: dict[str, tuple[Point, ...]] = field(default_factory=dict)  # page slug -> points
    pages: dict[str, EditorialPage] = field(default_factory=dict)  # "merchants" / "highlights" -> page

    def points(self) -> list[Point]:
        """Every point, in the order of the files."""
        found = [p for points in self.summaries.values() for p in points]
        return found + [p for page in self.pages.values() for section in page.sections for p in section.points]


def load_editorial(root: Path, report: Report) -> Editorial:
    """Read what exists; a file that is there must be complete and valid. All problems at once."""
    errors: list[InputError] = []
    segments = report.segment_index()
    editorial = Editorial()
    if (root / SUMMARIES_FILE).exists():
        editorial.summaries = _summaries(root, report, segments, errors)
    for name, rel in PAGE_FILES.items():
        if (root / rel).exists():
            page = _page(root, rel, segments, errors)
            if page:
                editorial.pages[name] = page
    if errors:
        raise InputErrors(errors)
    return editorial


def _points(items, node, rel: str, segments: dict, errors: list[InputError]) -> tuple[Point, ...]:
    points = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        line = line_of(child(node, index))
        if not isinstance(item, dict):
            errors.append(_error(rel, line, "a point must be a mapping", "write '- text: …' and 'source: [segment-id, …]'"))
            continue
        for key in sorted(set(item) - {"text", "source"}):
            errors.append(_error(rel, line, f"unknown key '{key}' in a point", "a point has only 'text' and 'source'"))
        text, sources = item.get("text"), item.get("source")
        if not isinstance(text, str) or not text.strip():
            errors.append(_error(rel, line, "the point's text is missing or empty", "write the point as one sentence"))
        if not isinstance(sources, list) or not sources:
            errors.append(_error(rel, line, "the point cites no sentence",
                                 "give 'source: [id]' with the IDs of the sentences it is based on"))
            continue
        unknown = [s for s in sources if s not in segments]
        if unknown:
            errors.append(_error(rel, line, f"unknown sentence ID(s): {', '.join(map(str, unknown))}",
                                 f"use the msgctxt of the sentence in translations/en/<page>.po; {OTHER_REPORT}"))
        points.append(Point(str(text or "").strip(), tuple(map(str, sources)), line, rel))
    return tuple(points)


def _error(rel: str, line: int | str, problem: str, fix: str) -> InputError:
    return InputError(rel, str(line), problem, fix, check="editorial")


def _summaries(root: Path, report: Report, segments: dict, errors: list[InputError]) -> dict:
    data, node = read_yaml(root, SUMMARIES_FILE, errors)
    wanted = [s.id for s in report.sections() if s.kind in (SectionKind.EXEMPLAR, SectionKind.ACTION)]
    if not isinstance(data, dict):
        errors.append(_error(SUMMARIES_FILE, 1, "expected one key per page", "write 'exemplar-1:' and so on"))
        return {}
    result = {}
    for slug, items in data.items():
        line = line_of(child(node, slug))
        if slug not in wanted:
            errors.append(_error(SUMMARIES_FILE, line, f"{slug!r} is not an exemplar or action page",
                                 f"use one of {', '.join(wanted)}; {OTHER_REPORT}" if wanted else OTHER_REPORT))
            continue
        points = _points(items, child(node, slug), SUMMARIES_FILE, segments, errors)
        low, high = SUMMARY_POINTS
        if not low <= len(points) <= high:
            errors.append(_error(SUMMARIES_FILE, line, f"{slug} has {len(points)} points", f"give {low} to {high} points"))
        foreign = [s for p in points for s in p.sources if s.split(".")[0] != slug]
        if foreign:
            errors.append(_error(SUMMARIES_FILE, line, f"{slug} cites sentences of other pages: {', '.join(foreign)}",
                                 "cite sentences of the page the summary is on"))
        result[slug] = points
    for slug in wanted:
        if slug not in data:
            errors.append(_error(SUMMARIES_FILE, "", f"no summary for {slug}", f"add '{slug}:' with its points"))
    return result


PAGE_KEYS = ("title", "title_zh", "intro", "sections")
SECTION_KEYS = ("title", "title_zh", "points")


def _page(root: Path, rel: str, segments: dict, errors: list[InputError]) -> EditorialPage | None:
    data, node = read_yaml(root, rel, errors)
    if not isinstance(data, dict) or not _has_keys(data, PAGE_KEYS, rel, 1, "the page", errors):
        return None
    sections = []
    for index, section in enumerate(data["sections"] or []):
        line = line_of(child(child(node, "sections"), index))
        if not isinstance(section, dict) or not _has_keys(section, SECTION_KEYS, rel, line, "a section", errors):
            continue
        points = _points(section["points"], child(child(child(node, "sections"), index), "points"), rel, segments,
                         errors)
        sections.append(EditorialSection(str(section["title"]), str(section["title_zh"]), points))
    return EditorialPage(str(data["title"]), str(data["title_zh"]), str(data["intro"]), tuple(sections))


def _has_keys(data: dict, keys: tuple[str, ...], rel: str, line: int, what: str, errors: list[InputError]) -> bool:
    """Every missing and every unknown key is reported; True when the mapping can be used."""
    before = len(errors)
    for key in keys:
        if key not in data:
            errors.append(_error(rel, line, f"{what} lacks '{key}'", f"add '{key}:' (see CONTRIBUTING.md)"))
    for key in data:
        if key not in keys:
            errors.append(_error(rel, line, f"unknown key '{key}' in {what}", f"use only {', '.join(keys)}"))
    return len(errors) == before


def rekey_citations(root: Path, moved: dict[str, str]) -> list[Path]:
    """Let citations follow sentences whose ID changed (old ID -> new ID, as `gwr update` moved their
    translations). The files are edited in place, only where an ID stands, so comments and layout stay."""
    if not moved:
        return []
    # A task moves with its title: action-3.task-2.title -> action-3.task-3.title moves action-3.task-2 too.
    moved = {**moved, **{old.removesuffix(".title"): new.removesuffix(".title") for old, new in moved.items()
                         if old.endswith(".title") and new.endswith(".title")}}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(i) for i in sorted(moved, key=len, reverse=True))
                         + r")(?![\w-]|\.\w)")
    changed = []
    for rel in CITING_FILES:
        path = root / rel
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: moved[m.group(1)], text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed
