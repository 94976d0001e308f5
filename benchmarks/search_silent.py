"""Search where the report is silent, variant spellings, and what typing costs (part of search_hits.py).

- silent: every query of benchmarks/search_silent.yaml that the report does not answer, typed on a
  fresh page: the share answered with no result (budget ≥ 90%), and how many of those offer nearest
  terms from the glossary;
- variants: other spellings (hyphen, spacing, case, full-width) of words the report uses: the share
  with a page of `expect` among the first three results (budget 100%);
- typing: English queries of that file typed letter by letter at a reader's pace (PACE_MS a key) on
  a fresh page: the index files the browser asks for (budget: each file at most once), and, on a
  second page of the same visit, how many requests reach the server when the same query is typed
  again. The server asks browsers to revalidate everything (Cache-Control: no-cache, as some hosts
  do), so only files the site marks as unchanging (a versioned URL) come from the cache unasked.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search_hits import EDITIONS, open_search, page_of, results_for, type_query

SILENT = Path(__file__).resolve().parent / "search_silent.yaml"
BUDGETS = {"silent": 0.90, "variants": 1.00}
PACE_MS = 100  # a quick reader: ten keys a second
NEAREST = ".gwr-nearest a[data-gwr-query]"


@dataclass
class SilentResult:
    lang: str
    silent: dict[str, list[str]] = field(default_factory=dict)  # query -> result pages (none: silent)
    nearest: dict[str, int] = field(default_factory=dict)  # query -> nearest terms offered
    variants: dict[str, list[str]] = field(default_factory=dict)  # query -> result pages
    variant_hits: dict[str, bool] = field(default_factory=dict)
    typed: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # query -> requests, files, server hits again

    def no_result_rate(self) -> float:
        return sum(not pages for pages in self.silent.values()) / len(self.silent) if self.silent else 1.0

    def variant_rate(self) -> float:
        return sum(self.variant_hits.values()) / len(self.variant_hits) if self.variant_hits else 1.0


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Every file revalidated (If-Modified-Since answers 304); the index files asked for are counted."""

    hits: Counter

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        if "/search/gwr/" in self.path:
            self.hits[self.path.split("?")[0]] += 1
        return super().send_head()

    def log_message(self, *args) -> None:
        pass


@contextmanager
def counting_server(folder: Path):
    hits: Counter = Counter()
    handler = functools.partial(type("Handler", (_CountingHandler,), {"hits": hits}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    finally:
        server.shutdown()


def _search(browser, url: str, query: str, base: str, lang: str) -> tuple[list[str], int]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    open_search(page)
    type_query(page, query)
    links = results_for(page, query)
    nearest = page.locator(NEAREST).count()
    context.close()
    return list(dict.fromkeys(page_of(link, base, lang) for link in links)), nearest


def _typed(browser, base: str, hits: Counter, lang: str, query: str) -> tuple[int, int, int]:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url) if "/search/gwr/" in request.url else None)
    for number, path in enumerate(("action-1/", "exemplar-2/")):
        page.goto(base + EDITIONS[lang] + path)
        page.wait_for_load_state("networkidle")
        open_search(page)
        requested.clear()
        hits.clear()
        page.keyboard.type(query, delay=PACE_MS)
        results_for(page, query)
        page.wait_for_load_state("networkidle")
        if number == 0:
            first = (len(requested), len(set(requested)))
    context.close()
    return (*first, sum(hits.values()))


def measure_silent(browser, site: Path, lang: str, items: dict) -> SilentResult:
    result = SilentResult(lang)
    with counting_server(site) as (base, hits):
        url = base + EDITIONS[lang] + "action-1/"
        for query in items["silent"]:
            result.silent[query], result.nearest[query] = _search(browser, url, str(query), base, lang)
        for item in items["variants"]:
            query = str(item["query"])
            pages, _ = _search(browser, url, query, base, lang)
            result.variants[query] = pages
            result.variant_hits[query] = bool(set(item["expect"]) & set(pages[:3]))
        if lang == "en":  # letter by letter (Chinese comes from an input method, a word at a time)
            for query in [*items["silent"], *(item["query"] for item in items["variants"])]:
                result.typed[str(query)] = _typed(browser, base, hits, lang, str(query))
    return result


def measure(browser, site: Path) -> dict[str, SilentResult]:
    items = yaml.safe_load(SILENT.read_text(encoding="utf-8"))
    return {lang: measure_silent(browser, site, lang, items[lang]) for lang in EDITIONS}


def report(results: dict[str, SilentResult]) -> bool:
    ok = True
    for lang, r in results.items():
        silent = [q for q, pages in r.silent.items() if not pages]
        offered = sum(1 for q in silent if r.nearest[q])
        print(f"{lang}: silent queries answered with no result {r.no_result_rate():.1%} ({len(silent)}/{len(r.silent)}; "
              f"{offered} with nearest terms); variants hit@3 {r.variant_rate():.1%} "
              f"({sum(r.variant_hits.values())}/{len(r.variant_hits)})")
        for query, pages in r.silent.items():
            if pages:
                print(f"    listed for a silent query: {query!r}: {pages[:5]}")
        for query, hit in r.variant_hits.items():
            if not hit:
                print(f"    variant missed: {query!r}: {r.variants[query][:5]}")
        if r.typed:
            requests = [t[0] for t in r.typed.values()]
            repeated = {q: t for q, t in r.typed.items() if t[0] > t[1]}
            print(f"    typed letter by letter ({PACE_MS} ms a key, {len(r.typed)} queries): index requests median "
                  f"{sorted(requests)[len(requests) // 2]}, max {max(requests)}, total {sum(requests)}; a file asked "
                  f"twice in {len(repeated)}; typed again on the next page: {sum(t[2] for t in r.typed.values())} "
                  f"requests reach the server")
            if repeated:
                ok = False
                print(f"    OVER BUDGET: an index file fetched twice while typing: {repeated}")
        if r.no_result_rate() < BUDGETS["silent"]:
            ok = False
            print(f"    OVER BUDGET: silent queries answered with no result (budget {BUDGETS['silent']:.0%})")
        if r.variant_rate() < BUDGETS["variants"]:
            ok = False
            print(f"    OVER BUDGET: variant hit rate (budget {BUDGETS['variants']:.0%})")
    return ok


def run(site: Path) -> bool:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return report(measure(browser, site))
        finally:
            browser.close()


if __name__ == "__main__":
    import sys

    sys.exit(0 if run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "site") else 1)
