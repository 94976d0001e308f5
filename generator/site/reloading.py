"""mkdocs serve's live reload, driven for the preview (serving.py): a save is seen at once, and the browsers
reload as soon as the pages they most likely show are built.

mkdocs serve's LiveReloadServer looks for changed files every half second and then waits for 0.1 s without
another change; it reloads the browsers when a build ends. Each page it serves carries the site's version
then (its epoch) and asks, in a long poll, to hear of a newer one. Here:

- the kernel tells of each change (inotify, where there is one): the build starts at once (notified_at_once);
- a build that built the saved catalog's own edition first lets the browsers reload then (EarlyReload.start),
  waits for the tabs of that edition to load their page (at most LONGEST_LOAD: the rest of the build would
  slow them down), builds what is left, and at its end moves the version on once more. A tab of an
  edition built first, served after the early reload, already shows its new page: its poll waits for the
  build to end and then for the version after it (EarlyReload.poll), so that the English page an editor
  saved reloads once, not twice. A tab of another edition hears of the early reload only when the build
  ends (EarlyReload.held_back): it reloads once too, into its new page. Which tabs are open is known from
  the polls held (OpenPages), each naming its page (Referer).

What this reaches of LiveReloadServer beyond its methods (the watched paths, the epochs) is named here only.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from contextlib import contextmanager
from urllib.parse import urlsplit

SETTLED = 0.02  # s without another write after which a save is taken as done (mkdocs serve waits 0.1 s)
POLL = re.compile(r"/livereload/([0-9]+)/([0-9]+)")  # a page's long poll: its epoch, its request's id
LONGEST_BUILD = 600  # s a poll waits for the build's end before it is let through as it came
LONGEST_LOAD = 1.0  # s the rest of a build waits for the tabs it reloaded early to load their page


def notified_at_once(server) -> None:
    """Watch with inotify instead of mkdocs serve's poller: what is watched so far is watched again by the new
    observer, and a save is taken as done after SETTLED. Where there is no inotify, the poller stays."""
    watched = dict(getattr(server, "_watched_paths", None) or {})
    try:
        observer = _changes_observer()
    except (ImportError, OSError):
        return
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    server.build_delay = SETTLED


def _changes_observer():
    """An inotify observer of what changes a file: not a file opened or read (the generator reads its inputs)."""
    from watchdog import events
    from watchdog.observers.inotify import InotifyObserver

    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileAttribEvent, events.FileDeletedEvent,
               events.FileMovedEvent, events.FileClosedEvent]

    class ChangesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes,
                                    follow_symlink=follow_symlink)

    return ChangesObserver()


class OpenPages:
    """The pages whose long poll mkdocs serve holds (their URL paths, from the poll's Referer): the tabs that a
    build's early reload reloads."""

    def __init__(self, mount: str = "/") -> None:
        self.mount = mount
        self._held: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def held(self, environ: dict):
        page = page_of(environ)
        with self._lock:
            self._held[page] += 1
        try:
            yield
        finally:
            with self._lock:
                self._held[page] -= 1

    def count(self, prefixes: tuple[str, ...]) -> int:
        """How many of the held polls are of pages under these prefixes (of the mount path)."""
        with self._lock:
            return sum(n for page, n in self._held.items() if _under(page, self.mount, prefixes))


class EarlyReload:
    """One build that let the browsers reload before its end: the version then, the pages built by then (the
    URL path prefixes of their editions), and, once it ends, the version after it."""

    def __init__(self, server, built: tuple[str, ...], pages: OpenPages) -> None:
        self.server, self.built, self.pages = server, built, pages
        self.epoch: int | None = None
        self.after: int | None = None  # the version at the end; None: every tab reloads then
        self._ended = threading.Event()
        self._back = threading.Condition()  # tabs of built pages polling again, reloaded
        self._expected = self._returned = 0

    def start(self) -> None:
        """The browsers reload now: their long polls hear of the version the build started."""
        if hasattr(self.server, "_epoch_cond"):
            self._expected = self.pages.count(self.built)
            with self.server._epoch_cond:
                self.server._visible_epoch = self.epoch = self.server._wanted_epoch
                self.server._epoch_cond.notify_all()

    def let_load(self, longest: float) -> None:
        """Wait (at most `longest` s) until the tabs of built pages told to reload have loaded their page and
        polled again: the rest of the build would slow them down (the machine's cores, Python's lock)."""
        with self._back:
            self._back.wait_for(lambda: self._returned >= self._expected, timeout=longest)

    def moved_on(self) -> None:
        """At the end of the build: one version more, which mkdocs serve shows when the build returns."""
        if self.epoch is not None:
            with self.server._epoch_cond:
                self.server._wanted_epoch = max(self.server._visible_epoch + 1, round(time.monotonic() * 1000))
                self.after = self.server._wanted_epoch

    def end(self, quiet: bool) -> None:
        """quiet: the build left no problem, so a page served after the early reload shows what it built."""
        if not quiet:
            self.after = None
        self._ended.set()

    def held_back(self, environ: dict, answer: list[bytes]) -> list[bytes]:
        """mkdocs serve's answer to a poll, given once the build has ended if it came during the early reload
        to a page not built by then: reloaded then, it would show its old page and slow down the new ones."""
        if self.epoch is None or self._ended.is_set() or _under(page_of(environ), self.pages.mount, self.built):
            return answer
        self._ended.wait(LONGEST_BUILD)
        return [b"%d" % self.after] if self.after is not None else answer

    def poll(self, environ: dict) -> dict:
        """A long poll as mkdocs serve is to see it: that of a page built first and served after the early
        reload waits for the build's end, and then asks for the version after it."""
        match = POLL.fullmatch(environ.get("PATH_INFO", ""))
        if not match or self.epoch is None or int(match[1]) != self.epoch or \
                not _under(page_of(environ), self.pages.mount, self.built):
            return environ
        with self._back:
            self._returned += 1
            self._back.notify_all()
        self._ended.wait(LONGEST_BUILD)
        if self.after is None:
            return environ  # a problem, or a build that never ended: reload into what there is
        return {**environ, "PATH_INFO": f"/livereload/{self.after}/{match[2]}"}


def page_of(environ: dict) -> str:
    """The URL path of the page that sent a request (its Referer)."""
    return urlsplit(environ.get("HTTP_REFERER", "")).path


def _under(page: str, mount: str, prefixes: tuple[str, ...]) -> bool:
    return bool(page) and page.startswith(mount) and page[len(mount):].startswith(prefixes)
