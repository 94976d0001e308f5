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
from generator.site.search.tokens import chains, index_tokens, query_tokens

from conftest import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "gwr-search.js"


def run_worker_functions(texts: list[str]) -> dict:
    """chains, queryTokens and fnv1a of gwr-search.js, run by Node on the given texts."""
    script = (f"const g = require({json.dumps(str(WORKER))});"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify({chains: texts.map(g.chains), query: texts.map(g.queryTokens),"
              " hash: texts.map(g.fnv1a)}));")
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
    return found + ["Exporting 1,200,000 petitions; RMB 60 billion", "ＡＩ赋能　２０２６年", "Chi’an chi'an e-commerce"]


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_browser_and_index_cut_every_text_alike(texts):
    browser = run_worker_functions(texts)
    for text, js_chains, js_query, js_hash in zip(texts, browser["chains"], browser["query"], browser["hash"]):
        assert js_chains == chains(text), text
        assert js_query == query_tokens(text), text
        assert js_hash == fnv1a(text), text


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
def built_served(tmp_path_factory, project_copier):
    from conftest import built_and_served

    project = project_copier(tmp_path_factory.mktemp("search") / "project")
    with built_and_served(project) as url:
        yield project / "site", url


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
    for number, (anchor, _, _) in enumerate(docs):
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
