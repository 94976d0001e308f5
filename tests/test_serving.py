"""The live preview (`make serve`): which edition(s) a saved file rebuilds, and that what it leaves is
what a build from scratch gives (no stale page). The time it takes is benchmarks/editor_loop.py's.

And, against `mkdocs serve` itself: a broken input of every kind is shown in the browser at once (file:line
and what to do; before, every request hung until the file was fixed), the page comes back when it is fixed,
a preview starts with a broken input, and each build takes `gwr build`'s lock (for the build, not for ever)."""

from __future__ import annotations

import html
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import save_translation
from generator.site.generate import GenerateResult, Generator, InputStamps, catalog_language
from generator.site.render import Edition
from generator.site.reloading import EarlyReload, OpenPages, notified_at_once
from generator.site.serving import Scope, layout, others_first, plan_scopes, scopes_left, written_by_edition

PAGES, NONE, WHOLE = Scope.PAGES, Scope.NONE, Scope.WHOLE
SAME = {"zh": False, "en": False}
BOTH = {"zh": True, "en": True}


@pytest.mark.parametrize("path, lang", [
    ("translations/en/action-1.po", "en"),
    ("translations/en/interface.po", "en"),
    ("translations/en/targets.po", "en"),
    ("translations/glossary/shared.yaml", None),
    ("translations/summaries.en.yaml", None),
    ("translations/en/notes.txt", None),  # not a catalog: nothing says what reads it
    ("translations/en/old/action-1.po", None),
    ("translations/fr/action-1.po", None),  # not an edition
    ("seeds/yiwu-2026-gwr-page2.txt", None),
])
def test_catalog_language(path, lang):
    assert catalog_language(path) == lang


def test_an_english_catalog_rebuilds_the_changed_pages_of_each_edition():
    # A Chinese page shows the English beside it (side-by-side reading), so both editions have changed pages.
    assert plan_scopes({"translations/en/action-1.po"}, SAME, BOTH) == {"zh": PAGES, "en": PAGES}


def test_an_edition_without_a_changed_file_is_not_built():
    assert plan_scopes({"translations/en/action-1.po"}, SAME, {"zh": False, "en": True}) == {"zh": NONE, "en": PAGES}
    assert plan_scopes({"translations/en/action-1.po"}, SAME, SAME) == {"zh": NONE, "en": NONE}


def test_several_catalogs_saved_at_once_are_still_catalogs_only():
    changed = {"translations/en/action-1.po", "translations/en/action-2.po"}
    assert plan_scopes(changed, SAME, BOTH) == {"zh": PAGES, "en": PAGES}


def test_an_edition_whose_layout_changed_is_built_whole():
    # A translated heading is in the English nav, an interface string in every English footer.
    scopes = plan_scopes({"translations/en/interface.po"}, {"zh": False, "en": True}, {"zh": False, "en": True})
    assert scopes == {"zh": NONE, "en": WHOLE}


def test_the_default_edition_whole_means_every_edition_whole():
    # Its clean build empties the site folder, the other editions' sub-folders included.
    assert plan_scopes({"translations/en/action-1.po"}, {"zh": True, "en": False}, BOTH) == {"zh": WHOLE, "en": WHOLE}


@pytest.mark.parametrize("changed", [
    {"seeds/yiwu-2026-gwr-page2.txt"},
    {"seeds/report.yaml"},
    {"translations/glossary/shared.yaml"},
    {"translations/highlights.en.yaml"},
    {"translations/plan-links.yaml"},
    {"CONTRIBUTING.md"},
    {"generator/site/render.py"},
    {"mkdocs.en.yml"},
    {"translations/en/action-1.po", "translations/glossary/shared.yaml"},  # a catalog with anything else
    set(),  # nothing the generator reads (a config, the theme): anything may have changed
])
def test_anything_but_catalogs_rebuilds_both_editions_whole(changed):
    assert plan_scopes(changed, SAME, BOTH) == {"zh": WHOLE, "en": WHOLE}


def test_the_english_pages_come_first_when_only_english_catalogs_changed():
    assert others_first({"translations/en/action-1.po"}, {"zh": PAGES, "en": PAGES})
    assert not others_first({"translations/en/action-1.po"}, {"zh": PAGES, "en": NONE})  # nothing English to show
    assert not others_first({"translations/en/action-1.po", "seeds/report.yaml"}, {"zh": WHOLE, "en": WHOLE})
    assert not others_first({"translations/zh/action-1.po"}, {"zh": PAGES, "en": PAGES})  # the default's own
    assert not others_first(None, {"zh": PAGES, "en": PAGES})  # what changed is not known: whole


def test_after_the_early_reload_what_is_left_is_built():
    # The English pages are built; the put-off files (search index, downloads) changed in both editions.
    assert scopes_left({"zh": PAGES, "en": PAGES}, SAME, BOTH) == {"zh": PAGES, "en": PAGES}
    # Nothing more written: the Chinese pages as planned, the English ones are built already.
    assert scopes_left({"zh": PAGES, "en": PAGES}, SAME, SAME) == {"zh": PAGES, "en": NONE}
    assert scopes_left({"zh": NONE, "en": PAGES}, SAME, {"zh": False, "en": True}) == {"zh": NONE, "en": PAGES}
    # A search index with another set of files: that edition whole (the default one: every edition whole).
    assert scopes_left({"zh": PAGES, "en": PAGES}, {"zh": False, "en": True}, BOTH) == {"zh": PAGES, "en": WHOLE}
    assert scopes_left({"zh": PAGES, "en": PAGES}, {"zh": True, "en": False}, BOTH) == {"zh": WHOLE, "en": WHOLE}


def _edition(nav=None, footer=None, pages=None) -> Edition:
    return Edition("en", pages or {"index.md": "Home", "action-1.md": "Text"}, nav or [{"Home": "index.md"}],
                   footer or [("Translation status", "translation-status")], "Editors")


def test_layout_is_what_every_page_shows():
    base = layout(_edition())
    assert layout(_edition(pages={"index.md": "Home", "action-1.md": "New text"})) == base  # a page's own text
    assert layout(_edition(nav=[{"Start": "index.md"}])) != base
    assert layout(_edition(footer=[("Translation progress", "translation-status")])) != base
    assert layout(_edition(pages={"index.md": "Home", "action-1.md": "Text", "search/gwr/t/9.json": "{}"})) != base


def test_input_stamps_name_what_changed():
    before = InputStamps((("seeds/a.txt", 1, 10), ("translations/en/a.po", 1, 20), ("translations/en/b.po", 1, 5)))
    after = InputStamps((("seeds/a.txt", 1, 10), ("translations/en/a.po", 2, 21), ("translations/en/c.po", 1, 5)))
    assert after.changed(before) == {"translations/en/a.po", "translations/en/b.po", "translations/en/c.po"}
    assert after.changed(after) == set()
    assert after.catalogs("en") == (("translations/en/a.po", 2, 21), ("translations/en/c.po", 1, 5))
    assert after.catalogs("zh") == ()
    assert after.shared() == (("seeds/a.txt", 1, 10),)


def test_written_by_edition(tmp_path):
    docs = tmp_path / "docs"
    result = GenerateResult({}, [docs / "en" / "action-1.md", docs / "en" / "search" / "gwr" / "meta.json"], [], {})
    assert written_by_edition(result, docs) == {"zh": False, "en": True}
    result = GenerateResult({}, [], [docs / "zh" / "old.md"], {})
    assert written_by_edition(result, docs) == {"zh": True, "en": False}


# --- what the shortcuts leave: the same as from scratch ------------------------------------------------

SERVE_URL = "http://127.0.0.1:8000/"
SEGMENT = "action-1.task-1.s1"


def set_translation(project: Path, text: str, tick: int) -> None:
    """Translate one sentence, as an editor saving the PO file (its mtime moves on by `tick` seconds)."""
    _tick(save_translation(project, "action-1", SEGMENT, text), tick)


def set_interface_string(project: Path, msgid: str, text: str, tick: int) -> None:
    _tick(save_translation(project, "interface", msgid, text), tick)


def set_fuzzy_with_note(project: Path, context: str, tick: int) -> None:
    from generator.translation.catalogs import read_catalog, render_catalog

    path = project / "translations" / "en" / "action-1.po"
    catalog = read_catalog(path, "en")
    message = next(m for m in catalog if m.context == context)
    message.flags, message.user_comments = {"fuzzy"}, ["Translator's note: saved by an editor."]
    path.write_bytes(render_catalog(catalog))
    _tick(path, tick)


def _tick(path: Path, seconds: int) -> None:
    stat = path.stat()  # a later mtime, whatever the file system's clock resolution
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_a_kept_generator_renders_what_a_fresh_one_does(site_project):
    generator = Generator(site_project)
    generator.generate()
    set_translation(site_project, "A sentence saved by an editor.", 5)
    glossary = site_project / "translations" / "glossary" / "shared.yaml"
    for change in (lambda: None, lambda: (glossary.write_text(glossary.read_text(encoding="utf-8") + "\n",
                                                              encoding="utf-8"), _tick(glossary, 10))):
        change()
        kept = generator.generate()
        fresh = Generator(site_project).render(InputStamps.read(site_project))
        assert {lang: e.pages for lang, e in kept.editions.items()} == \
               {lang: e.pages for lang, e in fresh.editions.items()}
    assert "A sentence saved by an editor." in kept.editions["en"].pages["action-1.md"]


class _Server:
    """What the hooks use of mkdocs serve's LiveReloadServer."""

    def __init__(self, builder, watched: list[str]) -> None:
        self.builder, self.watched = builder, {os.path.abspath(path) for path in watched}

    def watch(self, path: str) -> None:
        self.watched.add(os.path.abspath(path))

    def unwatch(self, path: str) -> None:
        self.watched.remove(os.path.abspath(path))

    def get_app(self):
        return getattr(self, "app", None)

    def set_app(self, app) -> None:
        self.app = app


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _from_scratch(project: Path, folder: Path) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GWR_SITE_URL=SERVE_URL)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(folder)], cwd=project,
                   env=env, check=True, stderr=subprocess.DEVNULL)
    return _files(folder)


def test_the_live_preview_leaves_what_a_build_from_scratch_gives(site_project, tmp_path, monkeypatch, caplog,
                                                                  request):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GWR_SITE_URL", raising=False)
    served = tmp_path / "served"

    def builder(config=None):  # mkdocs serve's own
        if config is None:
            config = load_config(str(site_project / "mkdocs.yml"), site_dir=str(served), strict=False)
            config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)

    config = load_config(str(site_project / "mkdocs.yml"), site_dir=str(served), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    request.addfinalizer(config.plugins.on_shutdown)  # the preview's session ends with the test
    config.site_url = SERVE_URL
    builder(config)
    server = config.plugins.on_serve(_Server(builder, [config.docs_dir]), config=config, builder=builder)
    assert os.path.abspath(config.docs_dir) not in server.watched  # generated: its inputs are watched
    assert str((site_project / "mkdocs.en.yml").resolve()) in server.watched

    caplog.set_level(logging.INFO, logger="mkdocs.hooks.gwr")
    set_translation(site_project, "A sentence saved by an editor.", 5)
    server.builder()
    assert "Rebuilding: zh changed pages, en changed pages" in caplog.text
    assert "A sentence saved by an editor." in (served / "en" / "action-1" / "index.html").read_text(encoding="utf-8")
    assert _files(served) == _from_scratch(site_project, tmp_path / "scratch-1")

    set_interface_string(site_project, "翻译进度", "Progress of the translation", 10)  # an editors' page's title
    server.builder()
    assert "Rebuilding: zh unchanged, en whole" in caplog.text  # the English footer names that page
    assert _files(served) == _from_scratch(site_project, tmp_path / "scratch-2")

    # Saves one after the other: a sentence, a fuzzy flag (progress), a translator's note (the notes pages).
    set_translation(site_project, "Saved again.", 15)
    server.builder()
    set_fuzzy_with_note(site_project, "action-1.task-1.s2", 20)
    server.builder()
    assert _files(served) == _from_scratch(site_project, tmp_path / "scratch-3")


# --- the browsers: told at once, reloaded once ---------------------------------------------------------


def test_a_save_is_seen_at_once_and_reading_is_no_change(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    watched = tmp_path / "translations"
    watched.mkdir()
    catalog = watched / "action-1.po"
    catalog.write_text("msgid \"\"\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(watched))
    notified_at_once(server)
    assert type(server.observer).__name__ == "ChangesObserver"  # inotify, not mkdocs serve's poller
    server.observer.start()
    try:
        time.sleep(0.2)
        catalog.read_bytes()  # the generator reads its inputs: no rebuild for that
        time.sleep(0.3)
        assert not server._want_rebuild
        catalog.write_text("msgid \"\"\nmsgstr \"\"\n", encoding="utf-8")
        end = time.monotonic() + 5
        while not server._want_rebuild:
            assert time.monotonic() < end, "the save was not seen"
            time.sleep(0.01)
    finally:
        server.observer.stop()
        server.observer.join()


class _Epochs:
    """What reloading.py uses of mkdocs serve's LiveReloadServer: its epochs."""

    mount_path = "/"

    def __init__(self) -> None:
        import threading

        self._epoch_cond = threading.Condition()
        self._wanted_epoch, self._visible_epoch = 200, 100  # a build started (200), the browsers show 100


def _poll(epoch: int, page: str) -> dict:
    return {"PATH_INFO": f"/livereload/{epoch}/7", "HTTP_REFERER": f"http://127.0.0.1:8000/{page}"}


def test_an_english_tab_reloaded_early_reloads_once():
    import threading

    server, pages = _Epochs(), OpenPages("/")
    with pages.held(_poll(100, "en/action-1/")):  # an English tab waits for news
        early = EarlyReload(server, ("en/",), pages)
        early.start()
    assert server._visible_epoch == 200  # its poll hears of the build at once: it reloads
    assert early.poll(_poll(100, "zh/")) == _poll(100, "zh/")  # a page served before: as it came
    asked = []
    english = threading.Thread(target=lambda: asked.append(early.poll(_poll(200, "en/action-1/"))))
    english.start()
    early.let_load(5)  # returns as soon as that tab polls again
    assert english.is_alive()  # … and its poll waits for the build's end
    chinese = early.poll(_poll(200, "action-1/"))
    assert chinese == _poll(200, "action-1/")  # a Chinese page served meanwhile may be stale: it reloads at the end
    # A Chinese tab told of the early version hears of it only at the end, with the version after.
    held = []
    other = threading.Thread(target=lambda: held.append(early.held_back(_poll(100, "action-1/"), [b"200"])))
    other.start()
    other.join(0.2)
    assert other.is_alive()
    early.moved_on()
    early.end(quiet=True)
    english.join(5)
    other.join(5)
    after = server._wanted_epoch
    assert after > 200 and asked == [{**_poll(200, "en/action-1/"), "PATH_INFO": f"/livereload/{after}/7"}]
    assert held == [[b"%d" % after]]
    assert early.held_back(_poll(100, "action-1/"), [b"200"]) == [b"200"]  # the build has ended: as it came


def test_a_build_that_ends_in_a_problem_reloads_every_tab():
    server, pages = _Epochs(), OpenPages("/")
    early = EarlyReload(server, ("en/",), pages)
    early.start()
    early.moved_on()
    early.end(quiet=False)  # the browser must show the problem page instead
    assert early.poll(_poll(200, "en/action-1/")) == _poll(200, "en/action-1/")


# --- what `make serve` shows when an input is broken: the problem, in the browser, at once -------------

PAGE = "en/action-1/"


@dataclass(frozen=True)
class Breakage:
    """One input kind, broken as an editor might break it: where the preview must point, and the fix it says."""

    path: str
    edit: Callable[[str], tuple[str | bytes, int]]  # the file's text -> the broken file and the 1-based line to name
    fix: str  # a piece of what the preview says to do
    where_is_line: bool = True

    @property
    def kind(self) -> str:
        return self.path.split("/")[-1]

    def expected(self, line: int) -> str:
        return f"{self.path}:{line}" if self.where_is_line else self.path


def _line_of(text: str, needle: str, start: int = 0) -> int:
    return text[:text.index(needle, start)].count("\n") + 1


def _seed(text):  # a byte neither UTF-8 nor GB18030 reads
    return text.encode("utf-8") + b"\xff", 0


def _duplicate_key(key: str):
    def edit(text):
        text = text.rstrip("\n") + "\n"
        value = re.search(rf"^{key}:.*$", text, re.MULTILINE).group(0)
        return text + value + "\n", text.count("\n") + 1
    return edit


def _unterminated_msgstr(after: int):
    def edit(text):
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and i > after)
        lines[index] = 'msgstr "unterminated'
        return "\n".join(lines), index + 1
    return edit


def _tab_after(marker: str):
    def edit(text):
        at = text.index(marker) + len(marker)
        return text[:at] + "\n\t" + text[at:], _line_of(text, marker) + 1
    return edit


def _unclosed_quote(text):  # the first point's closing quote forgotten: a later quote closes it
    start = text.index('- text: "') + len('- text: "')
    end = text.index('"\n', start)
    return text[:end] + text[end + 1:], _line_of(text, '- text: "')


def _unknown_citation(text):
    match = re.search(r"source: \[([^\],]+)", text)
    return text[:match.start(1)] + "action-99.task-1.s1" + text[match.end(1):], _line_of(text, "- text:", 0)


def _bad_pattern(text):
    return text.replace("  - pattern: '\\bperson-times?\\b'", "  - pattern: '(person-times'", 1), \
        _line_of(text, "  - pattern: '\\bperson-times?\\b'")


def _unknown_action(text):
    return text.replace("  - to: action-1\n", "  - to: action-99\n", 1), _line_of(text, "  - to: action-1\n")


BREAKAGES = [
    Breakage("seeds/yiwu-2026-gwr-page2.txt", _seed, "re-save the file as UTF-8", where_is_line=False),
    Breakage("seeds/report.yaml", _duplicate_key("year"), "keep one of the two"),
    Breakage("translations/en/action-2.po", _unterminated_msgstr(20), "put the text in double quotes"),
    Breakage("translations/en/interface.po", _unterminated_msgstr(20), "put the text in double quotes"),
    Breakage("translations/glossary/shared.yaml", _tab_after("terms:"), "fix the indentation"),
    Breakage("translations/highlights.en.yaml", _unclosed_quote, "this quote is not closed on its line"),
    Breakage("translations/merchants.en.yaml", _duplicate_key("title"), "keep one of the two"),
    Breakage("translations/summaries.en.yaml", _unknown_citation, "action-99.task-1.s1"),
    Breakage("translations/summaries.zh.yaml", _tab_after("review:"), "fix the indentation"),
    Breakage("translations/style.yaml", _bad_pattern, "not a valid regular expression"),
    Breakage("translations/plan-links.yaml", _unknown_action, "action-99"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    """The status and text of a page; a request that gets no answer within `timeout` fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except (TimeoutError, socket.timeout) as err:
        raise AssertionError(f"{url} did not answer within {timeout} s: the preview hangs") from err


def visible(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def wait_for_page(url: str, shows: Callable[[int, str], bool], deadline: float = 120) -> tuple[int, str]:
    """Ask for the page until it shows what is expected (a rebuild follows the save within a second or two);
    every answer must come within 10 s."""
    end = time.monotonic() + deadline
    while True:
        status, text = fetch(url)
        if shows(status, text):
            return status, text
        assert time.monotonic() < end, f"{url} never showed the expected page; last: {status} {visible(text)[:300]}"
        time.sleep(0.3)


class Preview:
    """`mkdocs serve` as `make serve` starts it, on a free port of 127.0.0.1, in a copy of the project."""

    def __init__(self, project: Path) -> None:
        self.project, self.port = project, _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = project.parent / f"serve-{self.port}.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env.pop("SOURCE_DATE_EPOCH", None)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)

    def started(self, timeout: float = 180) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.process.poll() is None, self.output()
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except urllib.error.HTTPError:
                return  # it answers (an error page counts)
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"mkdocs serve did not start: {self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # Ctrl-C: mkdocs serve removes its temporary folder
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def preview(tmp_path_factory, project_copier):
    server = Preview(project_copier(tmp_path_factory.mktemp("preview") / "project"))
    try:
        server.started()
        wait_for_page(server.url + PAGE, lambda status, text: status == 200)
        yield server
    finally:
        server.stop()


def edit_file(project: Path, breakage: Breakage) -> tuple[bytes, int]:
    path = project / breakage.path
    original = path.read_bytes()
    broken, line = breakage.edit(original.decode("utf-8"))
    path.write_bytes(broken if isinstance(broken, bytes) else broken.encode("utf-8"))
    return original, line


def is_the_page(status: int, text: str) -> bool:
    return status == 200 and 'id="action-1.task-1.s1"' in text


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.kind)
def test_the_preview_shows_a_broken_input_in_the_browser_and_recovers(preview, breakage):
    original, line = edit_file(preview.project, breakage)
    try:
        expected = breakage.expected(line)
        status, text = wait_for_page(preview.url + PAGE, lambda status, text: expected in visible(text))
        shown = visible(text)
        assert breakage.fix in shown, shown
        assert status >= 500 and 'id="action-1.task-1.s1"' not in text  # the problem, not a stale page
        assert expected in visible(fetch(preview.url)[1])  # on every page
    finally:
        (preview.project / breakage.path).write_bytes(original)
    wait_for_page(preview.url + PAGE, is_the_page)  # fixed: the site again


def test_the_error_page_reloads_itself_when_the_file_is_fixed(preview, browser):
    breakage = BREAKAGES[4]  # the glossary, with a tab
    page = browser.new_page()
    try:
        page.goto(preview.url + PAGE)
        original, line = edit_file(preview.project, breakage)
        try:  # the open page reloads by itself into the problem …
            page.wait_for_function(f"() => document.body.innerText.includes({breakage.expected(line)!r})",
                                   timeout=60_000)
        finally:
            (preview.project / breakage.path).write_bytes(original)
        # … and back into the site once the file is fixed, without anyone reloading it
        page.wait_for_selector('[id="action-1.task-1.s1"]', timeout=60_000)
    finally:
        page.close()


def test_the_preview_starts_with_a_broken_input_and_recovers(tmp_path, project_copier):
    project = project_copier(tmp_path / "project")
    breakage = BREAKAGES[5]  # highlights, a quote not closed on its line
    original, line = edit_file(project, breakage)
    server = Preview(project)
    try:
        server.started()
        status, text = wait_for_page(server.url + PAGE, lambda status, text: breakage.expected(line) in visible(text))
        assert breakage.fix in visible(text)
        (project / breakage.path).write_bytes(original)
        wait_for_page(server.url + PAGE, is_the_page)
    finally:
        server.stop()


def test_the_preview_takes_the_build_lock_for_each_build_not_for_its_lifetime(preview):
    from generator.site.build import _exclusive, _Interrupts

    lock = preview.project / ".site.lock"
    # Idle, the preview holds no lock: `gwr build --no-wait` would not be turned away.
    with _exclusive(lock, False, print, _Interrupts()):
        pass
    with _exclusive(lock, True, print, _Interrupts()):  # a `gwr build` running
        set_translation(preview.project, "Saved while a build runs.", 30)
        end = time.monotonic() + 60
        while f"another build is running (process {os.getpid()})" not in preview.output():
            assert time.monotonic() < end, preview.output()[-2000:]
            time.sleep(0.3)
        status, text = fetch(preview.url + PAGE)  # answered at once, not when the other build ends
        assert f"another build is running (process {os.getpid()})" in visible(text)
    wait_for_page(preview.url + PAGE, lambda status, text: "Saved while a build runs." in text)
