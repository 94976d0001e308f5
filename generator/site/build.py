"""Build: mkdocs build of both editions into a staging folder, swapped with site/ in one step.

The staging folder has a fixed name, so whatever an interrupted build left is cleared
by the next one; SIGTERM and SIGHUP interrupt like Ctrl-C, so it is removed then too.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..source.seedmeta import load_meta


def build_site(root: Path, site_dir: Path, strict: bool = True) -> None:
    """mkdocs build into a staging folder, then swap it with site_dir in one step."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    staging = site_dir.with_name(f".{site_dir.name}.staging")
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        with _signals_interrupt():
            build(load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict))
            _swap_in(staging, site_dir, previous)
    finally:
        for leftover in (staging, previous):
            shutil.rmtree(leftover, ignore_errors=True)


def build_timestamp(root: Path) -> int:
    """The build date of a reproducible build: 1 January of the report's year (when SOURCE_DATE_EPOCH is unset)."""
    year = load_meta(root / "seeds").year
    return int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())


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
def _signals_interrupt():
    """Within the block, SIGTERM and SIGHUP raise KeyboardInterrupt, so `finally` clauses run."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
