"""Notes for editors about the printed text, found by class, never by instance.

Classes: Latin words inside Chinese prose, doubled characters, doubled phrases,
passages of 20+ characters repeated from earlier text, unbalanced quotes or
brackets, page-marker provenance and every column-break repair. Notes point at a
segment ID and the seed file:line; the text itself is never changed.
"""

from __future__ import annotations

import bisect
import re

from .ingest import SENTENCE_END as SENTENCE_FINAL
from .model import Anomaly, Report, SectionKind, Segment, SegmentRole
from .segmenter import is_balanced, is_word, words
from .typography import is_cjk

REPEAT_MIN_CHARS = 20
NUMERAL_CHARS = set("零一二三四五六七八九十百千万亿")
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z]{2,}(?![A-Za-z0-9])")
# A phrase repeated at once, or as the next item of a list (、); a repeat after a comma is
# usually deliberate (推荐新的项目，项目确定后).
DOUBLED_PHRASE = re.compile(r"([\u4e00-\u9fff]{2,8})、?\1")
TRIPLED_CHAR = re.compile(r"([\u4e00-\u9fff])\1\1+")
DOUBLED_CHAR = re.compile(r"([\u4e00-\u9fff])\1")


class _Locator:
    """Maps (paragraph, offset) to the segment that covers it."""

    def __init__(self, report: Report) -> None:
        self.by_paragraph: dict[int, list[Segment]] = {}
        for segment in report.segments():
            self.by_paragraph.setdefault(segment.paragraph, []).append(segment)
        self.starts = {p: [s.offset for s in segs] for p, segs in self.by_paragraph.items()}

    def segment_at(self, paragraph: int, offset: int) -> Segment:
        index = bisect.bisect_right(self.starts[paragraph], offset) - 1
        return self.by_paragraph[paragraph][max(0, index)]


def find_anomalies(report: Report) -> list[Anomaly]:
    locate = _Locator(report)
    notes: list[Anomaly] = []
    for repair in report.repairs:
        segment = locate.segment_at(repair.paragraph, repair.offset)
        notes.append(Anomaly(
            "column-break", segment.id, repair.first,
            f"Column break repaired: line {repair.first.line} ended mid-sentence and was joined to "
            f"line {repair.second.line}.",
            f"分栏断句已接续：第{repair.first.line}行未完的句子与第{repair.second.line}行相连。",
            f"{repair.before}｜{repair.after}",
        ))
    for segment in report.segments():
        notes += _latin_words(segment)
        notes += _doubled(segment)
    notes += _heading_lines(report)
    notes += _missing_stops(report)
    notes += _repeated_passages(report, locate)
    notes += _unbalanced(report, locate)
    order = {s.id: i for i, s in enumerate(report.segments())}
    return sorted(notes, key=lambda a: (order[a.segment_id], a.kind))


def _latin_words(segment: Segment) -> list[Anomaly]:
    notes = []
    for match in LATIN_WORD.finditer(segment.text):
        before = segment.text[: match.start()].rstrip()[-1:]
        after = segment.text[match.end():].lstrip()[:1]
        if is_cjk(before) and is_cjk(after):
            notes.append(Anomaly(
                "latin-word", segment.id, segment.source,
                f"English word '{match.group()}' inside Chinese prose: probably a typesetting slip "
                "(e.g. for 和).",
                f"中文句中出现英文单词“{match.group()}”，疑为排版错误。",
                segment.text[max(0, match.start() - 6): match.end() + 6],
            ))
    return notes


def _doubled(segment: Segment) -> list[Anomaly]:
    text, notes = segment.text, []
    covered: set[int] = set()
    for match in TRIPLED_CHAR.finditer(text):
        covered.update(range(match.start(), match.end()))
        notes.append(_doubled_note(segment, match.group(), "character repeated three times or more"))
    for match in DOUBLED_PHRASE.finditer(text):
        covered.update(range(match.start(), match.end()))
        notes.append(_doubled_note(segment, match.group(), "phrase repeated immediately"))
    for match in DOUBLED_CHAR.finditer(text):
        if match.start() in covered or match.group(1) in NUMERAL_CHARS:
            continue
        if _dangling_double(text, match.start()):
            notes.append(_doubled_note(segment, text[max(0, match.start() - 2): match.end() + 2],
                                       f"character '{match.group(1)}' doubled"))
    return notes


def _dangling_double(text: str, at: int) -> bool:
    """True when one copy of a doubled character belongs to a word and the other stands alone.

    Reduplication (件件, 人人) segments as one word or as two single characters; a word
    overlap (力争争取) as two words. A slip such as 招投投 leaves one copy dangling.
    """
    spans, position = [], 0
    for word in words(text):
        spans.append((position, position + len(word)))
        position += len(word)
    first = next(s for s in spans if s[0] <= at < s[1])
    second = next(s for s in spans if s[0] <= at + 1 < s[1])
    if first == second:
        return False
    sizes = sorted([first[1] - first[0], second[1] - second[0]])
    if not (sizes[0] == 1 and sizes[1] > 1):
        return False
    # The lone copy may still start or end a dictionary word (更新新路径: 新路).
    lone = at + 1 if second[1] - second[0] == 1 else at
    return not _forms_word(text, lone)


def _forms_word(text: str, at: int) -> bool:
    for size in (2, 3, 4):
        if is_word(text[at: at + size]) or is_word(text[max(0, at - size + 1): at + 1]):
            return True
    return False


def _doubled_note(segment: Segment, excerpt: str, what: str) -> Anomaly:
    return Anomaly(
        "doubled-text", segment.id, segment.source,
        f"Doubled text ({what}): '{excerpt}'. Check the printed original; rhetorical repetition is possible.",
        f"疑似重复字词：“{excerpt}”，请核对原件。",
        excerpt,
    )


def _heading_lines(report: Report) -> list[Anomaly]:
    """A short line without punctuation read as a heading: editors confirm it (report.yaml can say otherwise)."""
    by_line = {(s.source, s.offset): s for s in report.segments() if s.role is not SegmentRole.SENTENCE}
    notes = []
    for decision in report.layout:
        segment = by_line.get((decision.source, 0))
        if decision.reading == "heading" and segment is not None:
            notes.append(Anomaly(
                "heading-line", segment.id, decision.source,
                f"Read as a heading: {decision.reason}. If it is text cut by a column break, say "
                f"'continued' for this line under line_readings in report.yaml.",
                "此行单独成行且无标点，按标题处理。", decision.text,
            ))
    return notes


def _missing_stops(report: Report) -> list[Anomaly]:
    """A block that ends without sentence-final punctuation because the next item began (，三是…).
    The opening's lines (session, speaker) have no full stop by nature."""
    notes = []
    for section in report.sections():
        if section.kind is SectionKind.OPENING:
            continue
        for block in section.blocks:
            last = block.segments[-1] if block.segments else None
            if last and last.role is SegmentRole.SENTENCE and not SENTENCE_FINAL.search(last.text):
                notes.append(Anomaly(
                    "missing-stop", last.id, last.source,
                    "The sentence ends without a full stop where the next item begins; the print has a comma.",
                    "此处原文为逗号，下一项由此开始，句末缺句号。",
                    last.text[-12:],
                ))
    return notes


def _repeated_passages(report: Report, locate: _Locator) -> list[Anomaly]:
    """Passages of REPEAT_MIN_CHARS+ characters that repeat earlier text verbatim."""
    seen: dict[str, tuple[int, int]] = {}  # shingle -> first (paragraph, offset)
    notes = []
    for index, text in enumerate(report.paragraphs):
        run_start, earlier = None, None
        for offset in range(len(text) - REPEAT_MIN_CHARS + 2):
            shingle = text[offset: offset + REPEAT_MIN_CHARS]
            first = seen.get(shingle) if len(shingle) == REPEAT_MIN_CHARS else None
            repeated = first is not None and first[0] != index
            if repeated and run_start is None:
                run_start, earlier = offset, first
            elif not repeated and run_start is not None:
                notes.append(_repeat_note(report, locate, index, run_start,
                                          offset - 1 + REPEAT_MIN_CHARS, earlier))
                run_start = None
        for offset in range(len(text) - REPEAT_MIN_CHARS + 1):
            seen.setdefault(text[offset: offset + REPEAT_MIN_CHARS], (index, offset))
    return notes


def _repeat_note(report: Report, locate: _Locator, paragraph: int, start: int, end: int,
                 earlier: tuple[int, int]) -> Anomaly:
    segment = locate.segment_at(paragraph, start)
    original = locate.segment_at(*earlier)
    passage = report.paragraphs[paragraph][start:end]
    if len(passage) >= 2 * REPEAT_MIN_CHARS:
        verdict, verdict_zh = "the printed text is probably corrupted here", "疑为排版错误"
    else:
        verdict, verdict_zh = "a set phrase, or a printing slip if unexpected", "可能是固定表述，请核对"
    return Anomaly(
        "repeated-passage", segment.id, segment.source,
        f"A passage of {len(passage)} characters repeats text from {original.id} ({original.source}): {verdict}.",
        f"此处{len(passage)}字与前文（{original.id}）重复，{verdict_zh}。",
        passage,
    )


def _unbalanced(report: Report, locate: _Locator) -> list[Anomaly]:
    notes = []
    for index, text in enumerate(report.paragraphs):
        if not is_balanced(text):
            segment = locate.segment_at(index, 0)
            notes.append(Anomaly(
                "unbalanced", segment.id, segment.source,
                "Quotes or brackets in this paragraph do not pair up; sentence splitting ignored them.",
                "本段引号或括号不成对。",
                text[:40],
            ))
    return notes
