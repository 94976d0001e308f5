"""The report's text as Markdown and HTML: headings, paragraphs of sentences, badges and notes.

Body text is emitted as HTML blocks, so that no character of the official text or of
a translation can be taken for Markdown; every sentence keeps its stable ID as its
anchor, in every language. In another language than the Chinese, a pending sentence
shows the Chinese (marked as such) and a sentence that needs review shows its old English
with a badge. A note on a sentence (a translator's note on a slip of the print, or the
editors' note where the print lacks a full stop) is a numbered marker in the text and the
note itself in the page's list of notes: one note per sentence, never brackets in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..enrich.pages import PageKind, PagePlan
from ..source.anomalies import REPEAT_MIN_CHARS
from ..source.model import Anomaly, Block, Report, Section, Segment
from ..translation.localise import LocalText, Status
from .escape import Safe, html_text, markdown_text, marked_chinese
from .glossary_view import GlossaryView
from .labels import ANOMALY_LABELS, N_
from .language import EditionLanguage, strip_end
from .parallel import ParallelText


@dataclass(frozen=True)
class Note:
    number: int
    segment_id: str
    html: str


class TextMarkup:
    def __init__(self, report: Report, language: EditionLanguage, glossary: GlossaryView,
                 parallel: ParallelText | None = None) -> None:
        self.report = report
        self.language = language
        self.zh = language.zh
        self.glossary = glossary
        self.parallel = parallel  # the other language, for side-by-side reading
        self._page: PagePlan | None = None  # the page being rendered
        self._linked: set[str] = set()  # glossary terms already linked on it
        self.notes: list[Note] = []  # the notes of the page, in the order of their markers
        self._missing_stops = {a.segment_id: a for a in report.anomalies if a.kind == "missing-stop"}
        self._segments = report.segment_index()  # once: the source notes page asks it for every note
        self._corrupted: dict[str, list[tuple[int, Anomaly]]] = {}  # by segment ID: (place among the notes, note)
        for place, note in enumerate(report.anomalies):
            if note.kind == "repeated-passage" and len(note.excerpt) >= 2 * REPEAT_MIN_CHARS:
                self._corrupted.setdefault(note.segment_id, []).append((place, note))

    def start_page(self, plan: PagePlan) -> None:
        """Each page links the first occurrence of each term again, and numbers its notes from 1."""
        self._page, self._linked, self.notes = plan, set(), []

    # --- headings ----------------------------------------------------------------------

    @staticmethod
    def hashes(level: int) -> Safe:
        return Safe("#" * level)

    def heading_md(self, local: LocalText) -> Safe:
        """Heading text (Markdown inline). Chinese in another edition is marked; badges are CSS only,
        so that the table of contents shows the text alone."""
        text = markdown_text(strip_end(local.text))
        if self.zh or local.status is Status.TRANSLATED:
            return text
        if local.status is Status.PENDING:
            return Safe(f'<span class="gwr-pending" lang="zh-Hans" title="{self._attr(N_("待译"))}">{text}</span>')
        return Safe(f'<span class="gwr-fuzzy" title="{self._attr(N_("待审校"))}">{text}</span>')

    def section_heading_md(self, section: Section) -> Safe:
        local = self.language.text(section.heading.id, section.title) if section.heading else LocalText(
            section.title or "", Status.ORIGINAL, section.title or "")
        marker = section.marker if self.zh else f"{section.number}. "
        return Safe(f"{markdown_text(marker or '')}{self.heading_md(local)}")

    def block_heading_md(self, block: Block) -> Safe:
        segment = block.title_segment
        if self.zh:  # as printed: “一是…”
            return markdown_text(strip_end(segment.text))
        return self.heading_md(self.language.text(segment.id, block.title or segment.text))

    # --- paragraphs -----------------------------------------------------------------------

    def paragraph_html(self, block: Block) -> Safe:
        """A paragraph as one HTML block: no character of the text can be taken for Markdown.
        With the other language beside it (side-by-side reading) and a link to copy, where the
        paragraph has its own anchor (a task's paragraph is linked by the task's heading)."""
        main = self._main_paragraph(block)
        if self.parallel is None:
            return Safe(main)
        return Safe(f'<div class="gwr-pair">{main}{self.parallel.paragraph(block)}</div>')

    def _main_paragraph(self, block: Block) -> str:
        ident = "" if block.title_segment else f' id="{block.id}"'
        copy = "" if block.title_segment else self._copy_link(block.id)
        pieces, previous = [], None
        for segment in block.body_segments:
            local = self.language.text(segment.id, segment.text)
            if local.status is Status.PENDING and previous is not Status.PENDING:
                pieces.append(self._badge("pending", N_("待译")))
            pieces.append(self.segment_html(segment, local))
            previous = local.status
        separator = "" if self.zh else " "
        return f'<p class="gwr-para"{ident}>{separator.join(pieces)}{copy}</p>'

    def _copy_link(self, ident: str) -> str:
        """A link to the paragraph: shown on hover and focus; gwr.js copies the address on click."""
        label = html_text(self.language.gettext(N_("复制本段链接")))
        return f' <a class="gwr-copy" href="#{ident}" aria-label="{label}" title="{label}">#</a>'

    def parallel_toggle(self) -> Safe:
        return self.parallel.toggle() if self.parallel else Safe("")

    def other_heading(self, segment: Segment | None, source: str | None = None) -> Safe:
        """Under a heading, in side-by-side reading: the heading in the other language."""
        return self.parallel.heading(segment, source) if self.parallel else Safe("")

    def segment_html(self, segment: Segment, local: LocalText) -> str:
        text = self.linked_text(local)
        marker = self._note_marker(segment, local)
        if local.status is Status.PENDING:
            return f'<span class="gwr-seg gwr-pending" id="{segment.id}" lang="zh-Hans">{text}</span>{marker}'
        if local.status is Status.FUZZY:
            title = self.language.gettext(N_("中文原文已修改，此译文尚待审校。"))
            return (f'<span class="gwr-seg gwr-fuzzy" id="{segment.id}" title="{html_text(title)}">{text}</span>'
                    + self._badge("review", N_("待审校")) + marker)
        return f'<span class="gwr-seg" id="{segment.id}">{text}</span>{marker}'

    def _note_marker(self, segment: Segment, local: LocalText) -> str:
        """The numbered marker of the sentence's note, if it has one; the note joins the page's list.

        One note per sentence: where a translator explains a slip, that note says what the
        editors' note would (the print's missing full stop), so it stands alone."""
        missing_stop = self._missing_stops.get(segment.id)
        if local.note and not self.zh:
            label, body = N_("译者注"), marked_chinese(local.note)
        elif missing_stop:
            label, body = N_("编者注"), html_text(self.anomaly_message(missing_stop))
        else:
            return ""
        number = len(self.notes) + 1
        heading = html_text(self.language.gettext(label) + self.language.colon)
        self.notes.append(Note(number, segment.id, f"{heading}{body}"))
        name = html_text(self.language.gettext(N_("注{n}")).format(n=number))
        return (f'<sup class="gwr-note-ref" id="note-ref-{number}"><a href="#note-{number}" '
                f'aria-label="{name}">{number}</a></sup>')

    def notes_md(self) -> Safe:
        """The page's notes: a heading and a numbered list, each note linking back to its marker."""
        if not self.notes:
            return Safe("")
        back = html_text(self.language.gettext(N_("返回正文")))
        items = "".join(f'<li id="note-{n.number}">{n.html} <a class="gwr-note-back" href="#note-ref-{n.number}" '
                        f'aria-label="{back}">↩</a></li>' for n in self.notes)
        heading = markdown_text(self.language.gettext(N_("注释")))
        return Safe(f"## {heading} {{#notes}}\n\n<ol class=\"gwr-notes\">{items}</ol>\n")

    def linked_text(self, local: LocalText) -> str:
        """The text as HTML, the first occurrence of each glossary term on the page linked to its entry."""
        if self._page.kind is PageKind.GLOSSARY:
            return html_text(local.text)
        base = "" if self._page.slug == "index" else "../"
        return self.glossary.link_terms(local.text, local.is_chinese, self._linked, base)

    def _badge(self, kind: str, label: str) -> str:
        return f'<span class="gwr-badge gwr-badge--{kind}">{html_text(self.language.gettext(label))}</span>'

    def _attr(self, label: str) -> str:
        return html_text(self.language.gettext(label))

    # --- notes on the printed text -----------------------------------------------------------

    def anomaly_message(self, note: Anomaly) -> str:
        return note.message_zh if self.zh else note.message

    def anomaly_message_md(self, note: Anomaly) -> Safe:
        """The note's message for a Markdown page: in another edition, the Chinese it quotes marked as such."""
        return markdown_text(note.message_zh) if self.zh else marked_chinese(note.message, markdown_text)

    def chinese_md(self, text: str) -> Safe:
        """Chinese quoted on a Markdown page (a marker, an excerpt of the print): in another edition, marked."""
        return markdown_text(text) if self.zh else Safe(f'<span lang="zh-Hans">{markdown_text(text)}</span>')

    def kind_label(self, kind: str) -> str:
        return self.language.gettext(ANOMALY_LABELS[kind]) if kind in ANOMALY_LABELS else kind

    # --- how the print's slips are handled: on the page, and on the source notes page ---------------------

    def translator_note_md(self, segment_id: str) -> Safe:
        """The translator's note on a sentence (how the English handles a slip of the print), for the source
        notes page of a translation; empty in the Chinese edition and where the sentence has none."""
        segment = None if self.zh else self._segments.get(segment_id)
        note = self.language.text(segment_id, segment.text).note if segment else None
        if not note:
            return Safe("")
        return Safe(f"{markdown_text(self.language.gettext('译者注') + self.language.colon)}"
                    f"{marked_chinese(note, markdown_text)}")

    def other_translator_notes(self) -> list[tuple[Segment, str, Safe]]:
        """Slips the translators found that `gwr notes` does not (a verb the print lacks, a name misprinted):
        each sentence with a translator's note and no note of the print, with the label and the note, for the
        source notes page of a translation (none in the Chinese edition)."""
        if self.zh:
            return []
        listed = {a.segment_id for a in self.report.anomalies}
        label = self.language.gettext("译者注")
        return [(s, label, marked_chinese(note, markdown_text)) for s in self.report.segments()
                if s.id not in listed and (note := self.language.text(s.id, s.text).note)]

    def corruptions(self, block: Block) -> list[Anomaly]:
        """Passages of the block that `gwr notes` takes for a corruption of the print (a repeat of earlier text
        twice as long as a set phrase may be): each edition says so where the passage stands."""
        found = [item for segment in block.segments for item in self._corrupted.get(segment.id, ())]
        return [note for _, note in sorted(found, key=lambda item: item[0])]  # in the order of the notes

    def editors_note_md(self, note: Anomaly) -> Safe:
        """An editors' note as a Markdown admonition, in the edition's language."""
        title = markdown_text(self.language.gettext("编者注")).replace('"', "&quot;")
        return Safe(f'!!! warning "{title}"\n\n    {self.anomaly_message_md(note)}\n')
