"""Excerpts of published work reports (tests/data/reports/) and their hand labels, against the parser.

Each fixture's labels were written by hand, blind to the parser (see tests/data/reports/README.md).
`measure()` reads what the parser made of every labelled line: the opening's lines, part headings
(and their roles), headings alone on a line, numbered items, list entries, body paragraphs, lines a
column break cut, newspaper markers; and the sentences of each paragraph. It uses the model's public
fields only, so it also measures older versions of the parser (python tests/reportfixtures.py).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "data" / "reports"
ROLE_OF_KIND = {"work-plan": "year-work"}  # the model's part kinds under the genre's names
HEADING_KINDS = ("title", "session", "speaker", "salutation", "part-heading", "heading", "item", "list-item", "marker")


@dataclass
class Measure:
    fixture: str
    lines: int = 0
    kinds_right: int = 0
    headings: int = 0  # labelled heading-like lines (HEADING_KINDS)
    headings_right: int = 0
    roles: int = 0
    roles_right: int = 0
    paragraphs: int = 0  # paragraphs whose sentences were counted
    sentences_right: int = 0
    wrong: list[str] = field(default_factory=list)


def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "labels.yaml").exists())


def seeds_for(fixture: Path, target: Path) -> Path:
    """A seeds/ folder for the fixture: its text as one page file and a report.yaml from source.yaml."""
    meta = yaml.safe_load((fixture / "source.yaml").read_text(encoding="utf-8"))
    seeds = target / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture / "source.txt", seeds / "page.txt")
    report = {"title": "政府工作报告", "title_en": "Government Work Report", "city": meta["place"],
              "city_en": meta.get("place_en", ""), "year": int(meta["year"]), "pages": [{"file": "page.txt", "page": 1}]}
    if meta.get("part_roles"):  # what the rules cannot decide, as an editor would say it in report.yaml
        report["part_roles"] = meta["part_roles"]
    (seeds / "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    return seeds


def load_labels(fixture: Path) -> list[dict]:
    return yaml.safe_load((fixture / "labels.yaml").read_text(encoding="utf-8"))["lines"]


def observed_kinds(report) -> tuple[dict[int, str], dict[int, str], dict[int, int]]:
    """Per printed line: what the parser made of it, the part role (part headings), sentences per paragraph."""
    kinds: dict[int, str] = {}
    roles: dict[int, str] = {}
    first_line_of: dict[int, int] = {}  # paragraph index -> its first printed line
    counts: dict[int, int] = {}
    opening = getattr(report, "opening", None)
    for part in report.parts:
        if part.heading is not None:
            line = part.heading.source.line
            kinds[line] = "part-heading"
            roles[line] = ROLE_OF_KIND.get(part.kind.value, part.kind.value)
        for section in part.sections:
            if section.heading is not None:
                kinds.setdefault(section.heading.source.line, "item")
            for block in section.blocks:
                for segment in block.segments:
                    line = segment.source.line
                    if segment.offset == 0:
                        first_line_of[segment.paragraph] = line
                        kinds.setdefault(line, _kind_of_start(segment, block, section, opening))
                    counts[segment.paragraph] = counts.get(segment.paragraph, 0) + 1
            if section.heading is not None:
                paragraph = section.heading.paragraph
                first_line_of[paragraph] = section.heading.source.line
                counts[paragraph] = counts.get(paragraph, 0) + 1
    for repair in report.repairs:
        kinds[repair.second.line] = "continuation"
    for marker in report.markers:
        kinds.setdefault(marker.source.line, "marker")
    sentences = {first_line_of[p]: n for p, n in counts.items() if p in first_line_of}
    return kinds, roles, sentences


def _kind_of_start(segment, block, section, opening) -> str:
    role = segment.role.value
    if role == "part-heading":
        return "part-heading"
    if role == "heading":
        return "item"
    if block.kind in ("heading", "list-item") and role == "task-title":
        return block.kind
    if section.kind.value == "opening" and opening is not None:
        for kind in ("session", "speaker", "salutation"):
            if getattr(opening, kind) and segment.text == getattr(opening, kind):
                return kind
    if section.kind.value == "closing":
        return "closing"
    return "body"


def measure(fixture: Path, load_report, work: Path) -> Measure:
    """`load_report(root)` of the parser to measure; `work` an empty folder to build seeds in."""
    seeds_for(fixture, work)
    report = load_report(work)
    kinds, roles, sentences = observed_kinds(report)
    text_lines = (fixture / "source.txt").read_text(encoding="utf-8").split("\n")
    result = Measure(fixture.name)
    labels = load_labels(fixture)
    for label in labels:
        line, want = label["line"], label["kind"]
        got = kinds.get(line) or ("title" if text_lines[line - 1].strip() else "missing")
        result.lines += 1
        result.kinds_right += got == want
        if want in HEADING_KINDS or got in HEADING_KINDS:
            result.headings += 1
            result.headings_right += got == want
        if got != want:
            result.wrong.append(f"line {line}: labelled {want}, parsed as {got}")
        if want == "part-heading":
            result.roles += 1
            result.roles_right += roles.get(line) == label.get("role")
            if got == want and roles.get(line) != label.get("role"):
                result.wrong.append(f"line {line}: role {label.get('role')}, parsed as {roles.get(line)}")
    for first, expected in _expected_sentences(labels).items():
        result.paragraphs += 1
        result.sentences_right += sentences.get(first) == expected
        if sentences.get(first) != expected:
            result.wrong.append(f"line {first}: {expected} sentences labelled, {sentences.get(first)} parsed")
    return result


def _expected_sentences(labels: list[dict]) -> dict[int, int]:
    """Sentences per paragraph: a line's count, plus its continuations' less the sentence each one ends."""
    expected: dict[int, int] = {}
    first = None
    for label in labels:
        if label["kind"] == "continuation" and first is not None:
            expected[first] += label.get("sentences", 1) - 1
        elif label["kind"] in ("body", "item", "list-item", "closing"):
            first = label["line"]
            expected[first] = label.get("sentences", 1)
        else:
            first = None
    return expected


def main() -> int:
    """Print the measure of every fixture, for the generator on sys.path (a checkout of any version)."""
    import tempfile

    from generator.source.load import load_report

    total = Measure("all")
    for fixture in fixture_dirs():
        with tempfile.TemporaryDirectory() as work:
            try:
                m = measure(fixture, load_report, Path(work))
            except Exception as err:  # an old parser may fail on a layout: that is a result too
                print(f"{fixture.name}: error: {err}")
                continue
        for name in ("lines", "kinds_right", "headings", "headings_right", "roles", "roles_right", "paragraphs",
                     "sentences_right"):
            setattr(total, name, getattr(total, name) + getattr(m, name))
        print(f"{m.fixture}: lines {m.kinds_right}/{m.lines}, headings {m.headings_right}/{m.headings}, "
              f"roles {m.roles_right}/{m.roles}, sentences {m.sentences_right}/{m.paragraphs}")
        for problem in m.wrong:
            print(f"    {problem}")
    print(f"TOTAL: lines {total.kinds_right}/{total.lines}, headings {total.headings_right}/{total.headings}, "
          f"roles {total.roles_right}/{total.roles}, sentences {total.sentences_right}/{total.paragraphs}")
    return 0




@dataclass
class TargetMeasure:
    fixture: str
    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    units_right: int = 0  # of the matched: unit, comparator and change as labelled
    metrics_right: int = 0  # of the matched: the labelled metric name, or one holding it or held by it
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def load_target_labels(fixture: Path) -> list[dict]:
    import csv

    path = fixture / "targets.csv"
    if not path.exists():
        return []
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(rows))


def measure_targets(fixture: Path, load_report, extract, work: Path) -> TargetMeasure:
    """The figures `extract(report)` finds against the hand-labelled ones, matched by paragraph and value."""
    seeds_for(fixture, work)
    report = load_report(work)
    first_line = _paragraph_lines(load_labels(fixture))
    segments = report.segment_index()
    found = [(first_line.get(segments[q.segment_id].source.line, segments[q.segment_id].source.line), q)
             for q in extract(report)]
    truth = [(first_line.get(int(row["line"]), int(row["line"])), row) for row in load_target_labels(fixture)]
    result = TargetMeasure(fixture.name, len(truth), len(found))
    unmatched = list(found)
    for line, row in truth:
        hit = next((q for q in unmatched if q[0] == line and q[1].value == row["value"]), None)
        if hit is None:
            result.missed.append(f"line {line}: {row['value']}{row['unit']} {row['metric_zh']}")
            continue
        unmatched.remove(hit)
        result.matched += 1
        q = hit[1]
        # The model writes 增长7% as comparator growth, change growth; the labels as =, change growth.
        comparator = "=" if q.comparator in ("growth", "decline") else q.comparator
        same = (q.unit, comparator, q.change) == (row["unit"], row["comparator"], row["change"])
        result.units_right += same
        if not same:
            result.missed.append(f"line {line}: {row['value']}: labelled {row['unit']} {row['comparator']} "
                                 f"{row['change'] or '-'}, found {q.unit} {comparator} {q.change or '-'}")
        named = row["metric_zh"] and (row["metric_zh"] in q.metric_zh or q.metric_zh in row["metric_zh"])
        result.metrics_right += bool(named)
        if not named:
            result.missed.append(f"line {line}: {row['value']}: metric “{row['metric_zh']}”, found “{q.metric_zh}”")
    result.spurious = [f"line {line}: {q.value}{q.unit} {q.metric_zh}" for line, q in unmatched]
    return result


def _paragraph_lines(labels: list[dict]) -> dict[int, int]:
    """Each printed line -> the first line of its paragraph (a continuation belongs to the line before)."""
    first: dict[int, int] = {}
    current = None
    for label in labels:
        if label["kind"] != "continuation" or current is None:
            current = label["line"]
        first[label["line"]] = current
    return first


def main_targets() -> int:
    import tempfile

    from generator.enrich.targets import extract_quantities
    from generator.source.load import load_report

    totals = [0, 0, 0, 0, 0]
    for fixture in fixture_dirs():
        with tempfile.TemporaryDirectory() as work:
            m = measure_targets(fixture, load_report, extract_quantities, Path(work))
        for i, value in enumerate((m.labelled, m.extracted, m.matched, m.units_right, m.metrics_right)):
            totals[i] += value
        print(f"{m.fixture}: labelled {m.labelled}, extracted {m.extracted}, matched {m.matched}, "
              f"unit/comparator/change right {m.units_right}, metric {m.metrics_right}")
        for problem in m.missed:
            print(f"    missed or differs: {problem}")
        for problem in m.spurious:
            print(f"    not labelled: {problem}")
    labelled, extracted, matched, right, named = totals
    print(f"TOTAL: recall {matched}/{labelled} = {matched / max(labelled, 1):.1%}, precision {matched}/{extracted} = "
          f"{matched / max(extracted, 1):.1%}, unit/comparator/change right {right}/{matched}, "
          f"metric {named}/{matched}")
    return 0


if __name__ == "__main__":
    sys.exit(main_targets() if sys.argv[1:] == ["targets"] else main())
