"""Generate: render both editions in memory, then write docs/ (only the files whose bytes changed).

Everything is rendered first, so a failed render leaves docs/ as it was; and files
are written only when they change, so MkDocs sees which pages changed (`make serve`
rebuilds only those, serving.py). A Generator kept across runs (the hooks keep one)
recomputes only what depends on a changed input.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from ..enrich.enriched import enrich
from ..errors import InputError
from ..source.load import load_report
from ..translation.localise import load_localiser, progress_by_catalog
from ..translation.messages import INTERFACE, TARGETS, catalog_messages
from ..util.files import write_if_changed
from .downloads import downloads, glossary_files
from .language import EditionLanguage
from .links import Links
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
    search index when its catalogs changed. The pages of both editions are always rendered again (a
    Chinese page shows the English side by side); a fresh Generator is a plain generate."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stamps: InputStamps | None = None  # what `result` was generated from
        self.result: GenerateResult | None = None
        self._kept: dict[str, tuple[tuple, object]] = {}
        self._frozen = False

    def generate(self) -> GenerateResult:
        """Write docs/ (only the files whose bytes changed) unless no input changed since the last run."""
        if self._frozen and self.result is not None:
            return self.result
        stamps = InputStamps.read(self.root)  # before reading: a file saved meanwhile counts as changed
        if self.result is None or stamps != self.stamps:
            self.result = write_editions(self.root, self.render(stamps))
            self.stamps = stamps
        return self.result

    @contextmanager
    def frozen(self):
        """Within the block, generate() gives the last result without looking at the inputs."""
        self._frozen = True
        try:
            yield
        finally:
            self._frozen = False

    def render(self, stamps: InputStamps) -> Rendered:
        """Every edition in memory, and the catalog problems met on the way. The report is enriched once."""
        root, shared = self.root, stamps.shared()
        report, enriched, catalogs, guide = self._keep("shared", shared, lambda: _shared_inputs(root))
        pages_with_text = {name for name in catalogs if name not in (TARGETS, INTERFACE)}
        localisers = {lang: self._keep(f"localiser {lang}", stamps.catalogs(lang), partial(load_localiser, root, lang))
                      for lang in LANGUAGES}
        # Every edition shows the progress of the translation (one target language today).
        translation = next(loc for loc in localisers.values() if not loc.is_source)
        progress = progress_by_catalog(translation, catalogs)
        english = EditionLanguage(translation)
        english_targets = TargetView(report, enriched.quantities, english, Links(enriched.plans))
        files = {**self._keep("glossary files", shared, partial(glossary_files, enriched)),
                 **downloads(enriched, english_targets.label, translation,
                             {name: catalogs[name] for name in catalogs if name in pages_with_text})}
        editions = {}
        source = next(loc for loc in localisers.values() if loc.is_source)
        for lang, localiser in localisers.items():
            status = TranslationStatus(EditionLanguage(localiser), translation, progress, pages_with_text)
            renderer = Renderer(enriched, localiser, status, guide, other=translation if localiser.is_source else source)
            # An edition's search index reads the report and its own language only.
            search = self._keep(f"search {lang}", (shared, stamps.catalogs(lang)),
                                partial(search_files, enriched, renderer.language, renderer.titles))
            editions[lang] = renderer.render({**files, **search})
        return Rendered(editions, {lang: loc.problems for lang, loc in localisers.items()})

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


def render_all(root: Path) -> Rendered:
    return Generator(root).render(InputStamps.read(root))


def write_editions(root: Path, rendered: Rendered) -> GenerateResult:
    docs = root / "docs"
    written, removed = [], []
    for lang, edition in rendered.editions.items():
        folder = docs / lang
        folder.mkdir(parents=True, exist_ok=True)
        write_if_changed(folder / GENERATED_MARK, b"Generated by `gwr generate`; do not edit.\n")
        for rel, text in edition.pages.items():
            if write_if_changed(folder / rel, text.encode("utf-8")):
                written.append(folder / rel)
        keep = {folder / rel for rel in edition.pages} | {folder / GENERATED_MARK}
        for stale in sorted(p for p in folder.rglob("*") if p.is_file() and p not in keep):
            stale.unlink()
            removed.append(stale)
    return GenerateResult(rendered.editions, written, removed, rendered.problems)


def generate(root: Path) -> GenerateResult:
    return Generator(root).generate()
