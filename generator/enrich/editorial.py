"""Editorial content: key points of the report's pages, the merchants page and the highlights page.

These are written by editors, separate from the translation, in translations/: the key points of
every exemplar, action and part page in each edition's language (summaries.en.yaml,
summaries.zh.yaml: 3–6 points per page), merchants.en.yaml and highlights.en.yaml (sections of
points). Every point cites the sentences it comes from by their IDs, so that the page can link to
them and the checks can compare its figures with theirs; each ID carries a fingerprint of the cited
Chinese (`action-1.task-1.s2@5e0c1a`, citations.py) so that the citation follows its sentence when
IDs shift. Both languages' files are read and validated the same way; problems are collected and
reported with the file, the 1-based line and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InputErrors
from ..source.model import Report, SectionKind
from ..util.yamlfile import child, line_of, read_yaml
from .citations import PIN_LENGTH, parse_citation
from .pages import PageKind, plan_pages

# The key points of the report's pages, one file per edition language (the edition shows its own).
SUMMARY_FILES = {"en": "translations/summaries.en.yaml", "zh": "translations/summaries.zh.yaml"}
PAGE_FILES = {"merchants": "translations/merchants.en.yaml", "highlights": "translations/highlights.en.yaml"}
SUMMARY_POINTS = (3, 6)
SUMMARY_ITEMS = (SectionKind.EXEMPLAR, SectionKind.ACTION)  # item pages with key points; part pages have them too
POINT_FILES = (*SUMMARY_FILES.values(), *PAGE_FILES.values())  # their citations are pinned: ID@fingerprint
MOVED_FILES = ("translations/plan-links.yaml",)  # these cite whole tasks and actions, re-keyed as IDs move
OTHER_REPORT = "if the file belongs to another report, `gwr new` moves it aside (README: A new report)"


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[str, ...]  # segment IDs
    line: int
    file: str = ""  # the file it is written in, for findings
    lang: str = "en"  # the language it is written in: "zh" points are Chinese, all others English
    pins: tuple[str, ...] = ()  # each source's fingerprint as written ("" for an ID alone); () if not from a file


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
    summaries: dict[str, dict[str, tuple[Point, ...]]] = field(default_factory=dict)  # language -> slug -> points
    pages: dict[str, EditorialPage] = field(default_factory=dict)  # "merchants" / "highlights" -> page

    def summary(self, lang: str, slug: str) -> tuple[Point, ...]:
        """The key points of a page in one language; () where there are none (the page shows no box)."""
        return self.summaries.get(lang, {}).get(slug, ())

    def points(self) -> list[Point]:
        """Every point, in the order of the files."""
        found = [p for by_page in self.summaries.values() for points in by_page.values() for p in points]
        return found + [p for page in self.pages.values() for section in page.sections for p in section.points]


def load_editorial(root: Path, report: Report) -> Editorial:
    """Read what exists; a file that is there must be complete and valid. All problems at once."""
    errors: list[InputError] = []
    segments = report.segment_index()
    editorial = Editorial()
    for lang, rel in SUMMARY_FILES.items():
        if (root / rel).exists():
            editorial.summaries[lang] = _summaries(root, rel, lang, report, segments, errors)
    for name, rel in PAGE_FILES.items():
        if (root / rel).exists():
            page = _page(root, rel, segments, errors)
            if page:
                editorial.pages[name] = page
    if errors:
        raise InputErrors(errors)
    return editorial


def _points(items, node, rel: str, segments: dict, errors: list[InputError], lang: str = "en") -> tuple[Point, ...]:
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
        citations = [parse_citation(s) for s in sources]
        malformed = [str(s) for s, c in zip(sources, citations) if c is None]
        if malformed:
            errors.append(_error(rel, line, f"not a citation: {', '.join(malformed)}",
                                 f"write the sentence's ID (action-1.task-1.s2); `gwr update` adds '@' and its "
                                 f"fingerprint ({PIN_LENGTH} hex digits)"))
        cited = [c for c in citations if c is not None]
        unknown = [c for c in cited if c.id not in segments]
        if unknown:
            # A pinned citation was right when pinned: its sentence moved (update re-points it) or went.
            fix = ("run `gwr update`: it re-points a citation whose sentence moved; if this stays, the sentence is "
                   "gone: cite the one the point rests on now" if any(c.pin for c in unknown) else
                   f"use the msgctxt of the sentence in translations/en/<page>.po; {OTHER_REPORT}")
            errors.append(_error(rel, line, f"unknown sentence ID(s): {', '.join(c.id for c in unknown)}", fix))
        points.append(Point(str(text or "").strip(), tuple(c.id for c in cited), line, rel, lang,
                            tuple(c.pin for c in cited)))
    return tuple(points)


def _error(rel: str, line: int | str, problem: str, fix: str) -> InputError:
    return InputError(rel, str(line), problem, fix, check="editorial")


def summary_pages(report: Report) -> dict[str, set[str]]:
    """The pages that have key points, each with the IDs of the sentences on it: every exemplar and action
    page, and every part page with sentences of its own (the review, the plan's goals, the year's targets)."""
    pages = {}
    for plan in plan_pages(report):
        if plan.kind is PageKind.ITEM and plan.sections[0].kind in SUMMARY_ITEMS:
            pages[plan.slug] = {s.id for s in plan.sections[0].segments()}
        elif plan.kind is PageKind.PART and any(block.body_segments for sec in plan.sections for block in sec.blocks):
            heading = [plan.part.heading] if plan.part and plan.part.heading else []
            pages[plan.slug] = {s.id for s in heading} | {s.id for sec in plan.sections for s in sec.segments()}
    return pages


def _summaries(root: Path, rel: str, lang: str, report: Report, segments: dict, errors: list[InputError]) -> dict:
    data, node = read_yaml(root, rel, errors)
    wanted = summary_pages(report)
    if not isinstance(data, dict):
        errors.append(_error(rel, 1, "expected one key per page", "write 'exemplar-1:' and so on"))
        return {}
    result = {}
    for slug, items in data.items():
        line = line_of(child(node, slug))
        if slug not in wanted:
            errors.append(_error(rel, line, f"{slug!r} is not an exemplar, action or part page",
                                 f"use one of {', '.join(wanted)}; {OTHER_REPORT}" if wanted else OTHER_REPORT))
            continue
        points = _points(items, child(node, slug), rel, segments, errors, lang)
        low, high = SUMMARY_POINTS
        if not low <= len(points) <= high:
            errors.append(_error(rel, line, f"{slug} has {len(points)} points", f"give {low} to {high} points"))
        foreign = [s for p in points for s in p.sources if s in segments and s not in wanted[slug]]
        if foreign:
            errors.append(_error(rel, line, f"{slug} cites sentences of other pages: {', '.join(foreign)}",
                                 "cite sentences of the page the points are on"))
        result[slug] = points
    # Every exemplar and action page has points; a part's page may have none (a page just added shows no box).
    items = {plan.slug for plan in plan_pages(report) if plan.kind is PageKind.ITEM}
    for slug in wanted:
        if slug not in data and slug in items:
            errors.append(_error(rel, "", f"no key points for {slug}", f"add '{slug}:' with its points"))
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
    """Let the plan's links follow tasks whose ID changed (old ID -> new ID, as `gwr update` moved their
    translations); points follow by fingerprint instead (citations.py), which survives a delete and restore.
    The files are edited in place, only where an ID stands, so comments and layout stay."""
    if not moved:
        return []
    # A task moves with its title: action-3.task-2.title -> action-3.task-3.title moves action-3.task-2 too.
    moved = {**moved, **{old.removesuffix(".title"): new.removesuffix(".title") for old, new in moved.items()
                         if old.endswith(".title") and new.endswith(".title")}}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(i) for i in sorted(moved, key=len, reverse=True))
                         + r")(?![\w-]|\.\w)")
    changed = []
    for rel in MOVED_FILES:
        path = root / rel
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: moved[m.group(1)], text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed
