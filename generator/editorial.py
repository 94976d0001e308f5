"""Editorial English content: summaries for merchants, the merchants page and the highlights page.

These are written by editors, separate from the translation, in translations/:
summaries.en.yaml (3–6 points per exemplar and action page), merchants.en.yaml and
highlights.en.yaml (sections of points). Every point cites the sentences it comes
from by their IDs, so that the page can link to them. Problems are collected and
reported with the file, the 1-based line and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, InputErrors
from .model import Report, SectionKind
from .yamlfile import child, line_of, read_yaml

SUMMARIES_FILE = "translations/summaries.en.yaml"
PAGE_FILES = {"merchants": "translations/merchants.en.yaml", "highlights": "translations/highlights.en.yaml"}
SUMMARY_POINTS = (3, 6)


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[str, ...]  # segment IDs
    line: int


@dataclass(frozen=True)
class EditorialSection:
    title: str
    title_zh: str
    points: tuple[Point, ...]


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
        item_node = child(node, index)
        line = line_of(item_node)
        if not isinstance(item, dict) or set(item) != {"text", "source"}:
            errors.append(InputError(rel, str(line), "a point needs exactly 'text' and 'source'",
                                     "write '- text: …' and 'source: [segment-id, …]'"))
            continue
        text, sources = item["text"], item["source"]
        if not isinstance(text, str) or not text.strip():
            errors.append(InputError(rel, str(line), "the point's text is empty", "write the point as one sentence"))
        if not isinstance(sources, list) or not sources:
            errors.append(InputError(rel, str(line), "the point cites no sentence",
                                     "give 'source: [id]' with the IDs of the sentences it is based on"))
            continue
        unknown = [s for s in sources if s not in segments]
        if unknown:
            errors.append(InputError(rel, str(line), f"unknown sentence ID(s): {', '.join(map(str, unknown))}",
                                     "use the msgctxt of the sentence in translations/en/<page>.po"))
        points.append(Point(str(text).strip(), tuple(map(str, sources)), line))
    return tuple(points)


def _summaries(root: Path, report: Report, segments: dict, errors: list[InputError]) -> dict:
    data, node = read_yaml(root, SUMMARIES_FILE)
    wanted = [s.id for s in report.sections() if s.kind in (SectionKind.EXEMPLAR, SectionKind.ACTION)]
    if not isinstance(data, dict):
        errors.append(InputError(SUMMARIES_FILE, "1", "expected one key per page", "write 'exemplar-1:' and so on"))
        return {}
    seen: dict[str, int] = {}
    for key_node, _ in node.value:  # YAML keeps the last of two equal keys without a word
        if key_node.value in seen:
            errors.append(InputError(SUMMARIES_FILE, str(line_of(key_node)), f"{key_node.value!r} appears twice "
                                     f"(first at line {seen[key_node.value]})", "merge the two lists of points"))
        seen.setdefault(key_node.value, line_of(key_node))
    result = {}
    for slug, items in data.items():
        line = line_of(child(node, slug))
        if slug not in wanted:
            errors.append(InputError(SUMMARIES_FILE, str(line), f"{slug!r} is not an exemplar or action page",
                                     f"use one of {', '.join(wanted)}"))
            continue
        points = _points(items, child(node, slug), SUMMARIES_FILE, segments, errors)
        low, high = SUMMARY_POINTS
        if not low <= len(points) <= high:
            errors.append(InputError(SUMMARIES_FILE, str(line), f"{slug} has {len(points)} points",
                                     f"give {low} to {high} points"))
        foreign = [s for p in points for s in p.sources if s.split(".")[0] != slug]
        if foreign:
            errors.append(InputError(SUMMARIES_FILE, str(line), f"{slug} cites sentences of other pages: "
                                     f"{', '.join(foreign)}", "cite sentences of the page the summary is on"))
        result[slug] = points
    for slug in wanted:
        if slug not in data:
            errors.append(InputError(SUMMARIES_FILE, "", f"no summary for {slug}", f"add '{slug}:' with its points"))
    return result


def _page(root: Path, rel: str, segments: dict, errors: list[InputError]) -> EditorialPage | None:
    data, node = read_yaml(root, rel)
    keys = {"title", "title_zh", "intro", "sections"}
    if not isinstance(data, dict) or set(data) != keys:
        errors.append(InputError(rel, "1", f"expected the keys {', '.join(sorted(keys))}", "see CONTRIBUTING.md"))
        return None
    sections = []
    for index, section in enumerate(data["sections"] or []):
        section_node = child(child(node, "sections"), index)
        if not isinstance(section, dict) or set(section) != {"title", "title_zh", "points"}:
            errors.append(InputError(rel, str(line_of(section_node)), "a section needs 'title', 'title_zh' and 'points'",
                                     "add the missing key"))
            continue
        points = _points(section["points"], child(section_node, "points"), rel, segments, errors)
        sections.append(EditorialSection(str(section["title"]), str(section["title_zh"]), points))
    return EditorialPage(str(data["title"]), str(data["title_zh"]), str(data["intro"]), tuple(sections))
