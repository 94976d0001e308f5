"""The real `mkdocs build --strict`, on a copy of the project (never into the repository)."""

import hashlib
import os
import re
import subprocess
import sys
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
    assert "招引采购商超125万人" in (site / "action-1" / "index.html").read_text(encoding="utf-8")
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
