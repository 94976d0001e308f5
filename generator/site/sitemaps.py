"""Sitemaps with every page's language versions, and robots.txt.

Each edition's sitemap.xml lists its pages, each with its alternates (hreflang, x-default) in the
sitemap protocol's xhtml:link form. Material's language switcher reads a sitemap beside every
alternate link of a page (its URL + "sitemap.xml"); so each page's folder also holds a sitemap of
that one page, and those requests find what they ask for.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..util.files import write_if_changed

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def url_entry(loc: str, alternates: list[tuple[str, str]]) -> str:
    links = "".join(f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>\n'
                    for lang, href in alternates)
    return f"  <url>\n    <loc>{_text(loc)}</loc>\n{links}  </url>\n"


def sitemap(entries: list[str]) -> str:
    return HEAD + "".join(entries) + "</urlset>\n"


def write_sitemaps(site_dir: Path, pages: dict[str, str], entries: dict[str, str]) -> None:
    """The edition's sitemap (and its gzip, stamped with the build date) and one beside every page.

    pages: folder of the page relative to the edition ("" for the home) -> its src_uri;
    entries: src_uri -> its <url> entry."""
    full = sitemap([entries[src] for src in sorted(entries)])
    write_if_changed(site_dir / "sitemap.xml", full.encode("utf-8"))
    write_if_changed(site_dir / "sitemap.xml.gz", _gzip(full.encode("utf-8")))
    for folder, src in pages.items():
        if folder:
            write_if_changed(site_dir / folder / "sitemap.xml", sitemap([entries[src]]).encode("utf-8"))


def robots_txt(sitemap_urls: list[str]) -> str:
    return "User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {url}\n" for url in sitemap_urls)


def _gzip(data: bytes) -> bytes:
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=stamp, filename="") as archive:
        archive.write(data)
    return out.getvalue()


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
