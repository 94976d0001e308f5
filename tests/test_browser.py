"""In a real browser: search per language, and the language switcher staying on the page."""

import re

import pytest

from conftest import built_and_served


@pytest.fixture(scope="module")
def served_site(tmp_path_factory, project_copier):
    project = project_copier(tmp_path_factory.mktemp("search") / "project")
    with built_and_served(project, "mkdocs", "build", "-q") as url:
        yield url


def search(browser, base_url, query, with_links=False):
    page = browser.new_page()
    page.goto(f"{base_url}?q={query}")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    page.close()
    return (titles, links) if with_links else titles


@pytest.mark.parametrize("query, expected_page", [
    ("中欧班列", "（四）全力打造开放共赢典范"),
    ("跨境电商", "（一）实施市场繁荣行动，奋力再造贸易新辉煌"),
    ("养老", "（九）实施服务优享行动，奋力增进民生新福祉"),
])
def test_chinese_queries_find_their_pages(browser, served_site, query, expected_page):
    assert expected_page in search(browser, served_site, query)


def test_english_search_finds_english_pages_only(browser, served_site, root):
    from generator.translation.catalogs import read_catalog

    catalog = read_catalog(root / "translations" / "en" / "action-1.po", "en")
    title = catalog.get("实施市场繁荣行动，奋力再造贸易新辉煌", context="action-1.title").string
    sentence = next(m.string for m in catalog if m.context == "action-1.task-1.s1")
    word = max(re.findall(r"[A-Za-z]+", sentence), key=len).lower()  # a long, distinctive English word
    titles, links = search(browser, served_site + "en/", word, with_links=True)
    assert f"1. {title}" in titles
    assert all("/en/" in link for link in links), links
    chinese_titles = search(browser, served_site, "跨境电商")
    assert not any(t.startswith("1. ") for t in chinese_titles)


@pytest.mark.parametrize("start, target", [
    ("action-3/", "en/action-3/"),
    ("en/exemplar-2/", "exemplar-2/"),
    ("", "en/"),
    ("en/translation-status/", "translation-status/"),
])
def test_language_switcher_stays_on_the_page(browser, served_site, start, target):
    page = browser.new_page()
    page.goto(served_site + start)
    lang = "en" if target.startswith("en/") else "zh-Hans"
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{lang}"]')
    page.wait_for_url(served_site + target, timeout=10_000)
    assert page.evaluate("document.documentElement.lang") == lang
    page.close()


@pytest.mark.parametrize("path, counterpart", [("action-3/", "China-Europe Railway Express"), ("en/action-3/", "中欧班列")])
def test_glossary_tooltip_opens_on_keyboard_focus(browser, served_site, path, counterpart):
    page = browser.new_page()
    page.goto(served_site + path)
    for _ in range(200):  # Tab through the page as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("(document.activeElement.getAttribute('href') || '').endsWith('#term-zhong-ou-ban-lie')"):
            break
    else:
        pytest.fail("no glossary link for 中欧班列 reachable by keyboard")
    # Material attaches the tooltip to the focused link a moment after focus.
    tooltip_id = page.wait_for_function("document.activeElement.getAttribute('aria-describedby')",
                                        timeout=5_000).json_value()
    tooltip = page.locator(f"#{tooltip_id}")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.get_attribute("role") == "tooltip"
    assert counterpart in tooltip.inner_text() and "Zhōng'ōu Bānliè" in tooltip.inner_text()  # pinyin as it is written
    page.close()


@pytest.mark.parametrize("term", ["中欧班列", "全球数贸中心", "义新欧"])
def test_glossary_terms_are_found_as_typed(browser, served_site, term):
    """Every result that says it has the term (the term in its highlight link) has it on its page; a page
    found only through the glossary's related words says the term is missing there."""
    import urllib.parse
    import urllib.request

    titles, links = search(browser, served_site, term, with_links=True)
    claimed = {link.split("?")[0] for link in links
               if urllib.parse.parse_qs(urllib.parse.urlparse(link).query).get("h") == [term]}
    assert claimed, term
    for page in claimed:
        html = urllib.request.urlopen(page).read().decode("utf-8")
        assert term in re.sub(r"<[^>]+>|\u200b", "", html), (term, page)
