"""The pre-commit hooks (.pre-commit-config.yaml): local hooks of the project's .venv that work offline, run
here for real in throw-away git repositories, on bad fixtures (they fail and fix) and on the project's files
(nothing to fix, ruff passes). The repository itself is never written to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CONFIG = ROOT / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent  # the project's .venv, where requirements.lock pins pre-commit and the hooks
HOOKS = {"gwr-check", "ruff", "actionlint", "trailing-whitespace", "end-of-file-fixer", "fix-byte-order-marker"}
BOM = b"\xef\xbb\xbf"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def hooks() -> list[dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_the_config_is_valid():
    result = subprocess.run([str(BIN / "pre-commit"), "validate-config", str(CONFIG)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_hook_is_local_and_its_command_is_in_the_venv():
    """Offline: no hook repository to clone, no environment to build; each command is pinned in requirements.lock."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert {hook["id"] for hook in hooks()} == HOOKS
    for hook in hooks():
        assert hook["language"] == "system", hook["id"]
        command = hook["entry"].split()[0]
        assert command.startswith(".venv/bin/"), hook["id"]
        assert (BIN / Path(command).name).is_file() and os.access(BIN / Path(command).name, os.X_OK), command


def git_repo(path: Path) -> Path:
    """A git repository with the project's hook config and ruff config; .venv is the project's."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    shutil.copy2(CONFIG, path / CONFIG.name)
    shutil.copy2(ROOT / "pyproject.toml", path / "pyproject.toml")
    (path / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    (path / ".git" / "info" / "exclude").write_text(".venv\n")
    return path


def pre_commit(repo: Path, hook: str | None, files: list[str], **env: str) -> subprocess.CompletedProcess:
    command = [str(BIN / "pre-commit"), "run", *([hook] if hook else []), "--color", "never", "--files", *files]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True,
                          env=dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"), **env))


def write(repo: Path, files: dict[str, bytes]) -> list[str]:
    for name, data in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
    return list(files)


SEED = BOM + "上接第一版  \n义乌".encode("utf-8")  # a BOM, trailing blanks, no final newline: as printed


@needs_git
def test_the_fixers_fail_and_fix_and_leave_seeds_and_catalogs_alone(tmp_path):
    repo = git_repo(tmp_path / "repo")
    files = write(repo, {
        "notes.txt": b"trailing  \nblank\t\nclean\n",
        "guide.md": b"a line break  \nand text\n",
        "no-newline.yaml": b"key: value",
        "blank-lines.txt": b"text\n\n\n",
        "bom.yaml": BOM + b"key: value\n",
        "translations/en/page.po": b'msgid "x"\nmsgstr "y"\n\n',  # Babel's layout: a blank line ends each entry
        "seeds/page9.txt": SEED,
    })
    first = pre_commit(repo, None, files, SKIP="gwr-check")
    assert first.returncode == 1, first.stdout
    for hook in ("trailing whitespace", "one newline at the end of a file", "no UTF-8 byte order mark"):
        assert any(line.startswith(hook) and line.endswith("Failed") for line in first.stdout.splitlines()), hook
    assert (repo / "notes.txt").read_bytes() == b"trailing\nblank\nclean\n"
    assert (repo / "guide.md").read_bytes() == b"a line break  \nand text\n"  # Markdown's two-space break kept
    assert (repo / "no-newline.yaml").read_bytes() == b"key: value\n"
    assert (repo / "blank-lines.txt").read_bytes() == b"text\n"
    assert (repo / "bom.yaml").read_bytes() == b"key: value\n"
    assert (repo / "translations/en/page.po").read_bytes() == b'msgid "x"\nmsgstr "y"\n\n'
    assert (repo / "seeds/page9.txt").read_bytes() == SEED
    second = pre_commit(repo, None, files, SKIP="gwr-check")
    assert second.returncode == 0, second.stdout


@needs_git
def test_ruff_and_actionlint_hooks_fail_on_bad_files(tmp_path):
    repo = git_repo(tmp_path / "repo")
    python = write(repo, {"tool.py": b"import os\n\n\ndef f():\n    return undefined_name\n"})
    result = pre_commit(repo, "ruff", python)
    assert result.returncode == 1
    assert "F401" in result.stdout and "F821" in result.stdout
    assert pre_commit(repo, "ruff", write(repo, {"seeds/x.py": b"import os\n"})).returncode == 0  # excluded

    workflow = write(repo, {".github/workflows/ci.yml": b"on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
                                                          b"    steps:\n      - run: echo $UNQUOTED $1\n"
                                                          b"      - uses: actions/checkout@v7\n"
                                                          b"        with: {nonsense: 1}\n"})
    result = pre_commit(repo, "actionlint", workflow)
    assert result.returncode == 1
    assert "nonsense" in result.stdout
    if shutil.which("shellcheck"):  # `make system-deps` installs it
        assert "SC2086" in result.stdout


@needs_git
def test_gwr_check_hook_names_the_committed_catalog(tmp_path, project_copier):
    """A broken catalog fails the commit with its file and line; only the files passed are reported."""
    repo = git_repo(project_copier(tmp_path / "repo"))
    catalog = repo / "translations" / "en" / "action-2.po"
    text = catalog.read_text(encoding="utf-8")
    start = text.index('msgstr "', text.index("msgctxt"))
    catalog.write_text(text[:start] + 'msgstr "unterminated\n' + text[text.index("\n", start) + 1:], encoding="utf-8")
    broken_line = text[:start].count("\n") + 1
    result = pre_commit(repo, "gwr-check", ["translations/en/action-2.po"])
    assert result.returncode == 1
    findings = [line for line in result.stdout.splitlines() if ": error: " in line or ": warning: " in line]
    assert f"translations/en/action-2.po:{broken_line}: error: [po-syntax]" in result.stdout, result.stdout[-3000:]
    assert all(line.startswith("translations/en/action-2.po:") for line in findings), findings
    skipped = pre_commit(repo, "gwr-check", ["generator/cli.py"])
    assert skipped.returncode == 0 and "(no files to check)Skipped" in skipped.stdout


def project_files() -> list[str]:
    """The files a commit can hold: tracked, plus new ones not ignored."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    return sorted(name for name in listed if name and (ROOT / name).is_file() and not (ROOT / name).is_symlink())


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_project_files_need_no_fixing_and_pass_ruff(tmp_path):
    """Every hook but gwr check (the suite tests the catalogs) on a copy of the project's files: none fails."""
    repo = git_repo(tmp_path / "repo")
    files = [name for name in project_files() if name not in (CONFIG.name, "pyproject.toml")]
    for name in files:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    result = pre_commit(repo, None, files + [CONFIG.name, "pyproject.toml"], SKIP="gwr-check")
    assert result.returncode == 0, result.stdout[-5000:]
    assert "Passed" in result.stdout and "Failed" not in result.stdout
    changed = [name for name in files if (repo / name).read_bytes() != (ROOT / name).read_bytes()]
    assert changed == []


def test_ruff_passes_on_the_repository():
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
