"""The plan as data (translations/plan-links.yaml): validated with file:line, re-keyed with the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, copy_texts
from generator.enrich.plan import PLAN_FILE, load_plan
from generator.errors import InputErrors
from generator.source.load import load_report
from generator.source.model import SectionKind

SEED = "seeds/yiwu-2026-gwr-page2.txt"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_texts(tmp_path)


def plan_errors(root: Path) -> list[str]:
    with pytest.raises(InputErrors) as caught:
        load_plan(root, load_report(root))
    return [str(e) for e in caught.value.errors]


def replace_in(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, text: str) -> int:
    lines = (root / PLAN_FILE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_the_repository_plan_links_every_exemplar_and_action(report):
    plan = load_plan(ROOT, report)
    for exemplar in report.sections_of_kind(SectionKind.EXEMPLAR):
        assert plan.of_exemplar(exemplar.id), exemplar.id
    for action in report.sections_of_kind(SectionKind.ACTION):
        assert plan.of_action(action.id), action.id
    assert all(link.zh.endswith("。") and link.en.endswith(".") for link in plan.links)


def test_unknown_target_names_file_and_line(project):
    replace_in(project, PLAN_FILE, "- to: action-10.task-3", "- to: action-10.task-9")
    line = line_of(project, "- to: action-10.task-9")
    errors = plan_errors(project)
    assert f"{PLAN_FILE}:{line}: error: [plan] 'action-10.task-9' is not an action or task of the report" in errors[0]
    assert "use an action's ID (action-3) or a task's (action-3.task-2)" in errors[0]


def test_unknown_exemplar_and_missing_reason(project):
    replace_in(project, PLAN_FILE, "exemplar-8:", "exemplar-9:")
    text = (project / PLAN_FILE).read_text(encoding="utf-8")
    start = text.index("- to: action-3\n")
    english = text.index("    en: ", start)
    (project / PLAN_FILE).write_text(text[:english] + text[text.index("\n", english) + 1:], encoding="utf-8")
    errors = plan_errors(project)
    assert any(f":{line_of(project, 'exemplar-9:')}: error: [plan] 'exemplar-9' is not an exemplar" in e for e in errors)
    assert any(f":{line_of(project, '- to: action-3')}: error: [plan] the link lacks 'en' (the reason in English)" in e
               for e in errors)
    assert any("exemplar-8 has no link to an action" in e for e in errors)


def test_an_action_no_link_reaches_is_an_error(project):
    text = (project / PLAN_FILE).read_text(encoding="utf-8")
    kept = []
    lines = text.splitlines(keepends=True)
    skip = False
    for line in lines:  # drop every link to action-6
        if line.startswith("  - to: "):
            skip = line.strip() == "- to: action-6" or line.strip().startswith("- to: action-6.")
        elif not line.startswith("    "):
            skip = False
        if not skip:
            kept.append(line)
    (project / PLAN_FILE).write_text("".join(kept), encoding="utf-8")
    errors = plan_errors(project)
    assert any("no link reaches action-6" in e and "link action-6 or one of its tasks" in e for e in errors)


def test_links_follow_their_tasks_when_a_task_is_inserted(project):
    """A new first task in action-10: gwr update moves the plan's links to tasks 1-3 on to tasks 2-4."""
    from generator.translation.checks import check_project
    from generator.translation.merge import update

    before = {(link.exemplar, link.target) for link in load_plan(project, load_report(project)).links}
    assert ("exemplar-8", "action-10.task-1") in before and ("exemplar-6", "action-10.task-3") in before
    replace_in(project, SEED, "三是严守生态环保底线", "四是严守生态环保底线")
    replace_in(project, SEED, "二是严守安全生产底线", "三是严守安全生产底线")
    replace_in(project, SEED, "一是严守社会稳定底线。", "一是守牢城市运行底线。加强城市生命线监测。二是严守社会稳定底线。")
    report = load_report(project)
    assert len(next(s for s in report.sections_of_kind(SectionKind.ACTION) if s.id == "action-10").tasks) == 4
    # Before the update, the plan's links point at tasks whose titles changed: a warning says where.
    warnings = [f for f in check_project(project, run_msgfmt=False) if f.check == "citation" and f.file == PLAN_FILE]
    assert any(f.segment == "action-10.task-1.title" and f.line for f in warnings)
    update(project, report, "en")
    after = {(link.exemplar, link.target) for link in load_plan(project, report).links}
    assert ("exemplar-8", "action-10.task-2") in after and ("exemplar-8", "action-10.task-3") in after
    assert ("exemplar-6", "action-10.task-4") in after and ("exemplar-8", "action-10.task-1") not in after
    assert not [f for f in check_project(project, run_msgfmt=False) if f.check == "citation" and f.file == PLAN_FILE]
