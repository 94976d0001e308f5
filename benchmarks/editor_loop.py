"""Benchmarks with budgets: the site build, and an editor's loop from saving a PO file to the reloaded page.

Run: `make bench` (or .venv/bin/python benchmarks/editor_loop.py). Works on a copy of the
project in a temporary folder; needs Debian's chromium for the reload measurement.
Exit status 1 if a measurement is over its budget.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The editor's loop: a saved PO file shows in `make serve` within 0.5 s (median), see generator/site/serving.py.
BUDGETS = {"build both editions (s)": 20.0, "PO saved -> English page reloaded (s)": 0.5}
RELOAD_RUNS = 7  # the machine may be shared: the median of several saves
SEGMENT = "action-1.task-1.s1"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_FLAGS, copy_project  # noqa: E402  (as the tests do)

import budgets  # noqa: E402  (beside this script)


def environment() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")


def measure_build(project: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=environment(),
                       check=True)
        times.append(time.monotonic() - started)
    print(f"build both editions: {', '.join(f'{t:.1f}' for t in times)} s (median {statistics.median(times):.1f})")
    return statistics.median(times)


def translated(project: Path, catalog_name: str, key: str, text: str) -> tuple[Path, bytes]:
    """The catalog with one entry translated anew, as an editor's text editor holds it before saving: the
    clock starts at the save, not while this script prepares the file."""
    from generator.translation.catalogs import read_catalog, render_catalog

    path = project / "translations" / "en" / f"{catalog_name}.po"
    catalog = read_catalog(path, "en")
    message = next(m for m in catalog if key in (m.context, m.id))
    message.string, message.flags = text, set()
    return path, render_catalog(catalog)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def measure_reload(project: Path, runs: int = RELOAD_RUNS) -> float:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        url = f"http://127.0.0.1:{port}/en/action-1/"
        wait_for(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url)
            time.sleep(2)  # let the first build settle and the live-reload socket connect
            for run in range(runs):
                text = f"Benchmark sentence number {run}."
                path, saved = translated(project, "action-1", SEGMENT, text)
                started = time.monotonic()
                path.write_bytes(saved)
                page.wait_for_function(
                    f"() => (document.getElementById('{SEGMENT}') || {{}}).textContent === {text!r}", timeout=60_000)
                times.append(time.monotonic() - started)
                time.sleep(1)  # the reloaded page settles and reconnects to the live-reload socket
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then removes its temporary site folder
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(f"PO saved -> English page reloaded: {', '.join(f'{t:.2f}' for t in times)} s "
          f"(median {statistics.median(times):.2f})")
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gwr-bench-") as folder:
        project = copy_project(Path(folder) / "project")
        results = {"build both editions (s)": measure_build(project),
                   "PO saved -> English page reloaded (s)": measure_reload(project)}
    return budgets.report(results, BUDGETS)


if __name__ == "__main__":
    sys.exit(main())
