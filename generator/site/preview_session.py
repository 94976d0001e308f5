"""What one `mkdocs serve` keeps across its builds (the hooks file is loaded again for each config): that it
is serving, `gwr build`'s lock, and the problems of a first build that could not read an input.

The lock (build.py: .site.lock beside site/) is held for each build of the preview, the first included
(from the default edition's on_config to its on_post_build), and for none of the time between builds.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from ..errors import Finding, InputError, InputErrors, findings_of
from .build import _exclusive, _Interrupts

log = logging.getLogger("mkdocs.hooks.gwr")

FIRST_BUILD, REBUILD = "first build", "rebuild"  # who holds the lock
FAILED = "gwr_preview_failed"  # config.extra: the edition's first build could not read an input


class BuildLock:
    """`gwr build`'s lock (build.py: .site.lock beside site/, its default folder), for one build at a time."""

    def __init__(self, root: Path) -> None:
        self.path = root / ".site.lock"
        self.owner: str | None = None
        self._held = None

    def take(self, owner: str, notify: Callable[[str], None]) -> None:
        if self._held is None:  # a rebuild's configs (hooks) find it taken
            held = _exclusive(self.path, True, notify, _Interrupts())
            held.__enter__()
            self._held, self.owner = held, owner

    def release(self, owner: str | None = None) -> None:
        """Release what `owner` took (None: whoever took it)."""
        if self._held is not None and owner in (None, self.owner):
            held, self._held, self.owner = self._held, None, None
            held.__exit__(None, None, None)

    @contextmanager
    def held(self, owner: str, notify: Callable[[str], None]):
        self.take(owner, notify)
        try:
            yield
        finally:
            self.release(owner)


class Session:
    def __init__(self) -> None:
        self.serving = False  # on_startup said "serve"
        self.locks: dict[Path, BuildLock] = {}
        self.first_problems: dict[Path, list[Finding]] = {}  # of a first build that could not read an input

    def lock(self, root: Path) -> BuildLock:
        return self.locks.setdefault(root, BuildLock(root))


SESSION = Session()


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def starting(command: str) -> None:
    SESSION.serving = command == "serve"


def stopped() -> None:
    for lock in SESSION.locks.values():
        lock.release()
    SESSION.__init__()


def build_starts(config) -> None:
    """A build of the default edition begins: under `mkdocs serve`, it takes the build lock (a rebuild has)."""
    if SESSION.serving:
        SESSION.lock(_root(config)).take(FIRST_BUILD, log.warning)


def build_ends() -> None:
    for lock in SESSION.locks.values():
        lock.release(FIRST_BUILD)


def first_build_failed(config, error: InputError | InputErrors) -> bool:
    """Under `mkdocs serve`, the first build cannot read an input: keep the problems for the browser and build
    none of the pages (the hooks skip them, `failed`), rather than stop. False outside `mkdocs serve`."""
    if not SESSION.serving:
        return False
    SESSION.first_problems[_root(config)] = findings_of(error)
    for problem in SESSION.first_problems[_root(config)]:
        log.error(str(problem))
    config.extra[FAILED] = True
    config.theme.static_templates.clear()  # the not-found page and the sitemap want the pages, which are not there
    return True


def failed(config) -> bool:
    return bool(config.extra.get(FAILED))


def without_pages(files):
    for file in files.documentation_pages():
        files.remove(file)
    return files
