"""Citations that follow their sentence by content: `action-1.task-1.s2@5e0c1a`.

Sentence IDs are positions, so an ID alone cannot tell the sentence an editor cited from the one that
took its place after an insertion or deletion. A citation therefore carries a fingerprint of the
Chinese it cites (6 hex digits of a hash of its words: NFKC, without spaces and punctuation other than
% and a decimal point, so a comma turned into a full stop keeps it). `gwr update` writes the
fingerprint where an editor wrote the ID alone and re-points a citation whose words now stand
elsewhere, as the catalogs' merge carries translations:

1. the words are those at its ID: nothing to do;
2. the words stand at other IDs (inserted, deleted, moved): the nearest of them to the old ID;
3. the words were split over consecutive sentences (ignoring punctuation, no word changed): the
   citation becomes one citation per part, in order. Not the largest part alone: a point may rest on
   a figure or phrase of the smaller one, and the Chinese edition of the merchants and highlights
   pages shows the cited sentences, which then read as before. An editor may drop a part unused;
4. otherwise (reworded, deleted, joined to another sentence) the citation is left as it is, and
   `gwr check` reports it at the point's line until an editor cites the sentence it rests on now.

Finding a split needs the old words, which only the catalogs remember (msgid, #| msgid, #~ entries):
the caller passes them in. Files are edited in place, only where a citation stands.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..source.model import Report

PIN_LENGTH = 6
_CITATION = re.compile(r"(?P<id>[A-Za-z0-9][\w.-]*)(?:@(?P<pin>[0-9a-f]{%d}))?" % PIN_LENGTH)
_KEEP = {"%", "‰"}  # a percentage is a different figure from the bare number


@dataclass(frozen=True)
class Citation:
    id: str
    pin: str = ""  # fingerprint of the cited Chinese; "" where the editor wrote the ID alone

    def __str__(self) -> str:
        return f"{self.id}@{self.pin}" if self.pin else self.id


def parse_citation(value: object) -> Citation | None:
    """`action-1.task-1.s2` or `action-1.task-1.s2@5e0c1a`; None for anything else."""
    match = _CITATION.fullmatch(value) if isinstance(value, str) else None
    return Citation(match["id"], match["pin"] or "") if match else None


def words(chinese: str) -> str:
    """What a citation pins: the sentence without spaces and punctuation (a decimal point stays)."""
    text = unicodedata.normalize("NFKC", chinese)
    kept = []
    for at, char in enumerate(text):
        if char.isspace():
            continue
        if unicodedata.category(char).startswith("P") and char not in _KEEP:
            between_digits = 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()
            if not (char == "." and between_digits):
                continue
        kept.append(char)
    return "".join(kept)


def fingerprint(chinese: str) -> str:
    return _hash(words(chinese))


def _hash(kept: str) -> str:
    return hashlib.blake2b(kept.encode("utf-8"), digest_size=PIN_LENGTH // 2).hexdigest()


@dataclass
class Sentences:
    """The report's sentences in reading order, indexed for finding a citation's words again."""

    ids: list[str]
    texts: list[str]
    cores: list[str] = field(init=False)  # words() of each: what its pin hashes
    pins: list[str] = field(init=False)
    at: dict[str, int] = field(init=False)
    by_pin: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.cores = [words(text) for text in self.texts]
        self.pins = [_hash(kept) for kept in self.cores]
        self.at = {ident: index for index, ident in enumerate(self.ids)}
        self.by_pin = {}
        for index, pin in enumerate(self.pins):
            self.by_pin.setdefault(pin, []).append(index)

    @classmethod
    def of(cls, report: Report) -> Sentences:
        segments = list(report.segments())
        return cls([s.id for s in segments], [s.text for s in segments])

    def pinned(self, ident: str) -> Citation:
        return Citation(ident, self.pins[self.at[ident]])

    def locate(self, citation: Citation, remembered: Mapping[str, str] | None = None) -> tuple[Citation, ...]:
        """Where the cited words stand now, pinned: one sentence, or each part of a split one; () where they
        can no longer be found. `remembered`: old Chinese by fingerprint, needed to find a split."""
        here = self.at.get(citation.id)
        if not citation.pin or (here is not None and self.pins[here] == citation.pin):
            return (self.pinned(citation.id),) if here is not None else ()
        anchor = self._anchor(citation.id)
        same = self.by_pin.get(citation.pin, [])
        if same:
            return (self.pinned(self.ids[min(same, key=lambda i: (abs(i - anchor), i))]),)
        old = (remembered or {}).get(citation.pin)
        return tuple(self.pinned(self.ids[i]) for i in (self._split(old, anchor) if old else ()))

    def _anchor(self, ident: str) -> int:
        """The position the cited sentence had: its ID's, else its block's first sentence (ties go there)."""
        if ident in self.at:
            return self.at[ident]
        block = ident.rpartition(".")[0] + "."
        return next((i for i, other in enumerate(self.ids) if other.startswith(block)), 0)

    def _split(self, old: str, anchor: int) -> list[int]:
        """The consecutive sentences whose words, joined, are exactly the old sentence's (the nearest run)."""
        target, runs = words(old), []
        for start in range(len(self.cores)):
            joined, end = "", start
            while end < len(self.cores) and len(joined) < len(target):
                joined += self.cores[end]
                end += 1
                if not target.startswith(joined):
                    break
            if joined == target and end - start > 1:
                runs.append(list(range(start, end)))
        return min(runs, key=lambda run: (abs(run[0] - anchor), run[0])) if runs else []


def pin_files(root: Path, files: Iterable[str], sentences: Sentences,
              remember: Callable[[], Mapping[str, str]]) -> list[Path]:
    """Pin and re-point the citations (`source:` lists) of the given files; returns the files changed.

    `remember` gives the old Chinese by fingerprint; it reads the catalogs, so only when a citation needs it."""
    remembered = functools.cache(remember)
    changed = []
    for rel in files:
        path = root / rel
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        edits = []
        for node, flow in _citation_nodes(text):
            citation = parse_citation(node.value)
            if citation is None:
                continue  # the loader reports it
            found = sentences.locate(citation) or (sentences.locate(citation, remembered()) if citation.pin else ())
            if found and found != (citation,):
                start, end = node.start_mark.index, node.end_mark.index
                quote = node.style if node.style in ("'", '"') else ""
                # The parts of a split sentence as items of the same list: `, ` in [a, b], a new `- ` line below.
                between = ", " if flow else "\n" + text[text.rfind("\n", 0, start) + 1:start]
                edits.append((start, end, between.join(f"{quote}{c}{quote}" for c in found)))
        if edits:
            for start, end, new in sorted(edits, reverse=True):
                text = text[:start] + new + text[end:]
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _citation_nodes(text: str) -> list[tuple[yaml.ScalarNode, bool]]:
    """Every scalar of a `source:` list, with whether the list is [flow]. The pure-Python parser: its marks
    index characters."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # the loader reports the file
    found, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "source" and isinstance(value, yaml.SequenceNode):
                    found += [(item, bool(value.flow_style)) for item in value.value
                              if isinstance(item, yaml.ScalarNode)]
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found
