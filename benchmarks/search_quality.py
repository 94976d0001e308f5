"""Search quality with budgets: every Chinese glossary term typed into the Chinese site's search box.

For each term made only of Chinese characters, the pages whose text contains it are
the relevant ones (the glossary page itself is left out). Measured in headless
Chromium against the built site (`make site` first):

- recall@10: the share of relevant pages among the first ten results;
- exact top-k: the share of terms whose first k results are exactly their k pages.

Run: `make bench` (or .venv/bin/python benchmarks/search_quality.py [SITE_DIR]).
Exit status 1 if a measurement is under its budget.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.glossary import load_glossary  # noqa: E402

BUDGETS = {"recall@10": 0.80, "exact top-k": 0.70}  # regression guards, under the measured 85.6% / 79.7%
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
# The site's own pages list titles and terms (home, glossary, status …); only report pages count.
SKIP = {"index.html", "glossary", "translation-status", "source-notes", "contributing", "targets", "highlights",
        "merchants"}


def page_texts(site: Path) -> tuple[dict[str, str], set[str]]:
    """Title -> visible text of every report page of the Chinese edition; the titles of the others."""
    pages, skipped = {}, set()
    for path in site.rglob("index.html"):
        parts = path.relative_to(site).parts
        if parts[0] == "en":
            continue
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        name = re.sub(r"<[^>]+>|¶", "", title.group(1)).strip() if title else str(path)
        if parts[0] in SKIP:
            skipped.add(name)
        else:
            pages[name] = re.sub(r"<[^>]+>", "", html.split("<article", 1)[-1])
    return pages, skipped


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    terms = [t.zh for t in load_glossary(ROOT).terms if re.fullmatch(r"[\u4e00-\u9fff]+", t.zh)]
    pages, skipped = page_texts(site)
    server, base = serve(site)
    found = relevant = exact = counted = 0
    misses = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for term in terms:
                having = {title for title, text in pages.items() if term in text}
                if not having:
                    continue
                page.goto(f"{base}?q={term}")
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=4000)
                except Exception:  # no result at all
                    pass
                titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
                titles = [t for t in dict.fromkeys(titles) if t not in skipped]
                counted += 1
                relevant += len(having)
                found += len(having & set(titles[:10]))
                exact += set(titles[: len(having)]) == having
                if not having <= set(titles[:10]):
                    misses.append(term)
            browser.close()
    finally:
        server.shutdown()
    print(f"{counted} terms, {relevant} relevant pages; not all found in the first ten results: "
          f"{len(misses)} ({', '.join(misses[:12])}{' …' if len(misses) > 12 else ''})")
    return {"recall@10": found / relevant, "exact top-k": exact / counted}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    results = measure(site)
    under = False
    for name, value in results.items():
        budget = BUDGETS[name]
        status = "ok" if value >= budget else "UNDER BUDGET"
        under |= value < budget
        print(f"{name:<14} {value:6.1%}  budget {budget:6.1%}  {status}")
    return 1 if under else 0


if __name__ == "__main__":
    sys.exit(main())
