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

from .ingest import SourceParagraph, cn_number
from .layout import NUMBERED_START, names_part_role
from .model import PartKind

# Words of a part heading that say what the part is for, in priority order.
PART_ROLES: list[tuple[PartKind, tuple[str, ...]]] = [
    (PartKind.REVIEW, ("回顾", "过去五年", "过去一年", "发展成就", "主要成就", "工作总结")),
    (PartKind.GOVERNMENT, ("自身建设", "政府建设")),
    (PartKind.WORK_PLAN, ("重点工作", "工作安排", "工作任务", "主要工作", "年工作")),
    (PartKind.PLAN, ("目标任务", "规划", "奋斗目标", "今后五年", "主要目标")),
]
# An unnumbered heading names a part only with a time or a scope: 2024年工作回顾, 加强政府自身建设.
UNNUMBERED_PART_SCOPE = re.compile(r"(?:19|20)\d\d年|过去|今后|“十[一二三四五六七八九]五”|自身建设")


@dataclass
class Para:
    index: int  # body paragraph index
    source: SourceParagraph
    list_number: int | None = None  # the entry's number, for an entry of a numbered list

    @property
    def text(self) -> str:
        return self.source.text


@dataclass
class PartText:
    """A part's heading (None where it is not in the source) and its paragraphs."""

    number: int
    heading: Para | None
    body: list[Para] = field(default_factory=list)
    numbered: bool = True  # its heading carries the number (一、); else the number is its place


def split_opening(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """The opening (session line, speaker, 各位代表 and what precedes the first part) and the rest."""
    if not paragraphs or not paragraphs[0].source.is_opening:
        return [], paragraphs
    for position, para in enumerate(paragraphs):
        if _starts_part(para, None):
            return paragraphs[:position], paragraphs[position:]
    return paragraphs, []


def split_parts(paragraphs: list[Para], first_missing: int) -> list[PartText]:
    """Parts in order; text before the first heading belongs to a part whose heading is missing."""
    parts: list[PartText] = []
    next_list: int | None = None  # the number the open numbered list expects next
    for para in paragraphs:
        last = parts[-1].number if parts else None
        number = _marker_number(para)
        if next_list is not None and number == next_list and not _names_a_part(para):
            para.list_number, next_list = number, number + 1
        elif _starts_part(para, last):
            numbered = number is not None
            parts.append(PartText(number if numbered else (last or 0) + 1, para, numbered=numbered))
            next_list = None
            continue
        elif number == 1 and parts:
            para.list_number, next_list = 1, 2
        if not parts:
            parts.append(PartText(first_missing, None))
        parts[-1].body.append(para)
    return parts


def part_role(title: str | None, number: int, overrides: dict[str, PartKind]) -> PartKind:
    if title is not None and title in overrides:
        return overrides[title]
    if title is None:
        return PartKind.REVIEW if number == 1 else PartKind.OTHER
    for role, words in PART_ROLES:
        if any(word in title for word in words):
            return role
    return PartKind.OTHER


def heading_title(para: Para) -> str:
    """The heading without its number: “十五五”发展主要目标任务."""
    return NUMBERED_START.sub("", para.text)


def _marker_number(para: Para) -> int | None:
    match = NUMBERED_START.match(para.text)
    return cn_number(match.group(1)) if match else None


def _starts_part(para: Para, last: int | None) -> bool:
    """A numbered heading that goes on from the last part, or an unnumbered heading naming a part."""
    if para.source.is_part_heading:
        return last is None or _marker_number(para) > last
    return para.source.kind == "heading" and _names_a_part(para)


def _names_a_part(para: Para) -> bool:
    text = para.text
    return names_part_role(text) and bool(UNNUMBERED_PART_SCOPE.search(text) or NUMBERED_START.match(text))
