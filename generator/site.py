"""Write the generated editions into docs/ and build the site with MkDocs.

Everything is rendered in memory first; only then are files written, and only
those whose bytes changed (so `mkdocs serve` does not loop on its own output).
A failed render leaves docs/ as it was; a failed build leaves site/ as it was.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .catalogs import write_if_changed
from .errors import InputError
from .editorial import load_editorial
from .exchange import glossary_csv, glossary_tbx
from .export import report_to_dict
from .glossary import load_glossary
from .localise import Localiser, load_localiser, progress_by_catalog
from .messages import INTERFACE, TARGETS, catalog_messages
from .pipeline import load_report
from .render import Edition, Renderer
from .seedmeta import load_meta
from .target_view import TargetView

LANGUAGES = ("zh", "en")  # the first is the default edition, at the site's root
# Each edition has its MkDocs config and its folder under the site root.
CONFIG_FILES = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
SUBDIRS = {"zh": "", "en": "en/"}
GENERATED_MARK = ".generated"  # present in every folder this module owns
CONTRIBUTING = "CONTRIBUTING.md"


SEARCH_WORDS_FILE = "build/jieba-userdict.txt"  # the search plugin's jieba_dict_user (set by editions.py)


@dataclass
class Rendered:
    editions: dict[str, Edition]
    problems: dict[str, list[InputError]]  # per language: catalogs that could not be read
    search_words: list[str]  # words the Chinese search index must contain (search_words())


@dataclass
class GenerateResult:
    editions: dict[str, Edition]
    written: list[Path]
    removed: list[Path]
    problems: dict[str, list[InputError]]
    user_dict: Path


def inputs_fingerprint(root: Path) -> tuple:
    """Cheap change detection for the files the pages are generated from."""
    watched = [root / "seeds", root / "translations", Path(__file__).parent, root / CONTRIBUTING]
    stamp = []
    for folder in watched:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*")) if folder.exists() else []
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def render_all(root: Path) -> Rendered:
    """Every edition in memory, and the catalog problems met on the way."""
    report = load_report(root)
    glossary = load_glossary(root, "".join(s.text for s in report.segments()))
    editorial = load_editorial(root, report)
    catalogs = catalog_messages(report)
    messages = {name: m for name, m in catalogs.items() if name not in (TARGETS, INTERFACE)}  # the pages
    localisers = {lang: load_localiser(root, lang) for lang in LANGUAGES}
    # Every edition shows the progress of the translation (one target language today).
    translation: Localiser = next(loc for loc in localisers.values() if not loc.is_source)
    progress = progress_by_catalog(translation, catalogs)
    guide = (root / CONTRIBUTING).read_text(encoding="utf-8") if (root / CONTRIBUTING).exists() else ""
    renderers = {lang: Renderer(report, loc, messages, progress, glossary, editorial, guide)
                 for lang, loc in localisers.items()}
    downloads = _downloads(report, glossary, TargetView(report, translation), translation, messages)
    for renderer in renderers.values():
        renderer.reviews = translation.reviews
        renderer.downloads = downloads
    editions = {lang: renderer.render() for lang, renderer in renderers.items()}
    return Rendered(editions, {lang: loc.problems for lang, loc in localisers.items()}, search_words(glossary))


def search_words(glossary) -> list[str]:
    """The glossary's Chinese terms as the search index should hold them: without their last character.

    Material's search (9.8) splits a typed Chinese query into the index's tokens that are
    proper prefixes of it: the whole query is never looked up. With 中欧班 as a token, the
    query 中欧班列 resolves to exactly the pages that contain 中欧班列 (measured in
    benchmarks/search_quality.py: exact top-k 39.8% -> 79.7%, recall@10 80.9% -> 85.6%).
    """
    forms = {form for term in glossary.terms for form in term.zh_forms}
    return sorted({form[:-1] for form in forms if re.fullmatch(r"[\u4e00-\u9fff]{3,}", form)})


def _downloads(report, glossary, english_targets: TargetView, translation: Localiser, messages: dict) -> dict[str, str]:
    """Data files, the same in every edition (labels in English where a language is needed).
    Schemas: generator/schema/report.schema.json and targets.schema.json."""
    title = f"{report.meta.city}{report.meta.year}年{report.title}"
    label = english_targets.label
    model = report_to_dict(report)
    model["translations"] = {translation.lang: {
        m.context: {"text": local.text, "status": local.status.value}
        for page in messages.values() for m in page for local in [translation.text(m.context, m.text)]}}
    return {
        "downloads/glossary.csv": glossary_csv(glossary),
        "downloads/glossary.tbx": glossary_tbx(glossary, f"{title}: glossary"),
        "downloads/targets.csv": english_targets.csv_text(label),
        "downloads/targets.json": english_targets.json_text(label),
        "downloads/report.json": json.dumps(model, ensure_ascii=False, indent=2) + "\n",
    }


def write_editions(root: Path, rendered: Rendered) -> GenerateResult:
    docs = root / "docs"
    written, removed = [], []
    for lang, edition in rendered.editions.items():
        folder = docs / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / GENERATED_MARK).write_text("Generated by `gwr generate`; do not edit.\n", encoding="utf-8")
        for rel, text in edition.pages.items():
            if write_if_changed(folder / rel, text.encode("utf-8")):
                written.append(folder / rel)
        keep = {folder / rel for rel in edition.pages} | {folder / GENERATED_MARK}
        for stale in sorted(p for p in folder.rglob("*") if p.is_file() and p not in keep):
            stale.unlink()
            removed.append(stale)
    user_dict = root / SEARCH_WORDS_FILE
    if write_if_changed(user_dict, "".join(f"{word} 1000000 nz\n" for word in rendered.search_words).encode("utf-8")):
        written.append(user_dict)
    return GenerateResult(rendered.editions, written, removed, rendered.problems, user_dict)


def generate(root: Path) -> GenerateResult:
    return write_editions(root, render_all(root))


def build_site(root: Path, site_dir: Path, strict: bool = True) -> None:
    """mkdocs build into a staging folder, then swap it with site_dir in one step.

    The staging folder has a fixed name, so whatever an interrupted build left is
    cleared by the next one; SIGTERM and SIGHUP interrupt like Ctrl-C, so the
    staging folder is removed then too."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    staging = site_dir.with_name(f".{site_dir.name}.staging")
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        with _signals_interrupt():
            build(load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict))
            _swap_in(staging, site_dir, previous)
    finally:
        for leftover in (staging, previous):
            shutil.rmtree(leftover, ignore_errors=True)


def build_timestamp(root: Path) -> int:
    """The build date of a reproducible build: 1 January of the report's year (when SOURCE_DATE_EPOCH is unset)."""
    year = load_meta(root / "seeds").year
    return int(datetime(year, 1, 1, tzinfo=timezone.utc).timestamp())


def _swap_in(staging: Path, site_dir: Path, previous: Path) -> None:
    """site_dir becomes the new build with no moment in which it is missing (Linux: renameat2 exchange)."""
    if not site_dir.exists():
        staging.rename(site_dir)
    elif _exchange(staging, site_dir):
        shutil.rmtree(staging)  # it now holds the previous build
    else:  # another system: two renames, a moment apart
        site_dir.rename(previous)
        staging.rename(site_dir)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0


@contextmanager
def _signals_interrupt():
    """Within the block, SIGTERM and SIGHUP raise KeyboardInterrupt, so `finally` clauses run."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
