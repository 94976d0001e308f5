#!/usr/bin/env python3
"""Install the locked dependencies into the environment of the Python running this (the Makefile's .venv).

    .venv/bin/python scripts/install.py site   # make site: requirements.lock, then the project itself
    .venv/bin/python scripts/install.py test   # make test: requirements-dev.lock (which includes the above)

Nothing is installed that the locks do not name with its sha256: every pip call has --require-hashes or
installs no package from the index (the project itself: --no-deps). The build backend (setuptools, pinned in
pyproject.toml and in requirements.lock) is installed first, so that the source archives of the lock
(jieba) and the project are built with it (--no-build-isolation) instead of a setuptools fetched unpinned.

When pip fails because the package index cannot be reached, one line says so (after pip's own messages),
and the exit status is pip's.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"site": ROOT / "requirements.lock", "test": ROOT / "requirements-dev.lock"}
PIP = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
OFFLINE_HINT = ("pip could not reach the package index (offline?): make {target} needs PyPI once to {what}; "
                "see README (Two commands)")
WHAT = {"site": "create .venv", "test": "add the test tools to .venv"}
# What pip says when the index cannot be reached (connection refused, no DNS, no route, a proxy or TLS
# failure, a timeout), and what it concludes from an index that answered nothing.
UNREACHABLE = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Max retries exceeded|Temporary failure in name "
    r"resolution|Name or service not known|Network is unreachable|Connection refused|ConnectTimeout|"
    r"ReadTimeout|timed out|ProxyError|SSLError|No matching distribution found|"
    r"Could not find a version that satisfies")


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in LOCKS:
        print(__doc__, file=sys.stderr)
        return 2
    target = argv[0]
    with tempfile.TemporaryDirectory(prefix="gwr-install-") as tmp:
        for step in steps(target, Path(tmp)):
            code = pip(step, target)
            if code:
                return code
    return 0


def steps(target: str, folder: Path) -> list[list[str]]:
    """The arguments of each `pip install` for `make site` or what `make test` adds (folder: for a file)."""
    if target == "site":
        return [
            ["--require-hashes", "--no-deps", "-r", str(build_backend_lock(folder))],
            ["--require-hashes", "--no-build-isolation", "-r", str(LOCKS["site"])],
            ["--no-deps", "--no-build-isolation", "--editable", str(ROOT)],  # the project: no package fetched
        ]
    return [["--require-hashes", "--no-build-isolation", "-r", str(LOCKS["test"])]]


def build_backend_lock(folder: Path) -> Path:
    """The entries of requirements.lock that pyproject.toml's [build-system] requires, in a file of their own."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    names = {_canonical(re.split(r"[=<>!~;\[ ]", r, maxsplit=1)[0]) for r in requires}
    lock = LOCKS["site"].read_text(encoding="utf-8")
    entries = [entry for entry in re.split(r"\n(?=\S)", lock)
               if not entry.startswith("#") and _canonical(entry.split("==", 1)[0]) in names]
    if len(entries) != len(names):
        sys.exit(f"{LOCKS['site'].name} does not pin the build backend {sorted(names)}: run `make lock`")
    path = folder / "build-backend.lock"
    path.write_text("\n".join(entries) + "\n", encoding="utf-8")
    return path


def pip(args: list[str], target: str) -> int:
    """pip install; its messages are passed on, then, on failure, one line of what to do."""
    done = subprocess.run([*PIP, *args], stderr=subprocess.PIPE, text=True)
    sys.stderr.write(done.stderr)
    if done.returncode:
        if UNREACHABLE.search(done.stderr):
            print(OFFLINE_HINT.format(target=target, what=WHAT[target]), file=sys.stderr)
        else:
            print(f"pip install failed (above): .venv is incomplete; make {target} tries again", file=sys.stderr)
    return done.returncode


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
