"""The report's top level: its opening, its parts, and numbered lists that stay inside a part.

Parts open with a numbered heading (一、…) or, in reports that print them so, with an
unnumbered heading that names the part (2024年工作回顾). A numbered heading is a part's
only when its number goes on from the last part's; one that starts again at 一 (or goes
on a list begun so) is an entry of a numbered list inside the part (民生实事, 附件).
What a part is for (its role) comes from the words of its heading, unless report.yaml says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ingest import SourceParagraph, cn_number, reading_key
from .layout import NUMBERED_START, names_part_role
from .model import LayoutDecision, Part, PartKind, Section

# Words of a part heading that say what the part is for, in priority order.
PART_ROLES: list[tuple[PartKind, tuple[str, ...]]] = [
    (PartKind.REVIEW, ("回顾", "过去五年", "过去一年", "发展成就", "主要成就", "工作总结")),
    (PartKind.GOVERNMENT, ("自身建设", "政府建设")),
    (PartKind.WORK_PLAN, ("重点工作", "工作安排", "工作任务", "主要工作", "年工作")),
    (PartKind.PLAN, ("目标任务", "规划", "奋斗目标", "今后五年", "主要目标")),
]
# An unnumbered heading names a part only with a time or a scope: 2024年工作回顾, 加强政府自身建设.
YEAR = re.compile(r"((?:19|20)\d\d)年")
# Entries of a numbered list: 一、 or 1、 (1. in some prints).
LIST_START = re.compile(r"^(?:([一二三四五六七八九十]+)、|(\d{1,2})[、．.](?!\d))")
UNNUMBERED_PART_SCOPE = re.compile(r"(?:19|20)\d\d年|过去|今后|“十[一二三四五六七八九]五”|自身建设")


@dataclass
class Para:
    index: int  # body paragraph index
    source: SourceParagraph
    list_number: int | None = None  # the entry's number, for an entry of a numbered list
    is_heading: bool = False  # read as a heading by its place (一、… under an unnumbered part heading)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def is_heading_line(self) -> bool:
        """A heading alone on its line (an entry of a numbered list is an entry, not a heading)."""
        return self.list_number is None and (self.is_heading or self.source.kind == "heading")


@dataclass
class PartText:
    """A part's heading (None where it is not in the source) and its paragraphs."""

    number: int
    heading: Para | None
    body: list[Para] = field(default_factory=list)
    numbered: bool = True  # its heading carries the number (一、); else the number is its place


def split_opening(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """The opening (session line, speaker, 各位代表 and what precedes the first part) and the rest. Text
    before part one is the opening even where its lines are not recognised; text before a later part
    continues a part whose heading is not in the source (a newspaper page is missing)."""
    first = next((i for i, para in enumerate(paragraphs) if _starts_part(para, None)), len(paragraphs))
    starts_report = first < len(paragraphs) and _marker_number(paragraphs[first]) in (None, 1)
    if first and (paragraphs[0].source.is_opening or starts_report):
        return paragraphs[:first], paragraphs[first:]
    return [], paragraphs


def split_parts(paragraphs: list[Para], first_missing: int, readings: dict[str, str],
                decisions: list[LayoutDecision]) -> list[PartText]:
    """Parts in order; text before the first heading belongs to a part whose heading is missing.
    `readings`: report.yaml's word on a line (part, entry, heading), recorded in `decisions`."""
    parts: list[PartText] = []
    next_list: int | None = None  # the number the open numbered list expects next
    for para in paragraphs:
        last = parts[-1].number if parts else None
        number = _marker_number(para)
        given = _given_reading(para, readings, decisions)
        if given == "part" or (given is None and _starts_part(para, last) and not _continues_list(para, next_list)
                               and not (parts and not parts[-1].numbered and para.source.is_part_heading)):
            numbered = number is not None
            parts.append(PartText(number if numbered else (last or 0) + 1, para, numbered=numbered))
            next_list = None
            continue
        if given == "entry" or (given is None and _continues_list(para, next_list)):
            para.list_number = _list_number(para) or next_list or 1
            next_list = para.list_number + 1
        elif given == "heading" or (parts and not parts[-1].numbered and para.source.is_part_heading):
            para.is_heading = True  # 一、… under an unnumbered part heading numbers the part's sections
        elif _list_number(para) == 1 and parts:
            para.list_number, next_list = 1, 2
        if not parts:
            parts.append(PartText(first_missing, None))
        parts[-1].body.append(para)
    return parts


def part_role(title: str | None, number: int, year: int, overrides: dict[str, PartKind]) -> PartKind:
    """By the heading's words; a heading that names a year is the review of a year before the report's
    and the work of the report's own year (2013年主要工作 in a report of 2014 is its review)."""
    if title is not None and title in overrides:
        return overrides[title]
    if title is None:
        return PartKind.REVIEW if number == 1 else PartKind.OTHER
    for role, words in PART_ROLES[:2]:  # the review and the government's own work say so in words
        if any(word in title for word in words):
            return role
    named = YEAR.search(title)
    if named:
        return PartKind.REVIEW if int(named.group(1)) < year else PartKind.WORK_PLAN
    for role, words in PART_ROLES[2:]:
        if any(word in title for word in words):
            return role
    return PartKind.OTHER


def heading_title(para: Para) -> str:
    """The heading without its number: “十四五”发展主要目标任务."""
    return NUMBERED_START.sub("", para.text)


def _marker_number(para: Para) -> int | None:
    match = NUMBERED_START.match(para.text)
    return cn_number(match.group(1)) if match else None


def list_marker(para: Para) -> str:
    """The entry's number as printed: 一、 or 1、."""
    return LIST_START.match(para.text).group(0)


def _continues_list(para: Para, next_list: int | None) -> bool:
    return next_list is not None and _list_number(para) == next_list and not _names_a_part(para)


def _given_reading(para: Para, readings: dict[str, str], decisions: list[LayoutDecision]) -> str | None:
    """What report.yaml says a paragraph's first line is, if anything (recorded as a layout decision)."""
    source = para.source.lines[0][1]
    given = readings.get(reading_key(source))
    if given in ("part", "entry", "heading") and not any(d.source == source for d in decisions):
        decisions.append(LayoutDecision(source, para.text, given, "as report.yaml says (line_readings)"))
    return given if given in ("part", "entry", "heading") else None


def _list_number(para: Para) -> int | None:
    match = LIST_START.match(para.text)
    return cn_number(match.group(1) or match.group(2)) if match else None


def _starts_part(para: Para, last: int | None) -> bool:
    """A numbered heading that goes on from the last part, or an unnumbered heading naming a part."""
    if para.source.is_part_heading:
        return last is None or _marker_number(para) > last
    return para.source.kind == "heading" and _names_a_part(para)


def _names_a_part(para: Para) -> bool:
    text = para.text
    return names_part_role(text) and bool(UNNUMBERED_PART_SCOPE.search(text) or NUMBERED_START.match(text))


def make_section_ids_unique(parts: list[Part]) -> None:
    seen: dict[str, int] = {}
    for part in parts:
        for section in part.sections:
            count = seen.get(section.id, 0) + 1
            seen[section.id] = count
            if count > 1:
                _rename_section(section, f"{section.id}-{count}")


def _rename_section(section: Section, new_id: str) -> None:
    old = section.id
    section.id = new_id
    for segment in section.segments():
        segment.id = new_id + segment.id[len(old):]
    for block in section.blocks:
        block.id = new_id + block.id[len(old):]
