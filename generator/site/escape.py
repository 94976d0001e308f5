"""Text into the site: one escaping function per output context, so none can be forgotten.

Everything that comes from seeds/ or translations/ is text, never markup. It reaches
a page through exactly one of these functions, chosen by where it lands:

- markdown_text: Markdown inline (headings, lists, table cells, link labels, admonition
  titles) and the raw HTML we write inside Markdown (element text, quoted attributes).
  The page templates apply it to every {{ expression }} by themselves (Jinja's finalize),
  unless the value is `Safe`: markup our own code built from escaped pieces.
- html_text: text inside the HTML blocks we build in Python (paragraphs, charts, tooltips).
- front_matter_text: a value of the front matter (title, description); MkDocs and Material put
  them into <title>, the header, meta tags and the nav as HTML, so they are HTML-escaped text
  (quotes too: they also land in attributes) in a YAML string.
- nav_label: a navigation label; Material writes it into the nav and the footer as HTML.

Escapes are character references, which Markdown passes through and browsers decode:
the reader sees the text exactly as written, with no stray backslashes.
"""

from __future__ import annotations

import html
import json
import re
import string

from markupsafe import Markup


class Safe(str):
    """Markdown or HTML that our own code built from escaped pieces: inserted as it is."""


# Characters that start Markdown or HTML syntax anywhere in a line (links, emphasis, code,
# attribute lists, raw HTML, entities, table cells, headings' closing hashes, images).
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|#!"}
_INLINE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_INLINE_RE = re.compile("|".join(re.escape(c) for c in _INLINE))
# Syntax that only counts at the start of a line: block quotes, list items ("- ", "1. "), rules and
# setext underlines ("---", "==="), fenced code ("~~~"). Escaping its first mark is enough.
_LINE_START = re.compile(r"^(\s*)(>|[-+*](?=\s)|\d+[.)](?=\s)|[-=]+\s*$|~~~)")
_LINE_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029]+")


def markdown_text(value: object) -> Safe:
    """Text made inert for Markdown inline context and for HTML text and quoted attributes.

    Markup passes: in the templates, only the output of our own macros is marked `| safe`."""
    if isinstance(value, (Safe, Markup)):
        return Safe(value)
    text = _LINE_BREAKS.sub(" ", str(value))  # a line break could start a heading or a list
    text = _INLINE_RE.sub(lambda m: _INLINE[m.group(0)], text)
    text = _LINE_START.sub(_escape_first_mark, text, count=1)
    return Safe(text)


def _escape_first_mark(match: re.Match) -> str:
    mark = match.group(2)
    at = len(mark) - 1 if mark[0].isdigit() else 0  # in "12." the mark is the full stop
    return f"{match.group(1)}{mark[:at]}&#{ord(mark[at])};{mark[at + 1:]}"


def html_text(value: object) -> str:
    """Text for HTML element content or a double-quoted attribute, in HTML we build ourselves."""
    return html.escape(str(value), quote=True)


def front_matter_text(value: object) -> Safe:
    """A YAML string (JSON is YAML) holding the HTML-escaped text, on one line."""
    return Safe(json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False))


def nav_label(value: object) -> str:
    """A navigation label: Material writes it into the page as HTML."""
    return html.escape(" ".join(str(value).split()), quote=False)


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e“”‘’…—]*")


def marked_chinese(value: object, escape=html_text) -> Safe:
    """English text in which every run of Chinese carries lang="zh-Hans" (screen readers switch voice);
    the rest is escaped for its context by `escape` (html_text, or markdown_text in Markdown)."""
    text, pieces, at = str(value), [], 0
    for run in _HAN_RUN.finditer(text):
        pieces += [escape(text[at:run.start()]), f'<span lang="zh-Hans">{escape(run.group(0))}</span>']
        at = run.end()
    return Safe("".join(pieces) + escape(text[at:]))


def fmt(pattern: str, **values: object) -> Safe:
    """str.format for Markdown: the pattern's text and each value are escaped, except Safe values.

    Interface strings are written by translators, so a link inside one is a {placeholder}
    filled with a Safe link, never Markdown in the translated text."""
    pieces = []
    for literal, name, spec, conversion in string.Formatter().parse(pattern):
        pieces.append(markdown_text(literal))
        if name is not None:
            value = format(values[name], spec or "") if not isinstance(values[name], Safe) else values[name]
            pieces.append(markdown_text(value))
    return Safe("".join(pieces))


def link(label: object, target: str) -> Safe:
    """A Markdown link to one of our own pages or anchors (the target is built by our code)."""
    return Safe(f"[{markdown_text(label)}]({target})")


_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")


def anchor(ident: str) -> Safe:
    """An attribute list giving a heading its ID: {#action-1.task-2}. IDs are ours, but checked."""
    if not _ANCHOR.fullmatch(ident):
        raise ValueError(f"not an anchor ID: {ident!r}")
    return Safe("{#" + ident + "}")
