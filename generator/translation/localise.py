"""Localise: the text of each segment in a language edition, with its translation status.

The Chinese edition shows the official text. Another edition looks each message up
in translations/<lang>/ by its msgctxt (the stable ID) and never shows a blank:

- translated: the msgstr, when the entry is not fuzzy and its msgid is the current Chinese;
- needs review (fuzzy): the msgstr of an entry marked fuzzy, or of an entry whose msgid
  is no longer the current Chinese (the seed changed and `gwr update` was not run yet).
  The existing translation is shown, marked "needs review", never silently;
- pending: no msgstr; the Chinese is shown in place, marked as Chinese and "translation pending".

A catalog that cannot be read counts as absent (its page shows the Chinese) and its
error is reported, so a strict build fails with the file and line.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable

from babel.messages.catalog import Catalog, Message

from .catalogs import catalog_dir, read_catalog
from ..errors import InputError
from .messages import INTERFACE, SourceMessage

SOURCE_LANG = "zh"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


class Status(str, Enum):
    ORIGINAL = "original"  # the official Chinese, in the Chinese edition
    TRANSLATED = "translated"
    FUZZY = "fuzzy"  # shown, marked "needs review"
    PENDING = "pending"  # the Chinese shown in place


@dataclass(frozen=True)
class LocalText:
    text: str  # what the page shows
    status: Status
    source: str  # the current Chinese
    previous: str | None = None  # for fuzzy entries: the Chinese the translation was made from
    note: str | None = None  # a translator's note on the entry ("# Translator's note: …"), shown with it

    @property
    def is_chinese(self) -> bool:
        return self.status in (Status.ORIGINAL, Status.PENDING)


@dataclass
class Progress:
    translated: int = 0
    fuzzy: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.pending

    @property
    def percent(self) -> int:
        """Translated share, rounded down: 100 only when everything is translated."""
        return self.translated * 100 // self.total if self.total else 100

    def add(self, status: Status) -> None:
        if status is Status.TRANSLATED:
            self.translated += 1
        elif status is Status.FUZZY:
            self.fuzzy += 1
        elif status is Status.PENDING:
            self.pending += 1

    def __iadd__(self, other: "Progress") -> "Progress":
        self.translated += other.translated
        self.fuzzy += other.fuzzy
        self.pending += other.pending
        return self


@dataclass
class Localiser:
    """Looks up messages for one language edition."""

    lang: str
    entries: dict[str, Message] = field(default_factory=dict)  # msgctxt -> entry
    interface: dict[str, Message] = field(default_factory=dict)  # msgid -> entry
    problems: list[InputError] = field(default_factory=list)  # catalogs that could not be read
    broken: dict[str, InputError] = field(default_factory=dict)  # catalog name -> why it could not be read
    reviews: dict[str, str] = field(default_factory=dict)  # catalog name -> its "# Review: …" record

    @property
    def html_lang(self) -> str:
        return HTML_LANG.get(self.lang, self.lang)

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANG

    def text(self, context: str, source: str) -> LocalText:
        if self.is_source:
            return LocalText(source, Status.ORIGINAL, source)
        return _resolve(self.entries.get(context), source)

    def status(self, message: SourceMessage) -> Status:
        if message.context is None:
            return self.interface_text(message.text).status
        return self.text(message.context, message.text).status

    def interface_text(self, msgid: str) -> LocalText:
        if self.is_source:
            return LocalText(msgid, Status.ORIGINAL, msgid)
        local = _resolve(self.interface.get(msgid), msgid)
        if local.status is not Status.PENDING and placeholders(local.text) != placeholders(msgid):
            return LocalText(msgid, Status.FUZZY, msgid)  # unusable: the {names} differ
        return local

    def gettext(self, msgid: str) -> str:
        """Interface strings: the translation when there is a usable one, else the Chinese."""
        local = self.interface_text(msgid)
        return local.text if local.status in (Status.TRANSLATED, Status.ORIGINAL) else msgid


def placeholders(text: str) -> set[str] | None:
    """The {names} of a str.format pattern; None if the pattern is broken."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


NOTE_PREFIX = "Translator's note:"


def _resolve(entry: Message | None, source: str) -> LocalText:
    if entry is None or not entry.string:
        return LocalText(source, Status.PENDING, source)
    note = translator_note(entry)
    if entry.fuzzy or entry.id != source:
        previous = entry.previous_id[0] if entry.previous_id else (entry.id if entry.id != source else None)
        return LocalText(entry.string, Status.FUZZY, source, previous, note)
    return LocalText(entry.string, Status.TRANSLATED, source, note=note)


def translator_note(entry: Message) -> str | None:
    """The note in the entry's translator comments (wrapped over several '# ' lines in the file)."""
    text = " ".join(c.strip() for c in entry.user_comments)
    at = text.find(NOTE_PREFIX)
    if at < 0:
        return None
    note = text[at + len(NOTE_PREFIX):].split("Number check:")[0]  # that one is for editors only
    return note.strip() or None


def load_localiser(root: Path, lang: str, read: Callable[[Path, str, Path], Catalog] = read_catalog) -> Localiser:
    """read: how a catalog is read (`make serve` keeps those that did not change, generate.py)."""
    localiser = Localiser(lang)
    if localiser.is_source:
        return localiser
    for path in sorted(catalog_dir(root, lang).glob("*.po")):
        try:
            catalog = read(path, lang, root)
        except InputError as err:
            localiser.problems.append(err)
            localiser.broken[path.stem] = err
            continue
        _index(localiser, path.stem, catalog)
    return localiser


REVIEW_PREFIX = "# Review:"


def _index(localiser: Localiser, name: str, catalog: Catalog) -> None:
    for line in (catalog.header_comment or "").splitlines():
        if line.startswith(REVIEW_PREFIX):  # the second reader's record, kept in the catalog's header
            localiser.reviews[name] = line[len(REVIEW_PREFIX):].strip()
    for message in catalog:
        if not message.id:
            continue
        if name == INTERFACE:
            localiser.interface[message.id] = message
        elif message.context:
            localiser.entries[message.context] = message


def progress_by_catalog(localiser: Localiser, catalogs: dict[str, list[SourceMessage]]) -> dict[str, Progress]:
    """Translated / fuzzy / pending per catalog, exactly as the edition will show them."""
    result = {}
    for name, messages in catalogs.items():
        progress = Progress()
        for message in messages:
            progress.add(localiser.status(message))
        result[name] = progress
    return result
