#!/usr/bin/env python3
"""Check the links of a built site: every internal target and #fragment must exist.

    python scripts/check_links.py [SITE_DIR] [--site-url URL] [--format text|github]

Reads every HTML file under SITE_DIR (default: site/) and checks each <a href>, <area href>, <link href>,
<img src>, <script src>, <iframe src>, <source src>. Internal references (relative, root-relative, or
absolute under --site-url, the address the site was built for: canonical and hreflang links name it) must
name a file of the site, or a folder with an index.html; a #fragment on an HTML page must be the id (or
<a name>) of an element of that page. Other hosts, mailto:, data: and the like are not checked: the site
makes no request elsewhere and the build tests say so. Fragments starting with "__" are Material's own
(#__drawer, #__search, #__code_1 ...), set up by its JavaScript, and are skipped.

Prints one line per broken reference, `file: <tag attr="href">: problem`, and exits 1 if there is any
(0 if none, 2 if SITE_DIR is not a folder). Standard library only: CI runs it on the built artifact.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHECKED = {
    "a": "href", "area": "href", "link": "href",
    "img": "src", "script": "src", "iframe": "src", "source": "src",
}
SKIPPED_FRAGMENT_PREFIX = "__"


class _Page(HTMLParser):
    """The references of one page (tag, attribute, value, line) and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        attr = CHECKED.get(tag)
        if attr and values.get(attr) is not None:
            self.references.append((tag, attr, values[attr].strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


class LinkChecker:
    def __init__(self, site: Path, site_url: str | None = None) -> None:
        self.site = site.resolve()
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        # The path the site is served under ("/" or "/repo/" for a GitHub Pages project site).
        self.prefix = urlsplit(self.site_url).path if self.site_url else "/"
        self._pages: dict[Path, _Page] = {}

    def page(self, path: Path) -> _Page:
        if path not in self._pages:
            parsed = _Page()
            parsed.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed.close()
            self._pages[path] = parsed
        return self._pages[path]

    def url_path_of(self, path: Path) -> str:
        """The URL path a file is served at, e.g. site/action-1/index.html -> /action-1/index.html."""
        return self.prefix + path.relative_to(self.site).as_posix()

    def check_reference(self, source: Path, value: str) -> str | None:
        """None if the reference resolves, else what is wrong with it."""
        if not value:
            return None  # href="": the page itself
        if self.site_url and value.startswith(self.site_url):
            value = self.prefix + value[len(self.site_url):]
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            return None  # another host, mailto:, data:, javascript: ... (not this checker's business)
        if parts.path:
            url_path = posixpath.join(posixpath.dirname(self.url_path_of(source)), unquote(parts.path))
            url_path = posixpath.normpath(url_path) + ("/" if parts.path.endswith("/") else "")
            if not (url_path + "/").startswith(self.prefix):
                return f"outside the site (it is served under {self.prefix})"
            relative = url_path[len(self.prefix):].strip("/")
            target = self.site / relative if relative else self.site
            if target.is_dir():
                target = target / "index.html"
            elif parts.path.endswith("/"):
                return f"no folder {relative or '.'}/ in the site"
            if not target.is_file():
                return f"no file {target.relative_to(self.site).as_posix()} in the site"
        else:
            target = source  # "#fragment" or "?query" alone: this page
        fragment = unquote(parts.fragment)
        if fragment and not fragment.startswith(SKIPPED_FRAGMENT_PREFIX) and target.suffix == ".html":
            if fragment not in self.page(target).ids:
                return f"no element with id {fragment!r} in {target.relative_to(self.site).as_posix()}"
        return None

    def run(self) -> list[tuple[Path, int, str, str]]:
        """Every broken reference as (file, line, reference as written in the page, problem)."""
        broken = []
        for path in sorted(self.site.rglob("*.html")):
            for tag, attr, value, line in self.page(path).references:
                problem = self.check_reference(path, value)
                if problem:
                    broken.append((path, line, f'<{tag} {attr}="{value}">', problem))
        return broken


def _escape(text: str, property: bool = False) -> str:
    """A value in a GitHub workflow command (%, CR, LF; in a property also : and ,)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--site-url", help="the address the site was built for (GWR_SITE_URL): "
                                           "absolute links under it are checked as internal")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: workflow-command annotations")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not site.is_dir():
        print(f"error: {site} is not a folder (build the site first: make site)", file=sys.stderr)
        return 2
    checker = LinkChecker(site, args.site_url)
    broken = checker.run()
    for path, line, reference, problem in broken:
        shown = (site / path.relative_to(checker.site)).as_posix()
        if args.format == "github":
            print(f"::error file={_escape(shown, True)},line={line},title=broken link::"
                  f"{_escape(f'{reference}: {problem}')}")
        else:
            print(f"{shown}:{line}: {reference}: {problem}")
    pages = len(checker._pages)
    references = sum(len(p.references) for p in checker._pages.values())
    print(f"{len(broken)} broken of {references} references in {pages} pages", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
