"""Benchmark with a budget: `gwr build` of a report 16 times longer than the real one (issue 23).

The budget: a report with 16 times the text builds in no more than 3.7 times the time of the real one (a
build that grows faster than its input has a step that is worse than linear somewhere).

- Two copies of the project in a temporary folder: the real report (1×), and the same project whose seed holds
  a report 16 times longer (16×, in characters of text).
- How the longer report is made: what a longer report of the genre has more of is paragraphs and items, not
  parts or numbered headings (the genre numbers its exemplars and actions （一）…（十）, the parser up to 99, and
  each has a page of its own). So every section of running text (the review, a part's introduction, each
  exemplar, each action) is printed COPIES times in a row, COPIES the smallest number that makes the whole text
  16 times as long (the guiding thought, the goals, the principles, the targets, the list introductions and the
  closing are printed once: a report has one of each). In a copy, an exemplar's or action's heading is left out
  (the copy goes on the item's text), an action's tasks go on numbering (一是…三是, then 四是…六是, …), so an
  action of 3 tasks has 3 × COPIES, and every sentence carries its copy's number before its final stop,
  …超600亿元（2）。, so that no two sentences are the same text (whatever is kept by text, jieba's answers
  among them, has as many texts to keep as a real report of that length would have), and a mark every
  SPACING characters (a radical the genre never prints, 丨丶丿…, at a place and of a kind of the copy's own;
  varied()), so that no passage repeats an earlier one: the copies are new text to `gwr notes` as to a reader
  (without the marks, every copy was a "repeated passage": 2,877 notes against the print's 14, each shown as an
  editors' note, listed on the source notes page and warned about by `gwr check`, a third of the 16× pages'
  Markdown; a real report of that length has some 16 times 14). The pages are the same
  ones, each 16 times as long. The first copy is the print as it is, line for line (with its column breaks),
  so the real report's sentence IDs, citations and plan links stay valid; the others are one line each.
- The English of the 16× report: `gwr update` in its copy, then every new entry gets the English of the
  sentence it repeats, with the same copy number before its final stop (… RMB 60 billion (2).), and that
  sentence's comments (translator's notes, number-check notes): the English edition is as translated as the
  real one (the marks are not translated: the English of a copy is that of the sentence it varies).
- Each copy is built from a clean state, as in a fresh clone (benchmarks/peer.py's make_clean: no site/, no
  generated docs/), with `python -m generator build` (check, generate, both editions), in its own process, the
  two alternated, PAIRS pairs; each copy has a cache folder (XDG_CACHE_HOME) of its own, filled by a first
  build that is printed but not counted. Printed: each one's times and median (elapsed, and processor time of
  the build and its children, a steadier figure on a shared machine), the ratio 16× / 1× (median of the
  pairs, the budgeted figure), and the peak memory of each (the largest resident size of the build's
  processes, ru_maxrss from wait4).

Run: `make bench` (or .venv/bin/python benchmarks/scale.py [--pairs N] [--scale N] [--keep DIR]). --keep DIR:
make the two copies in DIR (created; kept afterwards, to profile the 16× build: `python -m cProfile -o
/tmp/scale.prof -m generator build` in DIR/16x). A build that fails stops the benchmark with its error output.
Exit status 1 if the ratio is over its budget.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = 16
BUDGET = "16× build / 1× build (ratio)"
BUDGETS = {BUDGET: 3.7}
PAIRS = 3  # the machine may be shared: alternated pairs, medians
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import copy_project  # noqa: E402  (as the tests do)

import budgets  # noqa: E402  (beside this script)
from peer import make_clean  # noqa: E402

from generator.source.load import load_report  # noqa: E402
from generator.source.model import Block, Report, Section, SectionKind, Segment, SegmentRole  # noqa: E402
from generator.source.parse import cn_numeral  # noqa: E402

# Sections of running text, printed COPIES times; the others once.
REPEATED = {SectionKind.REVIEW, SectionKind.INTRO, SectionKind.EXEMPLAR, SectionKind.ACTION, SectionKind.BODY,
            SectionKind.ITEM}
MAX_TASKS = 99  # the parser reads 一是 … 九十九是
ZH_END = re.compile(r"[。！？；：…，、]+[”’」』》）]*$")  # a sentence may end in a comma where a task begins
EN_END = re.compile(r"[.!?;:…,]+[”’\"')]*$")
ZH_TAG = re.compile(r"（(\d+)）(?=(?:[。！？；：…，、]+[”’」』》）]*)?$)")
MARKS = "丨丶丿乀乁乚亅亠冂冖冫凵刂勹匚匸卩厶廴廾彐彡彳"  # radicals as characters: the genre prints none of them
WITHOUT_MARKS = str.maketrans(dict.fromkeys(MARKS))
SPACING = 8  # every passage as long as a repeat `gwr notes` reports (20 characters) holds a mark
HAN = re.compile(r"[\u4e00-\u9fff]")
NUMERALS = set("零〇一二两三四五六七八九十百千万亿")


# --- the longer report -------------------------------------------------------------------------------------

def tagged(text: str, copy: int, end: re.Pattern = ZH_END, tag: str = "（{}）") -> str:
    """The sentence with its copy's number before its final stop: …超600亿元（2）。"""
    found = end.search(text)
    at = found.start() if found else len(text)
    return text[:at] + tag.format(copy) + text[at:]


def varied(text: str, copy: int) -> str:
    """The sentence as copy `copy` prints it: a mark (a rare character the report does not use, one per copy)
    every SPACING characters or so (between two characters that are not numerals), so that no passage of a copy
    repeats the print or another copy (which `gwr notes` would take for a corrupted passage and the pages would
    show as editors' notes: some 2,900 of them, where a report this long has 16 times its 14). The first copy is
    the print itself."""
    if copy < 2:
        return text
    mark, since = MARKS[copy % len(MARKS)], SPACING - copy % SPACING  # a copy's own mark, from its own place
    out = []
    for at, char in enumerate(text):
        out.append(char)
        since += 1
        if since >= SPACING and _between_words(char, text[at + 1: at + 2]):
            out.append(mark)
            since = 0
    return "".join(out)


def _between_words(before: str, after: str) -> bool:
    """Two Chinese characters, neither a numeral: a mark there splits no figure (120万, 三个, 4+1)."""
    return all(HAN.match(char) and char not in NUMERALS for char in (before, after)) if after else False


def untagged(text: str) -> tuple[str, int | None]:
    """The sentence a copy repeats, and the copy's number (None: not a copy's sentence)."""
    text = text.translate(WITHOUT_MARKS)
    found = ZH_TAG.search(text)
    return (text[:found.start()] + text[found.end():], int(found.group(1))) if found else (text, None)


def renumbered(text: str, number: int, new: int) -> str:
    """A task's first segment, 一是…, as the task `new` of its action: 四是…"""
    marker = cn_numeral(number) + "是"
    if not text.startswith(marker):
        raise ValueError(f"a task's text does not start with {marker}: {text[:20]}")
    return cn_numeral(new) + "是" + text[len(marker):]


def paragraph_copy(text: str, pieces: list[tuple[Segment, Block]], copy: int, tasks: int) -> str:
    """The paragraph's text as its copy number `copy` prints it: from its first segment (an item's heading
    left out), tasks numbered on, every sentence tagged."""
    out, at = [], pieces[0][0].offset
    for segment, block in pieces:
        out.append(text[at:segment.offset])
        piece = segment.text
        if block.kind == "task" and segment is block.segments[0]:
            piece = renumbered(piece, block.number, block.number + (copy - 1) * tasks)
        if segment.role is SegmentRole.SENTENCE:
            piece = tagged(varied(piece, copy), copy)
        out.append(piece)
        at = segment.offset + len(segment.text)
    return "".join(out) + text[at:]


def section_copy(report: Report, section: Section, copy: int) -> list[str]:
    """The section's paragraphs as its copy number `copy` prints them."""
    by_paragraph: dict[int, list[tuple[Segment, Block]]] = {}
    for block in section.blocks:
        for segment in block.segments:
            by_paragraph.setdefault(segment.paragraph, []).append((segment, block))
    tasks = len(section.tasks)
    if tasks * copy > MAX_TASKS:
        raise ValueError(f"{section.id}: {tasks * copy} tasks, more than the parser numbers ({MAX_TASKS})")
    return [paragraph_copy(report.paragraphs[index], pieces, copy, tasks)
            for index, pieces in sorted(by_paragraph.items())]


def last_lines(project: Path, report: Report) -> dict[str, tuple[str, int]]:
    """Each repeated section's last printed line (file, line number): its copies are printed after it."""
    from generator.source.ingest import ingest
    from generator.source.overrides import load_overrides
    from generator.source.seedmeta import load_meta

    seeds = project / "seeds"
    ingested = ingest(load_meta(seeds), project, load_overrides(seeds).line_readings)
    found = {}
    for section in report.sections():
        if section.kind in REPEATED:
            paragraphs = {segment.paragraph for segment in section.segments()}
            refs = [ref for index in paragraphs for _, ref in ingested.paragraphs[index].lines]
            last = max(refs, key=lambda ref: ref.line)
            found[section.id] = (last.file, last.line)
    return found


def lengthen(project: Path, scale: int = SCALE) -> int:
    """Rewrite the project's seed as a report `scale` times as long (in characters); returns COPIES."""
    report = load_report(project)
    used = sorted(set(MARKS) & set("".join(report.paragraphs)))
    if used:
        raise ValueError(f"the report prints {''.join(used)}: choose other MARKS for its copies")
    sections = [s for s in report.sections() if s.kind in REPEATED]
    size = sum(len(p) for p in report.paragraphs)
    copies, total, added = 1, size, {s.id: [] for s in sections}
    while total < scale * size:
        copies += 1
        if copies >= len(MARKS):
            raise ValueError(f"{copies} copies: more than MARKS has marks ({len(MARKS)})")
        for section in sections:
            texts = section_copy(report, section, copies)
            added[section.id] += texts
            total += sum(len(t) for t in texts)
    after: dict[tuple[str, int], list[str]] = {}
    for section_id, (file, line) in last_lines(project, report).items():
        after.setdefault((file, line), []).extend(added[section_id])
    for file in {file for file, _ in after}:
        path = project / file
        lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        out = []
        for number, line in enumerate(lines, start=1):
            out.append(line)
            for text in after.get((file, number), []):
                out += ["", text]
        path.write_text("\n".join(out), encoding="utf-8")
    return copies


# --- its English -------------------------------------------------------------------------------------------

def translate_copies(project: Path, original: Path) -> tuple[int, int]:
    """`gwr update` in the 16× project, then each entry without English gets that of the sentence it repeats
    (from the 1× project's catalog of the same page). Returns (entries filled, entries left without)."""
    from generator.translation.catalogs import layout_for, read_catalog, render_catalog

    run([sys.executable, "-m", "generator", "update"], project, cache=project.parent / "cache-update")
    filled = left = 0
    for path in sorted((project / "translations" / "en").glob("*.po")):
        source = original / "translations" / "en" / path.name
        english = {m.id: m for m in read_catalog(source, "en") if m.id and m.string and not m.fuzzy}
        catalog = read_catalog(path, "en")
        changed = False
        for message in catalog:
            if not message.id or (message.string and not message.fuzzy):
                continue
            text, copy = untagged(message.id)
            known = english.get(text)
            if known is None:
                left += 1
                continue
            message.string = known.string if copy is None else tagged(known.string, copy, EN_END, " ({})")
            message.user_comments, message.flags, message.previous_id = list(known.user_comments), set(), []
            filled += 1
            changed = True
        if changed:
            path.write_bytes(render_catalog(catalog, **layout_for(path.stem)))
    return filled, left


# --- measuring ---------------------------------------------------------------------------------------------

class Timing(float):
    """Elapsed seconds, with the processor seconds (user + system, with children) as `.cpu` and the largest
    resident size of the process and its children (MB) as `.peak`."""

    cpu: float
    peak: float


def run(command: list[str], cwd: Path, cache: Path) -> Timing:
    """The command in its own process; its resources from wait4 (its own and its children's, none other's).
    A command that fails stops the benchmark with its error output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600", XDG_CACHE_HOME=str(cache))
    with tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = Timing(time.monotonic() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd} (exit {process.returncode}):\n"
                     f"{errors.read().decode('utf-8', 'replace')}")
    elapsed.cpu = usage.ru_utime + usage.ru_stime
    elapsed.peak = usage.ru_maxrss / 1024  # KB on Linux
    return elapsed


def build(project: Path) -> Timing:
    make_clean(project)
    return run([sys.executable, "-m", "generator", "build"], project, cache=project.parent / f"cache-{project.name}")


def summary(times: list[Timing]) -> str:
    return (f"{', '.join(f'{t:.2f}' for t in times)} s (median {statistics.median(times):.2f}; processor "
            f"{statistics.median(t.cpu for t in times):.2f}; peak memory {max(t.peak for t in times):.0f} MB)")


def describe(small: Path, large: Path, copies: int) -> None:
    one, many = load_report(small), load_report(large)

    def counts(report: Report) -> tuple[int, int, int, int]:
        return (sum(len(p) for p in report.paragraphs), sum(1 for _ in report.segments()),
                sum(len(s.tasks) for s in report.sections()), len(report.anomalies))

    (chars, segments, tasks, notes), (chars16, segments16, tasks16, notes16) = counts(one), counts(many)
    print(f"1× report: {chars} characters, {segments} segments, {tasks} tasks, {notes} notes")
    print(f"longer report ({copies} copies of the running text): {chars16} characters ({chars16 / chars:.1f}×), "
          f"{segments16} segments ({segments16 / segments:.1f}×), {tasks16} tasks, {notes16} notes")


def measure(small: Path, large: Path, pairs: int) -> tuple[list[Timing], list[Timing]]:
    ones, sixteens = [], []
    for _ in range(pairs):
        ones.append(build(small))
        sixteens.append(build(large))
    print(f"1× build (clean): {summary(ones)}")
    print(f"16× build (clean): {summary(sixteens)}")
    print(f"ratio 16×/1×: elapsed {statistics.median(b / a for a, b in zip(ones, sixteens)):.2f}, processor "
          f"{statistics.median(b.cpu / a.cpu for a, b in zip(ones, sixteens)):.2f} (median of the pairs)")
    return ones, sixteens


def prepare(folder: Path, scale: int) -> tuple[Path, Path]:
    small = copy_project(folder / "1x")
    large = copy_project(folder / "16x")
    copies = lengthen(large, scale)
    filled, left = translate_copies(large, small)
    print(f"English of the longer report: {filled} entries filled from the sentences they repeat, {left} without")
    describe(small, large, copies)
    for project in (small, large):  # each fills its cache folder: not counted
        first = build(project)
        print(f"first build of {project.name} (empty cache, not counted): {first:.2f} s "
              f"(processor {first.cpu:.2f}, peak memory {first.peak:.0f} MB)")
    return small, large


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=PAIRS, help="alternated builds of each (default: %(default)s)")
    parser.add_argument("--scale", type=int, default=SCALE, help="how many times longer (default: %(default)s)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="make the copies in DIR and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gwr-scale-") as temporary:
        folder = args.keep.resolve() if args.keep else Path(temporary)
        small, large = prepare(folder, args.scale)
        ones, sixteens = measure(small, large, args.pairs)
    ratio = statistics.median(b / a for a, b in zip(ones, sixteens))
    return budgets.report({BUDGET: ratio}, BUDGETS)


if __name__ == "__main__":
    sys.exit(main())
