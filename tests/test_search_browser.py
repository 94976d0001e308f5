"""Chinese search in a real browser: queries typed as words find the pages that contain them."""

import functools
import http.server
import os
import subprocess
import sys
import threading

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]


@pytest.fixture(scope="module")
def served_site(tmp_path_factory, project_copier):
    project = project_copier(tmp_path_factory.mktemp("search") / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "chromium is missing: run `make system-deps` (Debian package chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def search(browser, base_url, query):
    page = browser.new_page()
    page.goto(f"{base_url}?q={query}")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    titles = [t.replace("\u200b", "") for t in page.locator(".md-search-result__item h1").all_inner_texts()]
    page.close()
    return titles


@pytest.mark.parametrize("query, expected_page", [
    ("中欧班列", "（四）全力打造开放共赢典范"),
    ("跨境电商", "（一）实施市场繁荣行动，奋力再造贸易新辉煌"),
    ("养老", "（九）实施服务优享行动，奋力增进民生新福祉"),
])
def test_chinese_queries_find_their_pages(browser, served_site, query, expected_page):
    assert expected_page in search(browser, served_site, query)
