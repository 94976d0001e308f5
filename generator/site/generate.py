"""Generate: render both editions in memory, then write docs/ (only the files whose bytes changed).

Everything is rendered first, so a failed render leaves docs/ as it was; and files
are written only when they change, so MkDocs sees which pages changed (`make serve`
rebuilds only those, serving.py). A Generator kept across runs (the hooks keep one)
recomputes only what depends on a changed input, and renders again only the pages for
which what they read of the translation changed (page_reads.py); it may put off the
files that are not pages (search indexes, downloads), which a live preview builds after
the pages an editor waits for (generate(later=True), then complete()).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from ..enrich.enriched import EnrichedReport, enrich
from ..errors import InputError
from ..source.load import load_report
from ..translation.localise import Localiser, Progress, load_localiser, progress_by_catalog
from ..translation.messages import INTERFACE, TARGETS, catalog_messages
from ..util.files import write_if_changed
from .downloads import downloads, glossary_files
from .kept_files import KeptCatalogs, WrittenFiles
from .language import EditionLanguage
from .links import Links
from .page_reads import STATUS, PageCache, PageReads, RecordingLocaliser
from .render import Edition, Renderer
from .search import search_files
from .status import TranslationStatus
from .target_view import TargetView

LANGUAGES = ("zh", "en")  # the first is the default edition, at the site's root
# Each edition has its MkDocs config and its folder under the site root.
CONFIG_FILES = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
SUBDIRS = {"zh": "", "en": "en/"}
GENERATED_MARK = ".generated"  # present in every folder this module owns
CONTRIBUTING = "CONTRIBUTING.md"


@dataclass
class Rendered:
    editions: dict[str, Edition]
    problems: dict[str, list[InputError]]  # per language: catalogs that could not be read


@dataclass
class GenerateResult:
    editions: dict[str, Edition]
    written: list[Path]
    removed: list[Path]
    problems: dict[str, list[InputError]]


@dataclass
class Inputs:
    """What the pages and files of both editions are rendered from."""

    enriched: EnrichedReport
    catalogs: dict  # catalog name -> its messages
    guide: str  # CONTRIBUTING.md
    localisers: dict[str, Localiser]
    translation: Localiser  # the target language's (one today)
    source: Localiser
    progress: dict[str, Progress]
    pages_with_text: set[str]


WATCHED = ("seeds", "translations", CONTRIBUTING, *CONFIG_FILES.values())  # and the generator's own code


@dataclass(frozen=True)
class InputStamps:
    """(mtime, size) of every file the pages are generated from, by path: cheap change detection."""

    files: tuple[tuple[str, int, int], ...]

    @classmethod
    def read(cls, root: Path) -> InputStamps:
        stamps = []
        for folder in [*(root / name for name in WATCHED), Path(__file__).resolve().parents[1]]:
            paths = [folder] if folder.is_file() else sorted(folder.rglob("*")) if folder.exists() else []
            for path in paths:
                if path.is_file() and "__pycache__" not in path.parts:
                    info = path.stat()
                    stamps.append((_relative(path, root), info.st_mtime_ns, info.st_size))
        return cls(tuple(stamps))

    def catalogs(self, lang: str) -> tuple:
        """The stamps of one language's catalogs (translations/<lang>/): what only that language reads."""
        return tuple(stamp for stamp in self.files if catalog_language(stamp[0]) == lang)

    def shared(self) -> tuple:
        """The stamps of everything else: the report, glossary, editorial files and plan are read from these."""
        return tuple(stamp for stamp in self.files if catalog_language(stamp[0]) is None)

    def changed(self, before: InputStamps) -> set[str]:
        """The paths added, removed or changed since `before`."""
        return {path for path, *_ in set(self.files) ^ set(before.files)}


def catalog_language(path: str) -> str | None:
    """translations/en/action-1.po -> "en"; None for every other input."""
    parts = Path(path).parts
    if len(parts) == 3 and parts[0] == "translations" and parts[1] in LANGUAGES and parts[2].endswith(".po"):
        return parts[1]
    return None


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


class Generator:
    """Both editions from the inputs. One that is kept (mkdocs serve keeps it across rebuilds) renders
    nothing when no input changed, and recomputes only what depends on a changed input: the report,
    glossary, editorial files and messages when anything but a catalog changed; a language's localiser and
    search index when its catalogs changed; and, of each edition, the pages for which what they read of
    the translation changed (page_reads.py: a Chinese page shows the English side by side, so it may be one).
    It reads again only the catalogs whose files changed, and compares with docs/ only the files whose text
    changed (kept_files.py). A fresh Generator is a plain generate."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stamps: InputStamps | None = None  # what `result` was generated from
        self.result: GenerateResult | None = None
        self._kept: dict[str, tuple[tuple, object]] = {}
        self._catalogs = KeptCatalogs()
        self._written = WrittenFiles()
        self._frozen = False
        self.put_off = False  # the last generate put off the files that are not pages (complete())
        self._pages: set[str] = set()  # the paths of the pages last rendered

    def generate(self, later: bool = False) -> GenerateResult:
        """Write docs/ (only the files whose bytes changed) unless no input changed since the last run.

        later: a kept Generator may put off what is not a page (search indexes, downloads): they stay as the
        last run wrote them until complete(), and what reads no page meanwhile is built sooner (serving.py)."""
        if self._frozen and self.result is not None:
            return self.result
        stamps = InputStamps.read(self.root)  # before reading: a file saved meanwhile counts as changed
        if self.result is None or stamps != self.stamps:
            put_off = later and self.result is not None
            self.result = write_editions(self.root, self.render(stamps, put_off), self._written)
            self.stamps, self.put_off = stamps, put_off
        return self.result

    def complete(self) -> GenerateResult:
        """What generate(later=True) put off, from the inputs it read (even within frozen()). The result names
        what both steps wrote and removed."""
        if self.put_off:
            first, done = self.result, write_editions(self.root, self.render(self.stamps), self._written)
            self.result = GenerateResult(done.editions, [*first.written, *done.written],
                                         [*first.removed, *done.removed], done.problems)
            self.put_off = False
        return self.result

    @contextmanager
    def frozen(self):
        """Within the block, generate() gives the last result without looking at the inputs."""
        self._frozen = True
        try:
            yield
        finally:
            self._frozen = False

    def load(self) -> InputStamps:
        """Read what every edition is rendered from, and the files they share (downloads), and give the stamps
        of the inputs read: before the processes of a whole build part, each to render and build editions of
        its own (generate_editions, editions.py)."""
        stamps = InputStamps.read(self.root)
        self._files(self._inputs(stamps), stamps, langs=())
        return stamps

    def generate_editions(self, langs: tuple[str, ...], stamps: InputStamps) -> GenerateResult:
        """Write the files of these editions only, from the inputs that load() read. The result then holds those
        editions alone: a Generator that a live preview keeps generates them all (generate)."""
        self.result = write_editions(self.root, self.render(stamps, langs=langs), self._written)
        self.stamps = stamps
        return self.result

    def render(self, stamps: InputStamps, put_off: bool = False, langs: tuple[str, ...] = LANGUAGES) -> Rendered:
        """The editions (langs) in memory, and the catalog problems met on the way. The report is enriched once.
        put_off: the files that are not pages are the last result's."""
        inputs = self._inputs(stamps)
        files = self._last_files(inputs) if put_off else self._files(inputs, stamps, langs)
        # Kept pages hold for as long as what they read besides the target languages' catalogs is the same.
        caches = self._keep("pages", (stamps.shared(), stamps.catalogs(inputs.source.lang)),
                            lambda: {lang: PageCache() for lang in LANGUAGES})
        editions = {lang: self._edition(inputs, lang, files[lang], caches[lang]) for lang in langs}
        self._pages = {plan.path for plan in inputs.enriched.plans}
        return Rendered(editions, {lang: loc.problems for lang, loc in inputs.localisers.items()})

    def _inputs(self, stamps: InputStamps) -> Inputs:
        root = self.root
        report, enriched, catalogs, guide = self._keep("shared", stamps.shared(), lambda: _shared_inputs(root))
        localisers = {lang: self._keep(f"localiser {lang}", stamps.catalogs(lang),
                                       partial(load_localiser, root, lang, self._catalogs)) for lang in LANGUAGES}
        # Every edition shows the progress of the translation (one target language today).
        translation = next(loc for loc in localisers.values() if not loc.is_source)
        return Inputs(enriched, catalogs, guide, localisers, translation,
                      next(loc for loc in localisers.values() if loc.is_source),
                      progress_by_catalog(translation, catalogs),
                      {name for name in catalogs if name not in (TARGETS, INTERFACE)})

    def _files(self, inputs: Inputs, stamps: InputStamps, langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
        """Per edition, the files that are not pages: downloads (the same in every edition) and its search index
        (which reads the report and its own language only)."""
        enriched, translation = inputs.enriched, inputs.translation
        files = {**self._keep("glossary files", stamps.shared(), partial(glossary_files, enriched)),
                 **self._keep("downloads", (stamps.shared(), stamps.catalogs(translation.lang)),
                              partial(_downloads, inputs))}
        return {lang: {**files, **self._keep(f"search {lang}", (stamps.shared(), stamps.catalogs(lang)),
                                             partial(_search_files, enriched, localiser, inputs.guide))}
                for lang, localiser in inputs.localisers.items() if lang in langs}

    def _last_files(self, inputs: Inputs) -> dict[str, dict[str, str]]:
        """The last result's files that are not pages (of its report: a page it had is not a file now)."""
        pages = {plan.path for plan in inputs.enriched.plans} | self._pages
        return {lang: {rel: text for rel, text in edition.pages.items() if rel not in pages}
                for lang, edition in self.result.editions.items()}

    def _edition(self, inputs: Inputs, lang: str, files: dict[str, str], cache: PageCache) -> Edition:
        """One edition: the pages whose reads of the translation changed rendered again, the others kept."""
        localiser, translation = inputs.localisers[lang], inputs.translation
        reads = PageReads()
        status = TranslationStatus(EditionLanguage(localiser), translation, inputs.progress, inputs.pages_with_text,
                                   reads)
        kept = cache.unchanged({STATUS: status, **{loc.lang: loc for loc in inputs.localisers.values()}})
        recorded = {loc.lang: loc if loc.is_source else RecordingLocaliser(loc, reads)
                    for loc in inputs.localisers.values()}
        renderer = Renderer(inputs.enriched, recorded[lang], status, inputs.guide,
                            other=recorded[translation.lang] if localiser.is_source else inputs.source)
        edition = renderer.render(files, reads, kept)
        cache.update(edition.pages, reads)
        return edition

    def _keep(self, name: str, key: tuple, compute: Callable):
        """compute(), or what it gave last time if `key` (the stamps of its inputs) is the same."""
        if name not in self._kept or self._kept[name][0] != key:
            self._kept[name] = (key, compute())
        return self._kept[name][1]


def _shared_inputs(root: Path) -> tuple:
    report = load_report(root)
    enriched = enrich(root, report)
    guide = (root / CONTRIBUTING).read_text(encoding="utf-8") if (root / CONTRIBUTING).exists() else ""
    return report, enriched, catalog_messages(report, enriched.quantities), guide


def _downloads(inputs: Inputs) -> dict[str, str]:
    enriched, translation = inputs.enriched, inputs.translation
    english_targets = TargetView(enriched.report, enriched.quantities, EditionLanguage(translation),
                                 Links(enriched.plans))
    messages = {name: inputs.catalogs[name] for name in inputs.catalogs if name in inputs.pages_with_text}
    return downloads(enriched, english_targets.label, translation, messages)


def _search_files(enriched, localiser, guide: str) -> dict[str, str]:
    renderer = Renderer(enriched, localiser, contributing=guide)  # its language and titles, not recorded
    return search_files(enriched, renderer.language, renderer.titles)


def render_all(root: Path) -> Rendered:
    return Generator(root).render(InputStamps.read(root))


def write_editions(root: Path, rendered: Rendered, known: WrittenFiles | None = None) -> GenerateResult:
    """known: what the last write left (a kept Generator's); files it vouches for are not compared again."""
    docs, known = root / "docs", known or WrittenFiles()
    written, removed = [], []
    for lang, edition in rendered.editions.items():
        folder = docs / lang
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / GENERATED_MARK, b"Generated by `gwr generate`; do not edit.\n")
        paths = {os.path.join(folder, rel): text for rel, text in edition.pages.items()}
        written += [Path(path) for path, text in paths.items()
                    if not known.unchanged(path, text) and known.write(path, text)]
        keep = paths.keys() | {os.path.join(folder, GENERATED_MARK)}
        for stale in sorted(path for path in _files_in(folder) if path not in keep):
            os.unlink(stale)
            removed.append(Path(stale))
    return GenerateResult(rendered.editions, written, removed, rendered.problems)


def _files_in(folder: Path) -> list[str]:
    return [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]


def generate(root: Path) -> GenerateResult:
    return Generator(root).generate()
