"""Answers kept between runs: what a slow, deterministic computation gave for an input, in a JSON file.

A build asks the same questions every time (jieba's words of the same sentences, the interface strings of
the same templates); loading what answers them takes longer than the rest of the work. An AnswerFile keeps
the answers by question in the user's cache folder ($XDG_CACHE_HOME/gwr, else ~/.cache/gwr), read once per
process and written back at exit when there is a new one. The question must name everything the answer
depends on (or the file's name does, as a version): an answer found is the answer computed, so the output
is the same with or without the file. A file that cannot be read or written is no file.

Where an answer depends on files an editor changes (`gwr check`: a catalog, the glossary, the report), the
question is content_key of those contents and of the code (code_version): an edit asks new questions for the
work that reads what it changed, and only that work is done again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from .forked import at_exit

T = TypeVar("T")


def cache_folder() -> Path:
    try:
        folder = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home folder
        folder = tempfile.gettempdir()
    return Path(folder) / "gwr"


def content_key(*parts: str | bytes) -> str:
    """A question made of the contents an answer depends on: their digest (each part's length first, so that
    no two lists of parts give the same bytes; 128 bits, short keys in files read on every run)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The generator's source and the Python that runs it: an answer an older code gave is not found."""
    package = Path(__file__).resolve().parents[1]
    files = sorted((path.relative_to(package).as_posix(), path) for path in package.rglob("*.py"))
    return content_key(sys.version, *(part for name, path in files for part in (name, path.read_bytes())))


def installed_version(package: str) -> str:
    """The version of an installed package, from the name of its .dist-info folder: importing the package (or
    importlib.metadata) to ask it can take longer than the answers kept save. "unknown" when it cannot be told."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return "unknown"
    found = sorted(Path(spec.origin).parent.parent.glob(f"{package}-*.dist-info"))
    return found[0].name[len(package) + 1:-len(".dist-info")] if len(found) == 1 else "unknown"


class AnswerFile:
    """name: the file's name (with the versions the answers depend on); limit: the most recent answers kept;
    valid: whether an answer read from the file has the shape the caller gives (others are dropped; an answer is
    looked at when it is asked for, not all of them on every run)."""

    def __init__(self, name: str, limit: int, valid: Callable[[object], bool]) -> None:
        self.name, self.limit, self.valid = name, limit, valid
        self.known: dict | None = None
        self.new: dict = {}

    def get(self, question: str):
        """The answer kept, or None."""
        if self.known is None:
            self.known = self._read()
        answer = self.known.get(question)
        return answer if answer is not None and self.valid(answer) else None

    def put(self, question: str, answer) -> None:
        if self.known is None:
            self.known = self._read()
        if not self.new:
            at_exit(self.save)  # and at the end of a forked child (forked.py)
        self.known[question] = self.new[question] = answer

    def save(self) -> None:
        """Write the new answers (with those another process wrote meanwhile), the most recent `limit`."""
        if not self.new:
            return
        kept = {**{q: a for q, a in self._read().items() if self.valid(a)}, **self.new}
        self.new = {}
        path = cache_folder() / f"{self.name}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(dict(list(kept.items())[-self.limit:]), out, ensure_ascii=False)
            os.replace(temp, path)
        except OSError:
            pass  # the next run computes them again

    def _read(self) -> dict:
        try:
            data = json.loads((cache_folder() / f"{self.name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def kept(answers: AnswerFile, question: str, compute: Callable[[], T], encode: Callable[[T], object],
         decode: Callable[[object], T]) -> T:
    """The answer kept for the question, else computed and kept (as encode gives it, JSON)."""
    answer = answers.get(question)
    if answer is not None:
        return decode(answer)
    value = compute()
    answers.put(question, encode(value))
    return value


def rows(items: list) -> list[list]:
    """Dataclass instances of plain fields (texts, numbers, None) as JSON rows."""
    return [row(item) for item in items]


def row(item) -> list:
    """One dataclass instance of plain fields as a list of its values (dataclasses.astuple copies each deeply)."""
    return [getattr(item, name) for name in _field_names(type(item))]


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def from_rows(cls: type[T], data: list) -> list[T]:
    return [cls(*row) for row in data]


def are_rows(cls: type, data) -> bool:
    """Rows that from_rows can make into instances of cls."""
    width = len(_field_names(cls))
    return isinstance(data, list) and all(isinstance(row, list) and len(row) == width for row in data)
