"""Answers kept between runs: what a slow, deterministic computation gave for an input, in a JSON file.

A build asks the same questions every time (jieba's words of the same sentences, the interface strings of
the same templates); loading what answers them takes longer than the rest of the work. An AnswerFile keeps
the answers by question in the user's cache folder ($XDG_CACHE_HOME/gwr, else ~/.cache/gwr), read once per
process and written back at exit when there is a new one. The question must name everything the answer
depends on (or the file's name does, as a version): an answer found is the answer computed, so the output
is the same with or without the file. A file that cannot be read or written is no file.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
from pathlib import Path
from typing import Callable


def cache_folder() -> Path:
    try:
        folder = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home folder
        folder = tempfile.gettempdir()
    return Path(folder) / "gwr"


class AnswerFile:
    """name: the file's name (with the versions the answers depend on); limit: the most recent answers kept;
    valid: whether an answer read from the file has the shape the caller gives (others are dropped)."""

    def __init__(self, name: str, limit: int, valid: Callable[[object], bool]) -> None:
        self.name, self.limit, self.valid = name, limit, valid
        self.known: dict | None = None
        self.new: dict = {}

    def get(self, question: str):
        """The answer kept, or None."""
        if self.known is None:
            self.known = self._read()
        return self.known.get(question)

    def put(self, question: str, answer) -> None:
        if self.known is None:
            self.known = self._read()
        if not self.new:
            atexit.register(self.save)
        self.known[question] = self.new[question] = answer

    def save(self) -> None:
        """Write the new answers (with those another process wrote meanwhile), the most recent `limit`."""
        if not self.new:
            return
        kept = {**self._read(), **self.new}
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
        if not isinstance(data, dict):
            return {}
        return {question: answer for question, answer in data.items() if self.valid(answer)}
