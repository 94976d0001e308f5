"""The language of one edition: its text for every message, its interface words and its punctuation."""

from __future__ import annotations

from ..translation.localise import Localiser, LocalText


def strip_end(text: str) -> str:
    """A heading without the colon or full stop the print ends it with."""
    return text.rstrip("：。！？；:")


class EditionLanguage:
    def __init__(self, localiser: Localiser) -> None:
        self.loc = localiser
        self.lang = localiser.lang
        self.zh = localiser.is_source

    def gettext(self, msgid: str) -> str:
        return self.loc.gettext(msgid)

    def text(self, context: str, source: str) -> LocalText:
        """A message of the report (by its stable ID) with its translation status."""
        return self.loc.text(context, source)

    def plain(self, context: str, source: str) -> str:
        return self.text(context, source).text

    @property
    def colon(self) -> str:
        return "：" if self.zh else ": "

    @property
    def space(self) -> str:
        """Between two sentences: nothing in Chinese, a space in English."""
        return "" if self.zh else " "

    @property
    def semicolon(self) -> str:
        return "；" if self.zh else "; "

    @property
    def list_separator(self) -> str:
        return "、" if self.zh else ", "

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.zh else f" ({text})"
