"""`gwr update` for the points' citations: pin them and let them follow their sentence (enrich/citations.py).

Run after the catalogs are merged: a split sentence's old Chinese is found only there, as the
msgid of an obsolete (#~) entry or the previous msgid (#|) of a fuzzy one.
"""

from __future__ import annotations

from pathlib import Path

from .catalogs import TARGET_LANGUAGES, catalog_dir, read_catalog
from ..enrich.citations import Sentences, fingerprint, pin_files
from ..enrich.editorial import POINT_FILES
from ..source.model import Report


def follow_citations(root: Path, report: Report) -> list[Path]:
    """Pin every point's citations to the Chinese they cite and re-point those whose sentence moved or was
    split; a citation whose Chinese is gone stays as it is (`gwr check` reports it). Returns the files edited."""
    return pin_files(root, POINT_FILES, Sentences.of(report), lambda: remembered_sentences(root))


def remembered_sentences(root: Path) -> dict[str, str]:
    """The Chinese the catalogs hold, current and past, by fingerprint (the first one read on a clash)."""
    found: dict[str, str] = {}
    for lang in TARGET_LANGUAGES:
        for path in sorted(catalog_dir(root, lang).glob("*.po")):
            catalog = read_catalog(path, lang, root)
            for message in [*catalog, *catalog.obsolete.values()]:
                if message.id and message.context:
                    for text in [message.id, *message.previous_id]:
                        if isinstance(text, str):
                            found.setdefault(fingerprint(text), text)
    return found
