"""Build: mkdocs build of both editions into a staging folder, swapped with site/ in one step.

One build at a time: a build holds an exclusive lock (flock on `.site.lock` beside site/) from before it
generates docs/ until its staging folder is swapped in and cleared, so a second build waits for the first
(or, with wait=False, fails at once) and site/ is always one complete build. The staging folder is the
build's own (`.site.staging-<pid>-<random>`); whatever a killed build left is cleared by the next one,
under the lock. SIGTERM and SIGHUP interrupt like Ctrl-C, so `finally` clauses remove the staging folder;
from the swap on, an interrupt is held until the build has finished, then raised as `Interrupted` with
site_changed=True: the new site is in place and the caller must not say otherwise.
Before the swap, the built pages get their Content-Security-Policy (csp.py).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import secrets
import shutil
import signal
import sys
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..source.seedmeta import load_meta
from ..util.forked import stopped_at_end

WAITING = "another build is running{holder}; waiting…"


class BuildRunning(RuntimeError):
    """Another build holds the lock and the caller asked not to wait."""


class Interrupted(KeyboardInterrupt):
    """An interrupt (Ctrl-C, SIGTERM, SIGHUP) during a build; site_changed: it came after the swap."""

    def __init__(self, signal_name: str, site_changed: bool) -> None:
        super().__init__(signal_name)
        self.site_changed = site_changed


def build_site(root: Path, site_dir: Path, strict: bool = True, wait: bool = True,
               notify: Callable[[str], None] | None = None, before_swap: Callable[[], None] | None = None) -> None:
    """mkdocs build into this build's own staging folder, then swap it with site_dir in one step.

    wait: when another build is running, wait for it (notify says so once) or raise BuildRunning.
    before_swap: called once the staging folder is complete; what it raises leaves site_dir as it was."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .csp import write_policy

    notify = notify or (lambda message: print(message, file=sys.stderr, flush=True))
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    staging = site_dir.with_name(f".{site_dir.name}.staging-{token}")
    previous = site_dir.with_name(f".{site_dir.name}.previous-{token}")
    swapped = False
    with _signals_interrupt() as interrupts:
        with _exclusive(site_dir.with_name(f".{site_dir.name}.lock"), wait, notify, interrupts):
            _remove_leftovers(site_dir)
            try:
                with stopped_at_end():  # an edition built in a child process (editions.py) ends with the build
                    build(load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict))
                write_policy(staging)  # over the final HTML: the hashes of its inline scripts
                if before_swap:
                    before_swap()
                interrupts.hold = True  # from here on the build runs to its end: the swap is not cut in half
                _swap_in(staging, site_dir, previous)
                swapped = True
            finally:
                interrupts.hold = True
                for leftover in (staging, previous):
                    shutil.rmtree(leftover, ignore_errors=True)
        if interrupts.pending:
            raise Interrupted(interrupts.pending, site_changed=swapped)


def build_timestamp(root: Path) -> int:
    """The build date of a reproducible build: 1 January of the report's year (when SOURCE_DATE_EPOCH is unset)."""
    year = load_meta(root / "seeds").year
    return int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())


def _remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed (SIGKILL, a power cut), and those of the fixed names of old.
    Only called under the lock: no other build is running, so none of them is in use."""
    names = (f".{site_dir.name}.staging", f".{site_dir.name}.previous")
    for path in site_dir.parent.glob(f".{site_dir.name}.*"):
        if path.is_dir() and (path.name in names or path.name.startswith(tuple(n + "-" for n in names))):
            shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, site_dir: Path, previous: Path) -> None:
    """site_dir becomes the new build with no moment in which it is missing (Linux: renameat2 exchange)."""
    if not site_dir.exists():
        staging.rename(site_dir)
    elif _exchange(staging, site_dir):
        shutil.rmtree(staging)  # it now holds the previous build
    else:  # another system: two renames, a moment apart
        site_dir.rename(previous)
        staging.rename(site_dir)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


@contextmanager
def _exclusive(lock_path: Path, wait: bool, notify: Callable[[str], None], interrupts: "_Interrupts"):
    """Hold an exclusive flock on lock_path; the file holds the holder's process ID and is removed on release.

    The holder removes the file while it still holds the lock, so a waiter may end up holding the lock of a
    file no longer there: it checks that the path is still its file, and otherwise locks the new one."""
    told = False
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not wait:
                    raise BuildRunning(f"another build is running{holder} ({lock_path.name} is locked)") from None
                if not told:
                    notify(WAITING.format(holder=holder))
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _is_file_at(fd, lock_path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the previous holder removed the file after we had opened it: lock the one there now
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        interrupts.hold = True  # releasing is not cut short either
        try:
            lock_path.unlink(missing_ok=True)  # while still holding the lock (see above)
        finally:
            os.close(fd)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _is_file_at(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


class _Interrupts:
    """Signals during a build: raised at once as KeyboardInterrupt, or, once `hold` is set, kept for later."""

    def __init__(self) -> None:
        self.hold = False
        self.pending: str | None = None

    def handle(self, signum, frame) -> None:
        name = signal.Signals(signum).name
        if self.hold:
            self.pending = self.pending or name
            return
        raise KeyboardInterrupt(name)


@contextmanager
def _signals_interrupt():
    """Within the block, SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt (so `finally` clauses run), or are
    held once the block sets `hold` on what it is given."""
    interrupts = _Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts
        return
    saved = {sig: signal.signal(sig, interrupts.handle) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield interrupts
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
