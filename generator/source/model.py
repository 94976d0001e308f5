"""The structured model of a report: Report -> Part -> Section -> Block -> Segment.

IDs are positional in the report's own numbering (exemplar-3, action-5.task-2.s3),
never derived from wording, so they stay put when a sentence is corrected. The same
ID is the PO msgctxt, the HTML anchor and the JSON key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from .seedmeta import ReportMeta


@dataclass(frozen=True)
class SourceRef:
    """A place in a seed file: path relative to the project root and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class SegmentRole(str, Enum):
    PART_HEADING = "part-heading"  # 二、“十四五”发展主要目标任务
    HEADING = "heading"  # （一）全力打造…典范：
    TASK_TITLE = "task-title"  # 一是…。
    SENTENCE = "sentence"


class SectionKind(str, Enum):
    OPENING = "opening"  # session line, speaker, 各位代表 and the sentence that opens the report
    REVIEW = "review"
    INTRO = "intro"
    GUIDING_THOUGHT = "guiding-thought"
    MAIN_GOALS = "main-goals"
    PRINCIPLES = "principles"
    TARGETS = "targets"
    LIST_INTRO = "list-intro"
    EXEMPLAR = "exemplar"
    ACTION = "action"
    ITEM = "item"
    LIST = "list"  # a numbered list inside a part: 一、提升医疗服务 … (民生实事, 附件)
    CLOSING = "closing"
    BODY = "body"


class PartKind(str, Enum):
    """What a part is for (its role); the value is its page's slug where the part is the first of its role."""

    OPENING = "opening"  # before the first part: the report's opening
    REVIEW = "review"  # the past year's or five years' work
    PLAN = "plan"  # the five-year plan's goals and tasks
    WORK_PLAN = "work-plan"  # the year's work
    GOVERNMENT = "government"  # the government's own work (加强政府自身建设)
    CLOSING = "closing"
    OTHER = "part"


@dataclass
class Segment:
    """A sentence (or heading) of the official text, exactly as normalised."""

    id: str
    text: str
    role: SegmentRole
    paragraph: int  # index of the body paragraph it comes from
    offset: int  # where it starts inside that paragraph
    source: SourceRef


@dataclass
class Block:
    """A paragraph, or inside an action a task (一是 / 二是 …) with its short title."""

    id: str
    kind: str  # "paragraph" | "task" (in an action) | "item" (一是… elsewhere) | "heading" (alone on its line)
    #            | "list-item" (an entry of a numbered list)
    segments: list[Segment]
    number: int | None = None  # task number
    title: str | None = None  # task title without 一是 and the final mark

    @property
    def title_segment(self) -> Segment | None:
        first = self.segments[0] if self.segments else None
        return first if first and first.role is SegmentRole.TASK_TITLE else None

    @property
    def body_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.role is SegmentRole.SENTENCE]


@dataclass
class Section:
    id: str
    kind: SectionKind
    blocks: list[Block]
    number: int | None = None  # (一) -> 1 for exemplars and actions
    marker: str | None = None  # "（一）"
    title: str | None = None  # 全力打造…典范
    short_title: str | None = None  # …典范
    heading: Segment | None = None  # the heading as printed, part of the text

    def segments(self) -> Iterator[Segment]:
        if self.heading:
            yield self.heading
        for block in self.blocks:
            yield from block.segments

    @property
    def short_title_id(self) -> str:
        """The ID of the short title (a navigation label; not printed as such)."""
        return f"{self.id}.short-title"

    @property
    def tasks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "task"]


@dataclass
class Part:
    id: str  # part-2
    number: int  # 二 -> 2
    kind: PartKind
    sections: list[Section]
    heading: Segment | None = None  # None: the heading is not in the available text
    title: str | None = None  # “十四五”发展主要目标任务
    slug: str | None = None  # its page's address as report.yaml records it (part_slugs); None: not yet recorded

    @property
    def heading_available(self) -> bool:
        return self.heading is not None

    def segments(self) -> Iterator[Segment]:
        if self.heading:
            yield self.heading
        for section in self.sections:
            yield from section.segments()


@dataclass(frozen=True)
class ContinuationMarker:
    """A newspaper page marker such as （上接第一版）: provenance, not body text."""

    text: str
    direction: str  # "from" (上接) | "to" (下转)
    page: int  # the other page
    source: SourceRef


@dataclass(frozen=True)
class ColumnBreakRepair:
    """Two printed paragraphs joined because the first ended mid-sentence."""

    paragraph: int  # body paragraph index after the join
    offset: int  # offset of the join inside that paragraph
    first: SourceRef  # the line that ended without sentence-final punctuation
    second: SourceRef  # the line that continues it
    before: str  # a few characters either side of the join, for people
    after: str


@dataclass(frozen=True)
class Anomaly:
    """A note for editors about the printed text. Never a silent correction."""

    kind: str  # latin-word, doubled-character, doubled-phrase, repeated-passage, unbalanced, column-break, …
    segment_id: str
    source: SourceRef
    message: str  # English, for editors
    message_zh: str  # Chinese, for readers of the Chinese site
    excerpt: str  # the passage concerned, verbatim


@dataclass(frozen=True)
class LayoutDecision:
    """How a line without final punctuation was read, and why; shown by `gwr notes`."""

    source: SourceRef
    text: str
    reading: str  # "heading" | "continued"
    reason: str


@dataclass(frozen=True)
class Opening:
    """The report's opening lines as printed (empty where the source lacks them)."""

    session: str = ""  # ——2025年1月20日在金华市第八届人民代表大会第五次会议上
    speaker: str = ""  # 金华市市长 张健
    salutation: str = ""  # 各位代表：


@dataclass
class Report:
    title: str
    meta: "ReportMeta"
    parts: list[Part]
    paragraphs: list[str]  # the normalised body paragraphs, the text the segments reproduce
    markers: list[ContinuationMarker] = field(default_factory=list)
    repairs: list[ColumnBreakRepair] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    opening: Opening | None = None  # None: the source starts after the opening
    layout: list[LayoutDecision] = field(default_factory=list)  # short lines read as headings or not

    def segments(self) -> Iterator[Segment]:
        for part in self.parts:
            yield from part.segments()

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections

    def section(self, section_id: str) -> Section:
        for section in self.sections():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def sections_of_kind(self, kind: SectionKind) -> list[Section]:
        return [s for s in self.sections() if s.kind is kind]

    def segment_index(self) -> dict[str, Segment]:
        return {s.id: s for s in self.segments()}

    def reconstructed_text(self) -> str:
        """The segments joined in order; equals the normalised body text (round trip)."""
        by_paragraph: dict[int, list[str]] = {}
        for segment in self.segments():
            by_paragraph.setdefault(segment.paragraph, []).append(segment.text)
        return "\n".join("".join(by_paragraph[i]) for i in sorted(by_paragraph))

    def body_text(self) -> str:
        return "\n".join(self.paragraphs)
