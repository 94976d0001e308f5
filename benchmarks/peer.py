"""Benchmark with budgets: `gwr build` against the plain toolchain it stands on (issue 23), and `gwr check` alone.

- The peer: the same generated Markdown (docs/zh and docs/en, as `gwr build` writes them) built in one process
  by MkDocs + Material + mkdocs-static-i18n (docs_structure: folder; pinned in requirements-dev.lock), with
  mkdocs.yml's theme features and Markdown extensions, and none of the project's hooks or overrides.
- gwr build from a clean state, as in a fresh clone: no site/, no generated docs/ (`make clean`, and the
  generated downloads and search files too), then `python -m generator build` (check, generate, both editions).
- The two alternate, A then B, PAIRS times, each in its own process (so each pays its imports, as a reader of
  the figures would); the median of each and the median of the per-pair ratios are printed. The budget is on
  the elapsed time; the processor time (user + system, the process and its children) is printed beside it, a
  steadier figure on a machine that other work shares.
- gwr check: `python -m generator check` alone, CHECK_RUNS times, the median, in pre-commit's case (one translation
  of one catalog changed before each run: the budget) and with nothing changed since the last run.
- What gwr keeps between runs (generator/util/cache.py: jieba's answers, the interface strings) is in a cache
  folder of the benchmark's own, filled by the first build; one build with an empty one is printed too.

Run: `make bench` (or .venv/bin/python benchmarks/peer.py [--pairs N] [--profile N]). Works on a copy of the
project in a temporary folder. --profile N: then one more clean `gwr build` under cProfile, its top N entries
by cumulative and by own time: of the process that builds the Chinese edition (the checks and the English
edition run in forked processes meanwhile, generator/util/forked.py; where it waits for them, the profile
shows the time in a pipe's read). Exit status 1 if a measurement is over its budget.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = {"gwr build / peer (ratio)": 1.25, "gwr check (s)": 0.5}
PAIRS = 7  # the machine may be shared: alternated pairs, medians
CHECK_RUNS = 7
LANGS = ("zh", "en")
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import copy_project, save_translation  # noqa: E402  (as the tests do)

import budgets  # noqa: E402  (beside this script)


CACHE = {"folder": ""}  # XDG_CACHE_HOME of the builds: the benchmark's own (main)


def environment() -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600", XDG_CACHE_HOME=CACHE["folder"])


class Timing(float):
    """Elapsed seconds, with the processor seconds (user + system) as `.cpu`."""

    cpu: float


def run(command: list[str], cwd: Path) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    elapsed = Timing(time.monotonic() - started)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed.cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr}")
    return elapsed


def summary(times: list[Timing]) -> str:
    return (f"{', '.join(f'{t:.2f}' for t in times)} s (median {statistics.median(times):.2f}; processor "
            f"{statistics.median(t.cpu for t in times):.2f})")


def make_clean(project: Path) -> None:
    """As a fresh clone: no site, no staging folders, nothing generated in docs/ (.generated marks stay)."""
    for path in project.glob(".site*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.rmtree(project / "site", ignore_errors=True)
    for lang in LANGS:
        for path in (project / "docs" / lang).iterdir():
            if path.name != ".generated":
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def peer_config(project: Path) -> dict:
    """mkdocs.yml's theme and Markdown, plain: Material without overrides, the i18n plugin over docs/<lang>/."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    theme = {key: value for key, value in ours["theme"].items() if key not in ("custom_dir", "language")}
    return {
        "site_name": ours["site_name"], "site_url": ours["site_url"], "docs_dir": "docs", "site_dir": "site",
        "use_directory_urls": True, "theme": dict(theme, name="material", language="zh"),
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
            {"locale": "zh", "name": "中文", "default": True, "build": True},
            {"locale": "en", "name": "English", "build": True}]}}],
    }


def make_peer(project: Path, peer: Path) -> None:
    """The peer's folder: the generated docs/ of a gwr build and a config for it."""
    shutil.copytree(project / "docs", peer / "docs", ignore=shutil.ignore_patterns(".generated"))
    (peer / "mkdocs.yml").write_text(yaml.safe_dump(peer_config(project), allow_unicode=True), encoding="utf-8")


def measure(project: Path, peer: Path, pairs: int) -> tuple[list[Timing], list[Timing]]:
    ours, theirs = [], []
    for _ in range(pairs):
        make_clean(project)
        ours.append(run([sys.executable, "-m", "generator", "build"], project))
        shutil.rmtree(peer / "site", ignore_errors=True)
        theirs.append(run([sys.executable, "-m", "mkdocs", "build", "-q"], peer))
    print(f"gwr build (clean): {summary(ours)}")
    print(f"peer (MkDocs + Material + i18n): {summary(theirs)}")
    print(f"ratio: elapsed {statistics.median(a / b for a, b in zip(ours, theirs)):.2f}, processor "
          f"{statistics.median(a.cpu / b.cpu for a, b in zip(ours, theirs)):.2f} (median of the pairs)")
    return ours, theirs


EDITED = "action-1"  # pre-commit's case: an editor changed one translation of this catalog
EDITS = ("now", "also", "too", "again", "still", "further", "indeed", "likewise", "besides", "moreover")


def measure_check(project: Path, runs: int = CHECK_RUNS) -> float:
    """The budgeted figure is pre-commit's: before each run, one msgstr of one catalog gets a word added (another
    each run), as an editor's commit changes it. Beside it, runs with nothing changed since the last one."""
    from generator.translation.catalogs import read_catalog

    command = [sys.executable, "-m", "generator", "check"]
    run(command, project)  # what gwr keeps between runs, as after any earlier check or build
    unchanged = [run(command, project) for _ in range(runs)]
    entry = next(m for m in read_catalog(project / "translations" / "en" / f"{EDITED}.po", "en")
                 if m.context and m.string)
    edited = []
    for number in range(runs):
        save_translation(project, EDITED, entry.context, f"{entry.string} {EDITS[number % len(EDITS)]}")
        edited.append(run(command, project))
    print(f"gwr check, one translation changed before each run (pre-commit): {summary(edited)}")
    print(f"gwr check, nothing changed since the last run: {summary(unchanged)}")
    return statistics.median(edited)


def profile(project: Path, top: int) -> None:
    import pstats

    make_clean(project)
    output = project.parent / "build.prof"
    run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "generator", "build"], project)
    stats = pstats.Stats(str(output))
    for order in ("cumulative", "tottime"):
        stats.sort_stats(order).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=PAIRS, help="alternated builds of each (default: %(default)s)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print a build profile's top N")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gwr-peer-") as folder:
        project = copy_project(Path(folder) / "project")
        make_clean(project)
        CACHE["folder"] = str(Path(folder) / "cache-empty")
        cold = run([sys.executable, "-m", "generator", "build"], project)  # the generated docs/ for the peer
        print(f"gwr build (clean, nothing kept from an earlier run): {cold:.2f} s (processor {cold.cpu:.2f})")
        CACHE["folder"] = str(Path(folder) / "cache")
        make_clean(project)
        run([sys.executable, "-m", "generator", "build"], project)  # warm-up: what gwr keeps between runs
        make_peer(project, Path(folder) / "peer")
        run([sys.executable, "-m", "mkdocs", "build", "-q"], Path(folder) / "peer")  # the peer's warm-up
        ours, theirs = measure(project, Path(folder) / "peer", args.pairs)
        ratio = statistics.median(a / b for a, b in zip(ours, theirs))
        results = {"gwr build / peer (ratio)": ratio, "gwr check (s)": measure_check(project)}
        if args.profile:
            profile(project, args.profile)
    return budgets.report(results, BUDGETS)


if __name__ == "__main__":
    sys.exit(main())
