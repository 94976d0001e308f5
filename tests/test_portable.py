"""The built site works wherever it is served, unchanged: built once for the default site_url
(http://127.0.0.1:8000/), then served at another port and under a sub-folder. On every page type of both
editions the switcher keeps page and #anchor, the footer's links, the not-found page's and "Read the Chinese
original" land where they say, and nothing fails: no failed request, no console error. Served by a host for
a missing address at any depth, the not-found page works too."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import NotFoundPageHandler

BUILT_FOR = "http://127.0.0.1:8000/"  # the default site_url: hreflang and sitemaps name it, nothing a reader follows
PAGE_TYPES = ["", "plan/", "exemplar-4/", "action-3/", "closing/", "targets/", "glossary/", "merchants/",
              "highlights/", "source-notes/", "translation-status/", "contributing/"]  # and 404.html
EDITIONS = {"": "zh-Hans", "en/": "en"}
EDITORS_PAGES = ["source-notes/", "translation-status/", "contributing/"]  # the footer's links, in order
NOT_FOUND_HOME = ".md-content__inner a:not([hreflang]) >> nth=0"  # the not-found page's link to its home
NOT_FOUND_OTHER = ".md-content__inner a[hreflang] >> nth=0"  # and to the other edition's


class _HostHandler(NotFoundPageHandler):
    """A static host: files cacheable for a while; a missing address gets the site's 404.html."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_HostHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert server.server_address[1] != 8000
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, project_copier) -> Path:
    project = project_copier(tmp_path_factory.mktemp("portable") / "project")
    env = {k: v for k, v in os.environ.items() if k != "GWR_SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True,
                   capture_output=True)
    return project / "site"


class Reader:
    """One browser page that follows links; every failed request, error response, console error and script
    error, by the page it happened on (its path under base)."""

    def __init__(self, browser, base: str) -> None:
        self.base, self.page = base, browser.new_context().new_page()
        self.problems: dict[str, list[str]] = {}
        self.expected_404 = ""  # the address of a page the host answers with its not-found page
        self.answered: set[str] = set()  # links found to answer 200
        self.landed: list[str] = []  # the addresses the page took since the last click
        self.places = 0  # links followed that kept a place in the text (#anchor)
        page = self.page
        page.on("framenavigated", lambda frame: self.landed.append(frame.url) if frame == page.main_frame else None)
        page.on("console", lambda m: self.note(f"console: {m.text} ({m.location.get('url')})")
                if m.type == "error" and m.location.get("url") != self.expected_404 else None)
        page.on("pageerror", lambda e: self.note(f"script error: {e}"))
        # Leaving a page aborts what it still loads (net::ERR_ABORTED): the test's speed, not a failure.
        page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else
                self.note(f"failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: self.note(f"{r.status}: {r.url}")
                if r.status >= 400 and r.url != self.expected_404 else None)

    @property
    def here(self) -> str:
        return self.page.url.split("#")[0].removeprefix(self.base) or "(home)"

    def note(self, problem: str) -> None:
        self.problems.setdefault(self.here, []).append(problem)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.problems.setdefault(self.here, [])

    def follow(self, selector: str, expected: str, hover: str | None = None, keep_place: bool = False) -> None:
        """Click a link and land at `expected` (under base), with the reader's #anchor if keep_place: the one in
        the address at the click (Material's navigation.tracking moves it to the heading in view)."""
        before = self.page.url
        if keep_place:
            self.page.evaluate("document.addEventListener('click', () => sessionStorage.setItem('gwr-place', "
                               "location.hash), {capture: true, once: true})")
        if hover:
            self.page.hover(hover)
        self.landed.clear()
        with self.page.expect_navigation(timeout=20_000):
            self.page.click(selector)
        if keep_place:
            place = self.page.evaluate("sessionStorage.getItem('gwr-place')")
            expected += place
            self.places += bool(place)
        assert self.base + expected in self.landed, f"{selector} on {before} leads to {self.landed}"
        self.problems.setdefault(self.here, [])
        self.check_page()

    def switch(self, lang: str, expected: str) -> None:
        self.follow(f'a.md-select__link[hreflang="{lang}"]', expected, hover=".md-header__option .md-select",
                    keep_place=True)
        assert self.page.evaluate("document.documentElement.lang") == lang, self.page.url

    def check_page(self) -> None:
        """hreflang stays in the head, absolute from site_url (for whoever reads it after the scripts); the
        footer's links go to the edition's editors' pages, which answer."""
        page, edition = self.page, "en/" if self.here.startswith("en/") else ""
        hreflang = page.evaluate("[...document.head.querySelectorAll('link[rel=alternate][hreflang]')].map(l => l.href)")
        assert len(hreflang) == 3 and all(h.startswith(BUILT_FOR) for h in hreflang), (self.here, hreflang)
        footer = page.evaluate("[...document.querySelectorAll('.gwr-editors a')].map(a => a.href)")
        assert footer == [self.base + edition + target for target in EDITORS_PAGES], (self.here, footer)
        for url in set(footer) - self.answered:
            assert page.request.get(url).status == 200, (self.here, url)
            self.answered.add(url)

    def anchor(self) -> str:
        """A place in the page's text to start from (a heading of the text, the same in both editions), if any."""
        return self.page.evaluate("(document.querySelector('.md-content__inner h2[id]') || {}).id || ''")


def read_page_type(reader: Reader, path: str, index: int) -> None:
    """The English page, from a place in its text: the switcher to the Chinese page and back, then
    "Read the Chinese original"; both keep the place. Then one of the footer's links (each in turn)."""
    reader.open("en/" + path)
    reader.check_page()
    anchor = reader.anchor()
    if anchor:
        reader.open(f"en/{path}#{anchor}")
        assert reader.page.evaluate("location.hash") == f"#{anchor}"
    reader.switch("zh-Hans", path)
    reader.switch("en", "en/" + path)
    if reader.page.locator(".gwr-notice a[hreflang]").count():
        reader.follow(".gwr-notice a[hreflang]", path, keep_place=True)
    edition = "en/" if reader.here.startswith("en/") else ""
    reader.follow(f".gwr-editors a >> nth={index % 3}", edition + EDITORS_PAGES[index % 3])


def read_not_found_pages(reader: Reader) -> None:
    """Each edition's not-found page, opened at its address: its links, and the switcher to the homes."""
    for edition, other in (("", "en/"), ("en/", "")):
        reader.open(edition + "404.html")
        reader.check_page()
        home = reader.page.eval_on_selector(NOT_FOUND_HOME, "a => a.href")
        assert home == reader.base + edition and reader.page.request.get(home).status == 200
        reader.follow(NOT_FOUND_OTHER, other)
        reader.open(edition + "404.html")
        reader.switch(EDITIONS[other], other)  # the not-found page's switcher goes to the homes


def read_site(browser, base: str) -> dict[str, list[str]]:
    reader = Reader(browser, base)
    for index, path in enumerate(PAGE_TYPES):
        read_page_type(reader, path, index)
    read_not_found_pages(reader)
    # Most pages were left from a place in their text (the switcher twice, "Read the Chinese original").
    assert reader.places >= len(PAGE_TYPES) * 2, reader.places
    reader.page.wait_for_timeout(200)  # what the last page still loads
    reader.page.context.close()
    print("\n".join(f"{key}: {len(found)}" for key, found in sorted(reader.problems.items())))
    return {key: found for key, found in reader.problems.items() if found}


def test_at_another_port(browser, built_site):
    with serve(built_site) as base:
        assert read_site(browser, base) == {}


def test_under_a_sub_folder(browser, built_site, tmp_path):
    mirror = tmp_path / "mirror"
    shutil.copytree(built_site, mirror / "sub")
    with serve(mirror) as base:
        assert read_site(browser, base + "sub/") == {}


def test_not_found_page_served_for_a_missing_address_at_any_depth(browser, built_site):
    """Where the site was built for (site_url's path, here "/"), a host's not-found page works at any depth:
    styled, its links and the switcher right, search from the site's root. What cannot be helped: before its
    first script says where the site's root is, the browser fetches ahead the files the page names, relative
    to the missing address (a static page cannot know its depth); those requests fail, and nothing else."""
    with serve(built_site) as base:
        reader = Reader(browser, base)
        for missing in ("no-such-page", "no/such/page/", "en/no/such/page/"):
            reader.expected_404 = base + missing
            reader.open(missing)
            page = reader.page
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).base") == base
            links = [page.eval_on_selector(link, "a => a.href") for link in (NOT_FOUND_HOME, NOT_FOUND_OTHER)]
            assert links == [base, base + "en/"], (missing, links)
            reader.follow(NOT_FOUND_OTHER, "en/")
        reader.page.wait_for_timeout(200)
        reader.page.context.close()
        ahead = re.compile(rf"{re.escape(base)}(en/)?no/such/page/assets/")
        unexpected = {key: [p for p in found if not ahead.search(p)] for key, found in reader.problems.items()}
        assert {key: found for key, found in unexpected.items() if found} == {}
