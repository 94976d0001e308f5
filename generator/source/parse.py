"""Parse: body paragraphs -> Report -> Part -> Section -> Block -> Segment.

Only the genre's conventions are used: the opening and the parts come from parts.py;
numbered items （一）…（十） are exemplars (典范) or actions (行动) by their heading; an
action's tasks are introduced by 一是、二是、… in sequence; the paragraphs before the items
are recognised by the phrases every work report uses (指导思想, 主要目标, 预期目标, 坚持); a
heading printed alone on its line heads the paragraphs after it; a numbered list inside a
part (民生实事) is a section of its own.
"""

from __future__ import annotations

import re

from .ingest import IngestResult, cn_number
from .layout import NUMBERED_START
from .model import Block, Opening, Part, PartKind, Report, Section, SectionKind, Segment, SegmentRole
from .overrides import Overrides
from .parts import (Para, PartText, heading_title, list_marker, make_section_ids_unique, part_role,
                    split_opening, split_parts)
from .seedmeta import ReportMeta
from .segmenter import first_at_depth_zero, quote_depths, sentence_spans

ITEM_MARKER = re.compile(r"^（([一二三四五六七八九十]+)）")
CN_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
HEADING_END = "：。！？:"
TITLE_END = "。！？；"
TASK_MAY_FOLLOW = "。！？；，：、"
MAX_TASK_TITLE = 30
SHORT_TITLE_PREFIX = re.compile(r"^(全力打造|加快打造|着力打造|打造|深入实施|实施|推进|建设)")
CLOSING_OPENER = "各位代表"

# Phrases that mark the standard paragraphs before a list of items, in priority order;
# the first three name the paragraph near its start.
LEAD_PARAGRAPH_KINDS = [
    ("指导思想", SectionKind.GUIDING_THOUGHT),
    ("预期目标", SectionKind.TARGETS),
    ("主要目标", SectionKind.MAIN_GOALS),
]
LEAD_PHRASE_WINDOW = 60
# A numbered formula of commitments introduced with a colon: 始终做到“五个坚持”：一是…
PRINCIPLES_INTRO = re.compile(r"[一二三四五六七八九十]个坚持”?：")


def cn_numeral(n: int) -> str:
    if n <= 10:
        return CN_NUMERALS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens]) + "十" + CN_NUMERALS[units]


def parse(ingested: IngestResult, meta: ReportMeta, given: Overrides | None = None) -> Report:
    """`given`: what report.yaml says where the rules cannot decide (part roles, item kinds)."""
    given = given or Overrides()
    paragraphs = [Para(i, p) for i, p in enumerate(ingested.paragraphs)]
    opening_paras, rest = split_opening(paragraphs)
    numbered = [p for p in rest if p.source.is_part_heading]
    first_missing = max(1, cn_number(NUMBERED_START.match(numbered[0].text).group(1)) - 1) if numbered else 1
    decisions = list(ingested.decisions)
    texts = split_parts(rest, first_missing, given.line_readings, decisions)
    parts = [_opening_part(opening_paras)] if opening_paras else []
    parts += [_build_part(text, meta.year, given, is_last=text is texts[-1]) for text in texts]
    make_section_ids_unique(parts)
    return Report(
        title=ingested.title or meta.title,
        meta=meta,
        parts=parts,
        paragraphs=[p.text for p in ingested.paragraphs],
        markers=list(ingested.markers),
        repairs=list(ingested.repairs),
        opening=_opening(opening_paras) if opening_paras else None,
        layout=decisions,
    )


# --- the opening and the parts -----------------------------------------------------

def _opening(paragraphs: list[Para]) -> Opening:
    lines = {p.source.kind: p.text for p in paragraphs if p.source.is_opening}
    return Opening(lines.get("session", ""), lines.get("speaker", ""), lines.get("salutation", ""))


def _opening_part(paragraphs: list[Para]) -> Part:
    return Part("opening", 0, PartKind.OPENING, [_paragraph_section("opening", SectionKind.OPENING, paragraphs)])


def _build_part(text: PartText, year: int, given: Overrides, is_last: bool) -> Part:
    part_id = f"part-{text.number}"
    heading_segment, title = None, None
    if text.heading is not None:
        heading = text.heading
        heading_segment = Segment(f"{part_id}.title", heading.text, SegmentRole.PART_HEADING,
                                  heading.index, 0, heading.source.source_at(0))
        title = heading_title(heading)
    kind = part_role(title, text.number, year, given.part_roles)
    sections = _build_sections(text.number, kind, text.body, is_last, given.item_kinds)
    return Part(part_id, text.number, kind, sections, heading_segment, title)


# --- sections ----------------------------------------------------------------------

def _build_sections(part_number: int, part_kind: PartKind, body: list[Para], is_last: bool,
                    item_kinds: dict[str, SectionKind]) -> list[Section]:
    list_start = next((i for i, p in enumerate(body) if p.list_number is not None), None)
    item_positions = [i for i, p in enumerate(body) if ITEM_MARKER.match(p.text)]
    if list_start is not None and (not item_positions or list_start < item_positions[0]):
        # a numbered list of the part's own runs from its first entry to the part's end
        lead = _build_sections(part_number, part_kind, body[:list_start], False, item_kinds)
        return lead + _list_sections(part_number, body[list_start:])
    if not item_positions:
        kind = SectionKind.REVIEW if part_kind is PartKind.REVIEW else SectionKind.BODY
        section_id = part_kind.value if part_kind is not PartKind.OTHER else f"part-{part_number}"
        body, closing = _split_closing(body) if is_last else (body, [])
        sections = [_paragraph_section(section_id, kind, body)] if body else []
        return sections + ([_paragraph_section("closing", SectionKind.CLOSING, closing)] if closing else [])

    lead, items, closing = _split_items(body, item_positions)
    item_sections = [_item_section(part_number, group, item_kinds) for group in items]
    sections = _lead_sections(part_number, lead, item_sections[0].kind)
    sections += item_sections
    if closing:
        sections.append(_paragraph_section("closing", SectionKind.CLOSING, closing))
    return sections


def _split_closing(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """After some text, an address to the deputies (各位代表) starts the closing."""
    for offset, para in enumerate(paragraphs[1:], start=1):
        if para.text.startswith(CLOSING_OPENER):
            return paragraphs[:offset], paragraphs[offset:]
    return paragraphs, []


def _list_sections(part_number: int, paragraphs: list[Para]) -> list[Section]:
    """A numbered list: one block per entry (its title, then its text), other paragraphs as they come."""
    section_id = f"part-{part_number}-list"
    entries, closing = _split_closing(paragraphs)
    blocks: list[Block] = []
    for k, para in enumerate(entries, start=1):
        blocks += _paragraph_blocks(section_id, k, para)
    sections = [Section(section_id, SectionKind.LIST, blocks)]
    return sections + ([_paragraph_section("closing", SectionKind.CLOSING, closing)] if closing else [])


def _split_items(body: list[Para], positions: list[int]):
    lead = body[: positions[0]]
    bounds = [*positions, len(body)]
    items = [body[start:end] for start, end in zip(bounds, bounds[1:])]
    # After the last item, an address to the deputies (各位代表) starts the closing.
    last = items[-1]
    for offset, para in enumerate(last[1:], start=1):
        if para.text.startswith(CLOSING_OPENER):
            items[-1], closing = last[:offset], last[offset:]
            return lead, items, closing
    return lead, items, []


def _lead_sections(part_number: int, lead: list[Para], item_kind: SectionKind) -> list[Section]:
    sections: list[Section] = []
    intro: list[Para] = []

    def flush_intro() -> None:
        if intro:
            sections.append(_paragraph_section(f"part-{part_number}-intro", SectionKind.INTRO, list(intro)))
            intro.clear()

    for position, para in enumerate(lead):
        kind = _lead_kind(para.text, is_last=position == len(lead) - 1)
        if kind is None:
            intro.append(para)
            continue
        flush_intro()
        section_id = f"{item_kind.value}s-intro" if kind is SectionKind.LIST_INTRO else kind.value
        if kind is SectionKind.PRINCIPLES:  # 一是…五是 become items, like an action's tasks
            sections.append(Section(section_id, kind, _enumerated_blocks(section_id, 1, para, 0, 1, "item")))
        else:
            sections.append(_paragraph_section(section_id, kind, [para]))
    flush_intro()
    return sections


def _lead_kind(text: str, is_last: bool) -> SectionKind | None:
    if is_last and text.endswith("："):
        return SectionKind.LIST_INTRO
    head = text[:LEAD_PHRASE_WINDOW]
    for phrase, kind in LEAD_PARAGRAPH_KINDS:
        if phrase in head:
            return kind
    if PRINCIPLES_INTRO.search(text):
        return SectionKind.PRINCIPLES
    return None


def _paragraph_section(section_id: str, kind: SectionKind, paragraphs: list[Para]) -> Section:
    blocks = []
    for k, para in enumerate(paragraphs, start=1):
        blocks += _paragraph_blocks(section_id, k, para)
    return Section(section_id, kind, blocks)


def _paragraph_blocks(section_id: str, k: int, para: Para, start: int = 0) -> list[Block]:
    """A paragraph as a block of sentences; a heading alone on its line as a block with a title only."""
    if para.list_number is not None:
        return [_list_entry(section_id, para)]
    block_id = f"{section_id}.p{k}"
    if para.is_heading_line and start < len(para.text):
        title_span = (0, len(para.text))
        return [Block(block_id, "heading", _segments(block_id, para, [title_span], title_span), title=para.text)]
    spans = [s for s in sentence_spans(para.text, frozenset([start])) if s[0] >= start]
    return [Block(block_id, "paragraph", _segments(block_id, para, spans))]


def _list_entry(section_id: str, para: Para) -> Block:
    """An entry of a numbered list: its title (up to the first stop, or the whole line), then its sentences."""
    marker_len = len(list_marker(para))
    end = first_at_depth_zero(para.text, TITLE_END + "：", marker_len)
    block_id = f"{section_id}.item-{para.list_number}"
    spans = sentence_spans(para.text, frozenset([end]))
    title = para.text[marker_len:end].rstrip(TITLE_END + "：")
    return Block(block_id, "list-item", _segments(block_id, para, spans, (0, end)), para.list_number, title)


def _segments(block_id: str, para: Para, spans: list[tuple[int, int]],
              title_span: tuple[int, int] | None = None) -> list[Segment]:
    segments, n = [], 0
    for start, end in spans:
        if (start, end) == title_span:
            seg_id, role = f"{block_id}.title", SegmentRole.TASK_TITLE
        else:
            n += 1
            seg_id, role = f"{block_id}.s{n}", SegmentRole.SENTENCE
        segments.append(Segment(seg_id, para.text[start:end], role, para.index, start,
                                para.source.source_at(start)))
    return segments


# --- numbered items: exemplars and actions -----------------------------------------

def _item_section(part_number: int, paragraphs: list[Para], item_kinds: dict[str, SectionKind]) -> Section:
    first = paragraphs[0]
    marker_match = ITEM_MARKER.match(first.text)
    number = cn_number(marker_match.group(1))
    heading_end = first_at_depth_zero(first.text, HEADING_END, marker_match.end())
    title = first.text[marker_match.end(): heading_end].rstrip(HEADING_END)
    kind = item_kinds.get(title) or item_kind(title)
    section_id = f"{kind.value}-{number}" if kind is not SectionKind.ITEM else f"part-{part_number}-item-{number}"
    heading = Segment(f"{section_id}.title", first.text[:heading_end], SegmentRole.HEADING,
                      first.index, 0, first.source.source_at(0))

    blocks: list[Block] = []
    for k, para in enumerate(paragraphs, start=1):
        start = heading_end if k == 1 else 0
        if k == 1 and start >= len(para.text):  # the item's heading stands alone on its line
            continue
        if kind is SectionKind.ACTION and not para.is_heading_line and para.list_number is None:
            done = len([b for b in blocks if b.kind == "task"])
            blocks += _enumerated_blocks(section_id, k, para, start, done + 1, "task")
        else:
            blocks += _paragraph_blocks(section_id, k, para, start)
    return Section(section_id, kind, [b for b in blocks if b.segments], number, marker_match.group(0),
                   title, _short_title(title), heading)


def item_kind(title: str) -> SectionKind:
    """An exemplar (典范) or an action (行动) by the words of its heading's first clause, else an item."""
    clause = title.split("，")[0]
    return SectionKind.EXEMPLAR if "典范" in clause else SectionKind.ACTION if "行动" in clause else SectionKind.ITEM


def _short_title(title: str) -> str:
    clause = title.split("，")[0]
    return SHORT_TITLE_PREFIX.sub("", clause) or clause


def _enumerated_blocks(section_id: str, k: int, para: Para, start: int, next_task: int,
                       block_kind: str) -> list[Block]:
    """Split a paragraph at 一是、二是、…: a lead block, then one block per enumerated item."""
    text = para.text
    task_starts = _task_starts(text, start, next_task)
    forced = {start, *task_starts}
    title_spans: dict[int, tuple[int, int]] = {}
    for task_start in task_starts:
        marker_len = len(cn_numeral(next_task + len(title_spans))) + 1
        end = first_at_depth_zero(text, TITLE_END, task_start + marker_len)
        # A short title is one clause standing as its own sentence: 一是做强实体市场。
        if end - task_start <= MAX_TASK_TITLE + marker_len and "，" not in text[task_start:end]:
            title_spans[task_start] = (task_start, end)
            forced.add(end)
    spans = [s for s in sentence_spans(text, frozenset(forced)) if s[0] >= start]

    blocks = []
    bounds = [start, *task_starts, len(text)]
    for position, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        group = [s for s in spans if lo <= s[0] < hi]
        if not group:
            continue
        if position == 0 and (not task_starts or lo < task_starts[0]):
            block_id = f"{section_id}.p{k}"
            blocks.append(Block(block_id, "paragraph", _segments(block_id, para, group)))
            continue
        number = next_task + len([b for b in blocks if b.kind == block_kind])
        block_id = f"{section_id}.{block_kind}-{number}"
        title_span = title_spans.get(lo)
        title = None
        if title_span:
            title = text[title_span[0] + len(cn_numeral(number)) + 1: title_span[1]].rstrip(TITLE_END)
        blocks.append(Block(block_id, block_kind, _segments(block_id, para, group, title_span), number, title))
    return blocks


def _task_starts(text: str, start: int, first_number: int) -> list[int]:
    """Offsets of 一是、二是、… in sequence, each at a clause boundary outside quotes."""
    depths = quote_depths(text)
    found, number, search_from = [], first_number, start
    while True:
        marker = cn_numeral(number) + "是"
        position = text.find(marker, search_from)
        while position != -1 and not (
            depths[position] == 0 and (position == start or text[position - 1] in TASK_MAY_FOLLOW)
        ):
            position = text.find(marker, position + 1)
        if position == -1:
            return found
        found.append(position)
        number += 1
        search_from = position + len(marker)
