"""The documented commands as a person runs them: every `gwr` verb, `make site`, interrupts, determinism."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

ENV = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}


def gwr(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`gwr` as installed, run in the project folder (the package is the project's own copy)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=ENV, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("args, expected", [
    (["outline"], "action-10"),
    (["notes"], "seeds/yiwu-2026-gwr-page2.txt:"),
    (["json"], '"schema_version"'),
    (["stats"], "report text (all pages)"),
    (["stats", "--json"], '"report_text"'),
    (["check"], "0 error(s)"),
    (["check", "--strict"], "0 error(s), 0 warning(s)"),
])
def test_read_only_verbs(args, expected):
    done = gwr(ROOT, *args)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


def test_extract_update_generate_and_build(site_project, tmp_path):
    done = gwr(site_project, "extract", "-o", str(tmp_path / "pot"))
    assert done.returncode == 0 and (tmp_path / "pot" / "action-1.pot").exists(), done.stderr
    done = gwr(site_project, "update")
    assert done.returncode == 0 and "0 catalog(s) written" in done.stdout, done.stdout + done.stderr
    done = gwr(site_project, "generate")
    assert done.returncode == 0 and (site_project / "docs" / "en" / "action-1.md").exists(), done.stderr
    done = gwr(site_project, "build")
    assert done.returncode == 0 and (site_project / "site" / "en" / "index.html").exists(), done.stderr
    assert "built site/" in done.stdout


def break_catalog(project: Path) -> int:
    """An unterminated string in action-2.po; returns its line."""
    path = project / "translations" / "en" / "action-2.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
    lines[bad] = 'msgstr "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad + 1


def test_build_prints_every_problem_and_keeps_the_site(site_project):
    assert gwr(site_project, "build").returncode == 0
    before = tree_digest(site_project / "site")
    line = break_catalog(site_project)
    glossary = site_project / "translations" / "glossary" / "shared.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("    en: Eight-Eight Strategy\n",
                        "    en: Eight-Eight Strategy\n    en: Double Eight\n", 1), encoding="utf-8")
    done = gwr(site_project, "build")
    assert done.returncode == 1
    assert f"translations/en/action-2.po:{line}: error: [po-syntax]" in done.stderr
    assert "translations/glossary/shared.yaml:" in done.stderr and "'en' appears twice" in done.stderr
    assert "site/ was not changed" in done.stderr
    assert tree_digest(site_project / "site") == before


def make_project(site_project: Path) -> Path:
    """A project copy that `make` drives with the repository's environment (`-o .venv/.installed`: no new install)."""
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, site_project / name)
    (site_project / ".venv").symlink_to(ROOT / ".venv")
    return site_project


@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").exists(), reason="needs the environment `make site` creates")
def test_make_site_shows_a_broken_catalog(site_project):
    project = make_project(site_project)
    line = break_catalog(project)
    done = subprocess.run(["make", "-o", ".venv/.installed", "site"], cwd=project, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert f"translations/en/action-2.po:{line}: error: [po-syntax] not a PO line" in done.stderr
    print(done.stdout, done.stderr)  # the closing note of issue 10 quotes it


def tree_digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_is_deterministic_without_source_date_epoch(site_project):
    assert "SOURCE_DATE_EPOCH" not in ENV
    assert gwr(site_project, "build").returncode == 0
    first = tree_digest(site_project / "site")
    time.sleep(1.1)  # a build stamped with the clock would differ now
    assert gwr(site_project, "build").returncode == 0
    assert tree_digest(site_project / "site") == first
    # Dates in the site (archive stamps, the sitemap's lastmod) are the report's year, not the day of the build.
    stamp = int.from_bytes((site_project / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little")  # gzip MTIME
    assert datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).date() == datetime.date(2026, 1, 1)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_leaves_no_staging_folder_and_the_old_site(site_project, signum):
    assert gwr(site_project, "build").returncode == 0
    before = tree_digest(site_project / "site")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=site_project, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(site_project.glob(".site.staging-*/en")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the build is writing into its staging folder
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "interrupted" in stderr
    assert sorted(p.name for p in site_project.iterdir() if p.name.startswith((".site", "site"))) == ["site"]
    assert tree_digest(site_project / "site") == before


def test_swap_has_no_moment_without_a_site(tmp_path):
    from generator.site.build import _exchange

    old, new = tmp_path / "site", tmp_path / ".site.staging"
    old.mkdir()
    new.mkdir()
    (old / "v").write_text("1")
    (new / "v").write_text("2")
    assert _exchange(new, old)  # one system call: site/ is the old or the new build, never absent
    assert (old / "v").read_text() == "2" and (new / "v").read_text() == "1"


def test_check_exits_non_zero_on_errors(site_project):
    break_catalog(site_project)
    done = gwr(site_project, "check")
    assert done.returncode == 1 and "error: [po-syntax]" in done.stdout


def test_json_export_is_the_golden_model():
    done = gwr(ROOT, "json")
    assert json.loads(done.stdout) == json.loads((ROOT / "tests" / "golden" / "report.json").read_text(encoding="utf-8"))
