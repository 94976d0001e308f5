"""The site's search: the same tokens in Python (index) and in the browser (query), an index that holds
what the pages say, and a search box that finds what readers type, per language, from this host only."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.site.search.index import fnv1a
from generator.site.search.porter import stem
from generator.site.search.tokens import chains, compounds, index_tokens, query_tokens, query_variants

from conftest import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "gwr-search.js"


def run_worker_functions(texts: list[str]) -> dict:
    """chains, queryTokens, compounds, queryVariants and fnv1a of gwr-search.js, run by Node on the given texts."""
    script = (f"const g = require({json.dumps(str(WORKER))});"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify({chains: texts.map(g.chains), query: texts.map(g.queryTokens),"
              " compounds: texts.map(g.compounds), variants: texts.map(g.queryVariants), hash: texts.map(g.fnv1a)}));")
    done = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def texts(report) -> list[str]:
    """Every text the search indexes: the Chinese, the English catalogs, the glossary."""
    from generator.enrich.glossary_scope import load_glossary
    from generator.translation.catalogs import read_catalog

    found = [s.text for s in report.segments()]
    for path in sorted((ROOT / "translations" / "en").glob("*.po")):
        found += [m.string for m in read_catalog(path, "en") if m.id and m.string]
    for term in load_glossary(ROOT).terms:
        found += [*term.zh_forms, *term.en_forms, term.explanation_en, term.explanation_zh]
    return found + ["Exporting 1,200,000 petitions; RMB 60 billion", "ＡＩ赋能　２０２６年", "Chi’an chi'an e-commerce",
                    *VARIANTS, "赋能e‑commerce的 Jinhua-Yiwu-Dongyang", "state-of-the-art", "in-to"]


VARIANTS = ["ecommerce", "e-commerce", "e commerce", "E-Commerce", "E‑COMMERCE", "ｅ－ｃｏｍｍｅｒｃｅ", "e  commerce"]


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_browser_and_index_cut_every_text_alike(texts):
    browser = run_worker_functions(texts)
    for number, text in enumerate(texts):
        assert browser["chains"][number] == chains(text), text
        assert browser["query"][number] == query_tokens(text), text
        assert browser["compounds"][number] == compounds(text), text
        assert browser["variants"][number] == query_variants(text), text
        assert browser["hash"][number] == fnv1a(text), text


def test_hyphen_spacing_and_case_variants_are_one_word():
    """e-commerce is indexed under e, commerc and ecommerc: every spelling of it finds it."""
    indexed = index_tokens("cross-border e-commerce")
    for variant in VARIANTS:
        needed = query_tokens(variant)
        assert set(needed) <= set(indexed), (variant, needed)
    assert query_tokens("ecommerce") == query_tokens("E-Commerce") == query_tokens("ｅ－ｃｏｍｍｅｒｃｅ") == ["ecommerc"]
    assert query_tokens("e commerce") == ["e", "commerc"]
    assert query_tokens("cross-border") == query_tokens("crossborder") == ["crossbord"]
    assert {"jinhua", "yiwu", "dongyang", "jinhuayiwu", "yiwudongyang", "jinhuayiwudongyang"} <= set(
        index_tokens("Jinhua-Yiwu-Dongyang"))
    assert query_tokens("Yiwu-Dongyang") == ["yiwudongyang"]
    # A hyphenated word beside Chinese: the pair a query makes of it is indexed too.
    assert set(query_tokens("赋能e-commerce")) <= set(index_tokens("数字赋能e-commerce"))
    # Words typed apart that the text writes as one are tried joined when nothing holds them apart.
    assert query_variants("live streaming") == ["livestreaming"]
    assert query_variants("visa for foreigners") == []  # no pair without a stop word
    assert query_tokens(query_variants("Live  Streaming")[0]) == query_tokens("livestreaming") == ["livestream"]


@pytest.mark.parametrize("word, expected", [("petitions", "petit"), ("exporting", "export"), ("exporters", "export"),
                                            ("innovation", "innov"), ("universities", "univers"),
                                            ("generalizations", "gener"), ("hopping", "hop"), ("agreed", "agre")])
def test_porter_stems(word, expected):
    assert stem(word) == expected


def test_chinese_is_indexed_as_overlapping_pairs():
    tokens = index_tokens("开行中欧班列，市场成交额超600亿元。")
    assert {"中欧", "欧班", "班列", "600亿", "亿元", "中", "列"} <= set(tokens)
    assert "列，" not in tokens and "列市" not in tokens  # punctuation ends a run
    assert query_tokens("中欧班列") == ["中欧", "欧班", "班列"]
    assert query_tokens("600亿") == ["600亿"] and query_tokens("美") == ["美"]
    assert query_tokens("the petitions of exporters") == ["petit", "export"]


@pytest.fixture(scope="module")
def built_served(served_site):
    return served_site


@pytest.fixture(scope="module")
def built(built_served) -> Path:
    return built_served[0]


def test_each_edition_has_its_own_index_and_no_lunr_documents(built):
    for edition, lang in ((built, "zh"), (built / "en", "en")):
        meta = json.loads((edition / "search" / "gwr" / "meta.json").read_text(encoding="utf-8"))
        assert meta["lang"] == lang and len(meta["docPage"]) > 500
        lunr = json.loads((edition / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert lunr["docs"] == []  # Material's search box stays, its index holds nothing
        html = (edition / "action-1" / "index.html").read_text(encoding="utf-8")
        assert "gwr-search.js" in html and "workers/search." not in html


def test_index_holds_every_sentence_under_its_tokens(built, report):
    meta = json.loads((built / "search" / "gwr" / "meta.json").read_text(encoding="utf-8"))
    shards = {}
    for path in (built / "search" / "gwr" / "t").glob("*.json"):
        shards.update(json.loads(path.read_text(encoding="utf-8")))
    docs = []
    for n in range(len(list((built / "search" / "gwr" / "d").glob("*.json")))):
        docs += json.loads((built / "search" / "gwr" / "d" / f"{n}.json").read_text(encoding="utf-8"))
    assert len(docs) == len(meta["docPage"])
    by_anchor: dict[str, int] = {}
    for number, (anchor, *_) in enumerate(docs):
        if anchor:
            by_anchor.setdefault(anchor, number)  # the sentence itself; its related words follow it
    for segment in [s for s in report.segments() if s.role.value == "sentence"][::7]:
        number = by_anchor[segment.id]
        for token in index_tokens(segment.text):
            assert number in shards[token][::2], (segment.id, token)


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built_served) -> str:
    return built_served[1]


def results(browser, url: str, path: str, query: str) -> tuple[list[str], list[str]]:
    """Result page paths in order, and every URL the page requested; the query typed as a reader would."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from search_hits import open_search, results_for, type_query

    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    idle = list(requested)
    open_search(page)
    type_query(page, query)
    links = results_for(page, query)
    page.close()
    paths = list(dict.fromkeys(link.removeprefix(url).split("?")[0].split("#")[0] for link in links))
    return paths, idle + [r for r in requested if r not in idle]


@pytest.mark.parametrize("path, query, first", [
    ("action-1/", "中欧班列", "action-3/"),
    ("", "600亿", "action-1/"),
    ("exemplar-2/", "美妆", "action-5/"),
    ("en/", "petitions", "en/action-10/"),
    ("en/action-2/", "RMB 60 billion", "en/action-1/"),
    ("en/", "China-Europe Railway Express", "en/action-3/"),
])
def test_search_box_finds_what_readers_type(browser, served, path, query, first):
    paths, requested = results(browser, served, path, query)
    assert paths and paths[0] == first, paths
    edition = "en/" if path.startswith("en/") else ""
    assert all(p.startswith(edition) if edition else not p.startswith("en/") for p in paths)  # one index per language
    assert all(r.startswith(served) for r in requested)  # nothing from any other host


def test_a_page_not_searched_downloads_no_index(browser, served):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served + "en/action-3/")
    page.wait_for_load_state("networkidle")
    page.close()
    assert not [r for r in requested if "/search/gwr/" in r]


def test_glossary_entries_are_one_labelled_group_after_the_report(browser, served):
    paths, _ = results(browser, served, "", "义博会")
    assert paths[0] == "action-1/" and paths[-1] == "glossary/" and paths.count("glossary/") == 1


# --- where the report is silent, spellings that differ, what typing costs --------------------------------


def answer(browser, url: str, path: str, query: str, click_nearest: str | None = None) -> dict:
    """What the search box shows for a query typed as a reader would: result pages, the 'no result' line,
    the nearest terms offered; with click_nearest, what it shows after that term is clicked."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from search_hits import open_search, results_for, type_query

    page = browser.new_page()
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    open_search(page)
    type_query(page, query)
    links = results_for(page, query)
    shown = {"pages": list(dict.fromkeys(link.removeprefix(url).split("?")[0].split("#")[0] for link in links)),
             "meta": page.inner_text(".md-search-result__meta"),
             "nearest": page.locator(".gwr-nearest a[data-gwr-query]").all_inner_texts(),
             "entries": [a.get_attribute("href") for a in page.locator(".gwr-nearest a.gwr-nearest-entry").all()]}
    if click_nearest:
        page.locator(".gwr-nearest a[data-gwr-query]", has_text=click_nearest).first.click()
        links = results_for(page, click_nearest)
        shown["after"] = list(dict.fromkeys(link.removeprefix(url).split("?")[0].split("#")[0] for link in links))
        shown["box"] = page.input_value("input.md-search__input")
        shown["open"] = page.evaluate("document.getElementById('__search').checked")
    page.close()
    return shown


@pytest.mark.parametrize("path, query, nearest, none", [
    ("en/action-1/", "export tax rebate", "market procurement trade", "No matching documents"),
    ("action-1/", "出口退税", "市场采购", "没有找到符合条件的结果"),
])
def test_a_query_the_report_is_silent_on_finds_nothing_and_offers_the_nearest_terms(browser, served, path, query,
                                                                                    nearest, none):
    shown = answer(browser, served, path, query, click_nearest=nearest)
    assert shown["pages"] == [] and shown["meta"] == none  # not pages without the words, struck out
    assert nearest in shown["nearest"] and len(shown["nearest"]) <= 5
    edition = "en/" if path.startswith("en/") else ""
    assert all(href.startswith(f"{served}{edition}glossary/#term-") for href in shown["entries"])
    # A nearest term is a search of its own: the box keeps open and shows its results.
    assert shown["box"] == nearest and shown["open"] and shown["after"]


def test_a_query_without_a_term_near_it_says_no_result_alone(browser, served):
    shown = answer(browser, served, "en/", "bitcoin")
    assert shown["pages"] == [] and shown["nearest"] == [] and shown["meta"] == "No matching documents"


@pytest.mark.parametrize("query", ["ecommerce", "E-Commerce", "e commerce", "ECOMMERCE", "cross border e commerce",
                                   "crossborder ecommerce"])
def test_hyphen_spacing_and_case_variants_find_the_same_pages(browser, served, query):
    expected = answer(browser, served, "en/", "e-commerce" if "cross" not in query else "cross-border e-commerce")
    shown = answer(browser, served, "en/", query)
    assert shown["pages"][:3] and set(shown["pages"][:3]) <= set(expected["pages"][:5]), (shown, expected)


def test_words_typed_apart_find_what_the_report_writes_as_one(browser, served):
    assert "en/action-1/" in answer(browser, served, "en/", "live streaming")["pages"][:3]  # livestreaming


def test_typing_letter_by_letter_fetches_each_index_file_once_and_then_from_the_cache(browser, built):
    """Results are computed once the typing pauses; each index file is fetched once a page; a later page
    asks the server for the index's stamp only (meta.json), the rest comes from the browser's cache."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from search_hits import open_search, results_for
    from search_silent import counting_server

    query = "cross-border e-commerce platforms"
    with counting_server(built) as (url, hits):
        context = browser.new_context()
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url) if "/search/gwr/" in request.url else None)
        counts = []
        for path in ("en/action-1/", "en/action-3/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            open_search(page)
            requested.clear()
            hits.clear()
            page.keyboard.type(query, delay=40)
            assert "en/action-1/" in [link.removeprefix(url).split("?")[0] for link in results_for(page, query)]
            page.wait_for_load_state("networkidle")
            counts.append((list(requested), dict(hits)))
        context.close()
    (first, first_hits), (second, second_hits) = counts
    assert len(first) == len(set(first))  # 33 keys: each file at most once
    assert all("?v=" in r for r in first if not r.endswith("meta.json"))  # versioned: cacheable for good
    assert list(second_hits) == ["/en/search/gwr/meta.json"]  # revalidated; the shards and documents cached
