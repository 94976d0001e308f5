"""A strict Content-Security-Policy (issue 21): no script but the site's own files and the inline scripts whose
SHA-256 the build wrote into the policy, no eval, no style attribute, nothing from another host. `gwr build`
writes the policy into every page (<meta http-equiv>, before any script) and into site/_headers (the header to
set on a server). Every page type of both editions loads under it with no violation and no console error;
search finds, the switcher switches, the side-by-side box opens; with the policy sent as a header too (which
the search worker then obeys as well)."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import os
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, NotFoundPageHandler

PAGE_TYPES = ["", "plan/", "exemplar-4/", "action-3/", "closing/", "targets/", "glossary/", "merchants/",
              "highlights/", "source-notes/", "translation-status/", "contributing/", "404.html"]
EDITIONS = {"": "zh-Hans", "en/": "en"}
MISSING = "no/such/page/"  # a host answers it with the site's not-found page (which then sets <base>)
SEARCHES = {"": "中欧班列", "en/": "petitions"}
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
JS_TYPES = {"", "module", "text/javascript", "application/javascript"}
# Every violation the page sees, whoever delivered the policy (an init script runs before the page's own).
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));"""


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory, project_copier) -> Path:
    """`gwr build` for the default site_url, served below at another port: the policy names no address."""
    project = project_copier(tmp_path_factory.mktemp("csp") / "project")
    env = {k: v for k, v in os.environ.items() if k != "GWR_SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, check=True, capture_output=True)
    return project / "site"


# --- in the files ------------------------------------------------------------------------------------------

class _Page(HTMLParser):
    """What of a page a policy decides on: inline scripts (their text as written), style elements and
    attributes, event handler attributes, javascript: addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.blocked: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").lower() in JS_TYPES:
            self._script = []
        if tag == "style":
            self.blocked.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def parse_policy(text: str) -> dict[str, list[str]]:
    directives = [d.split() for d in text.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def site_policy(site: Path) -> str:
    found = {CSP_META.search(p.read_text(encoding="utf-8")).group(1) for p in site.rglob("*.html")}
    assert len(found) == 1, found
    return found.pop().replace("&#39;", "'")


def test_every_page_carries_the_same_strict_policy_before_any_script(csp_site):
    pages = sorted(csp_site.rglob("*.html"))
    assert len(pages) > 2 * 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert len(CSP_META.findall(html)) == 1, path
        before = html[:CSP_META.search(html).start()]
        assert "<script" not in before and before.rstrip().endswith('<meta charset="utf-8">'), (path, before[-200:])
    policy = parse_policy(site_policy(csp_site))
    assert policy["default-src"] == ["'none'"]
    assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
    for directive in ("connect-src", "worker-src", "base-uri", "form-action"):
        assert policy[directive] == ["'self'"], directive
    assert policy["script-src"][0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in policy["script-src"][1:])
    sources = [s for values in policy.values() for s in values]
    assert not [s for s in sources if s.startswith(("'unsafe-", "'nonce-")) or s in ("*", "http:", "https:", "blob:")
                or "://" in s or "strict-dynamic" in s]
    assert set(policy) == {"default-src", "script-src", "style-src", "img-src", "connect-src", "worker-src",
                           "base-uri", "form-action"}


def test_the_policy_allows_exactly_the_inline_scripts_the_pages_hold_and_nothing_else_inline(csp_site):
    hashes, blocked = set(), {}
    for path in sorted(csp_site.rglob("*.html")):
        page = read_page(path)
        hashes.update(sha256_source(script) for script in page.scripts)
        if page.blocked:
            blocked[path.relative_to(csp_site).as_posix()] = page.blocked[:3]
    assert blocked == {}  # no style attribute or element, no event handler, no javascript: address
    assert 3 <= len(hashes) <= 12  # Material's few, each variant of its storage scope, the not-found page's <base>
    assert set(parse_policy(site_policy(csp_site))["script-src"][1:]) == hashes


def test_the_header_to_set_is_the_policy_of_the_pages(csp_site):
    """site/_headers: the policy as Netlify and Cloudflare Pages read headers; any server sets the same."""
    assert (csp_site / "_headers").read_text(encoding="utf-8") == \
        f"/*\n  Content-Security-Policy: {site_policy(csp_site)}\n"


def test_a_page_with_a_script_before_its_character_set_fails_the_build():
    """A <meta> policy governs only what follows it: the build refuses a page it could not protect whole."""
    from generator.site.csp import PolicyError, inline_scripts, with_policy

    page = '<head><meta charset="utf-8"><script>a()</script><script id="__config" type="application/json">{}'
    page += '</script><script data-src="x">b()</script><script src="c.js"></script></head>'
    assert inline_scripts(page) == ["a()", "b()"]
    assert with_policy(page, "P").startswith('<head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"'
                                             ' content="P"><script>')
    with pytest.raises(PolicyError, match="404.html"):
        with_policy('<head><script>a()</script><meta charset="utf-8">', "P", "404.html")


# --- in the browser ----------------------------------------------------------------------------------------

PROBE = "/__csp-probe.js"  # a script of the site's origin that tries eval (page.evaluate's own code is exempt)
PROBE_SCRIPT = b'try { window.__evaluated = eval("true"); } catch (error) { window.__evaluated = false; }'


class _Host(NotFoundPageHandler):
    """A static host: a missing address gets the site's 404.html (status 404); with `policy`, every answer
    carries it as a Content-Security-Policy header (the search worker's script too)."""

    policy = ""

    def do_GET(self):
        if self.path != PROBE:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(PROBE_SCRIPT)))
        self.end_headers()
        self.wfile.write(PROBE_SCRIPT)

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@contextmanager
def serve(folder: Path, policy: str = ""):
    handler = functools.partial(type("_PolicyHost", (_Host,), {"policy": policy}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert server.server_address[1] != 8000
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Reader:
    """One browser page; per address, every policy violation, console error and script error."""

    def __init__(self, browser, base: str) -> None:
        self.base, self.problems = base, {}
        self.expected = ""  # an address the host answers with 404 (its own load is no error)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(LISTEN)
        self.page = page = context.new_page()
        page.on("console", lambda m: self.note(f"console: {m.text} ({m.location.get('url')})")
                if m.type == "error" and not self.fetched_ahead(m.location.get("url", "")) else None)
        page.on("pageerror", lambda e: self.note(f"script error: {e}"))
        page.on("worker", lambda worker: worker.on("console", lambda m: self.note(f"worker console: {m.text}")
                                                   if m.type == "error" else None))

    def fetched_ahead(self, url: str) -> bool:
        """The not-found page at a missing address: its own 404, and what the browser fetched ahead relative
        to that address before its first script set <base> (tests/test_portable.py says why)."""
        return bool(self.expected) and url.startswith(self.base + self.expected)

    @property
    def here(self) -> str:
        return self.page.url.split("#")[0].removeprefix(self.base) or "(home)"

    def note(self, problem: str) -> None:
        self.problems.setdefault(self.here, []).append(problem)

    def open(self, path: str) -> None:
        self.expected = path if path.endswith(MISSING) else ""
        self.page.goto(self.base + path)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.problems.setdefault(self.here, [])
        for violation in self.page.evaluate("window.__violations.splice(0)"):
            self.note(f"violation: {violation}")

    def close(self) -> dict[str, list[str]]:
        self.page.context.close()
        return {key: found for key, found in self.problems.items() if found}


def search(reader: Reader, edition: str) -> list[str]:
    """The query typed as a reader would (benchmarks/search_hits.py); the result links."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from search_hits import open_search, results_for, type_query

    open_search(reader.page)
    type_query(reader.page, SEARCHES[edition])
    links = results_for(reader.page, SEARCHES[edition])
    reader.settle()
    return links


def switch(reader: Reader, lang: str) -> None:
    reader.page.hover(".md-header__option .md-select")
    with reader.page.expect_navigation():
        reader.page.click(f'a.md-select__link[hreflang="{lang}"]')
    reader.settle()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_type_loads_under_the_policy_with_no_violation(browser, csp_site, edition):
    assert parse_policy(site_policy(csp_site))["default-src"] == ["'none'"]
    with serve(csp_site) as base:
        reader = Reader(browser, base)
        for path in PAGE_TYPES + ([MISSING] if edition else []):
            reader.open(edition + path)
        reader.page.wait_for_timeout(200)
        print("\n".join(f"{key}: {len(found)}" for key, found in sorted(reader.problems.items())))
        assert len(reader.problems) == len(PAGE_TYPES) + bool(edition)
        assert reader.close() == {}


@pytest.mark.parametrize("delivery", ["meta", "header"])
def test_search_switcher_and_side_by_side_work_under_the_policy(browser, csp_site, delivery):
    policy = site_policy(csp_site)  # in every page; as a header too
    with serve(csp_site, policy if delivery == "header" else "") as base:
        reader = Reader(browser, base)
        for edition in EDITIONS:
            reader.open(edition)
            links = search(reader, edition)
            assert links and all(link.startswith(base + edition) for link in links), (edition, links)
        reader.open("en/action-3/")
        switch(reader, "zh-Hans")
        assert reader.here == "action-3/" and reader.page.evaluate("document.documentElement.lang") == "zh-Hans"
        switch(reader, "en")
        assert reader.here == "en/action-3/"
        assert reader.page.locator(".gwr-other").first.is_hidden()
        reader.page.click('label[for="gwr-parallel"]')
        assert reader.page.is_checked("#gwr-parallel") and reader.page.locator(".gwr-other").first.is_visible()
        reader.settle()
        assert reader.close() == {}


def test_the_policy_is_in_force(browser, csp_site):
    """What the policy forbids does not run: an inline script without its hash, eval, a style attribute."""
    assert site_policy(csp_site)
    with serve(csp_site) as base:
        reader = Reader(browser, base)
        reader.open("en/action-3/")
        ran = reader.page.evaluate("""async probe => {
            const script = Object.assign(document.createElement("script"), {textContent: "window.__ran = true"});
            document.body.append(script);
            await new Promise(loaded => document.head.append(Object.assign(document.createElement("script"),
                {src: probe, onload: loaded, onerror: loaded})));
            const p = document.querySelector(".gwr-para");
            p.setAttribute("style", "color: rgb(1, 2, 3)");
            return {inline: window.__ran === true, eval: window.__evaluated,
                    style: getComputedStyle(p).color === "rgb(1, 2, 3)"};
        }""", PROBE)
        assert ran == {"inline": False, "eval": False, "style": False}
        reader.page.wait_for_timeout(100)
        violations = reader.page.evaluate("window.__violations.splice(0)")
        assert len(violations) >= 3, violations
        reader.page.context.close()
