"""The real `mkdocs build --strict`, on a copy of the project (never into the repository)."""

import hashlib
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

SENTENCE_END = tuple("。！？：；”）")
OWN_SITE = "http://127.0.0.1:8000/"  # the default site_url: canonical, hreflang and sitemap links name it


class _Collector(HTMLParser):
    """Collects heading ids, paragraph texts of the report body, and external references."""

    def __init__(self):
        super().__init__()
        self.ids, self.paragraphs, self.external, self.html_lang = [], [], [], None
        self._in_para = 0
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if attrs.get("id"):
            self.ids.append((tag, attrs["id"]))
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if tag in ("script", "link", "img", "iframe") and re.match(r"(https?:)?//", value) \
                    and not value.startswith(OWN_SITE):
                self.external.append(value)
        classes = (attrs.get("class") or "").split()
        if tag == "p" and "gwr-para" in classes and "gwr-other" not in classes:  # the page's own text
            self._in_para, self._text = 1, []
        if tag == "a" and "gwr-copy" in classes:  # the paragraph's link to itself: not text
            self._in_para = self._in_para and 2

    def handle_endtag(self, tag):
        if tag == "a" and self._in_para == 2:
            self._in_para = 1
        elif tag == "p" and self._in_para:
            self.paragraphs.append("".join(self._text).strip())
            self._in_para = 0

    def handle_data(self, data):
        if self._in_para == 1:
            self._text.append(data)


def parse_html(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def build(project: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, check=True)
    return project / "site"




@pytest.fixture
def site(site_project) -> Path:
    return build(site_project)


def test_pages_exist_with_task_headings(site, report):
    from generator.source.model import SectionKind

    for exemplar in report.sections_of_kind(SectionKind.EXEMPLAR):
        page = parse_html(site / exemplar.id / "index.html")
        assert ("h1", exemplar.id) in page.ids
    actions = report.sections_of_kind(SectionKind.ACTION)
    assert len(actions) == 10 and len(report.sections_of_kind(SectionKind.EXEMPLAR)) == 8
    for action in actions:
        page = parse_html(site / action.id / "index.html")
        headings = [i for tag, i in page.ids if tag == "h2"]
        assert headings[: len(action.tasks)] == [t.id for t in action.tasks]


def edition_pages(site: Path, lang: str) -> list[Path]:
    """The HTML pages of one edition: the Chinese at the root, the others in their folder."""
    if lang == "zh":
        return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "en")
    return sorted((site / lang).rglob("*.html"))


def test_every_page_is_complete_and_self_contained(site, report):
    pages = edition_pages(site, "zh")
    assert len(pages) >= 8 + 10 + 5
    for path in pages:
        page = parse_html(path)
        assert page.html_lang == "zh-Hans", path
        assert page.external == [], (path, page.external)
        for text in page.paragraphs:
            # Where the print lacks a full stop, the sentence carries a numbered editors' note.
            assert text.endswith(SENTENCE_END) or re.search(r"\d+$", text), (path, text[-20:])
    for path in edition_pages(site, "en"):
        page = parse_html(path)
        assert page.html_lang == "en", path
        assert page.external == [], (path, page.external)
    # Nothing lost: every sentence of the report is on some page, in both editions.
    for lang in ("zh", "en"):
        all_html = "".join(p.read_text(encoding="utf-8") for p in edition_pages(site, lang))
        missing = [s.id for s in report.segments() if f'id="{s.id}"' not in all_html and s.role.value == "sentence"]
        assert missing == [], lang


def test_no_request_to_other_hosts_from_css_or_js(site):
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path


def tree_digest(folder: Path) -> dict:
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_build_is_deterministic(site_project):
    first = tree_digest(build(site_project))
    assert first == tree_digest(build(site_project))


def test_changed_seed_changes_the_site(site_project):
    seed = site_project / "seeds" / "yiwu-2026-gwr-page2.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("招引采购商超120万人", "招引采购商超125万人"), encoding="utf-8")
    site = build(site_project)
    assert "超125万人" in (site / "action-1" / "index.html").read_text(encoding="utf-8")  # 采购商 is a term link
    targets = (site / "downloads" / "targets.csv").read_text(encoding="utf-8-sig")
    assert "action-1.task-1.s2.q1,action-1.task-1.s2,target-2026" in targets and ",125,万人," in targets


def test_bad_seed_fails_the_build_with_file_and_offset(site_project):
    seed = site_project / "seeds" / "yiwu-2026-gwr-page2.txt"
    seed.write_bytes(seed.read_bytes()[:50] + b"\xff\xfe\xff" + seed.read_bytes()[50:])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=site_project,
                            env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "seeds/yiwu-2026-gwr-page2.txt" in result.stderr and "byte 50" in result.stderr


# One build at a time (issue 21): `gwr build` as a person runs it, in a copy of the project.

GWR_ENV = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}


def start_build(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *args], cwd=project, env=GWR_ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build_state(project: Path) -> list[str]:
    """What a build may leave beside site/: nothing (no staging folder, no lock file)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site", "site")))


def test_two_builds_at_once_leave_one_complete_site(site_project):
    """Builds started 0.1–0.5 s apart: both exit 0, the second waits, site/ is byte for byte one build."""
    for leftover in (".site.staging", ".site.previous", ".site.staging-999999-0badc0de"):  # of killed builds
        (site_project / leftover / "en").mkdir(parents=True)
    single = start_build(site_project)
    assert single.wait(timeout=120) == 0, single.stderr.read()
    assert build_state(site_project) == ["site"]
    reference = tree_digest(site_project / "site")
    assert len(reference) > 400  # a whole site: both editions' pages, downloads, search, the theme's files once
    for delay in (0.1, 0.25, 0.5):
        first = start_build(site_project)
        time.sleep(delay)
        second = start_build(site_project)
        outcomes = [(p.wait(timeout=120), *p.communicate()) for p in (first, second)]
        assert [code for code, _, _ in outcomes] == [0, 0], outcomes
        assert all("built site/" in out for _, out, _ in outcomes)
        assert "another build is running" in outcomes[1][2] + outcomes[0][2], outcomes
        assert sum(err.count("waiting") for _, _, err in outcomes) <= 1  # said once
        assert build_state(site_project) == ["site"], delay
        assert tree_digest(site_project / "site") == reference, delay


def hold_the_lock(project: Path):
    from generator.site.build import _exclusive, _Interrupts

    return _exclusive(project / ".site.lock", True, print, _Interrupts())


def test_a_build_waits_for_the_one_running_or_with_no_wait_fails(site_project):
    with hold_the_lock(site_project):
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--no-wait"], cwd=site_project,
                              env=GWR_ENV, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        assert f"another build is running (process {os.getpid()})" in done.stderr
        assert "site/ was not changed" in done.stderr
        assert build_state(site_project) == [".site.lock"]  # ours; the failed build left nothing
        waiting = start_build(site_project)
        line = "?"
        while line and "another build is running" not in line:  # after gwr check's findings, if any
            line = waiting.stderr.readline()
        assert line == f"another build is running (process {os.getpid()}); waiting…\n"
        time.sleep(1)
        assert waiting.poll() is None and not (site_project / "site").exists()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "built site/" in out and (site_project / "site" / "en" / "index.html").exists()
    assert build_state(site_project) == ["site"]


AFTER_THE_SWAP = """
import os, signal, sys
import generator.site.build as build
from generator.cli import main

swap = build._swap_in
def swap_then_interrupt(*args):
    swap(*args)
    os.kill(os.getpid(), signal.{signal})
build._swap_in = swap_then_interrupt
sys.exit(main(["build"]))
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_an_interrupt_after_the_swap_says_the_new_site_is_in_place(site_project, signal_name):
    (site_project / "site").mkdir()
    (site_project / "site" / "old.html").write_text("the previous build")
    done = subprocess.run([sys.executable, "-c", AFTER_THE_SWAP.format(signal=signal_name)], cwd=site_project,
                          env=GWR_ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 130
    assert "interrupted after the swap: site/ holds the new build." in done.stderr
    assert "was not changed" not in done.stderr
    assert not (site_project / "site" / "old.html").exists()
    assert (site_project / "site" / "en" / "index.html").exists()
    assert build_state(site_project) == ["site"]


def test_an_input_error_is_told_once_and_keeps_the_site(site_project):
    """The checks run while the site builds (in a process of their own): an error they find is printed once,
    with its file and line, MkDocs' own words on the same problem are not, and site/ stays as it was."""
    (site_project / "site").mkdir()
    (site_project / "site" / "old.html").write_text("the previous build")
    catalog = site_project / "translations" / "en" / "action-2.po"
    lines = catalog.read_text(encoding="utf-8").count("\n")
    with catalog.open("a", encoding="utf-8") as out:
        out.write('msgid "x"\nmsgstr ""\n"unterminated\n')
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site_project, env=GWR_ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    told = [line for line in done.stderr.splitlines() if "[po-syntax]" in line]
    assert told == [f"translations/en/action-2.po:{lines + 3}: error: [po-syntax] not a PO line: "
                    "'\"unterminated' — put the text in double quotes (\"…\"), escape quotes inside it as \\\", "
                    "or compare with `git diff`"]
    assert "WARNING" not in done.stderr
    assert "1 error(s): site/ was not changed." in done.stderr
    assert (site_project / "site" / "old.html").exists() and build_state(site_project) == ["site"]
