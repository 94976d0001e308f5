"""The live preview (`make serve`): after a save, rebuild what the saved file changes, and only that, so that
an editor who saves translations/en/<page>.po sees the English page reload with it within half a second.

`mkdocs serve` rebuilds everything after any change: both editions generated again, then every page of
both built into an emptied folder (2-4 s on a small machine), and the generator's own writes to docs/
started a second rebuild that held back the reloaded page. The hooks hand it a LivePreview instead
(on_serve), which works out from what changed how to rebuild each edition (plan_scopes):

- only catalogs of a language changed (an editor saved translations/en/<page>.po): the Generator kept
  by the hooks renders again only the pages for which what they read of the translation changed (the
  saved page in each edition, since a Chinese page shows the English side by side; the progress page if
  a status changed; page_reads.py), writes the files whose bytes changed, and each edition rebuilds just
  those (a dirty MkDocs build). An edition whose navigation, footer or set of files changed is built
  whole, since every page shows them; one with no changed file is not built at all;
- anything else (seeds, glossary, editorial YAML, plan links, CONTRIBUTING.md, the generator, the
  configs, or nothing known): both editions whole, as mkdocs serve always did.

When only the English catalogs changed, the English pages come first (_build): the Generator puts off the
search indexes and downloads (generate(later=True)), the English pages are built, and the browsers reload
then (reloading.py: the kernel tells of the save at once, and a tab of the English edition reloads once);
once those tabs have loaded their page, the put-off files are written and what is left of each edition
is built (scopes_left): the Chinese pages, the search indexes, the downloads. The site this leaves is
the one a whole build gives (tests/test_serving.py); meanwhile, for the time of that second step, the
Chinese pages and the search show the text before the save, each file whole.

docs/ is not watched: it is the generator's output, and its inputs are. `gwr build`, `mkdocs build` and
the first build of `mkdocs serve` never come here: they build both editions whole.

A rebuild never raises: mkdocs serve would then hold every request until a build succeeds. What would
stop `gwr build` becomes the preview's `problems`, which preview_page.py shows in the browser instead of
any page until a save fixes them: an input that cannot be read, a catalog that cannot (its pages show the
Chinese), style.yaml (only `gwr check` reads it; read again when it changed) and a build that failed. A
build with a problem, or after one, reloads every tab at its end, as mkdocs serve does. A first build
that cannot read an input (the hooks: first_build_failed) starts mkdocs serve all the same, with the
problem shown. Every build, the first included, holds `gwr build`'s lock (build.py), so that the two
never write docs/ at once; between builds the preview holds nothing, so that a `gwr build` waits for one
rebuild at most.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..errors import ERROR, Finding, InputError, InputErrors, findings_of
from ..translation.style import STYLE_FILE, load_style
from ..util.files import display
from .generate import CONFIG_FILES, LANGUAGES, SUBDIRS, GenerateResult, Generator, InputStamps, catalog_language
from .preview_page import PreviewApp, Shown
from .preview_session import REBUILD, SESSION
from .reloading import LONGEST_LOAD, EarlyReload, OpenPages, notified_at_once
from .render import Edition

log = logging.getLogger("mkdocs.hooks.gwr")
DEFAULT_LANG = LANGUAGES[0]


class Scope(Enum):
    NONE = "unchanged"  # no file of the edition changed: its pages stay as they were built
    PAGES = "changed pages"  # the pages and files whose generated file changed (a dirty MkDocs build)
    WHOLE = "whole"  # every page, into an emptied folder


WHOLE = {lang: Scope.WHOLE for lang in LANGUAGES}


def plan_scopes(changed: set[str], layout_changed: dict[str, bool], written: dict[str, bool]) -> dict[str, Scope]:
    """How each edition is rebuilt after the inputs `changed` (paths relative to the project) changed.

    layout_changed: per edition, whether what every page shows (navigation, footer, set of files) changed;
    written: per edition, whether any of its generated files changed."""
    if not changed or not all(catalog_language(path) for path in changed):
        return dict(WHOLE)  # the report, glossary, generator or configs: anything may have changed
    scopes = {lang: Scope.WHOLE if layout_changed[lang] else Scope.PAGES if written[lang] else Scope.NONE
              for lang in LANGUAGES}
    if scopes[DEFAULT_LANG] is Scope.WHOLE:  # its clean build empties the site folder, sub-folders too
        return dict(WHOLE)
    return scopes


def scopes_left(planned: dict[str, Scope], layout_changed: dict[str, bool],
                written: dict[str, bool]) -> dict[str, Scope]:
    """After the other editions' pages were built (_build, early): what is left to build of each edition once
    the put-off files are written (layout_changed: by that write; written: by both steps of the generate, a
    page built already is skipped by the dirty build); the default edition at least as planned."""
    scopes = {lang: Scope.WHOLE if layout_changed[lang] else Scope.PAGES if written[lang] else Scope.NONE
              for lang in LANGUAGES}
    if scopes[DEFAULT_LANG] is Scope.NONE:
        scopes[DEFAULT_LANG] = planned[DEFAULT_LANG]
    return dict(WHOLE) if scopes[DEFAULT_LANG] is Scope.WHOLE else scopes


def others_first(changed: set[str] | None, scopes: dict[str, Scope]) -> bool:
    """Whether the other editions' pages are built first (and the browsers reloaded then, _build): only their
    catalogs were saved (an English one), and they have pages to build."""
    return changed is not None and scopes != WHOLE and \
        all(catalog_language(path) not in (None, DEFAULT_LANG) for path in changed) and \
        any(scopes[lang] is not Scope.NONE for lang in LANGUAGES if lang != DEFAULT_LANG)


def layout(edition: Edition) -> tuple:
    """What every page of an edition shows besides its own text: a change rebuilds all its pages."""
    return repr(edition.nav), tuple(edition.footer), edition.footer_title, tuple(sorted(edition.pages))


@dataclass(frozen=True)
class Built:
    """What the served site was built from."""

    stamps: InputStamps
    layouts: dict[str, tuple]

    @classmethod
    def of(cls, generator: Generator) -> Built:
        return cls(generator.stamps, {lang: layout(e) for lang, e in generator.result.editions.items()})


def written_by_edition(result: GenerateResult, docs: Path) -> dict[str, bool]:
    """Per edition, whether the generate that gave `result` wrote or removed any of its files in docs/<lang>/."""
    changed = {path.relative_to(docs).parts[0] for path in [*result.written, *result.removed]}
    return {lang: lang in changed for lang in LANGUAGES}


class LivePreview:
    """mkdocs serve's builder, from the second build on. Edition builds (build_editions) are the hooks'."""

    def __init__(self, generator: Generator, config, full_build: Callable[[], None],
                 build_editions: Callable[[object, dict[str, Scope]], None]) -> None:
        self.generator, self.full_build, self.build_editions = generator, full_build, build_editions
        self.config_file = Path(config.config_file_path).resolve()
        # What mkdocs serve loads its config with (the command line's site folder, strictness and address).
        self.site_dir, self.strict, self.dev_addr = config.site_dir, config.strict, str(config.dev_addr)
        self.serve_url = config.site_url
        self.scopes: dict[str, Scope] | None = None  # during a build: how each edition is built
        self.server = None  # mkdocs serve's LiveReloadServer, once it watches (watch)
        self.early: EarlyReload | None = None  # the last build's, if it let the browsers reload before its end
        self._site_config = None  # _site()
        self._style: tuple[tuple[int, int] | None, list[Finding]] | None = None  # style.yaml's stamp, its problems
        self.pages = OpenPages(urlsplit(self.serve_url or "/").path or "/")  # the tabs whose poll mkdocs serve holds
        self.built: Built | None = Built.of(generator) if generator.result is not None else None
        self.root = self.config_file.parent
        self.lock = SESSION.lock(self.root)
        self.docs = _stamps(self.root / "docs")  # as this build left docs/: another build may write it
        self.waiting = ""  # while another build holds the lock: what it says (preview_page.py shows it)
        first = [*SESSION.first_problems.pop(self.root, []), *self._problems(generator.result)]
        self.shown = Shown(tuple(first), 0)  # what the browser shows: problems of the last build

    def watch(self, server, config) -> None:
        """Watch the inputs and every edition's config, not docs/ (the generator's output); told of a save
        by the kernel at once, not at the next poll (notified_at_once)."""
        self.server = server
        server.unwatch(config.docs_dir)
        notified_at_once(server)
        for name in CONFIG_FILES.values():
            if (self.config_file.parent / name).exists() and name != self.config_file.name:
                server.watch(str(self.config_file.parent / name))

    def __call__(self) -> None:
        """One rebuild, holding the build lock. It never raises for a problem: the browser shows it instead
        (preview_page.py), and the terminal."""
        with self.lock.held(REBUILD, self._wait):
            self.waiting = ""
            try:
                problems = self._rebuild()
            except (InputError, InputErrors) as err:
                problems = findings_of(err)
                for problem in problems:
                    log.error(str(problem))
            except Exception as err:  # a template, MkDocs: its traceback says where
                log.exception("The build failed")
                problems = [build_failure(err)]
        self.shown = Shown(tuple(problems), self.shown.generation + 1)
        if self.early:
            self.early.end(quiet=not problems)
        if problems:
            log.error("The preview shows %d problem(s) instead of the site (file:line above); save the fix to see "
                      "the site again.", len(problems))

    def _rebuild(self) -> list[Finding]:
        """Generate, then build each edition as plan_scopes says; the problems of the inputs."""
        built, self.built = self.built, None  # should this build fail, the next one builds whole
        self.early = None
        docs, previous = self.generator.root / "docs", self.generator.result
        others = _stamps(docs) != self.docs  # a `gwr build` wrote docs/ since
        result = self.generator.generate(later=True)  # the search indexes and downloads may wait (_build)
        problems = self._problems(result)
        known = built and result is not previous and not others  # else: build whole
        changed = self.generator.stamps.changed(built.stamps) if known else None
        scopes = self._scopes(changed, built, result)
        early = others_first(changed, scopes) and not problems and not self.shown.problems
        if not early:
            scopes = self._scopes(changed, built, self.generator.complete())
        log.info("Rebuilding: %s", ", ".join(f"{lang} {scope.value}" for lang, scope in scopes.items()))
        # Every config of this build takes the pages just generated, even if a file is saved meanwhile:
        # what was built is then exactly what the generator gave, and the save starts the next build.
        with self.generator.frozen():
            self._build(scopes, early)
        self.docs = _stamps(docs)
        self.built = Built.of(self.generator)
        return problems

    def _scopes(self, changed: set[str] | None, built: Built | None, result: GenerateResult) -> dict[str, Scope]:
        if changed is None:
            return dict(WHOLE)
        return plan_scopes(changed, {lang: layout(result.editions[lang]) != built.layouts[lang] for lang in LANGUAGES},
                           written_by_edition(result, self.root / "docs"))

    def _problems(self, result: GenerateResult | None) -> list[Finding]:
        """What `gwr build` would refuse in a build that went through: catalogs that could not be read (their
        pages show the Chinese; on_config logged them) and style.yaml, which only the checks read."""
        problems = [error.finding for lang in LANGUAGES for error in (result.problems.get(lang, []) if result else [])]
        for problem in self._style_problems():
            log.error(str(problem))
            problems.append(problem)
        return problems

    def _style_problems(self) -> list[Finding]:
        """style.yaml's problems, read again only when the file changed (no save of a catalog changes them)."""
        path = self.root / STYLE_FILE
        stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None
        if self._style is None or self._style[0] != stamp:
            try:
                load_style(self.root)
                self._style = (stamp, [])
            except (InputError, InputErrors) as err:
                self._style = (stamp, findings_of(err))
        return self._style[1]

    def _wait(self, message: str) -> None:
        log.warning(message)
        self.waiting = message

    def edition_scope(self, lang: str) -> Scope:
        """How an edition is built now: whole outside a build of the live preview."""
        return (self.scopes or WHOLE)[lang]

    def _build(self, scopes: dict[str, Scope], early: bool) -> None:
        """Each edition as `scopes` says. early: only another edition's catalogs (the English) were saved, and
        the generator put off its files that are not pages: build that edition's pages first and let the
        browsers reload then (reloading.py); then complete the files and build what is left of every edition
        (the default one's pages show the English side by side; the downloads and search index changed)."""
        if not early:
            return self._build_now(scopes)
        first = {**scopes, DEFAULT_LANG: Scope.NONE}
        self._build_now(first)
        pages = self.generator.result
        self.early = EarlyReload(self.server, tuple(SUBDIRS[lang] for lang, scope in first.items()
                                                    if scope is not Scope.NONE), self.pages)
        self.early.start()
        try:
            self.early.let_load(LONGEST_LOAD)
            result = self.generator.complete()
            layouts = {lang: layout(result.editions[lang]) != layout(pages.editions[lang]) for lang in LANGUAGES}
            self._build_now(scopes_left(scopes, layouts, written_by_edition(result, self.root / "docs")))
        finally:
            self.early.moved_on()  # every tab reloads at the end, but those already showing their page

    def _build_now(self, scopes: dict[str, Scope]) -> None:
        from mkdocs.commands.build import build

        with self._scoped(scopes), _quiet_dirty_warning():
            if scopes == WHOLE:
                self.full_build()  # as mkdocs serve does it, with the config as the command line gave it
            elif scopes[DEFAULT_LANG] is Scope.NONE:
                self.build_editions(self._site(), scopes)  # the others only
            else:  # its post_build builds the others
                build(self._config(), serve_url=self.serve_url, dirty=scopes[DEFAULT_LANG] is Scope.PAGES)

    def poll(self, environ: dict, answer: Callable[[dict], object]):
        """A browser's live-reload poll: as mkdocs serve is to see it (reloading.py), answered by `answer`."""
        early = self.early
        environ = early.poll(environ) if early else environ
        with self.pages.held(environ):
            answered = answer(environ)
        early = self.early  # this build's, if it began while mkdocs serve held the poll
        return early.held_back(environ, answered) if early else answered

    def _site(self):
        """The default edition's config as the other editions' builds read it: where the site is, its address
        and strictness, the same for every build (loaded once; never built: see _config)."""
        if self._site_config is None:
            self._site_config = self._config()
        return self._site_config

    def _config(self):
        """The default edition's config, loaded for each build (a build's plugins change what they were given)."""
        from mkdocs.config import load_config

        config = load_config(str(self.config_file), site_dir=self.site_dir, strict=self.strict, dev_addr=self.dev_addr)
        config.site_url = self.serve_url
        return config

    @contextmanager
    def _scoped(self, scopes: dict[str, Scope]):
        before, self.scopes = self.scopes, scopes
        try:
            yield
        finally:
            self.scopes = before


def build_failure(err: Exception) -> Finding:
    """A build that failed for another reason than an input: where the error says, if it does (Jinja does)."""
    file, line = getattr(err, "filename", None), getattr(err, "lineno", None)
    return Finding(ERROR, "build", display(Path(file)) if file else "mkdocs serve", line if isinstance(line, int) else None,
                   f"the site could not be built ({type(err).__name__}: {err})",
                   "see the traceback in the terminal; fix the file, then save it again")


def _stamps(folder: Path) -> frozenset:
    """What a folder holds, each file and folder with its mtime: another writer shows as a difference."""
    stamps = set()
    for path in folder.rglob("*"):
        try:
            stamps.add((str(path), path.stat().st_mtime_ns))
        except FileNotFoundError:  # removed meanwhile (make clean)
            continue
    return frozenset(stamps)


def show_problems(server):
    """The browser sees the problems of the last build instead of a page (preview_page.py)."""
    if isinstance(server.builder, LivePreview):
        server.set_app(PreviewApp(server.get_app(), server.builder))
    return server


class _DirtyBuildNotes(logging.Filter):
    NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.NOTES)


@contextmanager
def _quiet_dirty_warning():
    """MkDocs warns that a dirty build may leave stale navigation (plan_scopes builds whole when it changed)
    and notes that the folder holds files of the last build (it should: they are the site)."""
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _DirtyBuildNotes()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)
