"""`gwr check --base REF`: what a pull request loses against its base, found by comparing with git REF.

- a translation that was there and is not now: emptied (an error), or its entry gone from every catalog, so
  the page shows the Chinese (an error; `gwr update` finds translations that moved);
- an entry that was translated and is fuzzy now: a warning (a reviewer may flag one on purpose; after a
  change of the Chinese, someone must compare);
- a citation gone from an editorial point, or a whole point gone: a warning, since a pull request may remove
  one on purpose; the warning says what was there.

A sentence is the same when its ID or its Chinese is (a sentence that moved keeps its translation and its
citations under another ID); a citation's fingerprint (`action-1.task-1.s3@3f9a2c`) plays no part. Findings
name the working tree's file and line, like every other check.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalogs import TRANSLATIONS, catalog_dir, read_po_file, templates
from ..errors import ERROR, WARNING, Finding, InputError, InputErrors
from ..source.load import load_report
from ..source.model import Report
from ..util.files import display
from ..util.yamlfile import read_yaml_file

# The parts of the project a pull request's regressions are looked for in.
COMPARED = (TRANSLATIONS, "seeds")
CITATION_KEYS = ("source", "sources")  # a point's list of the sentences it draws on
TEXT_KEYS = ("text", "en", "zh", "title")  # what a point says, to show it in a finding
SHOWN = 60  # characters of a text quoted in a finding


def base_findings(root: Path, ref: str, langs: tuple[str, ...]) -> list[Finding]:
    """The regressions of the working tree against git REF: catalogs of `langs`, then editorial points."""
    with tempfile.TemporaryDirectory(prefix="gwr-base-") as folder:
        base = Path(folder)
        export_base(root, ref, base)
        report, base_report = _report(root), _report(base)
        findings: list[Finding] = []
        for lang in langs:
            if report is not None:  # `gwr check` reports a report that cannot be read
                findings += catalog_regressions(root, base, ref, lang, report)
        findings += point_regressions(root, base, ref, _sentences(base_report), _sentences(report))
        return findings


# --- the base, from git ----------------------------------------------------------------


def export_base(root: Path, ref: str, into: Path) -> None:
    """The project's translations/ and seeds/ as they are in REF, written into `into`."""
    prefix = _git(root, ref, "rev-parse", "--show-prefix").decode().strip()  # the project's folder in the repository
    commit = _git(root, ref, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    tree = f"{commit}:{prefix}" if prefix else commit
    # From the top of the repository: in a subfolder, git narrows ls-tree and archive to that folder again.
    top = Path(_git(root, ref, "rev-parse", "--show-toplevel").decode().strip())
    present = set(_git(top, ref, "ls-tree", "--full-tree", "--name-only", tree).decode().splitlines())
    paths = [name for name in COMPARED if name in present]
    if paths:
        with tarfile.open(fileobj=io.BytesIO(_git(top, ref, "archive", "--format=tar", tree, "--", *paths))) as tar:
            tar.extractall(into, filter="data")


def _git(root: Path, ref: str, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True)
    except FileNotFoundError as err:
        raise InputError(display(root), "", f"--base {ref}: git is not installed", "install git, or leave out --base",
                         check="base") from err
    if done.returncode == 0:
        return done.stdout
    if "--show-prefix" in args:
        raise InputError(display(root), "", f"--base {ref}: the project is not in a git repository",
                         "run it in a clone of the project, or leave out --base", check="base")
    raise InputError(display(root), "", f"--base {ref}: git knows no commit '{ref}' here",
                     "give a branch, tag or commit that exists in this clone (`git fetch origin main` first; in a "
                     "GitHub workflow, check out with fetch-depth: 2 for HEAD^1, a pull request's base)",
                     check="base")


def _report(root: Path) -> Report | None:
    try:
        return load_report(root)
    except (InputError, InputErrors, OSError):
        return None


def _sentences(report: Report | None) -> dict[str, str]:
    """ID -> Chinese, to know a sentence that moved by its text."""
    return {segment.id: segment.text for segment in report.segments()} if report is not None else {}


# --- catalogs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One active entry of a catalog as read."""

    msgid: str
    context: str | None
    string: str
    fuzzy: bool
    file: str  # relative to the project
    line: int | None  # of its msgstr

    @property
    def translated(self) -> bool:
        return bool(self.string) and not self.fuzzy


def read_entries(root: Path, lang: str) -> list[Entry]:
    """The active entries of every catalog that reads cleanly (`gwr check` reports the others)."""
    entries = []
    for path in sorted(catalog_dir(root, lang).glob("*.po")):
        try:
            po = read_po_file(path, lang, root)
        except InputError:
            continue
        for message in po.catalog:
            if message.id:
                string = "".join(message.string) if isinstance(message.string, tuple) else (message.string or "")
                entries.append(Entry(str(message.id), message.context, string, message.fuzzy,
                                     path.relative_to(root).as_posix(), po.msgstr_line(message)))
    return entries


def catalog_regressions(root: Path, base: Path, ref: str, lang: str, report: Report) -> list[Finding]:
    """For every message of the report now: translated in REF (by ID or by its Chinese), and not now?"""
    now = {(e.msgid, e.context): e for e in read_entries(root, lang)}
    before = read_entries(base, lang)
    before_same = {(e.msgid, e.context): e for e in before if e.translated}
    before_text = {e.msgid: e for e in reversed(before) if e.translated}  # the first of a repeated sentence
    before_id = {e.context: e for e in before if e.context and e.translated}
    translated_now = {e.msgid for e in now.values() if e.translated}
    findings = []
    for name, template in templates(report).items():
        expected = f"{TRANSLATIONS}/{lang}/{name}.po"
        for message in template:
            if not message.id:
                continue
            key = (str(message.id), message.context)
            entry, ident = now.get(key), message.context or str(message.id)
            was = before_same.get(key) or before_text.get(key[0])
            if was is not None:
                findings += _lost(entry, was, ident, expected, ref)
                continue
            previous = before_id.get(message.context)  # the Chinese of this ID changed
            if previous is None or previous.msgid in translated_now:  # new here, or moved on with its translation
                continue
            if entry is not None and entry.fuzzy and entry.string:
                findings.append(Finding(WARNING, "base-fuzzy", entry.file, entry.line,
                                        f"{ident}: its Chinese changed and its translation is fuzzy",
                                        "compare with the previous Chinese (#| msgid), correct the translation and "
                                        "remove the fuzzy flag", ident))
            elif entry is None or not entry.string:
                findings.append(Finding(WARNING, "base-emptied", entry.file if entry else expected,
                                        entry.line if entry else None,
                                        f"{ident}: its Chinese changed and the translation of the previous wording "
                                        f"is gone (in {ref}: “{_short(previous.string)}”)",
                                        "`gwr update` keeps it as fuzzy for review: restore it and mark it fuzzy, or "
                                        "translate the new Chinese", ident))
    return findings


def _lost(entry: Entry | None, was: Entry, ident: str, expected: str, ref: str) -> list[Finding]:
    if entry is None:
        return [Finding(ERROR, "base-pending", expected, None,
                        f"{ident}: translated in {ref} (“{_short(was.string)}”), in no catalog now: the page shows the "
                        "Chinese", f"run `gwr update` (it finds translations that moved), or restore the entry from "
                        f"{ref}", ident)]
    if not entry.string:
        return [Finding(ERROR, "base-emptied", entry.file, entry.line,
                        f"{ident}: the translation was emptied (in {ref}: “{_short(was.string)}”)",
                        f"restore it (`git show {ref}:{was.file}`) or translate it again; to ask for a review, mark it "
                        "fuzzy instead", ident)]
    if entry.fuzzy:
        return [Finding(WARNING, "base-fuzzy", entry.file, entry.line,
                        f"{ident}: translated in {ref}, fuzzy now, though its Chinese did not change",
                        "if the translation is right, remove the fuzzy flag; else correct it, then remove the flag",
                        ident)]
    return []


# --- editorial points ------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A mapping of an editorial file that cites sentences (`source:`), where it is and what it says."""

    container: str  # where in its file: `review`, `sections › Imports › points`
    text: str
    cited: tuple[str, ...]  # sentence IDs, without a fingerprint
    line: int
    source_line: int


@dataclass
class EditorialFile:
    points: list[Point]
    lines: dict[str, int]  # container -> its first line


def read_points(root: Path) -> dict[str, EditorialFile]:
    """translations/*.yaml by path relative to the project; files that do not read are left to `gwr check`."""
    files = {}
    for path in sorted((root / TRANSLATIONS).glob("*.yaml")):
        try:
            _, node = read_yaml_file(path, path.name)
        except (InputError, InputErrors):
            continue
        found = EditorialFile([], {})
        _walk(node, (), found)
        files[path.relative_to(root).as_posix()] = found
    return files


def _walk(node: yaml.Node | None, where: tuple[str, ...], found: EditorialFile) -> None:
    if isinstance(node, yaml.MappingNode):
        values = {str(k.value): v for k, v in node.value}
        cited = next((values[k] for k in CITATION_KEYS if k in values), None)
        if cited is not None:
            found.points.append(Point(" › ".join(where), _text(values), _ids(cited), node.start_mark.line + 1,
                                      cited.start_mark.line + 1))
            return
        for key, value in node.value:
            inner = (*where, str(key.value))
            found.lines.setdefault(" › ".join(inner), key.start_mark.line + 1)
            _walk(value, inner, found)
    elif isinstance(node, yaml.SequenceNode):  # a list's items by their title, else together: order is no identity
        for item in node.value:
            title = _text({str(k.value): v for k, v in item.value}, ("title",)) if isinstance(item, yaml.MappingNode) else ""
            _walk(item, (*where, title) if title else where, found)


def _text(values: dict[str, yaml.Node], keys: tuple[str, ...] = TEXT_KEYS) -> str:
    node = next((values[k] for k in keys if isinstance(values.get(k), yaml.ScalarNode)), None)
    return str(node.value) if node is not None else ""


def _ids(node: yaml.Node) -> tuple[str, ...]:
    scalars = node.value if isinstance(node, yaml.SequenceNode) else [node]
    return tuple(str(s.value).split("@")[0].strip() for s in scalars if isinstance(s, yaml.ScalarNode) and s.value)


def point_regressions(root: Path, base: Path, ref: str, zh_before: dict[str, str],
                      zh_now: dict[str, str]) -> list[Finding]:
    """Points and citations of REF's editorial files that the working tree no longer has."""
    now_files, findings = read_points(root), []
    for file, before in read_points(base).items():
        now = now_files.get(file)
        if now is None:
            if before.points:
                findings.append(Finding(WARNING, "base-point", file, None,
                                        f"{file} was removed, and its {len(before.points)} points with it (in {ref})",
                                        f"if that was intended, nothing to do; else restore it: git checkout {ref} -- "
                                        f"{file}"))
            continue
        for was, point in _pairs(before.points, now.points, zh_before, zh_now):
            if point is None:
                findings.append(Finding(WARNING, "base-point", file, now.lines.get(was.container),
                                        f"{was.container}: a point of {ref} was removed: “{_short(was.text)}” "
                                        f"(it cited {', '.join(was.cited)})",
                                        f"if that was intended, nothing to do; else restore it from "
                                        f"`git show {ref}:{file}`", was.cited[0] if was.cited else None))
                continue
            keys = _keys(point.cited, zh_now)
            for ident in was.cited:
                if ("id", ident) not in keys and ("zh", zh_before.get(ident)) not in keys:
                    quoted = f": “{_short(zh_before[ident])}”" if ident in zh_before else ""
                    findings.append(Finding(WARNING, "base-citation", file, point.source_line,
                                            f"“{_short(point.text)}” no longer cites {ident} (it did in {ref}{quoted})",
                                            f"if the point no longer draws on that sentence, nothing to do; else add "
                                            f"{ident} back to its source", ident))
    return findings


def _pairs(before: list[Point], now: list[Point], zh_before: dict[str, str],
           zh_now: dict[str, str]) -> list[tuple[Point, Point | None]]:
    """Each point of REF, in order, with its point now: the same text in the same place, else elsewhere (its
    page was renamed), else in the same place the most sentences in common (a reworded point), else None."""
    left = list(now)
    found: dict[int, Point | None] = {}
    for anywhere in (False, True):
        for number, was in enumerate(before):
            same = next((p for p in left if p.text == was.text and (anywhere or p.container == was.container)), None)
            if number not in found and same is not None:
                found[number] = same
                left.remove(same)
    for number, was in enumerate(before):
        if number not in found:
            wanted = _keys(was.cited, zh_before)
            shared = [(len(wanted & _keys(p.cited, zh_now)), -i) for i, p in enumerate(left)
                      if p.container == was.container]
            best = max(shared, default=(0, 0))
            found[number] = left.pop(-best[1]) if best[0] else None
    return [(was, found[number]) for number, was in enumerate(before)]


def _keys(cited: tuple[str, ...], zh: dict[str, str]) -> set[tuple[str, str | None]]:
    """What a point cites, by ID and by Chinese (a sentence that moved is still the one cited)."""
    return {("id", ident) for ident in cited} | {("zh", zh[ident]) for ident in cited if ident in zh}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"
