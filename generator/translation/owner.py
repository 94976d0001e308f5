"""Which report the translations belong to.

The first line of every catalog's header names the report it was made for (catalogs.new_catalog writes
“# 金华市2025年政府工作报告: page review.”). IDs are positions, so another report's catalog would give
its English to this report's sentences of the same number: such a catalog is an error for `gwr check`,
`gwr update` refuses to merge into it, and `gwr new` moves it aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..source.model import Report
from .catalogs import TARGET_LANGUAGES, catalog_dir

_HEADER = re.compile(r"^# (?P<city>[^\s:：]+?)(?P<year>\d{4})年(?P<title>[^:：]*)[:：]")


@dataclass(frozen=True)
class Owner:
    city: str
    year: int | None  # None where only the city is known (a local glossary without catalogs)
    title: str = field(default="", compare=False)  # 政府工作报告

    def __str__(self) -> str:
        return f"{self.city}{self.year}年{self.title}" if self.year else self.city


def report_owner(report: Report) -> Owner:
    return Owner(report.meta.city, report.meta.year, report.title)


def owner_of(lines: list[str]) -> Owner | None:
    """The report named on the first line of a catalog's header, if it names one."""
    match = _HEADER.match(lines[0]) if lines else None
    return Owner(match["city"], int(match["year"]), match["title"].strip()) if match else None


def catalogs_owner(root: Path, langs: tuple[str, ...] = TARGET_LANGUAGES) -> Owner | None:
    """The report the catalogs were made for: the first catalog that names one (they all do)."""
    for lang in langs:
        for path in sorted(catalog_dir(root, lang).glob("*.po")):
            with path.open(encoding="utf-8", errors="replace") as stream:
                owner = owner_of([stream.readline().rstrip("\n")])
            if owner:
                return owner
    return None


def foreign_catalogs(root: Path, report: Report) -> str | None:
    """Why `gwr update` must not merge into the catalogs: they are another report's. None if they are not."""
    owner, current = catalogs_owner(root), report_owner(report)
    if owner is None or owner == current:
        return None
    return (f"translations/ holds the catalogs of {owner}, but seeds/ holds {current}: "
            f"merging would give the English of one to the sentences of the other. Run `gwr new` to move them aside "
            f"and start the new report's catalogs (README: A new report).")
