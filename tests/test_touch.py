"""On a phone, on paper and off the map (issue 20): a glossary term tapped shows its definition in place,
controls big enough for a finger (WCAG 2.2, 2.5.8: at least 24 × 24 px; axe's target-size on every page
type is in test_reader.py), the not-found
page, Chinese marked on the English source notes, a printout's address and date, and the colour scheme
chosen in one edition kept in the other."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
READER_PAGES = {"home": "", "part": "plan/", "exemplar": "exemplar-4/", "action": "action-3/", "targets": "targets/",
                "glossary": "glossary/", "merchants": "merchants/", "highlights": "highlights/"}
EDITIONS = ["", "en/"]
TERM = 'a.gwr-term[href$="#term-zhong-ou-ban-lie"]'  # 中欧班列, on the page of action 3 in both editions
AXE_WITH_TARGET_SIZE = "axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"


@pytest.fixture(scope="module")
def touch_site(served_site):
    return served_site


def open_page(browser, url: str, context: dict):
    page = browser.new_context(**context).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


def serious(page) -> list[str]:
    """axe's serious and critical violations, target-size included (axe leaves it out unless asked)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the site's CSP refuses inline ones
    result = page.evaluate(AXE_WITH_TARGET_SIZE)
    return [f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def box(locator) -> tuple[float, float]:
    rect = locator.bounding_box()
    return rect["width"], rect["height"]


# --- a term tapped ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition, counterpart", [("", "China-Europe Railway Express"), ("en/", "中欧班列")])
def test_a_tapped_term_shows_its_definition_in_place(browser, touch_site, edition, counterpart):
    _, base = touch_site
    url = f"{base}{edition}action-3/"
    page, errors = open_page(browser, url, PHONE)
    term = page.locator(TERM).first
    term.scroll_into_view_if_needed()
    term.tap()
    dialog = page.locator("#gwr-term-pop")
    dialog.wait_for(state="visible", timeout=5_000)
    assert page.url.split("#")[0] == url  # the reader stays on the page (Material tracks the heading in the hash)
    assert dialog.get_attribute("role") == "dialog"
    assert page.evaluate("document.activeElement.id") == "gwr-term-pop"
    assert term.get_attribute("aria-expanded") == "true" and term.get_attribute("aria-controls") == "gwr-term-pop"
    name = page.locator("#" + dialog.get_attribute("aria-labelledby"))
    text = page.locator("#" + dialog.get_attribute("aria-describedby"))
    assert name.inner_text() == term.inner_text()
    assert counterpart in text.inner_text() and "Zhōng'ōu Bānliè" in text.inner_text()
    if edition:  # the Chinese in the English definition says it is Chinese; the dialog speaks the page's language
        assert text.locator('[lang="zh-Hans"]').first.inner_text() == counterpart
        assert dialog.get_attribute("lang") == "en"
    entry = dialog.locator("a")
    assert entry.get_attribute("href") == term.get_attribute("href")
    left, right = page.evaluate("(r => [r.left, r.right])(document.getElementById('gwr-term-pop').getBoundingClientRect())")
    assert 0 <= left and right <= 390  # on the screen
    for control in (entry, dialog.locator("button")):
        width, height = box(control)
        assert width >= 24 and height >= 24
    assert serious(page) == []

    # Dismissed by a tap elsewhere, by Escape (focus back on the term) and by the close button.
    page.locator("h1").tap()
    assert dialog.count() == 0 and term.get_attribute("aria-expanded") == "false"
    term.tap()
    page.keyboard.press("Escape")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.matches('a.gwr-term')")
    term.tap()
    dialog.locator("button").tap()
    assert dialog.count() == 0

    # The link in it leads to the entry, open.
    term.tap()
    entry.tap()
    page.wait_for_url(f"{base}{edition}glossary/#term-zhong-ou-ban-lie", timeout=10_000)
    assert page.locator('[id="term-zhong-ou-ban-lie"]').is_visible()
    assert errors == []
    page.context.close()


def test_a_term_opens_from_the_keyboard_on_a_touch_device(browser, touch_site):
    _, base = touch_site
    page, _ = open_page(browser, base + "en/action-3/", PHONE)
    term = page.locator(TERM).first
    assert term.get_attribute("aria-haspopup") == "dialog" and term.get_attribute("aria-expanded") == "false"
    term.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#gwr-term-pop")
    dialog.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('gwr-term-pop-link')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Close"
    page.keyboard.press("Enter")
    assert dialog.count() == 0
    assert page.evaluate("document.activeElement.matches('a.gwr-term')")
    page.context.close()


def test_a_mouse_still_follows_a_term_to_its_entry(browser, touch_site):
    _, base = touch_site
    page, _ = open_page(browser, base + "action-3/", DESKTOP)
    term = page.locator(TERM).first
    assert term.get_attribute("aria-haspopup") is None  # a link, as it always was
    term.click()
    page.wait_for_url(base + "glossary/#term-zhong-ou-ban-lie", timeout=10_000)
    page.context.close()


# --- tap targets ---------------------------------------------------------------------------------------------

def test_copy_links_are_visible_on_touch(browser, touch_site):
    _, base = touch_site
    page, _ = open_page(browser, base + "exemplar-2/", PHONE)
    link = page.locator('a.gwr-copy[href="#exemplar-2.p1"]')
    assert link.evaluate("e => getComputedStyle(e).opacity") == "1" and link.is_visible()
    width, height = box(link)
    assert width >= 24 and height >= 24
    page.context.close()


@pytest.mark.parametrize("context", [DESKTOP, PHONE], ids=["1280", "390-touch"])
@pytest.mark.parametrize("path, selector", [
    ("glossary/", ".gwr-index-bar a"),  # the letter index
    ("en/glossary/", ".gwr-index-bar a"),
    ("en/review/", ".gwr-note-ref a"),  # note markers
    ("en/review/", "a.gwr-note-back"),
    ("action-1/", ".gwr-note-ref a"),
    ("action-3/", "#gwr-parallel"),  # the side-by-side box
    ("en/action-3/", "#gwr-parallel"),
    ("en/plan/", "a.gwr-copy"),
])
def test_small_controls_are_at_least_24_px(browser, touch_site, context, path, selector):
    _, base = touch_site
    page, _ = open_page(browser, base + path, context)
    sizes = page.locator(selector).evaluate_all("els => els.map(e => [e.getBoundingClientRect().width, "
                                                "e.getBoundingClientRect().height])")
    assert sizes, selector
    assert min(w for w, _ in sizes) >= 24 and min(h for _, h in sizes) >= 24, sizes[:5]
    page.context.close()


def test_larger_markers_leave_the_lines_where_they_were(browser, touch_site):
    """A 24 px marker in a line of text opens no gap in its paragraph: the lines are evenly spaced."""
    _, base = touch_site
    page, _ = open_page(browser, base + "en/review/", DESKTOP)
    gaps = page.evaluate("""(() => {
        const para = document.querySelector('.gwr-note-ref a').closest('p');
        const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
        const tops = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('sup') || !node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            tops.push(...[...range.getClientRects()].map(r => r.top));
        }
        const lines = [];
        for (const top of tops.sort((a, b) => a - b)) if (!lines.length || top - lines.at(-1) > 6) lines.push(top);
        return lines.slice(1).map((top, i) => top - lines[i]);
    })()""")
    assert len(gaps) >= 2 and max(gaps) - min(gaps) <= 2, gaps
    page.context.close()


# --- the smaller items -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition, title, query", [("", "页面不存在", "中欧班列"), ("en/", "Page not found", "railway")])
def test_the_not_found_page_says_so_and_offers_search(browser, touch_site, edition, title, query):
    _, base = touch_site
    page, _ = open_page(browser, f"{base}{edition}404.html", DESKTOP)
    assert page.title().startswith(title)
    form = page.locator("form[role=search]")
    form.locator("input[type=search]").fill(query)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.url.startswith(f"{base}{edition}?q=")
    page.context.close()


def test_chinese_on_the_english_source_notes_says_it_is_chinese(touch_site):
    from test_reader import _LangRuns

    site, _ = touch_site
    parser = _LangRuns("zh", r"[\u4e00-\u9fff]")
    parser.feed((site / "en" / "source-notes" / "index.html").read_text(encoding="utf-8"))
    assert parser.unmarked == []


@pytest.mark.parametrize("path", ["en/action-3/", "", "glossary/"])
def test_a_printout_carries_the_address_and_the_date(browser, touch_site, path):
    from generator.site.build import build_timestamp

    _, base = touch_site
    page, _ = open_page(browser, base + path, DESKTOP)
    line = page.locator(".gwr-print-line")
    assert line.is_hidden()  # on paper only
    page.emulate_media(media="print")
    assert line.is_visible()
    canonical = page.get_attribute("link[rel=canonical]", "href")
    date = datetime.fromtimestamp(build_timestamp(ROOT), tz=timezone.utc).strftime("%Y-%m-%d")
    assert canonical == base + path and canonical in line.inner_text() and date in line.inner_text()
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.context.close()


def test_the_colour_scheme_chosen_in_one_edition_holds_in_the_other(browser, touch_site):
    _, base = touch_site
    context = browser.new_context(**DESKTOP, color_scheme="light")
    page = context.new_page()

    def scheme(url):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page.evaluate("document.body.dataset.mdColorScheme")

    def toggle():
        page.locator('[data-md-component="palette"] label:not([hidden])').click()
        page.wait_for_function("localStorage.length > 0")

    assert scheme(base + "action-3/") == "default"
    toggle()
    assert scheme(base + "en/action-3/") == "slate"  # chosen in Chinese, kept in English
    toggle()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert scheme(base + "exemplar-2/") == "default"  # and back
    assert scheme(base + "en/") == "default"
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.endsWith('__palette'))")
    assert keys == ["/.__palette"]  # one choice for the whole site
    context.close()
