"""What must hold of any report's structure, checked where editors meet it (`gwr check`, `gwr build`).

IDs are unique (parts, sections, blocks, sentences) and so are page slugs; the sentences,
joined, give back the printed text; every printed sentence is on exactly one page. A report
of a layout the parser misreads fails here with the seed's file:line, never as a wrong site.
"""

from __future__ import annotations

from collections import Counter

from ..errors import ERROR, Finding
from ..source.model import Report, Segment
from ..util.files import display
from .pages import PagePlan, PageKind

CHECK = "structure"


def structure_findings(report: Report, plans: list[PagePlan]) -> list[Finding]:
    return [*_duplicate_ids(report), *_duplicate_slugs(report, plans), *_round_trip(report),
            *_pages_per_segment(report, plans)]


def segments_on_page(plan: PagePlan) -> list[Segment]:
    """The printed text a page shows: its sections' segments, and on a part's page the part's heading."""
    heading = [plan.part.heading] if plan.kind is PageKind.PART and plan.part.heading else []
    return heading + [segment for section in plan.sections for segment in section.segments()]


def _duplicate_ids(report: Report) -> list[Finding]:
    findings = []
    kinds = {"part": [(p.id, p.heading) for p in report.parts],
             "section": [(s.id, s.heading or next(s.segments(), None)) for s in report.sections()],
             "block": [(b.id, b.segments[0] if b.segments else None) for s in report.sections() for b in s.blocks],
             "sentence": [(s.id, s) for s in report.segments()]}
    for kind, items in kinds.items():
        counts = Counter(ident for ident, _ in items)
        for ident, segment in items:
            if counts[ident] > 1:
                findings.append(_finding(segment, report, f"the {kind} ID '{ident}' is given {counts[ident]} times",
                                         "the layout was misread here: see `gwr outline`, and say in report.yaml "
                                         "what this line is (line_readings, part_roles)", ident))
                counts[ident] = 0  # one finding per ID
    return findings


def _duplicate_slugs(report: Report, plans: list[PagePlan]) -> list[Finding]:
    counts = Counter(plan.slug for plan in plans)
    return [_finding(None, report, f"two pages would be written to '{slug}.md'",
                     "two parts of one role or a part named like a page: give one another role in "
                     "report.yaml (part_roles)", slug)
            for slug, count in sorted(counts.items()) if count > 1]


def _round_trip(report: Report) -> list[Finding]:
    if report.reconstructed_text() == report.body_text():
        return []
    return [_finding(None, report, "the sentences, joined, differ from the printed text",
                     "a bug in the parser: report it with the page file", None)]


def _pages_per_segment(report: Report, plans: list[PagePlan]) -> list[Finding]:
    shown_on: Counter[str] = Counter(s.id for plan in plans for s in segments_on_page(plan))
    findings = []
    for segment in report.segments():
        count = shown_on[segment.id]
        if count != 1:
            where = "on no page" if count == 0 else f"on {count} pages"
            findings.append(_finding(segment, report, f"the printed text “{segment.text[:20]}” is {where}",
                                     "every sentence must be on exactly one page: see `gwr outline` and say in "
                                     "report.yaml what this line is", segment.id))
    return findings


def _finding(segment: Segment | None, report: Report, message: str, fix: str, ident: str | None) -> Finding:
    if segment is not None:
        return Finding(ERROR, CHECK, segment.source.file, segment.source.line, message, fix, ident)
    return Finding(ERROR, CHECK, display_meta(report), None, message, fix, ident)


def display_meta(report: Report) -> str:
    pages = report.meta.pages
    return display(pages[0].path.parent / "report.yaml") if pages else "seeds/report.yaml"
