"""The live preview (`make serve`): after a save, rebuild what the saved file changes, and only that.

`mkdocs serve` rebuilds everything after any change: both editions generated again, then every page of
both built into an emptied folder (2-4 s on a small machine), and the generator's own writes to docs/
started a second rebuild that held back the reloaded page. The hooks hand it a LivePreview instead
(on_serve), which works out from what changed how to rebuild each edition (plan_scopes):

- only catalogs of a language changed (an editor saved translations/en/<page>.po): the Generator kept
  by the hooks renders the pages again from what it kept (report, glossary, unchanged search indexes),
  writes the files whose bytes changed, and each edition rebuilds just those (a dirty MkDocs build).
  An edition whose navigation, footer or set of files changed is built whole, since every page shows
  them; one with no changed file is not built at all;
- anything else (seeds, glossary, editorial YAML, plan links, CONTRIBUTING.md, the generator, the
  configs, or nothing known): both editions whole, as mkdocs serve always did.

docs/ is not watched: it is the generator's output, and its inputs are. `gwr build`, `mkdocs build` and
the first build of `mkdocs serve` never come here: they build both editions whole.

A rebuild never raises: mkdocs serve would then hold every request until a build succeeds. What would
stop `gwr build` becomes the preview's `problems`, which preview_page.py shows in the browser instead of
any page until a save fixes them: an input that cannot be read, a catalog that cannot (its pages show the
Chinese), style.yaml (only `gwr check` reads it) and a build that failed. A first build that cannot read
an input (the hooks: first_build_failed) starts mkdocs serve all the same, with the problem shown.
Every build, the first included, holds `gwr build`'s lock (build.py), so that the two never write docs/
at once; between builds the preview holds nothing, so that a `gwr build` waits for one rebuild at most.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable

from ..errors import ERROR, Finding, InputError, InputErrors, findings_of
from ..translation.style import load_style
from ..util.files import display
from .generate import CONFIG_FILES, LANGUAGES, GenerateResult, Generator, InputStamps, catalog_language
from .preview_page import PreviewApp, Shown
from .preview_session import REBUILD, SESSION
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
        self.built: Built | None = Built.of(generator) if generator.result is not None else None
        self.root = self.config_file.parent
        self.lock = SESSION.lock(self.root)
        self.docs = _stamps(self.root / "docs")  # as this build left docs/: another build may write it
        self.waiting = ""  # while another build holds the lock: what it says (preview_page.py shows it)
        first = [*SESSION.first_problems.pop(self.root, []), *self._problems(generator.result)]
        self.shown = Shown(tuple(first), 0)  # what the browser shows: problems of the last build

    def watch(self, server, config) -> None:
        """Watch the inputs and every edition's config, not docs/ (the generator's output)."""
        server.unwatch(config.docs_dir)
        for name in CONFIG_FILES.values():
            if (self.config_file.parent / name).exists() and name != self.config_file.name:
                server.watch(str(self.config_file.parent / name))

    def __call__(self) -> None:
        """One rebuild, holding the build lock. It never raises for a problem: the browser shows it instead
        (preview_page.py), and the terminal."""
        with self.lock.held(REBUILD, self._wait):
            self.waiting = ""
            try:
                problems = self._problems(self._rebuild())
            except (InputError, InputErrors) as err:
                problems = findings_of(err)
                for problem in problems:
                    log.error(str(problem))
            except Exception as err:  # a template, MkDocs: its traceback says where
                log.exception("The build failed")
                problems = [build_failure(err)]
        self.shown = Shown(tuple(problems), self.shown.generation + 1)
        if problems:
            log.error("The preview shows %d problem(s) instead of the site (file:line above); save the fix to see "
                      "the site again.", len(problems))

    def _rebuild(self) -> GenerateResult:
        built, self.built = self.built, None  # should this build fail, the next one builds whole
        previous = self.generator.result
        others = _stamps(self.generator.root / "docs") != self.docs  # a `gwr build` wrote docs/ since
        result = self.generator.generate()
        self.docs = _stamps(self.generator.root / "docs")
        scopes = dict(WHOLE)
        if built is not None and result is not previous and not others:
            scopes = plan_scopes(self.generator.stamps.changed(built.stamps),
                                 {lang: layout(result.editions[lang]) != built.layouts[lang] for lang in LANGUAGES},
                                 written_by_edition(result, self.generator.root / "docs"))
        log.info("Rebuilding: %s", ", ".join(f"{lang} {scope.value}" for lang, scope in scopes.items()))
        # Every config of this build takes the pages just generated, even if a file is saved meanwhile:
        # what was built is then exactly `result`, and the save starts the next build.
        with self.generator.frozen(), self._scoped(scopes):
            if scopes == WHOLE:
                self.full_build()  # as mkdocs serve does it, with the config as the command line gave it
            else:
                self._build(scopes)
        self.built = Built.of(self.generator)
        return result

    def _problems(self, result: GenerateResult | None) -> list[Finding]:
        """What `gwr build` would refuse in a build that went through: catalogs that could not be read (their
        pages show the Chinese; on_config logged them) and style.yaml, which only the checks read."""
        problems = [error.finding for lang in LANGUAGES for error in (result.problems.get(lang, []) if result else [])]
        try:
            load_style(self.root)
        except (InputError, InputErrors) as err:
            for problem in findings_of(err):
                log.error(str(problem))
                problems.append(problem)
        return problems

    def _wait(self, message: str) -> None:
        log.warning(message)
        self.waiting = message

    def edition_scope(self, lang: str) -> Scope:
        """How an edition is built now: whole outside a build of the live preview."""
        return (self.scopes or WHOLE)[lang]

    def _build(self, scopes: dict[str, Scope]) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.config_file), site_dir=self.site_dir, strict=self.strict, dev_addr=self.dev_addr)
        config.site_url = self.serve_url
        with _quiet_dirty_warning():
            if scopes[DEFAULT_LANG] is Scope.NONE:
                self.build_editions(config, scopes)  # the others only
            else:  # its post_build builds the others
                build(config, serve_url=self.serve_url, dirty=scopes[DEFAULT_LANG] is Scope.PAGES)

    @contextmanager
    def _scoped(self, scopes: dict[str, Scope]):
        self.scopes = scopes
        try:
            yield
        finally:
            self.scopes = None


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
