"""Read seeds/report.yaml: what the report is and which page files make it up, in order.

Besides the required keys, what the site says about the report that the text cannot tell
(all optional, each in both languages where it is text): description, introduction, delivered,
review_years, plan_period, plan_years. A value of the wrong type is an InputError naming the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..util.files import display
from ..util.yamlfile import read_yaml_file

META_FILE = "report.yaml"
LANGS = ("zh", "en")  # the languages of the bilingual keys
# A five-year plan as reports name it: the plan's number in Chinese numerals, then 五 (“十四五”).
PLAN_PERIOD = re.compile(r"“?(?P<number>[一二三四五六七八九十]+)五”?")


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
    # The site's description (meta tags) and the home page's opening paragraph; empty: composed from the model.
    description_zh: str = ""
    description_en: str = ""
    introduction_zh: str = ""
    introduction_en: str = ""
    review_years: int | None = None  # how many years the review looks back on; None: read from the text
    plan_years: tuple[int, int] | None = None  # first and last year of the plan; None: from plan_period


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


def _wrong_type(path: str, key: str, expected: str, value: object, fix: str) -> InputError:
    return InputError(path, f"key {key}", f"expected {expected}, found {type(value).__name__}", fix, check="metadata")


def _bilingual(data: dict, key: str, path: str) -> dict[str, str]:
    """An optional {zh: …, en: …} of text: the texts given (a language left out is empty)."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _wrong_type(path, key, "a mapping with zh and en", value, f"write '{key}:' then 'zh: …' and 'en: …'")
    for lang, text in value.items():
        if lang not in LANGS:
            raise InputError(path, f"key {key}.{lang}", "unknown language", f"use {' and '.join(LANGS)}",
                             check="metadata")
        if not isinstance(text, str):
            raise _wrong_type(path, f"{key}.{lang}", "str", text, f"give '{key}.{lang}' one line of text")
    return {lang: text.strip() for lang, text in value.items()}


def _years(data: dict, path: str) -> int | None:
    value = data.get("review_years")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise _wrong_type(path, "review_years", "a whole number of years (1, 5)", value,
                          "give the number of years the review looks back on: 'review_years: 5'")
    return value


def _plan_period(data: dict, path: str) -> str:
    value = data.get("plan_period")
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not PLAN_PERIOD.fullmatch(value.strip()):
        found = f"'{value}'" if isinstance(value, str) else type(value).__name__
        raise InputError(path, "key plan_period", f"expected a plan's name such as 十四五, found {found}",
                         "write the plan's number in Chinese numerals followed by 五: 'plan_period: 十四五'",
                         check="metadata")
    return value.strip().strip("“”")


def _plan_years(data: dict, path: str) -> tuple[int, int] | None:
    value = data.get("plan_years")
    if value is None:
        return None
    ok = (isinstance(value, list) and len(value) == 2 and all(isinstance(y, int) and not isinstance(y, bool) for y in value)
          and value[0] < value[1])
    if not ok:
        raise _wrong_type(path, "plan_years", "[first year, last year]", value,
                          "give the plan's first and last year: 'plan_years: [2021, 2025]'")
    return value[0], value[1]


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
    delivered = _bilingual(data, "delivered", shown)
    description = _bilingual(data, "description", shown)
    introduction = _bilingual(data, "introduction", shown)
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
        plan_period=_plan_period(data, shown),
        delivered_zh=delivered.get("zh", ""),
        delivered_en=delivered.get("en", ""),
        description_zh=description.get("zh", ""),
        description_en=description.get("en", ""),
        introduction_zh=introduction.get("zh", ""),
        introduction_en=introduction.get("en", ""),
        review_years=_years(data, shown),
        plan_years=_plan_years(data, shown),
    )
