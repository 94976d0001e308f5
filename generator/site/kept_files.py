"""What a kept Generator (`make serve`) need not read again: the catalogs that did not change, and the files
of docs/ that it wrote and nothing changed since. Both go by a file's (mtime, size), as InputStamps does."""

from __future__ import annotations

import os
from pathlib import Path

from ..translation.catalogs import read_catalog
from ..util.files import write_if_changed


class KeptCatalogs:
    """Catalogs as read, each kept while its file's (mtime, size) is the same: a save reads one catalog again."""

    def __init__(self) -> None:
        self._read: dict[Path, tuple[tuple[int, int], object]] = {}

    def __call__(self, path: Path, lang: str, root: Path):
        info = path.stat()  # before reading: a file saved meanwhile is read again next time
        stamp = (info.st_mtime_ns, info.st_size)
        if path not in self._read or self._read[path][0] != stamp:
            self._read[path] = (stamp, read_catalog(path, lang, root))
        return self._read[path][1]


class WrittenFiles:
    """What the last generate left in docs/: each file's text, and its (mtime, size) then. A file whose text is
    the same, and that nothing wrote since, is not read again to compare (a save changes a few of hundreds).
    Paths are strings: pathlib's objects cost more than the comparisons they save."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, tuple[int, int]]] = {}

    def unchanged(self, path: str, text: str) -> bool:
        known = self._files.get(path)
        if known is None or not (known[0] is text or known[0] == text):
            return False
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return False
        return known[1] == (info.st_mtime_ns, info.st_size)

    def write(self, path: str, text: str) -> bool:
        """Write the file if its bytes changed; whether they did."""
        changed = write_if_changed(Path(path), text.encode("utf-8"))
        info = os.stat(path)
        self._files[path] = (text, (info.st_mtime_ns, info.st_size))
        return changed
