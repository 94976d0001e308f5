"""A part's page keeps its address, and its catalog its name, when its heading is reworded (issue 21).

The address is read from the heading's words once, recorded by `gwr update` in report.yaml (part_slugs), and
kept: a reworded heading is one fuzzy entry, not a moved page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.enrich.pages import PageKind, plan_pages
from generator.errors import InputErrors
from generator.source.load import load_report
from generator.source.model import PartKind

from conftest import ROOT, copy_project

SEED = "seeds/yiwu-2026-gwr-page2.txt"
PLAN_HEADING = "二、“十五五”发展主要目标任务"
# Rewordings an editor might make: no word of any role left (would be /part-2/), and the words of the year's
# work (would take /work-plan/ from part 3, which would become /part-3/).
REWORDINGS = ["二、“十五五”时期经济社会发展的目标和举措", "二、“十五五”时期重点工作"]


def part_slugs(root: Path) -> dict[str, str]:
    return {plan.part.id: plan.slug for plan in plan_pages(load_report(root)) if plan.kind is PageKind.PART}


def reword(root: Path, old: str, new: str) -> None:
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def recorded(root: Path) -> dict | None:
    return yaml.safe_load((root / "seeds" / "report.yaml").read_text(encoding="utf-8")).get("part_slugs")


def without_record(root: Path) -> str:
    """report.yaml as a report's first `gwr update` finds it: no addresses recorded yet."""
    path = root / "seeds" / "report.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    key = next(i for i, line in enumerate(lines) if line.startswith("part_slugs:"))
    end = next((i for i in range(key + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    start = key
    while start and lines[start - 1].startswith("#"):  # its comment goes with it, and the blank line before
        start -= 1
    if start and lines[start - 1] == "\n":
        start -= 1
    text = "".join(lines[:start] + lines[end:])
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def seeds(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


def test_the_reports_part_pages_keep_their_addresses_and_report_yaml_records_them(root):
    assert part_slugs(root) == {"part-1": "review", "part-2": "plan", "part-3": "work-plan"}
    assert recorded(root) == part_slugs(root)


@pytest.mark.parametrize("heading", REWORDINGS)
def test_a_reworded_heading_moves_no_page(seeds, heading):
    before = part_slugs(seeds)
    reword(seeds, PLAN_HEADING, heading)
    report = load_report(seeds)
    assert report.parts[1].title == heading[2:] and report.parts[1].kind is not PartKind.PLAN  # the words changed
    assert part_slugs(seeds) == before


def test_a_reworded_heading_is_one_fuzzy_entry_and_the_page_stays_where_it_was(tmp_path):
    from generator.site.generate import render_all
    from generator.translation.merge import update

    project = copy_project(tmp_path / "project")
    catalogs = {p.name: p.read_bytes() for p in (project / "translations" / "en").glob("*.po")}
    reword(project, PLAN_HEADING, REWORDINGS[0])
    result = update(project, load_report(project), "en")
    assert (result.new, result.fuzzy, result.obsolete) == (0, 1, 0)
    assert "plan.po" in [p.name for p in result.written] and result.recorded == []
    assert sorted(p.name for p in (project / "translations" / "en").glob("*.po")) == sorted(catalogs)
    for lang, edition in render_all(project).editions.items():
        assert "plan.md" in edition.pages and "part-2.md" not in edition.pages, lang


def test_without_a_record_the_heading_decides_and_part_roles_still_decide_where_the_words_cannot(seeds):
    without_record(seeds)
    reword(seeds, PLAN_HEADING, REWORDINGS[0])
    assert part_slugs(seeds)["part-2"] == "part-2"  # no record, no role word: the part's ID
    meta = seeds / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + f"part_roles:\n  {REWORDINGS[0][2:]}: plan\n", encoding="utf-8")
    assert part_slugs(seeds)["part-2"] == "plan"


def test_with_a_record_part_roles_decide_the_role_and_the_record_the_address(seeds):
    meta = seeds / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "part_roles:\n  2026年重点工作: other\n", encoding="utf-8")
    report = load_report(seeds)
    assert report.parts[-1].kind is PartKind.OTHER
    assert part_slugs(seeds)["part-3"] == "work-plan"


def test_update_records_the_addresses_once_and_leaves_the_rest_of_report_yaml_as_it_was(seeds):
    from generator.translation.merge import update

    shutil.copytree(ROOT / "translations", seeds / "translations")
    text = without_record(seeds)
    result = update(seeds, load_report(seeds), "en")
    assert result.recorded == [seeds / "seeds" / "report.yaml"] and result.new == result.fuzzy == 0
    after = (seeds / "seeds" / "report.yaml").read_text(encoding="utf-8")
    assert after.startswith(text) and recorded(seeds) == {"part-1": "review", "part-2": "plan", "part-3": "work-plan"}
    assert update(seeds, load_report(seeds), "en").recorded == []
    # Recorded, the address survives a rewording that would have moved it.
    reword(seeds, PLAN_HEADING, REWORDINGS[1])
    assert part_slugs(seeds) == {"part-1": "review", "part-2": "plan", "part-3": "work-plan"}


def test_update_adds_a_new_parts_address_to_the_record(seeds):
    from generator.translation.merge import update

    meta = seeds / "seeds" / "report.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("  part-3: work-plan\n", ""), encoding="utf-8")
    update(seeds, load_report(seeds), "en")
    assert meta.read_text(encoding="utf-8") == text


def test_an_edited_address_moves_the_page_and_its_catalog_with_every_translation(tmp_path):
    from generator.translation.merge import update

    project = copy_project(tmp_path / "project")
    meta = project / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("part-2: plan", "part-2: goals"), encoding="utf-8")
    result = update(project, load_report(project), "en")
    assert part_slugs(project)["part-2"] == "goals"
    assert (result.new, result.fuzzy) == (0, 0) and (project / "translations" / "en" / "goals.po").exists()


@pytest.mark.parametrize("entries, line, problem", [
    ("  part-9: plan\n", 2, "part_slugs: the report has no part-9"),
    ("  part-2: Plan Page\n", 2, "part_slugs: 'Plan Page' is not a page address"),
    ("  part-2: plan\n  part-3: plan\n", 3, "part_slugs: part-3 and part-2 would share the page 'plan'"),
    ("  - plan\n", 1, "'part_slugs' must be a mapping"),
])
def test_a_wrong_record_is_an_error_at_its_line(seeds, entries, line, problem):
    text = without_record(seeds)
    (seeds / "seeds" / "report.yaml").write_text(text + "part_slugs:\n" + entries, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_report(seeds)
    [error] = caught.value.errors
    assert error.path.endswith("seeds/report.yaml")
    assert error.line == text.count("\n") + line and problem in error.problem and error.fix


def test_the_record_can_be_taken_out_when_seeds_hold_another_report(seeds):
    """For `gwr new`: another report's parts have other roles, and their addresses are recorded afresh."""
    from generator.source.partslugs import forget_part_slugs

    report = load_report(seeds)
    meta = seeds / "seeds" / "report.yaml"
    original = meta.read_text(encoding="utf-8")
    expected = without_record(seeds)
    meta.write_text(original, encoding="utf-8")
    assert forget_part_slugs(seeds / "seeds", report) == meta and meta.read_text(encoding="utf-8") == expected
    assert all(part.slug is None for part in report.parts) and recorded(seeds) is None
    assert forget_part_slugs(seeds / "seeds", report) is None


@pytest.mark.parametrize("written", ["part_slugs: {}\n", "part_slugs:\n", "part_slugs: {part-1: review}\n",
                                     "part_slugs:\n    part-1: review   # an editor's note\n"])
def test_recording_adds_to_a_record_however_it_is_written(tmp_path, written):
    from generator.source.partslugs import record_part_slugs

    meta = tmp_path / "report.yaml"
    meta.write_text("title: 政府工作报告\n" + written + "year: 2025\n", encoding="utf-8")
    assert record_part_slugs(tmp_path, {"part-2": "plan"}) == meta
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    assert data["part_slugs"] == {**({"part-1": "review"} if "part-1" in written else {}), "part-2": "plan"}
    assert data["title"] == "政府工作报告" and data["year"] == 2025
    assert "an editor's note" in meta.read_text(encoding="utf-8") or "note" not in written
