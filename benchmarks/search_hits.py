"""Search as readers use it: every query of benchmarks/search_queries.yaml typed into the site's search box.

The query set was written from the report's content before search was tuned, blind to the
implementation; every second query is held out (never looked at while tuning) and reported
apart. For each language, in headless Chromium against the built site (`make site` first):

- hit@1 / hit@3: the first result / one of the first three results is on a page the reader expects
  (results are counted by page, in the order the search box lists them);
- bytes per search: what the browser transfers for one search, counted gzip-compressed as any
  real host serves it; each query is typed on a freshly opened page with an empty cache (a
  reader's first search; later ones reuse what was fetched);
- latency: from the last key typed to the results shown, less the pause the search waits for by design
  (gwr-search.js's PAUSE, after a key that may be followed by more: not after Chinese, which an input
  method commits a word at a time); the raw figure is printed too;
- idle pages: a page that is not searched downloads no search index.

Then benchmarks/search_silent.py: queries the report does not answer (answered with no result?),
variant spellings (found?) and what typing a query letter by letter costs in requests.

Run: `make bench` (or .venv/bin/python benchmarks/search_hits.py [SITE_DIR] [--verbose] [--silent-only]).
Exit status 1 if a budget is missed.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

QUERIES = ROOT / "benchmarks" / "search_queries.yaml"
BUDGETS = {"hit@3": 1.00, "hit@1": 0.90, "kb_per_search": 60.0, "latency_ms": 150.0}
EDITIONS = {"zh": "", "en": "en/"}
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "gwr-search.js"
_PAUSE = re.search(r"const PAUSE = (\d+);", WORKER.read_text(encoding="utf-8"))
PAUSE_MS = int(_PAUSE.group(1)) if _PAUSE else 0  # how long the search waits for the next key
RESULT_LINKS = ".md-search-result__item > a, .md-search-result__item > .md-search-result__link"
ANSWERED = "[data-md-component=search-result]"


@dataclass
class LanguageResult:
    lang: str
    hits1: list[bool] = field(default_factory=list)
    hits3: list[bool] = field(default_factory=list)
    held_out: list[bool] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    kilobytes: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # after the pause
    raw_latencies: list[float] = field(default_factory=list)  # after the last key
    misses: list[str] = field(default_factory=list)
    idle_downloads: list[str] = field(default_factory=list)

    def rate(self, values: list[bool], only: list[bool] | None = None) -> float:
        chosen = [v for v, keep in zip(values, only or [True] * len(values)) if keep]
        return sum(chosen) / len(chosen) if chosen else 0.0


def page_of(url: str, base: str, lang: str) -> str:
    """The page slug of a result link: /en/action-3/#x -> action-3, / -> index."""
    path = unquote(urlparse(url).path)
    base_path = urlparse(base).path + EDITIONS[lang]
    slug = path.removeprefix(base_path).strip("/")
    return slug or "index"


def transferred_kb(responses: list) -> float:
    total = 0
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        compressed = response.url.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind"))
        total += len(body) if compressed else len(gzip.compress(body, compresslevel=6))
    return total / 1024


def open_search(page) -> None:
    page.keyboard.press("/")  # Material's keyboard shortcut, as a reader would use it
    page.wait_for_selector("input.md-search__input:focus", timeout=5_000)


def type_query(page, query: str) -> None:
    """As a reader types: Latin letters and digits key by key; Chinese as an input method commits it
    (the text inserted, then a key released: Material searches on keyup)."""
    for part in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", query):
        if part.isascii():
            page.keyboard.type(part, delay=20)
        else:
            page.keyboard.insert_text(part)
            page.keyboard.press("Shift")


def results_for(page, query: str, timeout: float = 10.0) -> list[str]:
    """The result links once the list shows this query's results.

    The site's search names the query its list answers (data-gwr-query on Material's result list, set
    by gwr.js), results or none; for a list without that (Material's own search, or the site's before
    it said so), a list whose links carry this query (?h=…) is this query's, and otherwise the list
    must change from Material's placeholder and then stay still for 0.3 s."""
    deadline = time.monotonic() + timeout
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        answered = page.get_attribute(ANSWERED, "data-gwr-query")  # before the links: they come first
        links = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
        if answered is not None:
            if answered == query.strip():
                return links
        elif links and parse_qs(urlparse(links[0]).query).get("h") == [query.strip()]:
            return links
        else:
            meta = page.inner_text(".md-search-result__meta").strip()
            if links != last:
                last, stable_since = links, time.monotonic()
            elif time.monotonic() - stable_since > 0.3 and (links or meta not in ("", placeholder)):
                return links
        time.sleep(0.005)
    return last or []


def index_downloads(responses: list) -> list[str]:
    """Requests that fetched search documents: the site's index files, or a Lunr index with documents."""
    found = []
    for response in responses:
        if "/search/gwr/" in response.url:
            found.append(response.url)
        elif response.url.endswith("search_index.json"):
            try:
                if json.loads(response.body()).get("docs"):
                    found.append(response.url)
            except Exception:
                found.append(response.url)
    return found


def measure_language(browser, base: str, lang: str, queries: list[dict], verbose: bool) -> LanguageResult:
    """Each query on a freshly opened page with an empty cache, as a reader arriving from elsewhere."""
    result = LanguageResult(lang)
    for number, item in enumerate(queries):
        query, expected = str(item["query"]), set(item["expect"])
        context = browser.new_context()
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + EDITIONS[lang] + ("action-1/" if number % 2 else "exemplar-2/"))
        page.wait_for_load_state("networkidle")
        if number == 0:
            result.idle_downloads = index_downloads(responses)
        open_search(page)
        responses.clear()
        type_query(page, query)
        started = time.monotonic()
        links = results_for(page, query)
        elapsed = (time.monotonic() - started) * 1000
        result.raw_latencies.append(elapsed)
        result.latencies.append(elapsed - (0 if re.search(r"[\u3400-\u9fff\uf900-\ufaff]$", query.strip()) else PAUSE_MS))
        page.wait_for_load_state("networkidle")
        result.kilobytes.append(transferred_kb(responses))
        context.close()
        pages = list(dict.fromkeys(page_of(link, base, lang) for link in links))
        result.hits1.append(bool(pages) and pages[0] in expected)
        result.hits3.append(bool(expected & set(pages[:3])))
        result.held_out.append(number % 2 == 1)
        result.kinds.append(item.get("kind", ""))
        if not result.hits3[-1] or (verbose and not result.hits1[-1]):
            result.misses.append(f"{query!r}: expected {sorted(expected)}, got {pages[:5]}")
    return result


def measure(site: Path, verbose: bool = False) -> dict[str, LanguageResult]:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return {lang: measure_language(browser, base, lang, queries[lang], verbose) for lang in EDITIONS}
        finally:
            browser.close()


def report(results: dict[str, LanguageResult]) -> bool:
    ok = True
    for lang, r in results.items():
        dev = [not h for h in r.held_out]
        kb_typical = statistics.median(r.kilobytes) if r.kilobytes else 0.0
        latency = statistics.median(r.latencies) if r.latencies else 0.0
        print(f"{lang}: {len(r.hits1)} queries  hit@1 {r.rate(r.hits1):.1%}  hit@3 {r.rate(r.hits3):.1%}  "
              f"(tuning half {r.rate(r.hits1, dev):.1%}/{r.rate(r.hits3, dev):.1%}, "
              f"held-out half {r.rate(r.hits1, r.held_out):.1%}/{r.rate(r.hits3, r.held_out):.1%})")
        for kind in sorted(set(r.kinds)):
            chosen = [k == kind for k in r.kinds]
            print(f"    {kind:<10} hit@1 {r.rate(r.hits1, chosen):6.1%}  hit@3 {r.rate(r.hits3, chosen):6.1%}  "
                  f"({sum(chosen)})")
        print(f"    per search: median {kb_typical:.1f} KB (gzip), max {max(r.kilobytes, default=0):.1f} KB; "
              f"latency median {latency:.0f} ms, p90 {_p90(r.latencies):.0f} ms after the pause "
              f"(after the last key: median {statistics.median(r.raw_latencies or [0]):.0f} ms; pause {PAUSE_MS} ms "
              f"after Latin letters and digits)")
        print(f"    index downloaded by a page that is not searched: {r.idle_downloads or 'none'}")
        for miss in r.misses:
            print(f"    miss: {miss}")
        checks = {"hit@3": r.rate(r.hits3) >= BUDGETS["hit@3"], "hit@1": r.rate(r.hits1) >= BUDGETS["hit@1"],
                  "kb_per_search": kb_typical <= BUDGETS["kb_per_search"],
                  "latency_ms": latency <= BUDGETS["latency_ms"], "idle": not r.idle_downloads}
        for name, passed in checks.items():
            if not passed:
                ok = False
                print(f"    OVER BUDGET: {name} (budget {BUDGETS.get(name, 'no download')})")
    return ok


def _p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)] if values else 0.0


if __name__ == "__main__":
    import search_silent

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    site_dir = Path(args[0]) if args else ROOT / "site"
    passed = "--silent-only" in sys.argv or report(measure(site_dir, "--verbose" in sys.argv))
    passed = search_silent.run(site_dir) and passed  # benchmarks/search_silent.yaml: silence, variants, typing
    sys.exit(0 if passed else 1)
