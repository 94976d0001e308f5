"""The site as a reader meets it, in a browser: accessible (axe-core), on a phone, in both languages,
with no failing request, the switcher keeping the reader's place, a clean printout."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = ["", "plan/", "exemplar-4/", "action-3/", "closing/", "targets/", "glossary/", "merchants/",
              "highlights/", "source-notes/", "translation-status/", "contributing/", "404.html"]
EDITIONS = ["", "en/"]


@pytest.fixture(scope="module")
def reader_site(served_site):
    return served_site


def open_page(browser, url: str, **context):
    page = browser.new_context(**context).new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"other host: {r.url}")
            if not r.url.startswith(url.split("/", 3)[0] + "//" + url.split("/", 3)[2]) and
            not r.url.startswith("data:") else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, problems


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by `make test` (npm ci)")
@pytest.mark.parametrize("context", [
    {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "color_scheme": "dark"},
], ids=["1280-light", "390-touch-dark"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_serious_accessibility_violation_on_any_page_type(browser, reader_site, edition, context):
    """axe's serious and critical violations, tap targets included (target-size, WCAG 2.2 2.5.8, which axe
    leaves out unless asked), on every page type; benchmarks/web_quality.py covers all four combinations."""
    _, base = reader_site
    found = {}
    for path in PAGE_TYPES:
        page, _ = open_page(browser, base + edition + path, **context)
        page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the site's CSP refuses inline ones
        result = page.evaluate("axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})")
        serious = [f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[edition + path] = serious
        page.context.close()
    assert found == {}


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_load_without_a_failing_or_foreign_request(browser, reader_site, edition):
    _, base = reader_site
    for path in ["", "action-3/", "targets/", "glossary/"]:
        page, problems = open_page(browser, base + edition + path)
        page.context.close()
        assert problems == [], path


@pytest.mark.parametrize("edition", EDITIONS)
def test_phone_layout_fits_and_chart_text_is_readable(browser, reader_site, edition):
    _, base = reader_site
    for path in PAGE_TYPES[:-1]:
        page, _ = open_page(browser, base + edition + path, viewport={"width": 390, "height": 844})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path}: {overflow}px wider than the phone"
        smallest = page.evaluate("""Math.min(99, ...[...document.querySelectorAll('.gwr-chart *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
        assert smallest >= 12, f"{path}: chart text of {smallest}px"
        page.context.close()


@pytest.mark.parametrize("start, anchor, target", [
    ("action-3/", "action-3.task-2.s2", "en/action-3/"),
    ("en/exemplar-2/", "exemplar-2.p1.s1", "exemplar-2/"),
])
def test_language_switcher_keeps_the_anchor(browser, reader_site, start, anchor, target):
    _, base = reader_site
    page, _ = open_page(browser, f"{base}{start}#{anchor}")
    lang = "en" if target.startswith("en/") else "zh-Hans"
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{lang}"]')
    page.wait_for_url(f"{base}{target}#{anchor}", timeout=10_000)
    assert page.evaluate("document.documentElement.lang") == lang
    page.context.close()


def test_print_shows_the_text_without_the_site_chrome(browser, reader_site):
    _, base = reader_site
    page, _ = open_page(browser, base + "en/action-3/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.context.close()


def pair_boxes(page, segment: str) -> tuple[dict, dict]:
    """Where a sentence and its counterpart in the other language are drawn."""
    main = page.locator(f'[id="{segment}"]').bounding_box()
    other = page.locator(f'.gwr-other [data-seg="{segment}"]').bounding_box()
    return main, other


@pytest.mark.parametrize("width, beside", [(1280, True), (390, False)])
def test_side_by_side_beside_on_a_wide_screen_under_on_a_phone_and_remembered(browser, reader_site, width, beside):
    _, base = reader_site
    page, problems = open_page(browser, base + "action-3/", viewport={"width": width, "height": 900})
    assert page.locator(".gwr-other").first.is_hidden()  # single language by default
    page.click('label[for="gwr-parallel"]')
    main, other = pair_boxes(page, "action-3.task-1.s1")
    assert other is not None and other["height"] > 0
    if beside:
        assert other["x"] > main["x"] + main["width"] - 1 and abs(other["y"] - main["y"]) < 40
    else:
        assert other["y"] > main["y"] + main["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # Remembered on the next page, in the other edition too.
    page.goto(base + "en/exemplar-4/")
    page.wait_for_load_state("networkidle")
    assert page.is_checked("#gwr-parallel") and page.locator(".gwr-other").first.is_visible()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the site's CSP refuses inline ones
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    page.context.close()
    assert problems == []


def test_side_by_side_and_paragraph_links_work_without_javascript(browser, reader_site):
    _, base = reader_site
    page, _ = open_page(browser, base + "en/exemplar-2/", java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.click('label[for="gwr-parallel"]')
    assert page.locator('.gwr-other [data-seg="exemplar-2.p1.s1"]').is_visible()
    page.click('a.gwr-copy[href="#exemplar-2.p1"]', force=True)
    assert page.url.endswith("#exemplar-2.p1")
    page.context.close()


def test_copy_link_shows_on_focus_and_copies_the_address(browser, reader_site):
    _, base = reader_site
    page, _ = open_page(browser, base + "exemplar-2/", viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    link = page.locator('a.gwr-copy[href="#exemplar-2.p1"]')
    assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
    link.focus()
    assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
    link.click()
    page.wait_for_function("document.querySelector('.gwr-copied').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == base + "exemplar-2/#exemplar-2.p1"
    assert page.locator(".gwr-copied").text_content() == "链接已复制"
    page.context.close()


class _LangRuns(HTMLParser):
    """Text of the other language outside an element that says its language."""

    def __init__(self, other: str, pattern: str) -> None:
        super().__init__(convert_charrefs=True)
        self.other, self.pattern, self.stack, self.unmarked = other, re.compile(pattern), [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if "body" not in tags or {"script", "style", "title"} & set(tags):
            return
        langs = [lang for _, lang in self.stack if lang]
        if (not langs or not langs[-1].startswith(self.other)) and self.pattern.search(data):
            self.unmarked.append(data.strip()[:60])


@pytest.mark.parametrize("rel", ["action-1", "action-3", "exemplar-8", "glossary", "review", "merchants", "targets"])
def test_chinese_in_the_english_edition_says_it_is_chinese(reader_site, rel):
    site, _ = reader_site
    parser = _LangRuns("zh", r"[\u4e00-\u9fff]")
    parser.feed((site / "en" / rel / "index.html").read_text(encoding="utf-8"))
    assert parser.unmarked == []


def test_english_in_the_chinese_glossary_says_it_is_english(reader_site):
    site, _ = reader_site
    html = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<dt><dfn>[^<]+</dfn> <span lang="en">([^<]+)</span>', html)
    assert len(names) > 250  # every entry's English rendering is marked as English
    assert 'lang="en">Descriptive rendering' in html or 'lang="en">' in html.split("gwr-term-meta", 1)[1]
