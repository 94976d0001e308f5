"""What `gwr check` keeps between runs (generator/util/cache.py) changes nothing it reports: with an empty cache
folder, with a warm one, and after an editor changed one catalog (pre-commit's case), the findings are those
of a run that kept nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_texts, save_translation


def check(project: Path, cache: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json"], cwd=project,
                          env=dict(os.environ, XDG_CACHE_HOME=str(cache)), capture_output=True, text=True, timeout=300)
    assert done.stderr == "", done.stderr
    return json.loads(done.stdout)


def test_findings_are_the_same_with_and_without_the_answers_kept(tmp_path):
    project = copy_texts(tmp_path)
    # Problems for several checks: a figure lost, a British spelling, a glossary rendering left out.
    save_translation(project, "action-2", "action-2.task-1.s1", "We will organise the centre.")
    cold = check(project, tmp_path / "cache")
    assert {f["check"] for f in cold} >= {"numbers", "spelling"}, cold
    assert check(project, tmp_path / "cache") == cold  # every answer kept from the first run
    # An editor's change to one catalog: that catalog is checked anew, the rest is kept.
    save_translation(project, "action-1", "action-1.task-1.s1", "We will organise more than 2 fairs.")
    edited = check(project, tmp_path / "cache")
    assert edited != cold
    assert edited == check(project, tmp_path / "empty")


def test_an_answer_of_another_shape_is_not_used_and_not_kept(tmp_path, monkeypatch):
    from generator.util.cache import AnswerFile

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "gwr").mkdir()
    (tmp_path / "gwr" / "answers.json").write_text(json.dumps({"good": "text", "bad": 1}), encoding="utf-8")
    answers = AnswerFile("answers", 10, lambda answer: isinstance(answer, str))
    assert answers.get("good") == "text" and answers.get("bad") is None
    answers.put("new", "more")
    answers.save()
    assert json.loads((tmp_path / "gwr" / "answers.json").read_text(encoding="utf-8")) == {"good": "text",
                                                                                          "new": "more"}
