"""The GitHub workflows: actionlint passes, and what they must do they do (read-only pull requests with
annotations, the tests, the link check and the preview artifact; Pages deployed from main for its address).
Every action is pinned by the full SHA of a commit, with its release in a comment (a tag can be moved)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
BIN = Path(sys.executable).parent  # the project's .venv: actionlint is pinned in requirements-dev.lock
SHELLCHECK = shutil.which("shellcheck")  # Debian's, from `make system-deps` (GitHub runners have it too)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")  # owner/repo[/path]@<commit SHA>
# `uses: owner/repo@<SHA> # v4.2.2`: the release the SHA is, for readers and Dependabot (which updates both).
PINNED_LINE = re.compile(r"^\s*(- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")
# Actions whose release could not be resolved to a commit here (no copy of the repository with the tag); each
# is pinned by its tag until someone checks the SHA, e.g. `git ls-remote https://github.com/actions/configure-pages
# v6.0.0`, and pins it. An entry whose action is pinned by SHA already, or no longer used, fails the tests.
NOT_YET_PINNED = {"actions/configure-pages@v6"}


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint, with ShellCheck on every `run:` script where it is installed (`make test` installs it)."""
    return subprocess.run([str(BIN / "actionlint"), "-no-color", "-oneline", "-shellcheck", SHELLCHECK or "",
                           "-pyflakes=", *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key `on` as a boolean
        workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def scripts(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in steps(workflow) if "uses" in step] + \
        [job["uses"] for job in workflow["jobs"].values() if "uses" in job]


def problems(workflow: dict) -> list[str]:
    """What no workflow of the project may do."""
    found = []
    on = workflow.get("on") or {}
    if "pull_request_target" in (on if isinstance(on, (dict, list)) else [on]):
        found.append("pull_request_target runs pull-request code with a write token")
    if not isinstance(workflow.get("permissions"), dict):
        found.append("no top-level permissions: the token gets the repository's default (possibly write-all)")
    elif {k: v for k, v in workflow["permissions"].items() if v != "none"} != {"contents": "read"}:
        found.append(f"top-level permissions beyond contents: read: {workflow['permissions']}")
    for name, job in workflow.get("jobs", {}).items():
        if job.get("permissions") in ("write-all", "read-all"):
            found.append(f"job {name}: permissions {job['permissions']}")
        for step in job.get("steps", []):
            if step.get("continue-on-error"):
                found.append(f"job {name}: step {step.get('name')!r} cannot fail the job")
    for ref in uses(workflow):
        if not PINNED.match(ref) and ref not in NOT_YET_PINNED:
            found.append(f"{ref}: not pinned to a commit (owner/repo@<40-hex SHA> # vX.Y.Z)")
    return found


def unannotated_pins(text: str) -> list[str]:
    """`uses:` lines with a SHA but without the release it is (`# vX.Y.Z`) in a comment."""
    return [line.strip() for line in text.splitlines() if re.search(r"uses: \S+@[0-9a-f]{40}", line)
            and not PINNED_LINE.match(line)]


def with_release_tags(text: str) -> str:
    """The workflow as actionlint knows it: `@<SHA> # v7.0.1` back to `@v7`. actionlint checks the inputs of
    the popular actions by their major release and cannot tell the release of a SHA."""
    return "\n".join(PINNED_LINE.sub(lambda m: f"{m[0].split('uses:')[0]}uses: {m[2]}@{m[4].split('.')[0]}", line)
                     for line in text.split("\n"))


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def test_the_two_workflows_exist():
    assert PULL_REQUEST in all_workflows() and PUBLISH in all_workflows()


def test_actionlint_passes(tmp_path):
    result = actionlint(*all_workflows())
    assert result.returncode == 0, result.stdout + result.stderr
    tagged = []  # and with the inputs of each action checked, which actionlint does by release tag only
    for path in all_workflows():
        tagged.append(tmp_path / path.name)
        tagged[-1].write_text(with_release_tags(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = actionlint(*tagged)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_bad_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(with_release_tags(PULL_REQUEST.read_text(encoding="utf-8"))
                   .replace("cache-dependency-path: |", "cache-dependency-pth: |")
                   .replace("run: make venv", "run: echo ${{ github.event.pull_request.title }}")
                   .replace("run: make test", "run: make test $UNQUOTED"), encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert '"cache-dependency-pth" is not defined' in result.stdout
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout
    if SHELLCHECK:
        assert "SC2086" in result.stdout  # "Double quote to prevent globbing and word splitting"


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_no_workflow_breaks_the_rules(path):
    assert problems(load(path)) == []


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_every_sha_names_its_release(path):
    assert unannotated_pins(path.read_text(encoding="utf-8")) == []


def test_the_rules_can_fail():
    bad = {"on": {"pull_request_target": None}, "permissions": {"contents": "write"},
           "jobs": {"x": {"permissions": "write-all", "steps": [
               {"uses": "actions/checkout@main"}, {"uses": "actions/setup-python@a1b2c3d"},
               {"name": "tests", "run": "make test", "continue-on-error": True}]}}}
    assert len(problems(bad)) == 6
    # A release tag can be moved to other code: only a commit SHA pins an action.
    tagged = {"on": "push", "permissions": {"contents": "read"}, "jobs": {"x": {"steps": [
        {"uses": "actions/checkout@v7"}, {"uses": "actions/checkout@v7.0.1"},
        {"uses": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"}]}}}
    assert problems(tagged) == ["actions/checkout@v7: not pinned to a commit (owner/repo@<40-hex SHA> # vX.Y.Z)",
                                "actions/checkout@v7.0.1: not pinned to a commit (owner/repo@<40-hex SHA> # vX.Y.Z)"]
    assert unannotated_pins("      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n"
                            "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7\n"
                            "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n") \
        == ["- uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
            "- uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7"]


def test_actions_not_yet_pinned_are_still_used_by_tag():
    """The exceptions above are a list of work left, not a way round the rule: each is still in use as it is."""
    used = {ref for path in all_workflows() for ref in uses(load(path))}
    assert NOT_YET_PINNED <= used
    assert "no top-level permissions" in problems({"on": "push", "jobs": {}})[0]


def test_every_action_is_used_at_one_version():
    versions: dict[str, set[str]] = {}
    for path in all_workflows():
        for ref in uses(load(path)):
            action, _, version = ref.partition("@")
            versions.setdefault(action, set()).add(version)
    assert {a: v for a, v in versions.items() if len(v) > 1} == {}


def test_pull_requests_are_checked_read_only_with_annotations_tests_links_and_a_preview():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    run = scripts(workflow)
    for command in ("make venv", "gwr check --format github", "make site", "make system-deps", "make test",
                    "scripts/check_links.py site"):
        assert command in run, command
    # The check comes first, then the strict build and its links; the preview is uploaded before the tests.
    order = [run.index(c) for c in ("gwr check", "make site", "check_links.py", "make test")]
    assert order == sorted(order)
    (upload,) = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert steps(workflow).index(upload) < [s.get("run") for s in steps(workflow)].index("make test")
    setup = {s["uses"].split("@")[0]: s.get("with", {}) for s in steps(workflow) if "uses" in s}
    assert setup["actions/setup-python"]["python-version"] == "3.11"
    assert "actions/setup-node" in setup  # `make test` runs npm ci


def test_the_preview_comment_says_why_there_is_no_pages_preview():
    head = PULL_REQUEST.read_text(encoding="utf-8").split("\nname:")[0]
    assert "artifact" in head and "pull_request_target" in head and "pages: write" in head


def test_main_is_built_for_its_pages_address_and_deployed():
    workflow = load(PUBLISH)
    assert workflow["on"]["push"] == {"branches": ["main"]} and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    (site_step,) = [s for s in build["steps"] if s.get("run") == "make site"]
    assert "steps.pages.outputs.base_url" in site_step["env"]["GWR_SITE_URL"]
    assert site_step["env"]["GWR_SITE_URL"].endswith("/")
    names = [s.get("uses", "").split("@")[0] or s["run"] for s in build["steps"]]
    assert names.index("actions/configure-pages") < names.index("make site") < names.index(
        "actions/upload-pages-artifact")
    assert "scripts/check_links.py site --site-url" in scripts(workflow)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "write" not in build["permissions"].values()


def test_gwr_site_url_is_what_mkdocs_reads():
    assert "site_url: !ENV [GWR_SITE_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_system_deps_use_sudo_only_when_not_root(tmp_path):
    """On a GitHub runner the job is not root: apt-get goes through sudo; here (root) it does not."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1001\n")
    (fake / "id").chmod(0o755)
    as_runner = subprocess.run(["make", "-n", "system-deps"], cwd=ROOT, capture_output=True, text=True, check=True,
                               env=dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")).stdout
    assert "sudo apt-get update" in as_runner and "sudo env DEBIAN_FRONTEND=noninteractive apt-get install" in as_runner
    if os.geteuid() == 0:
        as_root = subprocess.run(["make", "-n", "system-deps"], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout
        assert "apt-get install" in as_root and "sudo" not in as_root
