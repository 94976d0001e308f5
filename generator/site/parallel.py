"""Side-by-side reading: the other edition's text beside each paragraph and under each heading.

The two sides are aligned by segment ID. The main text keeps the IDs as its anchors; the
other side carries them as data-seg only, so that every ID is an anchor once per page and
the same in both editions. The other side is hidden until the reader ticks the box at the
top of the page: a checkbox and CSS (:has) without JavaScript, remembered across pages by
gwr.js. In the other side, a sentence not yet translated shows a 待译 badge instead of
repeating the Chinese, and one whose Chinese changed shows its old English with a badge.
"""

from __future__ import annotations

from ..source.model import Block, Segment
from ..translation.localise import HTML_LANG, LocalText, Status
from .escape import Safe, html_text
from .labels import N_
from .language import EditionLanguage, strip_end


class ParallelText:
    def __init__(self, language: EditionLanguage, other: EditionLanguage) -> None:
        self.language = language  # the edition's own language: its badges and labels
        self.other = other  # the language shown beside it

    @property
    def other_lang(self) -> str:
        return HTML_LANG[self.other.lang]

    def toggle(self) -> Safe:
        """The reader's switch, where gwr.js says that a link was copied, and the words of the definition
        a tapped glossary term shows (its link to the entry, its close button) (HTML)."""
        label = html_text(self.language.gettext(N_("中英对照")))
        copied = html_text(self.language.gettext(N_("链接已复制")))
        entry = html_text(self.language.gettext(N_("在术语表中查看")))
        close = html_text(self.language.gettext(N_("关闭")))
        return Safe(f'<p class="gwr-tools" data-gwr-entry="{entry}" data-gwr-close="{close}">'
                    f'<input type="checkbox" id="gwr-parallel" class="gwr-parallel-box">'
                    f'<label for="gwr-parallel">{label}</label>'
                    f'<span class="gwr-copied" role="status" data-copied="{copied}"></span></p>')

    def paragraph(self, block: Block) -> str:
        """The paragraph's sentences in the other language (HTML, hidden until asked for)."""
        separator = "" if self.other.zh else " "
        pieces = [self._segment(segment, self.other.text(segment.id, segment.text)) for segment in block.body_segments]
        return f'<p class="gwr-para gwr-other" lang="{self.other_lang}">{separator.join(pieces)}</p>'

    def heading(self, segment: Segment | None, text: str | None = None) -> Safe:
        """A heading's text in the other language, on its own line under the heading (HTML)."""
        if segment is None:
            return Safe("")
        local = self.other.text(segment.id, text if text is not None else segment.text)
        if self.other.zh:  # as printed: “一是…”
            local = LocalText(segment.text, local.status, local.source)
        return Safe(f'<p class="gwr-other gwr-other-heading" lang="{self.other_lang}">'
                    f'{self._segment(segment, local, strip=True)}</p>\n')

    def _segment(self, segment: Segment, local: LocalText, strip: bool = False) -> str:
        text = html_text(strip_end(local.text) if strip else local.text)
        if local.status is Status.PENDING:
            return f'<span class="gwr-seg gwr-pending" data-seg="{segment.id}">{self._badge("pending", N_("待译"))}</span>'
        if local.status is Status.FUZZY:
            return (f'<span class="gwr-seg gwr-fuzzy" data-seg="{segment.id}">{text}</span>'
                    + self._badge("review", N_("待审校")))
        return f'<span class="gwr-seg" data-seg="{segment.id}">{text}</span>'

    def _badge(self, kind: str, label: str) -> str:
        """A badge in the edition's own language, inside text of the other language."""
        return (f'<span class="gwr-badge gwr-badge--{kind}" lang="{HTML_LANG[self.language.lang]}">'
                f"{html_text(self.language.gettext(label))}</span>")
