"""Ingest: page files -> clean body paragraphs with their source lines.

Steps, in order: decode each page file (UTF-8 with or without BOM, else GB18030),
take each non-blank line as a printed paragraph, lift out newspaper continuation
markers as provenance, join a paragraph that ends mid-sentence (a column break) to
the next one, and normalise punctuation widths. Nothing is reworded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .layout import could_be_heading, heading_evidence, is_numbered_heading, opening_role
from .model import ColumnBreakRepair, ContinuationMarker, LayoutDecision, SourceRef
from .seedmeta import PageFile, ReportMeta
from .typography import normalise_punctuation

CN_DIGITS = "零一二三四五六七八九十"
# (上接第一版), 【上接第2版】, (上接A1版): the page as a numeral, maybe after the section's letter.
PAGE_MARKER = re.compile(
    r"[（(【]\s*(上接|接上|紧接|下转|转下|下接)\s*第?\s*[A-Z]?([零一二三四五六七八九十\d]+)\s*版\s*[）)】]"
)
OPENING_KINDS = ("session", "speaker", "salutation")
OPENING_FRAGMENTS = ("title", "session", "session-start", "session-end", "speaker", "salutation")
# A printed paragraph that ends with one of these (optionally followed by closing
# quotes or brackets) ends a sentence; anything else is a column break.
SENTENCE_END = re.compile(r"[。！？：；!?:;…]+[”’」』》）)]*$")
CONTEXT_CHARS = 12


@dataclass
class SourceParagraph:
    """One paragraph of body text (or a heading, or a line of the opening) and where its lines came from."""

    text: str
    lines: list[tuple[int, SourceRef]]  # (offset where the source line starts, line)
    kind: str = "body"  # body | numbered-heading (一、…) | heading (alone on its line) | session | speaker | salutation

    @property
    def is_part_heading(self) -> bool:
        """A numbered heading 一、…: a part's, or an entry of a numbered list (parse decides)."""
        return self.kind == "numbered-heading"

    @property
    def is_opening(self) -> bool:
        return self.kind in OPENING_KINDS

    def source_at(self, offset: int) -> SourceRef:
        found = self.lines[0][1]
        for start, ref in self.lines:
            if start <= offset:
                found = ref
        return found


@dataclass
class IngestResult:
    title: str | None
    paragraphs: list[SourceParagraph]
    markers: list[ContinuationMarker] = field(default_factory=list)
    repairs: list[ColumnBreakRepair] = field(default_factory=list)
    decisions: list[LayoutDecision] = field(default_factory=list)

    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def cn_number(text: str) -> int:
    """Chinese numerals up to 99 (一, 十, 十一, 二十三) or Arabic digits -> int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(units) if units else 0)
    return CN_DIGITS.index(text)


def decode(data: bytes, shown_path: str, encoding: str | None = None) -> str:
    """UTF-8 (BOM optional) first, then GB18030, which also covers GBK and GB2312."""
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError(shown_path, f"byte {err.start}", f"not valid {encoding}",
                             "fix the byte there or correct 'encoding' in seeds/report.yaml", check="seed") from err
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                shown_path, f"byte {utf8_error.start}",
                "the file is neither UTF-8 nor GB18030 (undecodable byte "
                f"0x{data[utf8_error.start]:02x})",
                "re-save the file as UTF-8", check="seed",
            ) from utf8_error


@dataclass
class _Fragment:
    """A printed line before column-break repair."""

    text: str
    source: SourceRef
    kind: str  # title | session(-start, -end: one broken in print) | speaker | salutation | numbered-heading
    #            | short (maybe a heading) | body
    page_end: bool = False  # the last line of its page file


def _read_fragments(page: PageFile, rel_path: str, title: str,
                    markers: list[ContinuationMarker], in_opening: bool) -> list[_Fragment]:
    """The page's lines with their form. A title line at the top of a page is its running head; the
    opening's lines count only before the report's first paragraph."""
    text = decode(page.path.read_bytes(), rel_path, page.encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fragments: list[_Fragment] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        ref = SourceRef(rel_path, number)
        for match in PAGE_MARKER.finditer(raw):
            direction = "from" if match.group(1) in ("上接", "接上", "紧接") else "to"
            markers.append(ContinuationMarker(normalise_punctuation(match.group(0)), direction,
                                              cn_number(match.group(2)), ref))
        line = PAGE_MARKER.sub("", raw).strip(" \t\u3000\ufeff")
        if not line:
            continue
        at_top = not fragments  # nothing of this page read yet: a title here is the running head
        previous = fragments[-1].kind if fragments else None
        role = opening_role(line, title, previous) if in_opening or at_top else None
        if role not in (None, "title") and not in_opening:
            role = None
        if role is None:
            in_opening = False
            role = ("numbered-heading" if is_numbered_heading(line)
                    else "short" if could_be_heading(line) else "body")
        fragments.append(_Fragment(line, ref, role))
    if fragments:
        fragments[-1].page_end = True
    return fragments


def _ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def ingest(meta: ReportMeta, project_root: Path, readings: dict[str, str] | None = None) -> IngestResult:
    """`readings`: how report.yaml reads lines ("page.txt:12" -> heading | continued | part | entry)."""
    markers: list[ContinuationMarker] = []
    fragments: list[_Fragment] = []
    for page in meta.pages:
        rel_path = page.path.resolve().relative_to(project_root.resolve()).as_posix()
        in_opening = all(f.kind in OPENING_FRAGMENTS for f in fragments)
        fragments += _read_fragments(page, rel_path, meta.title, markers, in_opening)

    result = IngestResult(title=None, paragraphs=[], markers=markers)
    open_paragraph: SourceParagraph | None = None  # a body paragraph still waiting for its end
    for position, fragment in enumerate(fragments):
        if fragment.kind == "title":
            result.title = result.title or fragment.text
            continue
        kind = {"session-start": "session", "session-end": "body"}.get(fragment.kind, fragment.kind)
        if kind == "short":
            kind = _short_line_kind(fragment, open_paragraph, fragments[position + 1:], readings or {},
                                    result.decisions)
        if kind == "body" and open_paragraph is not None:
            _join(result, open_paragraph, fragment)
        else:
            paragraph = SourceParagraph(fragment.text, [(0, fragment.source)], kind)
            result.paragraphs.append(paragraph)
            open_paragraph = paragraph if kind == "body" or fragment.kind == "session-start" else None
        if open_paragraph is not None and _ends_sentence(open_paragraph.text):
            open_paragraph = None

    for paragraph in result.paragraphs:
        paragraph.text = normalise_punctuation(paragraph.text)
    result.repairs = [
        _with_normalised_context(r, result.paragraphs[r.paragraph].text) for r in result.repairs
    ]
    return result


def _short_line_kind(fragment: _Fragment, open_paragraph: SourceParagraph | None, following: list[_Fragment],
                     readings: dict[str, str], decisions: list[LayoutDecision]) -> str:
    """A short line without punctuation: a heading alone on its line, or body text broken by a column."""
    given = readings.get(reading_key(fragment.source))
    if given:
        is_heading, reason = given != "continued", "as report.yaml says (line_readings)"
    else:
        next_line = None if fragment.page_end or not following else following[0].text
        is_heading, reason = heading_evidence(fragment.text, open_paragraph is not None, next_line)
    decisions.append(LayoutDecision(fragment.source, fragment.text, "heading" if is_heading else "continued", reason))
    return "heading" if is_heading else "body"


def reading_key(source: SourceRef) -> str:
    """How report.yaml names a line: the page file's name and the line, page3.txt:12."""
    return f"{Path(source.file).name}:{source.line}"


def _join(result: IngestResult, open_paragraph: SourceParagraph, fragment: _Fragment) -> None:
    """A column break: the line continues the paragraph before it."""
    join_at = len(open_paragraph.text)
    result.repairs.append(ColumnBreakRepair(
        paragraph=len(result.paragraphs) - 1, offset=join_at,
        first=open_paragraph.lines[-1][1], second=fragment.source,
        before=open_paragraph.text[-CONTEXT_CHARS:], after=fragment.text[:CONTEXT_CHARS],
    ))
    open_paragraph.text += fragment.text
    open_paragraph.lines.append((join_at, fragment.source))


def _with_normalised_context(repair: ColumnBreakRepair, text: str) -> ColumnBreakRepair:
    return ColumnBreakRepair(
        repair.paragraph, repair.offset, repair.first, repair.second,
        text[max(0, repair.offset - CONTEXT_CHARS): repair.offset],
        text[repair.offset: repair.offset + CONTEXT_CHARS],
    )
