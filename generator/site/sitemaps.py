"""Sitemaps with every page's language versions, and robots.txt.

Each edition's sitemap.xml (at its root, with its gzip) lists its pages, each with its alternates
(hreflang, x-default) in the sitemap protocol's xhtml:link form; robots.txt names every edition's.
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


def write_sitemap(site_dir: Path, entries: list[str]) -> None:
    """The edition's sitemap of these <url> entries, and its gzip stamped with the build date."""
    full = sitemap(entries).encode("utf-8")
    write_if_changed(site_dir / "sitemap.xml", full)
    write_if_changed(site_dir / "sitemap.xml.gz", _gzip(full))


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
