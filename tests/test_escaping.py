"""Editors cannot hijack the site: payloads planted in every editable field kind stay text.

One real `gwr build` of a project copy in which a set of payloads (script, event handler,
javascript: links in Markdown and HTML, a title breakout, Jinja, attribute lists, Markdown
emphasis, code, headings and link definitions) is planted into every kind of field editors
write. The built HTML must contain none of the planted elements, attributes, scripts or
links, and the reader must see each text exactly as written, with no stray backslashes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.translation.catalogs import read_catalog, render_catalog

# One line of payloads: each would become markup if a boundary forgot to escape.
INLINE = ('<script>alert("P1")</script> <img src=x onerror=alert("P2")> [P3](javascript:alert("P3")) '
          '<a href="javascript:alert(4)">P4</a> </title><b>P5</b> {{ P6 }} {% if P7 %}{% endif %} '
          '{: onclick="alert(8)" } *P9* _P10_ `P11` \\P12 | P13 &amp; P14')
# Where a field may hold line breaks (PO strings, YAML): a heading, a link definition and a list.
MULTILINE = INLINE + '\n# P15\n[P16]: javascript:alert(16)\n- P17'
# Interface strings go through str.format when they have {placeholders}; doubled braces stay text.
INTERFACE = INLINE.replace("{", "{{").replace("}", "}}")


def shown(text: str) -> str:
    """What a reader should see: the text, with line breaks as spaces."""
    return " ".join(text.split())


class Page(HTMLParser):
    """Visible text, <title>, and everything that would make a payload live."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.title, self.live, self._stack = [], "", [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._stack.append(tag)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value}>")
        if tag == "img" and attrs.get("src") == "x":
            self.live.append("<img src=x>")

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        current = self._stack[-1] if self._stack else ""
        if current == "script" and re.search(r"alert|P\d", data):
            self.live.append(f"script: {data[:60]}")
        if current in ("b", "em", "strong", "code") and re.fullmatch(r"P(5|9|10|11)", data.strip()):
            self.live.append(f"<{current}>{data}")
        if re.fullmatch(r"h[1-6]", current) and data.strip() == "P15":
            self.live.append("planted heading")
        if current == "a" and data.strip() in ("P3", "P4", "P16"):
            self.live.append(f"planted link {data}")
        if current == "title":
            self.title += data
        elif current not in ("script", "style"):
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def set_message(path: Path, key, string: str | None = None, note: str | None = None, numbers: bool = False) -> None:
    catalog = read_catalog(path, "en")
    message = catalog.get(*key) if isinstance(key, tuple) else next(m for m in catalog if m.context == key)
    if string is not None:
        message.string = string
    if note is not None:
        message.user_comments = [f"Translator's note: {note}"]
    if numbers:  # the payload replaces a sentence with figures: explain it to the number check
        message.user_comments = ["Number check: a test payload in place of the sentence."]
    path.write_bytes(render_catalog(catalog, include_lineno=path.stem != "interface"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load(project: Path, name: str):
    return yaml.safe_load((project / "translations" / name).read_text(encoding="utf-8"))


def dump(project: Path, name: str, data) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    (project / "translations" / name).write_text(text, encoding="utf-8")


# No colon: in a heading of the print, the first colon ends the heading.
SEED_HEADING = '<script>alert("S1")</script><img src=x onerror=alert("S2")>[S3](S4) *S5*'


@pytest.fixture(scope="module")
def planted(tmp_path_factory, project_copier) -> Path:
    project = project_copier(tmp_path_factory.mktemp("escaping") / "project")
    en = project / "translations" / "en"
    set_message(en / "action-1.po", "action-1.task-1.s1", MULTILINE, numbers=True)  # PO sentence
    set_message(en / "action-1.po", "action-1.task-1.s2", note=INLINE)  # translator's note
    set_message(en / "action-1.po", "action-1.title", MULTILINE)  # title
    set_message(en / "action-1.po", "action-1.short-title", INLINE)  # short title (nav, footer)
    set_message(en / "action-1.po", "action-1.task-1.title", MULTILINE)  # task title
    set_message(en / "work-plan.po", "part-3.title", INLINE, numbers=True)  # part title (nav group)
    set_message(en / "targets.po", "action-1.task-1.s2.q1", INLINE)  # target label
    for msgid in ("首页", "来源说明", "本译文仅供参考，以中文原文为准。"):  # interface strings
        set_message(en / "interface.po", (msgid,), INTERFACE)
    glossary = load(project, "glossary/local.yaml")
    entry = next(t for t in glossary["terms"] if t["zh"] == "义博会")
    entry.update(explanation_en=MULTILINE, explanation_zh=INLINE, source_note=MULTILINE, en_variants=[INLINE])
    dump(project, "glossary/local.yaml", glossary)
    merchants = load(project, "merchants.en.yaml")
    merchants.update(title=MULTILINE, title_zh=MULTILINE, intro=MULTILINE)
    merchants["sections"][0].update(title=MULTILINE, title_zh=MULTILINE)
    merchants["sections"][0]["points"][0]["text"] = MULTILINE
    dump(project, "merchants.en.yaml", merchants)
    summaries = load(project, "summaries.en.yaml")
    summaries["exemplar-1"][0]["text"] = MULTILINE
    dump(project, "summaries.en.yaml", summaries)
    summaries_zh = load(project, "summaries.zh.yaml")
    summaries_zh["exemplar-1"][0]["text"] = MULTILINE  # the Chinese edition's key points
    dump(project, "summaries.zh.yaml", summaries_zh)
    edit(project / "seeds" / "yiwu-2026-gwr-page2.txt", "(一)全力打造全球市场典范:", f"(一)全力打造全球市场典范{SEED_HEADING}:")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"NO_MKDOCS_2_WARNING": "1"}
    # `gwr build` refuses: the checks name the markup first, so an editor hears of it before the build.
    refused = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "[safe-html] action-1.title" in refused.stdout + refused.stderr
    # The escaping must hold without the checks too (`mkdocs build`, `make serve`): build below them.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return project / "site"


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_planted_markup_anywhere(planted):
    pages = all_pages(planted)
    assert len(pages) > 60
    live = {str(p.relative_to(planted)): parse(p).live for p in pages}
    assert {page: found for page, found in live.items() if found} == {}


def test_search_indexes_hold_no_live_markup(planted):
    for index in (planted / "search" / "search_index.json", planted / "en" / "search" / "search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for field in ("title", "text"):
                live = re.search(r"<(script|img|b)\b|<[^<>]*\bon[a-z]+=|<a\b[^>]*javascript:", doc[field])
                assert not live, (doc["location"], doc[field][max(0, live.start() - 40):live.end() + 40])


@pytest.mark.parametrize("page, field_kind, text", [
    ("en/action-1", "PO sentence", MULTILINE),
    ("en/action-1", "title (h1)", MULTILINE),
    ("en/action-1", "task title", MULTILINE),
    ("en/action-1", "translator's note", INLINE),
    ("en/action-2", "short title (footer, nav)", INLINE),
    ("en/work-plan", "part title (nav)", INLINE),
    ("en/targets", "target label", INLINE),
    ("en/action-1", "interface string", INLINE),  # the notice: doubled braces print single
    ("en/glossary", "glossary explanation and source note", MULTILINE),
    ("glossary", "glossary variant and Chinese explanation", INLINE),
    ("en/merchants", "editorial title, intro, section, point", MULTILINE),
    ("en/exemplar-1", "summary point", MULTILINE),
    ("exemplar-1", "Chinese key point", MULTILINE),
    ("exemplar-1", "seed heading", SEED_HEADING),
])
def test_reader_sees_the_text_as_written(planted, page, field_kind, text):
    visible = parse(planted / page / "index.html").visible
    assert shown(text) in visible, field_kind
    assert "\\<" not in visible and "\\[" not in visible and "\\*" not in visible, field_kind


def test_titles_stay_text_in_title_element(planted):
    assert shown(MULTILINE) in parse(planted / "en" / "action-1" / "index.html").title
    assert SEED_HEADING in parse(planted / "exemplar-1" / "index.html").title


def test_no_script_runs_in_the_browser(planted, browser):
    from conftest import serve

    with serve(planted) as url:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("en/action-1/", "en/action-2/", "en/merchants/", "en/glossary/", "en/targets/", "exemplar-1/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
        page.goto(url + "en/?q=P1")  # search results show the planted titles
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        results = page.locator(".md-search-result").inner_text()
        page.close()
    assert dialogs == []
    assert "<script>" in results or "P1" in results


def test_templates_mark_only_their_own_macros_safe():
    """`| safe` is the one way around the Markdown escaping in templates: only for our macros' output."""
    templates = Path(__file__).resolve().parent.parent / "generator" / "site" / "templates"
    macros = {name for path in templates.glob("_*.j2")  # the macro files: _macros, _figures
              for name in re.findall(r"{% macro (\w+)\(", path.read_text(encoding="utf-8"))}
    for path in templates.glob("*.j2"):
        for expression in re.findall(r"{{(.*?)\|\s*safe\s*}}", path.read_text(encoding="utf-8")):
            call = re.fullmatch(r"\s*(\w+)\([^()]*\)\s*", expression)
            assert call and call.group(1) in macros, (path.name, expression)
