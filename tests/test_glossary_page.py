"""The glossary page: a filter that matches the terms' own fields by word start (Chinese, English, variants,
pinyin with or without tones), a page light enough to render fast with nothing moving, and a printout of
what is open or a compact list."""

from __future__ import annotations

import re

import pytest

from generator.enrich.glossary_scope import load_glossary
from generator.site.glossary_view import search_words

from conftest import ROOT


@pytest.fixture(scope="module")
def terms(report):
    return {t.id: t for t in load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta).terms}


def by_zh(terms, zh):
    return next(t for t in terms.values() if t.zh == zh)


def test_the_filter_words_are_the_terms_own_fields_folded(terms):
    words = search_words(by_zh(terms, "市场采购"))
    assert words.startswith("市场采购 ") and "market procurement trade" in words and "shi chang cai gou" in words
    assert "chian town" in search_words(by_zh(terms, "赤岸"))  # Chi'an: no apostrophe, no tone marks
    assert "e commerce" in search_words(by_zh(terms, "电商"))
    lve = next(t for t in terms.values() if "ü" in t.pinyin)
    assert "v" in search_words(lve).split(" ", len(lve.zh_forms))[-1] and "ü" not in search_words(lve)
    for term in terms.values():  # only the term's names: never its explanation or the page's words
        assert "report" not in search_words(term).split() or "report" in " ".join(term.en_forms).lower()


def matches(term, query: str) -> bool:
    """The filter's rule (gwr.js), in Python: Chinese anywhere in a Chinese form; Latin where a word of
    the English forms or the pinyin starts, running on into the words after it; v and u alike."""
    words = search_words(term)
    latin = [w.replace("v", "u") for w in re.findall(r"[a-z0-9]+", words)]
    for word in re.findall(r"[\u3400-\u9fff]+|[a-z0-9]+", query.lower()):
        if re.match(r"[a-z0-9]", word):
            if not any("".join(latin[i:]).startswith(word.replace("v", "u")) for i in range(len(latin))):
                return False
        elif word not in words:
            return False
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory, project_copier):
    from conftest import built_and_served

    project = project_copier(tmp_path_factory.mktemp("glossary") / "project")
    with built_and_served(project, "mkdocs", "build", "-q") as url:
        yield project / "site", url


def filtered(browser, url: str, queries: list[str]) -> dict[str, list[str]]:
    page = browser.new_page()
    page.goto(url + "glossary/")
    page.wait_for_load_state("networkidle")
    shown = {}
    for query in queries:
        page.fill("#gwr-filter-input", query)
        shown[query] = page.eval_on_selector_all(".gwr-entry:not([hidden])", "els => els.map(e => e.id)")
        letters = page.eval_on_selector_all("details.gwr-letter", "els => els.map(e => [e.hidden, e.open, "
                                            "!!e.querySelector('.gwr-entry:not([hidden])')])")
        assert all(hidden != has and open == (has and bool(query)) for hidden, open, has in letters), query
    page.close()
    return shown


@pytest.mark.parametrize("edition", ["", "en/"])
def test_port_keeps_only_entries_with_a_word_that_starts_with_port(browser, site, terms, edition):
    shown = filtered(browser, site[1] + edition, ["port", "report", ""])
    assert 3 <= len(shown["port"]) < 20 and len(shown[""]) == len(terms)  # it kept 310 of 311 when it read the page
    assert set(shown["port"]) == {t.id for t in terms.values() if matches(t, "port")}
    for term_id in shown["port"]:  # each at the start of a word of its own fields
        fields = " ".join([*terms[term_id].en_forms, terms[term_id].pinyin]).lower()
        assert re.search(r"\bport", fields), terms[term_id].en
    assert shown["report"] == []  # a word of the page, not of any term


def test_pinyin_finds_its_terms_with_or_without_tone_marks(browser, site, terms):
    shown = filtered(browser, site[1], ["shichang", "Shìchǎng", "shi chang", "市场", "lv", "lu", "lü", "zhongou", "chi'an"])
    market = {t.id for t in terms.values() if "市场" in t.zh}
    assert len(market) > 5 and market <= set(shown["shichang"])  # every 市场 term
    assert shown["shichang"] == shown["Shìchǎng"] == shown["shi chang"]
    assert set(shown["市场"]) == {t.id for t in terms.values() if any("市场" in f for f in t.zh_forms)}
    assert shown["lv"] == shown["lu"] == shown["lü"] and by_zh(terms, "八八战略").id in shown["lv"]  # 略 lüè
    assert by_zh(terms, "中欧班列").id in shown["zhongou"] and by_zh(terms, "赤岸").id in shown["chi'an"]
    assert all(matches(terms[i], "shichang") for i in shown["shichang"])


def test_english_variants_and_spellings_find_their_terms(browser, site, terms):
    shown = filtered(browser, site[1] + "en/", ["ecommerce", "e-commerce", "E commerce", "standard container"])
    assert by_zh(terms, "电商").id in shown["ecommerce"]
    assert shown["ecommerce"] == shown["e-commerce"] == shown["E commerce"]
    assert by_zh(terms, "标箱").id in shown["standard container"]  # an English variant (TEU)


@pytest.mark.parametrize("edition", ["", "en/"])
def test_the_page_is_light_and_nothing_moves_while_it_loads(browser, site, edition):
    html = (site[0] / edition / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = html.count('class="gwr-entry"')
    # Elements per entry, page chrome included: 19.9 (6,199 for 311) when every term was a heading; 9.6 now.
    assert len(re.findall(r"<[a-zA-Z]", html)) < 11 * entries
    assert "<h3" not in html and 'data-gwr-filter hidden' not in html  # no table of contents of 311 terms
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.add_init_script("window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
                         " if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});")
    page.goto(site[1] + edition + "glossary/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.01
    assert page.is_visible("#gwr-filter-input")
    page.close()


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4", prefer_css_page_size=True)))


def test_it_prints_what_is_open_or_a_compact_list(browser, site):
    page = browser.new_page()
    page.goto(site[1] + "en/glossary/")
    page.wait_for_load_state("networkidle")
    compact = pdf_pages(page)  # nothing open: every term, names only, in two columns (84 pages before)
    assert compact <= 12
    assert page.evaluate("[...document.querySelectorAll('details.gwr-letter')].every(d => !d.open)")  # as it was
    page.click("#letter-c > summary")
    one_letter = pdf_pages(page)
    assert one_letter < compact
    assert page.evaluate("[...document.querySelectorAll('details.gwr-letter')].filter(d => d.open).map(d => d.id)") \
        == ["letter-c"]
    page.fill("#gwr-filter-input", "port")
    assert pdf_pages(page) <= 3
    page.close()
