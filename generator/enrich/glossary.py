"""The glossary's entries: translations/glossary/*.yaml validated entry by entry and completed with pinyin.

One entry per term: the Chinese and its variants, the preferred English and the
accepted variants, a category, a short English explanation (and a Chinese one where
useful), and where the English comes from. Pinyin is generated with pypinyin unless
an entry gives it (for polyphonic characters: 长三角 is cháng, not zhǎng). Every
problem is collected and reported with the file, the 1-based line and the entry.
The two files (shared terms for every report, local ones for this one) are read with these functions
by glossary_scope.load_glossary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..source.segmenter import words
from ..util.cache import AnswerFile, installed_version, kept
from ..util.yamlfile import child, line_of, read_yaml

GLOSSARY_DIR = "translations/glossary"
SHARED_FILE = f"{GLOSSARY_DIR}/shared.yaml"  # terms any report may use: national, provincial, economic, units
LOCAL_FILE = f"{GLOSSARY_DIR}/local.yaml"  # this report's own terms, and what it says about shared ones
CATEGORIES = {
    "policy": "policy and slogan", "programme": "program", "place": "place", "platform": "platform",
    "organisation": "organization", "institution": "institution", "economic-term": "economic term",
    "event": "event", "brand": "brand", "unit": "unit of measurement",
}
SOURCES = {"official": "established official rendering", "common": "common usage", "ours": "our rendering"}
REQUIRED = ("zh", "en", "category", "explanation_en", "source")
OPTIONAL = ("id", "zh_variants", "en_variants", "pinyin", "explanation_zh", "source_note")
_ANCHOR_ID = re.compile(r"[a-z][a-z0-9-]*")


@lru_cache(maxsize=1)
def _han() -> re.Pattern:
    # compiled when first needed: a class of the Han ranges takes re milliseconds to compile, and a run that finds
    # its answers kept (util/cache.py) needs none
    return re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Term:
    id: str  # the anchor on the glossary pages: "term-" + toneless pinyin, unless the entry sets one
    zh: str
    en: str
    category: str
    explanation_en: str
    source: str
    pinyin: str  # with tone marks, syllables separated by spaces (for anchors, sorting and search)
    zh_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    explanation_zh: str = ""
    source_note: str = ""
    line: int = 0  # where the entry starts in the file
    pinyin_written: str = ""  # as people write it: Yìwū (Sūxī) Guójì Shūniǔgǎng
    file: str = ""  # the file the entry is in (shared or local)
    explanation_file: str = ""  # where the explanation was replaced by this report's (local.yaml), if it was
    explanation_line: int = 0

    @property
    def local(self) -> bool:
        return self.file == LOCAL_FILE

    @property
    def explained_at(self) -> tuple[str, int]:
        """The file and line an editor changes to change the explanation."""
        return (self.explanation_file, self.explanation_line) if self.explanation_file else (self.file, self.line)

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return (self.zh, *self.zh_variants)

    @property
    def en_forms(self) -> tuple[str, ...]:
        return (self.en, *self.en_variants)

    @property
    def sort_key_zh(self) -> tuple:
        return (pinyin_key(self.zh), self.zh)

    @property
    def sort_key_en(self) -> tuple:
        return (fold_en(self.en), self.en)


@dataclass
class Glossary:
    terms: list[Term]  # the terms the report uses (all of them, when no report text was given)
    path: str = GLOSSARY_DIR
    unused: list[Term] = field(default_factory=list)  # shared terms the report never uses: not shown
    city: str = ""  # the city of the local terms

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}


# --- pinyin --------------------------------------------------------------------------


def generate_pinyin(text: str) -> str:
    """pypinyin's reading of the text, kept between runs: loading pypinyin takes longer than reading every
    entry of the glossary, and the entries seldom change."""
    return kept(_pinyin_answers(), text, lambda: _read_pinyin(text), str, str)


def _read_pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(s for s in lazy_pinyin(text, style=Style.TONE, errors=lambda chars: [chars]) if s.strip())


PINYIN_LIMIT = 20_000  # answers kept, the most recent


@lru_cache(maxsize=1)
def _pinyin_answers() -> AnswerFile:
    version = installed_version("pypinyin")
    if version == "unknown":  # an answer kept must name the pypinyin that gave it
        import pypinyin

        version = pypinyin.__version__
    return AnswerFile(f"pypinyin-{version}-pinyin", PINYIN_LIMIT, lambda answer: isinstance(answer, str))


PROPER_NAMES = ("place", "organisation", "institution", "platform", "brand", "event")  # capitalised in pinyin
_PUNCTUATION = {"（": " (", "）": ") ", "“": " “", "”": "” ", "、": ", ", "，": ", ", "：": ": ", "·": " · ",
                "《": " ", "》": " "}


def written_pinyin(text: str, syllables: list[str], proper_name: bool) -> str:
    """Pinyin as it is written (GB/T 16159): the syllables of a word joined, with an apostrophe before
    a, o and e inside a word (Xī'ān), words apart, brackets and quotes as in English, names capitalised."""
    pieces, at = [], 0
    for word in words(text, hmm=False):  # kept between runs: jieba's dictionary loads only for new text
        if not _han().search(word):
            pieces.append(_PUNCTUATION.get(word, f" {word} "))
            continue
        count = sum(1 for c in word if _han().match(c))
        spelled = ""
        for syllable in syllables[at:at + count]:
            spelled += ("'" if spelled and syllable[0] in "aoeāáǎàōóǒòēéěè" else "") + syllable
        at += count
        pieces.append(f" {spelled.capitalize() if proper_name else spelled} ")
    return re.sub(r"\s+([,:)”])", r"\1", re.sub(r"([(“])\s+", r"\1", " ".join("".join(pieces).split()))).strip()


@lru_cache(maxsize=4096)  # both glossary pages sort by it on every rebuild of `make serve`
def pinyin_key(text: str) -> str:
    """Sort key: pinyin with tone numbers (ba1 before ba4), Latin letters and digits as they are, no punctuation.
    Kept between runs as generate_pinyin's answers are (a question of its own: NUL, then the text)."""
    return kept(_pinyin_answers(), "\0" + text, lambda: _read_sort_key(text), str, str)


def _read_sort_key(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.TONE3, errors=lambda chars: [chars.lower()])
    return re.sub(r"[^0-9a-z ]+", "", " ".join(syllables)).strip()


def toneless(pinyin: str) -> str:
    decomposed = unicodedata.normalize("NFKD", pinyin.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_en(text: str) -> str:
    """English sort key: letters and digits only, case-folded (so “'146' strategy” sorts under 1)."""
    return re.sub(r"[^0-9a-z ]", "", text.casefold()).strip()


def slug_of(pinyin: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", toneless(pinyin).lower()).strip("-")


# --- loading and validation ------------------------------------------------------------------


def read_terms(rel: str, data, document, errors: list[InputError]) -> list[Term]:
    """The entries under 'terms:' of one glossary file (an empty list is fine: a new report has none yet)."""
    if not isinstance(data, dict) or not isinstance(data.get("terms") or [], list):
        errors.append(InputError(rel, "1", "the file must have a list under 'terms:'", "see the entries already there",
                                 check="glossary-entry"))
        return []
    lines = [line_of(node) for node in (child(document, "terms").value if data.get("terms") else [])]
    terms = []
    for index, (entry, line) in enumerate(zip(data.get("terms") or [], lines)):
        term = _term(entry, line, index, rel, errors)
        if term:
            terms.append(term)
    return terms


def read_file(root: Path, rel: str, errors: list[InputError]) -> tuple[object, object]:
    """The data and node tree of a glossary file; (None, None) when there is no such file."""
    if not (root / rel).exists():
        return None, None
    return read_yaml(root, rel, errors)


def _problem(shown: str, line: int, entry, problem: str, fix: str) -> InputError:
    name = entry.get("zh") if isinstance(entry, dict) else None
    label = f"entry {name!r}: " if name else ""
    return InputError(shown, str(line), label + problem, fix, check="glossary-entry")


def _term(entry, line: int, index: int, shown: str, errors: list[InputError]) -> Term | None:
    if not isinstance(entry, dict):
        errors.append(_problem(shown, line, None, f"entry {index + 1} is not a mapping", "write 'zh: …', 'en: …' lines"))
        return None
    found = len(errors)
    for key in REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            errors.append(_problem(shown, line, entry, f"'{key}' is missing or empty", f"add '{key}:' to the entry"))
    for key in entry:
        if key not in REQUIRED + OPTIONAL:
            errors.append(_problem(shown, line, entry, f"unknown key '{key}'",
                                   f"use only {', '.join(REQUIRED + OPTIONAL)}"))
    for key in ("zh_variants", "en_variants"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            errors.append(_problem(shown, line, entry, f"'{key}' must be a list of texts", f"write {key}: [a, b]"))
    if entry.get("category") and entry["category"] not in CATEGORIES:
        errors.append(_problem(shown, line, entry, f"unknown category {entry['category']!r}",
                               f"use one of {', '.join(CATEGORIES)}"))
    if entry.get("source") and entry["source"] not in SOURCES:
        errors.append(_problem(shown, line, entry, f"unknown source {entry['source']!r}", f"use one of {', '.join(SOURCES)}"))
    if "id" in entry and not (isinstance(entry["id"], str) and _ANCHOR_ID.fullmatch(entry["id"])):
        errors.append(_problem(shown, line, entry, f"the id {entry['id']!r} is not an anchor name",
                               "use lower-case letters, digits and hyphens, starting with a letter (term-…)"))
    if isinstance(entry.get("en"), str) and _han().search(entry["en"]):
        errors.append(_problem(shown, line, entry, "the English rendering contains Chinese characters",
                               "write the English in 'en'"))
    if len(errors) > found:
        return None
    pinyin = str(entry.get("pinyin") or generate_pinyin(entry["zh"]))
    han_syllables = [s for s in pinyin.split() if not _han().search(s) and re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", s)]
    return Term(
        file=shown, id=str(entry.get("id") or slug_of(pinyin)), zh=entry["zh"].strip(), en=entry["en"].strip(),
        category=entry["category"], explanation_en=entry["explanation_en"].strip(), source=entry["source"],
        pinyin=pinyin, zh_variants=tuple(v.strip() for v in entry.get("zh_variants", [])),
        en_variants=tuple(v.strip() for v in entry.get("en_variants", [])),
        explanation_zh=str(entry.get("explanation_zh") or "").strip(),
        source_note=str(entry.get("source_note") or "").strip(), line=line,
        pinyin_written=written_pinyin(entry["zh"].strip(), han_syllables, entry["category"] in PROPER_NAMES),
    )


def cross_checks(terms: list[Term], report_text: str | None) -> list[InputError]:
    """Across both files: a Chinese or English form, or an anchor, of two terms; a local term the report
    never uses (a shared one that it does not use is simply not shown)."""
    errors = []
    seen_zh: dict[str, Term] = {}
    seen_en: dict[str, Term] = {}
    seen_id: dict[str, Term] = {}
    for term in terms:
        entry, shown = {"zh": term.zh}, term.file
        for form in term.zh_forms:
            if form in seen_zh and seen_zh[form] is not term:
                errors.append(_problem(shown, term.line, entry, f"the Chinese {form!r} is also entry {seen_zh[form].zh!r} "
                                       f"({_where(seen_zh[form], term)})", "merge the two entries or remove one form"))
            seen_zh.setdefault(form, term)
        for form in term.en_forms:
            key = form.casefold()
            if key in seen_en and seen_en[key] is not term:
                other = seen_en[key]
                errors.append(_problem(shown, term.line, entry, f"the English {form!r} is also used for {other.zh!r} "
                                       f"({_where(other, term)})", "give each term its own English rendering"))
            seen_en.setdefault(key, term)
        if term.id in seen_id:
            errors.append(_problem(shown, term.line, entry, f"the anchor {term.id!r} is also that of "
                                   f"{seen_id[term.id].zh!r} ({_where(seen_id[term.id], term)})",
                                   "set a distinct 'id:' on one of them"))
        seen_id.setdefault(term.id, term)
        if term.local and report_text is not None and not used_in(term, report_text):
            errors.append(_problem(shown, term.line, entry, "the term appears nowhere in the report",
                                   "check its spelling against the report, or remove the entry"))
    return errors


def _where(other: Term, term: Term) -> str:
    return f"line {other.line}" if other.file == term.file else f"{other.file}:{other.line}"


def used_in(term: Term, report_text: str) -> bool:
    """The report's text has one of the term's Chinese forms (inside a longer term too: 规上工业 in 规上工业增加值)."""
    return any(form in report_text for form in term.zh_forms)
