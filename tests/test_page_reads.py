"""A kept Generator (`make serve`) renders again only the pages whose reads of the translation a saved catalog
changed (generator/site/page_reads.py), and what it gives is what a fresh Generator gives, whatever is saved:
a sentence, a fuzzy flag, a translator's note, a review record, an interface string, a broken catalog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from conftest import save_translation
from generator.site import render
from generator.site.generate import Generator, InputStamps
from generator.site.page_reads import OUTSIDE, STATUS, PageCache, PageReads, RecordingLocaliser
from generator.translation.catalogs import read_catalog, render_catalog
from generator.translation.localise import Localiser

SEGMENT = "action-1.task-1.s1"


def _tick(path: Path, seconds: int) -> None:
    stat = path.stat()  # a later mtime, whatever the file system's clock resolution
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def _edit_catalog(project: Path, name: str, change: Callable) -> Path:
    """Change one catalog as an editor would, through Babel: change(catalog) edits it in place."""
    path = project / "translations" / "en" / f"{name}.po"
    catalog = read_catalog(path, "en")
    change(catalog)
    path.write_bytes(render_catalog(catalog))
    return path


def _entry(catalog, context: str):
    return next(m for m in catalog if m.context == context)


def _fuzzy(catalog):
    _entry(catalog, SEGMENT).flags = {"fuzzy"}


def _note(catalog):
    _entry(catalog, "action-1.task-1.s2").user_comments = ["Translator's note: a note saved by an editor."]


def _review(catalog):
    catalog.header_comment = (catalog.header_comment or "") + "\n# Review: 2026-03-01, a second reader"


def _break(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    at = text.index('msgstr "', text.index("msgctxt"))
    path.write_text(text[:at] + 'msgstr "unterminated\n' + text[text.index("\n", at) + 1:], encoding="utf-8")


SAVES = {  # what an editor saves -> (its catalog, how)
    "a sentence": ("action-1", lambda p: save_translation(p, "action-1", SEGMENT, "A sentence saved by an editor.")),
    "a fuzzy flag": ("action-1", lambda p: _edit_catalog(p, "action-1", _fuzzy)),
    "a translator's note": ("action-1", lambda p: _edit_catalog(p, "action-1", _note)),
    "a review record": ("action-2", lambda p: _edit_catalog(p, "action-2", _review)),
    "an interface string": ("interface",
                            lambda p: save_translation(p, "interface", "翻译进度", "Translation progress")),
    "a broken catalog": ("action-3", lambda p: _break(p / "translations" / "en" / "action-3.po")),
}


@pytest.fixture
def rendered_pages(monkeypatch) -> list[tuple[str, str]]:
    """(language, page) of every page the Renderers render from now on."""
    seen: list[tuple[str, str]] = []
    page = render.Renderer.render_page

    def recorded(self, plan):
        seen.append((self.language.lang, plan.path))
        return page(self, plan)

    monkeypatch.setattr(render.Renderer, "render_page", recorded)
    return seen


def _pages(result) -> dict[str, dict[str, str]]:
    return {lang: edition.pages for lang, edition in result.editions.items()}


def test_each_save_renders_what_a_fresh_generator_does(site_project, rendered_pages):
    kept = Generator(site_project)
    kept.generate()
    for tick, (name, (catalog, save)) in enumerate(SAVES.items(), start=1):
        save(site_project)
        _tick(site_project / "translations" / "en" / f"{catalog}.po", 10 * tick)
        rendered_pages.clear()
        kept.generate(later=True)  # the files that are not pages may wait …
        again = list(rendered_pages)
        result = kept.complete()  # … until the preview has built the saved catalog's pages
        fresh = Generator(site_project).render(InputStamps.read(site_project))
        assert _pages(result) == _pages(fresh), name
        assert {e.lang: e.nav for e in result.editions.values()} == {e.lang: e.nav for e in fresh.editions.values()}
        assert again, f"{name}: no page rendered again"
        assert len(again) < len(fresh.editions["en"].pages), f"{name}: every page rendered again"
        assert [problem.path for problem in result.problems["en"]] == [problem.path for problem in fresh.problems["en"]]
        assert bool(result.problems["en"]) == (name == "a broken catalog")


def test_a_sentence_renders_its_page_in_each_edition_and_little_else(site_project, rendered_pages):
    kept = Generator(site_project)
    kept.generate()
    _tick(save_translation(site_project, "action-1", SEGMENT, "Only this page changes."), 10)
    rendered_pages.clear()
    result = kept.generate()
    # The Chinese page shows it side by side; the English source notes read every sentence's note.
    assert sorted(rendered_pages) == [("en", "action-1.md"), ("en", "source-notes.md"), ("zh", "action-1.md")]
    assert "Only this page changes." in result.editions["zh"].pages["action-1.md"]


def test_a_fuzzy_flag_renders_the_progress_too(site_project, rendered_pages):
    kept = Generator(site_project)
    kept.generate()
    _tick(_edit_catalog(site_project, "action-1", _fuzzy), 10)
    rendered_pages.clear()
    kept.generate()
    assert {("en", "translation-status.md"), ("en", "action-1.md"), ("zh", "action-1.md")} <= set(rendered_pages)


def test_put_off_files_are_the_last_ones_until_completed(site_project):
    kept = Generator(site_project)
    before = kept.generate()
    _tick(save_translation(site_project, "action-1", SEGMENT, "Saved, not yet searchable."), 10)
    early = kept.generate(later=True)
    assert kept.put_off
    assert early.editions["en"].pages["downloads/report.json"] == before.editions["en"].pages["downloads/report.json"]
    assert "Saved, not yet searchable." in early.editions["en"].pages["action-1.md"]
    done = kept.complete()
    assert not kept.put_off
    written = {path.relative_to(site_project / "docs").as_posix() for path in done.written}
    assert {"en/action-1.md", "zh/action-1.md", "en/downloads/report.json"} <= written  # both steps
    assert "Saved, not yet searchable." in done.editions["en"].pages["downloads/report.json"]
    assert kept.complete() is done  # nothing left to do


# --- the cache itself ---------------------------------------------------------------------------------


class _Status:
    def __init__(self, progress: dict[str, int]) -> None:
        self.progress = progress

    def progress_of(self, name: str) -> int | None:
        return self.progress.get(name)


def _cache_after_render(localiser: Localiser, status: _Status) -> tuple[PageCache, RecordingLocaliser]:
    reads = PageReads()
    recorded = RecordingLocaliser(localiser, reads)
    recorded.gettext("首页")  # outside any page: the navigation
    with reads.page("a.md"):
        recorded.text("a.s1", "甲")
    with reads.page("b.md"):
        recorded.text("b.s1", "乙")
        reads.record((STATUS, "progress_of", "b"), status.progress_of("b"))
    cache = PageCache()
    cache.update({"a.md": "A", "b.md": "B"}, reads)
    return cache, recorded


def _localiser(**texts: str) -> Localiser:
    from babel.messages.catalog import Message

    localiser = Localiser("en")
    for context, text in texts.items():
        source = {"a.s1": "甲", "b.s1": "乙"}.get(context, context)
        localiser.entries[context] = Message(source, text, context=context)
    return localiser


def test_a_page_is_kept_while_what_it_read_gives_the_same():
    cache, _ = _cache_after_render(_localiser(**{"a.s1": "A one", "b.s1": "B one"}), _Status({"b": 1}))
    same = {"en": _localiser(**{"a.s1": "A one", "b.s1": "B one"}), STATUS: _Status({"b": 1})}
    assert cache.unchanged(same) == {"a.md": "A", "b.md": "B"}
    one_sentence = {"en": _localiser(**{"a.s1": "A two", "b.s1": "B one"}), STATUS: _Status({"b": 1})}
    assert cache.unchanged(one_sentence) == {"b.md": "B"}
    progress = {"en": _localiser(**{"a.s1": "A one", "b.s1": "B one"}), STATUS: _Status({"b": 2})}
    assert cache.unchanged(progress) == {"a.md": "A"}


def test_what_is_read_outside_pages_keeps_no_page():
    cache, _ = _cache_after_render(_localiser(**{"a.s1": "A one"}), _Status({}))
    assert OUTSIDE in cache.reads
    home = _localiser(**{"a.s1": "A one"})
    from babel.messages.catalog import Message

    home.interface["首页"] = Message("首页", "Start")
    assert cache.unchanged({"en": home, STATUS: _Status({})}) == {}
