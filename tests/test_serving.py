"""The live preview (`make serve`): which edition(s) a saved file rebuilds, and that what it leaves is
what a build from scratch gives (no stale page). The time it takes is benchmarks/editor_loop.py's."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import save_translation
from generator.site.generate import GenerateResult, Generator, InputStamps, catalog_language
from generator.site.render import Edition
from generator.site.serving import Scope, layout, plan_scopes, written_by_edition

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


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _from_scratch(project: Path, folder: Path) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GWR_SITE_URL=SERVE_URL)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(folder)], cwd=project,
                   env=env, check=True, stderr=subprocess.DEVNULL)
    return _files(folder)


def test_the_live_preview_leaves_what_a_build_from_scratch_gives(site_project, tmp_path, monkeypatch, caplog):
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
