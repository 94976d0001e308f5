"""Shared fixtures: the project root and throw-away seed folders built from the real seed."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "seeds" / "yiwu-2026-gwr-page2.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report():
    from generator.source.load import load_report

    return load_report(ROOT)


class SeedProject:
    """A project folder in tmp_path with its own seeds/ (copied metadata, given page texts)."""

    def __init__(self, path: Path) -> None:
        self.root = path
        self.seeds = path / "seeds"
        self.seeds.mkdir(parents=True)
        self.meta = yaml.safe_load((ROOT / "seeds" / "report.yaml").read_text(encoding="utf-8"))
        self.meta.pop("part_slugs", None)  # where the real report's parts are: a test's text has its own parts

    def write_pages(self, *pages: bytes | str, names: list[str] | None = None) -> None:
        names = names or [f"page{i + 2}.txt" for i in range(len(pages))]
        for name, content in zip(names, pages):
            data = content.encode("utf-8") if isinstance(content, str) else content
            (self.seeds / name).write_bytes(data)
        self.meta["pages"] = [{"file": n, "page": i + 2} for i, n in enumerate(names)]
        (self.seeds / "report.yaml").write_text(yaml.safe_dump(self.meta, allow_unicode=True), encoding="utf-8")

    def load(self):
        from generator.source.load import load_report

        return load_report(self.root)

    def ingest(self):
        from generator.source.ingest import ingest
        from generator.source.seedmeta import load_meta

        return ingest(load_meta(self.seeds), self.root)


@pytest.fixture
def seed_project(tmp_path) -> SeedProject:
    return SeedProject(tmp_path / "project")


SITE_INPUTS = ("mkdocs.yml", "mkdocs.en.yml", "CONTRIBUTING.md", "seeds", "overrides", "translations", "generator", "docs")


def copy_texts(tmp_path: Path) -> Path:
    """A project of the seeds and translations alone: enough for gwr check, update and the editorial files."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "translations", root / "translations")
    return root


def copy_project(target: Path) -> Path:
    """A copy of the files a site build reads, so building never writes into the repository."""
    for name in SITE_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
        elif source.exists():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def save_translation(project: Path, catalog_name: str, key: str, text: str) -> Path:
    """Translate one entry (msgctxt, or msgid for interface strings) as an editor saving the PO file would."""
    from generator.translation.catalogs import read_catalog, render_catalog

    path = project / "translations" / "en" / f"{catalog_name}.po"
    catalog = read_catalog(path, "en")
    message = next(m for m in catalog if key in (m.context, m.id))
    message.string, message.flags = text, set()
    path.write_bytes(render_catalog(catalog))
    return path


@pytest.fixture(scope="session")
def project_copier():
    return copy_project


@pytest.fixture
def site_project(tmp_path) -> Path:
    return copy_project(tmp_path / "site-project")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]


@contextmanager
def serve(folder: Path, port: int = 0, compress: bool = False):
    """A built site served on 127.0.0.1 only (any free port unless one is given); yields its base URL.
    compress: gzip text as any real host does (for measuring what a reader downloads)."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, project_copier):
    """One copy of the project built with `gwr build` and served, for the tests that only read the site
    (reader pages, touch, the first minute, search): (site folder, base URL)."""
    project = project_copier(tmp_path_factory.mktemp("served") / "project")
    with built_and_served(project) as url:
        yield project / "site", url


@contextmanager
def built_and_served(project: Path, *command: str):
    """The project's site built for the address it is then served at (site_url: canonical links,
    hreflang and the language switcher name that address); yields the base URL."""
    import subprocess
    import sys

    with serve(project / "site") as url:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GWR_SITE_URL=url)
        subprocess.run([sys.executable, "-m", *(command or ("generator", "build"))], cwd=project, env=env,
                       check=True, capture_output=True)
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class NotFoundPageHandler(_QuietHandler):
    """A static host whose missing addresses get the site's 404.html (status 404), as GitHub Pages does."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _GzipHandler(_QuietHandler):
    """Text compressed with gzip when the browser accepts it; everything cacheable for an hour."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".tbx")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        import gzip
        import io

        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "chromium is missing: run `make system-deps` (Debian package chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
