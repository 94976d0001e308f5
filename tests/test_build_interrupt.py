"""What `gwr build` says when interrupted is true: "site/ was not changed" only while it was not.

build.py holds an interrupt from the swap to the end of build_site; one that lands later (its signal
handlers are restored, the build has returned) used to be reported as if the old site were still there."""

from __future__ import annotations

import os
import subprocess
import sys

GWR_ENV = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}

AFTER_THE_BUILD = """
import os, signal, sys
import generator.site.build as build
import generator.translation.checks as checks
from generator.cli import main

checks.check_project = lambda *args, **kwargs: []  # the interrupt is the subject, not the catalogs' state

build_site = build.build_site
def build_then_interrupt(*args, **kwargs):
    build_site(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C once build_site has given its signals back
build.build_site = build_then_interrupt
sys.exit(main(["build"]))
"""


def test_an_interrupt_after_the_build_returned_says_the_new_site_is_in_place(site_project):
    (site_project / "site").mkdir()
    (site_project / "site" / "old.html").write_text("the previous build")
    done = subprocess.run([sys.executable, "-c", AFTER_THE_BUILD], cwd=site_project, env=GWR_ENV,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 130, done.stderr
    assert not (site_project / "site" / "old.html").exists()  # the new site is in place …
    assert "was not changed" not in done.stderr  # … so this would be false
    assert "site/ holds the new build" in done.stderr
