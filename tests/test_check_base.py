"""`gwr check --base REF`: what a pull request loses against its base branch (issue 21).

Each test commits a copy of the project (in a folder of a temporary repository, as a project may be), changes
the working tree as a pull request would, and compares with the commit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.source.load import load_report
from generator.translation.catalogs import read_po_file, render_catalog, layout_for
from generator.translation.regressions import base_findings, point_regressions

from conftest import ROOT

SEED = "seeds/yiwu-2026-gwr-page2.txt"
MERCHANTS = "translations/merchants.en.yaml"
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's seeds and translations, committed on main, in the folder project/ of a repository."""
    repo = tmp_path / "repo"
    project = repo / "project"
    for name in ("seeds", "translations"):
        shutil.copytree(ROOT / name, project / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return project


def regressions(project: Path, ref: str = "main") -> list:
    return base_findings(project, ref, ("en",))


def edit_entry(project: Path, catalog: str, context: str, change) -> int:
    """Change one entry as an editor would; returns the line of its msgstr."""
    path = project / "translations" / "en" / f"{catalog}.po"
    po = read_po_file(path, "en")
    message = next(m for m in po.catalog if m.context == context)
    change(po.catalog, message)
    path.write_bytes(render_catalog(po.catalog, **layout_for(catalog)))
    po = read_po_file(path, "en")
    found = next((m for m in po.catalog if m.context == context), None)
    return po.msgstr_line(found) if found else 0


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def brief(findings) -> list[tuple]:
    return [(f.severity, f.check, f.file, f.line, f.segment) for f in findings]


def test_a_tree_like_its_base_has_no_regressions(project):
    assert regressions(project) == []


def test_an_emptied_translation_is_an_error_at_its_line(project):
    def empty(catalog, message):
        message.string = ""

    line = edit_entry(project, "action-1", "action-1.task-1.s2", empty)
    [finding] = regressions(project)
    assert brief([finding]) == [("error", "base-emptied", "translations/en/action-1.po", line, "action-1.task-1.s2")]
    assert "in main: “" in finding.message and "git show main:translations/en/action-1.po" in finding.fix


def test_an_entry_turned_fuzzy_is_a_warning(project):
    def flag(catalog, message):
        message.flags.add("fuzzy")

    line = edit_entry(project, "closing", "closing.p1.s1", flag)
    assert brief(regressions(project)) == [("warning", "base-fuzzy", "translations/en/closing.po", line, "closing.p1.s1")]


def test_an_entry_deleted_from_its_catalog_is_pending_and_an_error(project):
    edit_entry(project, "closing", "closing.p1.s1", lambda catalog, m: catalog.delete(m.id, context=m.context))
    [finding] = regressions(project)
    assert brief([finding]) == [("error", "base-pending", "translations/en/closing.po", None, "closing.p1.s1")]
    assert "gwr update" in finding.fix


def test_a_sentence_that_moved_keeps_its_translation_and_its_citations(project):
    """A sentence inserted before a cited one: IDs after it move, `gwr update` moves translations and citations."""
    from generator.translation.merge import update

    edit(project, SEED, "推动国际商贸城持续繁荣", "新建一座国际会展中心。推动国际商贸城持续繁荣")
    update(project, load_report(project), "en")
    assert regressions(project) == []


def test_a_changed_sentence_is_a_fuzzy_warning_and_a_lost_translation_of_it_a_warning(project):
    from generator.translation.merge import update

    edit(project, SEED, "招引采购商超120万人", "招引采购商超130万人")
    update(project, load_report(project), "en")
    [finding] = regressions(project)
    assert (finding.severity, finding.check, finding.segment) == ("warning", "base-fuzzy", "action-1.task-1.s2")
    assert "Chinese changed" in finding.message

    def empty(catalog, message):
        message.string, message.flags = "", set()

    edit_entry(project, "action-1", "action-1.task-1.s2", empty)
    [finding] = regressions(project)
    assert (finding.severity, finding.check) == ("warning", "base-emptied") and "previous wording" in finding.message


def merchants_points(project: Path) -> list[dict]:
    data = yaml.safe_load((project / MERCHANTS).read_text(encoding="utf-8"))
    return [p for s in data["sections"] for p in s["points"]]


def test_a_removed_citation_and_a_removed_point_are_warnings_that_say_what_was_there(project):
    text = (project / MERCHANTS).read_text(encoding="utf-8")
    two = next(p for p in merchants_points(project) if len(p["source"]) == 2)
    one = next(p for p in merchants_points(project) if len(p["source"]) == 1 and "1.2 million buyers" in p["text"])
    kept, dropped = (s.split("@")[0] for s in two["source"])
    lines = text.splitlines(keepends=True)
    removed = next(i for i, line in enumerate(lines) if "1.2 million buyers" in line)
    del lines[removed:removed + 2]  # the point: its text and its source
    source_line = next(i for i, line in enumerate(lines, 1) if "source:" in line and dropped + "@" in line
                       and kept + "@" in line)
    lines[source_line - 1] = lines[source_line - 1].replace(", " + two["source"][1], "")
    (project / MERCHANTS).write_text("".join(lines), encoding="utf-8")
    findings = regressions(project)
    assert [(f.severity, f.check, f.segment) for f in findings] == [("warning", "base-point", one["source"][0].split("@")[0]),
                                                                    ("warning", "base-citation", dropped)]
    point, citation = findings
    assert point.file == citation.file == MERCHANTS and citation.line == source_line
    assert one["text"][:40] in point.message and f"no longer cites {dropped}" in citation.message
    assert point.line and lines[point.line - 1].strip().startswith("points:")


def test_a_reworded_point_keeps_its_citations_and_a_whole_file_removed_is_one_warning(project):
    edit(project, MERCHANTS, "and aims to attract more than 1.2 million buyers", "and aims at over 1.2 million buyers")
    assert regressions(project) == []
    (project / "translations" / "highlights.en.yaml").unlink()
    assert brief(regressions(project)) == [("warning", "base-point", "translations/highlights.en.yaml", None, None)]


def test_citations_are_compared_by_their_id_whatever_their_fingerprint(tmp_path):
    before, now = tmp_path / "before", tmp_path / "now"
    for root, sources in ((before, "[review.p1.s1, review.p1.s2]"), (now, "[review.p1.s1@3f9a2c, review.p1.s2@b95522]")):
        (root / "translations").mkdir(parents=True)
        (root / "translations" / "summaries.en.yaml").write_text(f"review:\n  - text: A point.\n    source: {sources}\n",
                                                                 encoding="utf-8")
    assert point_regressions(now, before, "main", {}, {}) == []
    assert point_regressions(before, now, "main", {}, {}) == []
    (now / "translations" / "summaries.en.yaml").write_text("review:\n  - text: A point.\n    source: [review.p1.s2@b95522]\n",
                                                            encoding="utf-8")
    [finding] = point_regressions(now, before, "main", {}, {})
    assert (finding.check, finding.line, finding.segment) == ("base-citation", 3, "review.p1.s1")
    # A page renamed (its key in the file): its points are the same points.
    (now / "translations" / "summaries.en.yaml").write_text("past:\n  - text: A point.\n    source: [review.p1.s1, review.p1.s2]\n",
                                                            encoding="utf-8")
    assert point_regressions(now, before, "main", {}, {}) == []


def test_no_repository_and_an_unknown_ref_are_errors_that_say_what_to_do(project, tmp_path):
    with pytest.raises(InputError, match="git knows no commit 'origin/nowhere'") as caught:
        regressions(project, "origin/nowhere")
    assert "fetch" in caught.value.fix
    alone = tmp_path / "alone"
    shutil.copytree(project / "seeds", alone / "seeds")
    with pytest.raises(InputError, match="not in a git repository"):
        base_findings(alone, "main", ("en",))


def test_gwr_check_base_reports_them_and_fails_on_an_emptied_translation(project):
    def empty(catalog, message):
        message.string = ""

    edit_entry(project, "closing", "closing.p1.s1", empty)
    command = [sys.executable, "-m", "generator", "check", "--base", "main", "--format", "json"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300,
                          env={**GIT_ENV, "PYTHONPATH": str(ROOT)})
    found = [f for f in json.loads(done.stdout) if f["check"].startswith("base-")]
    assert done.returncode == 1 and [(f["check"], f["file"]) for f in found] == [("base-emptied", "translations/en/closing.po")]
    done = subprocess.run([*command[:5], "HEAD~5"], cwd=project, capture_output=True, text=True, timeout=300,
                          env={**GIT_ENV, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and "git knows no commit 'HEAD~5'" in done.stderr


def test_the_pull_request_workflow_compares_with_the_base_it_fetched():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    check = next(s for s in steps if "--base" in s.get("run", ""))
    assert checkout["with"]["fetch-depth"] in (0, 2) and "HEAD^1" in json.dumps(check)
    assert "gwr check --format github" in check["run"]
