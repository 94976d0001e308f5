"""What the browser shows while `make serve` cannot show the site: every problem, with its file:line and what
to do, on a page of its own that reloads itself when a build ends (into the site once they are fixed).

mkdocs serve answers from the folder of its last build and holds every request while a build runs. PreviewApp
wraps its WSGI app: while the last build left problems (serving.py), or another build holds the lock, a page
(a path ending in / or .html) gets this page at once; the theme's files, search and the live-reload poll go
on to mkdocs serve (the poll as the preview would have it, reloading.py; Material's bundles, whose names
change with their content, kept by the browser across reloads). The page takes nothing from the site (no
template, style or script of overrides/): it must show when they are what is broken, and it sits outside
the site's Content-Security-Policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..errors import Finding

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")  # Material's bundles: main.57a0d79d.min.css
LIVE_RELOAD = "/livereload/"  # mkdocs serve's long poll, which the preview may hold (reloading.py)
STATE = "/.gwr-preview"  # answers the number of the last build; the page reloads when it moves on


@dataclass(frozen=True)
class Shown:
    problems: tuple[Finding, ...]
    generation: int  # builds since mkdocs serve started


class PreviewApp:
    def __init__(self, app, preview) -> None:
        self.app, self.preview = app, preview  # preview: a LivePreview (shown, waiting, poll)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == STATE:
            return _answer(start_response, "200 OK", "text/plain", str(self.preview.shown.generation).encode())
        if path.startswith(LIVE_RELOAD):
            return self.preview.poll(environ, lambda polled: self.app(polled, start_response))
        if not path.endswith(("/", ".html")):
            return self.app(environ, _kept_by_browser(start_response) if FINGERPRINTED.search(path) else start_response)
        shown = self.preview.shown
        if not shown.problems and not self.preview.waiting:
            answer: list = []
            body = self.app(environ, lambda status, headers, exc_info=None: answer.append((status, headers)))
            shown = self.preview.shown  # mkdocs serve held the request for a build, which may have failed
            if not shown.problems:
                start_response(*answer[-1])
                return body
            getattr(body, "close", lambda: None)()
        if shown.problems:
            return _answer(start_response, "500 Internal Server Error", "text/html", problems_page(shown))
        return _answer(start_response, "503 Service Unavailable", "text/html", waiting_page(self.preview.waiting, shown))


def _kept_by_browser(start_response):
    """A file whose name changes with its content is kept by the browser: a reload after a save does not fetch
    and compile it again (mkdocs serve says nothing of caching, so every reload fetched it)."""
    def start(status, headers, exc_info=None):
        if status.startswith("200"):
            headers = [*headers, ("Cache-Control", "max-age=31536000, immutable")]
        return start_response(status, headers, exc_info)
    return start


def problems_page(shown: Shown) -> bytes:
    count = len(shown.problems)
    title = f"{count} problem{'s' if count != 1 else ''} to fix before the preview can show the site"
    items = "".join(_item(problem) for problem in shown.problems)
    return _page(title, "<p>Fix each in its file, at the line named, and save it: this page reloads by itself, "
                 "into the site once every problem is fixed. The terminal running <code>make serve</code> shows "
                 f"them too, and <code>make check</code> lists every problem of the translations.</p><ol>{items}</ol>",
                 shown.generation)


def waiting_page(message: str, shown: Shown) -> bytes:
    return _page("The preview waits for another build", f"<p>{escape(message)}</p><p>It rebuilds once that build "
                 "has ended (<code>gwr build</code> and the preview take turns), and this page reloads by itself.</p>",
                 shown.generation)


def _item(problem: Finding) -> str:
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return (f'<li><p><code class="where">{escape(where)}</code> <span class="check">{escape(problem.severity)} '
            f"[{escape(problem.check)}]</span></p><p>{escape(problem.message)}</p>"
            f'<p class="fix"><strong>What to do:</strong> {escape(problem.fix)}</p></li>')


STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem;color:#9b1c1c}li{margin:0 0 1.2rem}li p{margin:.2rem 0}.where{font-weight:bold}
.check{color:#555}.fix{background:#fff7e0;padding:.3rem .5rem}code{font-family:ui-monospace,monospace}"""

# Asks which build is the last, every half second; a new one means a new state: reload.
RELOAD = """(function(){var seen=%s;function poll(){fetch(%s,{cache:"no-store"}).then(function(r){return r.text()})
.then(function(now){if(Number(now)!==seen){location.reload()}else{setTimeout(poll,500)}},
function(){setTimeout(poll,2000)})}setTimeout(poll,500)})();"""


def _page(title: str, body: str, generation: int) -> bytes:
    script = RELOAD % (generation, f'"{STATE}"')
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style></head>'
            f"<body><h1>{escape(title)}</h1>{body}<script>{script}</script></body></html>\n").encode("utf-8")


def _answer(start_response, status: str, kind: str, body: bytes):
    start_response(status, [("Content-Type", f"{kind}; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]
