"""Extract: what there is to translate, grouped into one catalog per page.

Report text: one message per sentence, per heading and per task title, with the
stable ID as msgctxt (so two identical sentences stay two entries and a reworded
one is recognised as the same entry), the seed line as its reference and the
section as a comment for translators. Interface text (labels, notes, navigation)
is extracted from the templates and from this package, as pybabel would.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_python

from ..util.cache import AnswerFile
from ..source.model import Report, Section
from ..enrich.pages import PagePlan, plan_pages
from ..enrich.targets import Quantity, extract_quantities

INTERFACE = "interface"  # the catalog of interface strings (not a page)
TARGETS = "targets"  # the catalog of the targets' metric labels (the targets page)
PACKAGE = Path(__file__).resolve().parents[1]  # generator/


def _extract_python(fileobj, keywords, comment_tags, options):
    """Babel's Python extractor, run on a module only if a keyword (N_, _, gettext …) stands before a "(" in
    it: Babel finds nothing elsewhere, and tokenizing every module took most of the time of `gwr check`."""
    source = fileobj.read()
    if not _keyword_call(tuple(keywords)).search(source):
        return []
    return extract_python(io.BytesIO(source), keywords, comment_tags, options)


@lru_cache(maxsize=4)
def _keyword_call(keywords: tuple[str, ...]) -> re.Pattern:
    names = b"|".join(re.escape(k.encode()) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rb"(?<!\w)(?:" + names + rb")(?:\s|\\)*\(")


# Babel extraction methods: Jinja2 templates, and Python modules for labels marked N_().
EXTRACTION_METHODS = [("site/templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", _extract_python)]
EXTRACTION_OPTIONS = {"site/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "yes",
                                          "lstrip_blocks": "yes"}}


@dataclass(frozen=True)
class SourceMessage:
    """One thing to translate."""

    context: str | None  # msgctxt: the stable ID (None for interface strings)
    text: str  # msgid: the Chinese
    locations: tuple[tuple[str, int], ...]  # (file, 1-based line) for the "#:" reference
    comment: str  # for translators: where it belongs


def section_comment(section: Section) -> str:
    heading = f" {section.marker or ''}{section.title}" if section.title else ""
    return f"section {section.id}{heading}"


def section_messages(section: Section) -> list[SourceMessage]:
    comment = section_comment(section)
    messages = []
    if section.heading and section.title:
        ref = ((section.heading.source.file, section.heading.source.line),)
        messages.append(SourceMessage(section.heading.id, section.title, ref, f"{comment} (title)"))
        if section.short_title:
            messages.append(SourceMessage(section.short_title_id, section.short_title, ref,
                                          f"{comment} (short title, for the navigation)"))
    for block in section.blocks:
        for segment in block.segments:
            ref = ((segment.source.file, segment.source.line),)
            if segment is block.title_segment:
                messages.append(SourceMessage(segment.id, block.title or segment.text, ref,
                                              f"{comment}, {block.id} (title)"))
            else:
                messages.append(SourceMessage(segment.id, segment.text, ref, comment))
    return messages


def page_messages(report: Report, plans: list[PagePlan] | None = None) -> dict[str, list[SourceMessage]]:
    """The report's messages per page slug, in reading order. Pages without report text have none."""
    plans = plans if plans is not None else plan_pages(report)
    pages: dict[str, list[SourceMessage]] = {}
    headed_parts: set[str] = set()
    for plan in plans:
        messages = []
        part = plan.part
        if part is not None and part.id not in headed_parts:
            headed_parts.add(part.id)  # the part's title belongs to its first page
            if part.heading and part.title:
                ref = ((part.heading.source.file, part.heading.source.line),)
                messages.append(SourceMessage(part.heading.id, part.title, ref, f"part {part.id} (title)"))
        for section in plan.sections:
            messages.extend(section_messages(section))
        if messages:
            pages[plan.slug] = messages
    return pages


def target_messages(report: Report, quantities: list[Quantity]) -> list[SourceMessage]:
    """The metric of every quantified statement, to be labelled in English (the figure is formatted, not translated)."""
    index = report.segment_index()
    messages = []
    for quantity in quantities:
        source = index[quantity.segment_id].source
        figure = f"{quantity.from_value}→" if quantity.from_value else ""
        messages.append(SourceMessage(quantity.id, quantity.metric_zh or quantity.unit, ((source.file, source.line),),
                                      f"metric of {figure}{quantity.value}{quantity.unit} in {quantity.segment_id}"))
    return messages


def catalog_messages(report: Report, quantities: list[Quantity] | None = None) -> dict[str, list[SourceMessage]]:
    """Everything there is to translate, by catalog: the pages with report text, the targets, the interface.

    The quantified statements are the enriched report's when a caller has them (computed once per generate)."""
    quantities = extract_quantities(report) if quantities is None else quantities
    return {**page_messages(report), TARGETS: target_messages(report, quantities), INTERFACE: interface_messages()}


def interface_messages() -> list[SourceMessage]:
    """Interface strings from the templates and the package's N_() labels, sorted by file and line."""
    return list(_extract_interface(_package_stamp()))


def _package_stamp() -> tuple:
    """Changes when a template or module changes: `mkdocs serve` rebuilds without extracting again."""
    return tuple((str(p), p.stat().st_mtime_ns) for p in sorted(PACKAGE.rglob("*")) if p.suffix in (".py", ".j2"))


@lru_cache(maxsize=1)
def _extract_interface(stamp: tuple) -> tuple[SourceMessage, ...]:
    """What Babel extracts, or what it extracted from the same sources before (kept between runs)."""
    key = _sources_key()
    kept = _EXTRACTED.get(key)
    if kept is not None:
        return tuple(SourceMessage(None, text, tuple((file, line) for file, line in locations), comment)
                     for text, locations, comment in kept)
    extracted = _extract()
    _EXTRACTED.put(key, [[m.text, [list(location) for location in m.locations], m.comment] for m in extracted])
    return extracted


def _sources_key() -> str:
    """The bytes of every module and template, and the extractors' own files: what extraction depends on."""
    digest = hashlib.sha256(repr((EXTRACTION_METHODS[0], EXTRACTION_OPTIONS)).encode())
    for module in ("babel", "jinja2"):  # an upgrade of either is a new key
        origin = Path(importlib.util.find_spec(module).origin)
        digest.update(f"{origin}\0{origin.stat().st_mtime_ns}\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(PACKAGE).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _valid(answer) -> bool:
    return isinstance(answer, list) and all(
        isinstance(item, list) and len(item) == 3 and isinstance(item[0], str) and isinstance(item[2], str)
        and isinstance(item[1], list) and all(
            isinstance(loc, list) and len(loc) == 2 and isinstance(loc[0], str) and isinstance(loc[1], int)
            for loc in item[1]) for item in answer)


_EXTRACTED = AnswerFile("interface-messages", 4, _valid)


def _extract() -> tuple[SourceMessage, ...]:
    found: dict[str, list[tuple[str, int]]] = {}
    comments: dict[str, list[str]] = {}
    for filename, lineno, message, extracted_comments, _context in extract_from_dir(
        PACKAGE, method_map=EXTRACTION_METHODS, options_map=EXTRACTION_OPTIONS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if not isinstance(message, str) or not message:
            continue
        found.setdefault(message, []).append((f"generator/{filename}", lineno))
        comments.setdefault(message, []).extend(extracted_comments)
    return tuple(SourceMessage(None, text, tuple(sorted(set(locations))), " ".join(dict.fromkeys(comments[text])))
                 for text, locations in sorted(found.items(), key=lambda item: (sorted(item[1])[0], item[0])))
