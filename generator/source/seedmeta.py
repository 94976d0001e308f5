"""Read seeds/report.yaml: what the report is and which page files make it up, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..util.files import display
from ..util.yamlfile import read_yaml_file

META_FILE = "report.yaml"


@dataclass(frozen=True)
class PageFile:
    path: Path  # absolute path of the page file
    page: int  # the newspaper page it reproduces
    encoding: str | None = None  # forced encoding; None = detect


@dataclass(frozen=True)
class MissingPage:
    page: int
    description: str


@dataclass(frozen=True)
class ReportMeta:
    title: str
    title_en: str
    city: str
    city_en: str
    year: int
    source_description: str
    source_description_zh: str
    pages: tuple[PageFile, ...]
    missing: tuple[MissingPage, ...] = field(default_factory=tuple)
    province: str = ""
    province_en: str = ""
    plan_period: str = ""
    # Where and when the report was delivered, in both languages (for the home pages); empty if unknown.
    delivered_zh: str = ""
    delivered_en: str = ""


def _require(data: dict, key: str, kind: type, path: str, prefix: str = ""):
    if key not in data or data[key] in (None, ""):
        raise InputError(path, f"key {prefix}{key}", "required key is missing", f"add '{key}:' to the file", check="metadata")
    value = data[key]
    if not isinstance(value, kind):
        raise InputError(
            path, f"key {prefix}{key}", f"expected {kind.__name__}, found {type(value).__name__}",
            f"give '{key}' a {kind.__name__} value", check="metadata",
        )
    return value


def load_meta(seeds_dir: Path) -> ReportMeta:
    meta_path = seeds_dir / META_FILE
    shown = display(meta_path)
    if not meta_path.exists():
        raise InputError(shown, "", "metadata file not found", f"create {META_FILE} in {seeds_dir} (see README)", check="metadata")
    data, _ = read_yaml_file(meta_path, shown)
    if not isinstance(data, dict):
        raise InputError(shown, "", "expected a mapping of keys", "see the README for the format", check="metadata")

    pages = []
    for i, entry in enumerate(_require(data, "pages", list, shown)):
        prefix = f"pages[{i}]."
        if not isinstance(entry, dict):
            raise InputError(shown, f"key pages[{i}]", "expected a mapping with 'file' and 'page'", "fix the entry", check="metadata")
        file_name = _require(entry, "file", str, shown, prefix)
        page_path = seeds_dir / file_name
        if not page_path.exists():
            raise InputError(shown, f"key {prefix}file", f"page file '{file_name}' does not exist",
                             f"put the file in {seeds_dir} or correct the name", check="metadata")
        pages.append(PageFile(page_path, _require(entry, "page", int, shown, prefix), entry.get("encoding")))
    if not pages:
        raise InputError(shown, "key pages", "no page files listed", "list at least one page file", check="metadata")

    missing = tuple(
        MissingPage(int(m.get("page", 0)), str(m.get("description", ""))) for m in data.get("missing") or []
    )
    source = data.get("source") or {}
    return ReportMeta(
        title=_require(data, "title", str, shown),
        title_en=str(data.get("title_en", "")),
        city=_require(data, "city", str, shown),
        city_en=str(data.get("city_en", "")),
        year=_require(data, "year", int, shown),
        source_description=str(source.get("description", "")),
        source_description_zh=str(source.get("description_zh", "")),
        pages=tuple(pages),
        missing=missing,
        province=str(data.get("province", "")),
        province_en=str(data.get("province_en", "")),
        plan_period=str(data.get("plan_period", "")),
        delivered_zh=str((data.get("delivered") or {}).get("zh", "")),
        delivered_en=str((data.get("delivered") or {}).get("en", "")),
    )
