"""A strict Content-Security-Policy for the built site, written into every page and beside them.

The pages run the site's own script files (Material's bundle, gwr.js, the search worker) and the few inline
scripts Material's templates write (its storage scope, the colour scheme, a tab named by the address) and the
not-found page's (its <base>). Each inline script is allowed by the SHA-256 of its exact text, computed here
over the built HTML, so the policy names what the pages hold whatever wrote them; there is no eval, no style
attribute or element, no other host. One policy for the whole site (both editions): in every page as
<meta http-equiv> right after <meta charset> (before any script), and in `_headers`, the header to set on a
server (the format of Netlify and Cloudflare Pages; README, "Content-Security-Policy").

`gwr build` writes it (build.py, into the staging folder before the swap); `mkdocs build` and `make serve` do
not: the live preview injects a live-reload script of its own into every page it serves.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import BuildError

# What the site loads, each from its own origin only: scripts (and the inline ones by hash), the search
# worker, the index it fetches, stylesheets, images (Material's icons are data: URLs in its stylesheet);
# <base> (the not-found page) and forms (its search) stay on the site. Nothing else: default-src 'none'.
DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEADERS_FILE = "_headers"
CHARSET = '<meta charset="utf-8">'
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
META_PATTERN = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""(?:^|\s)type\s*=\s*["']?([^"'\s>]*)""", re.I)
SRC = re.compile(r"(?:^|\s)src\s*=", re.I)
JS_TYPES = {"", "module", "text/javascript", "application/javascript"}  # a data block (JSON) runs nothing


class PolicyError(BuildError):
    """A page the policy cannot be put into before its first script (`gwr build` says so; site/ is unchanged)."""


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script the browser would run, exactly as written (what its hash is of)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match["attrs"]
        kind = TYPE.search(attrs)
        if SRC.search(attrs) or (kind and kind[1].lower() not in JS_TYPES):
            continue
        found.append(match["text"])
    return found


def script_hash(text: str) -> str:
    """The policy's source for one inline script: 'sha256-<base64>' of its text in UTF-8."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_text(hashes: set[str]) -> str:
    """The policy, the hashes sorted (the same pages give the same policy, byte for byte)."""
    directives = [" ".join([name, sources, *(sorted(hashes) if name == "script-src" else [])])
                  for name, sources in DIRECTIVES]
    return "; ".join(directives)


def without_policy(html: str) -> str:
    """The page without a policy <meta> (a page as MkDocs writes it has none: not scanned for one then)."""
    return META_PATTERN.sub("", html) if 'http-equiv="Content-Security-Policy"' in html else html


def with_policy(html: str, policy: str, name: str = "page") -> str:
    """The page with the policy as its first <meta> after the character set (any policy it had replaced)."""
    html = without_policy(html)
    at = html.find(CHARSET)
    first_script = html.find("<script")
    if at < 0 or -1 < first_script < at:
        raise PolicyError(f"{name}: no {CHARSET} before the first script: a Content-Security-Policy in a <meta> "
                          "must come before any script")
    at += len(CHARSET)
    return f"{html[:at]}\n{META.format(policy=policy)}{html[at:]}"


def write_policy(site: Path) -> str:
    """Into every page of the built site (both editions) and into site/_headers: one policy. Returns it."""
    pages = sorted(site.rglob("*.html"))
    texts = {path: without_policy(path.read_bytes().decode("utf-8")) for path in pages}  # as written
    policy = policy_text({script_hash(script) for html in texts.values() for script in inline_scripts(html)})
    for path, html in texts.items():
        path.write_bytes(with_policy(html, policy, str(path.relative_to(site))).encode("utf-8"))
    (site / HEADERS_FILE).write_bytes(f"/*\n  Content-Security-Policy: {policy}\n".encode("utf-8"))
    return policy
