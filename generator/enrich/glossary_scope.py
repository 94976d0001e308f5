"""The glossary's two files, and which report each term serves.

translations/glossary/shared.yaml holds the terms any report of the genre may use (national and
provincial policy, economic and statistical terms, units), explained as they are meant anywhere;
translations/glossary/local.yaml the terms of one report alone (its city's places, platforms, firms,
formulas), with `city:` naming that city, and under `explanations:` what this report says about
shared terms (its own figures and places), which replaces the shared wording on its site.

Given the report, a local file of another city is an error (its terms would describe another city),
a local term the report never uses is an error (a misspelling, as before), and a shared term the
report never uses is simply not listed.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, InputErrors
from ..source.seedmeta import ReportMeta
from ..util.cache import AnswerFile, are_rows, code_version, content_key, rows
from ..util.yamlfile import child, key_line, line_of
from .glossary import GLOSSARY_DIR, LOCAL_FILE, SHARED_FILE, Glossary, Term, cross_checks, read_file, read_terms, used_in

OLD_FILE = "translations/glossary.yaml"  # before the glossary was split
SHARED_KEYS = ("terms",)
LOCAL_KEYS = ("city", "terms", "explanations")
EXPLAINED = ("explanation_en", "explanation_zh", "source_note")  # what a report may say anew about a shared term


@dataclass(frozen=True)
class Explanation:
    """What this report says about a shared term, in place of the shared wording."""

    zh: str
    fields: dict[str, str]
    line: int


@dataclass
class LocalFile:
    city: str = ""
    city_line: int = 1
    terms: list[Term] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)


def load_glossary(root: Path, report_text: str | None = None, meta: ReportMeta | None = None) -> Glossary:
    """Both files, validated together (all problems at once). With the report's text, a local term that
    appears nowhere is an error and the shared terms it never uses are left out; with its metadata, local
    terms of another city are an error. Without them, every term is returned as read.

    A glossary without problems is kept between runs by the contents it was read from (the files, the
    report's text and city, this code): reading the files and spelling the pinyin again gives the same."""
    question = _question(root, report_text, meta)
    answer = _glossary_answers().get(question) if question else None
    if answer is not None:
        return _glossary_of(answer)
    glossary = _load(root, report_text, meta)
    if question:
        _glossary_answers().put(question, {"terms": rows(glossary.terms), "path": glossary.path,
                                           "unused": rows(glossary.unused), "city": glossary.city})
    return glossary


def _question(root: Path, report_text: str | None, meta: ReportMeta | None) -> str | None:
    """The contents the glossary is read from; None when a file cannot be read (the loader says why)."""
    contents = []
    for rel in (SHARED_FILE, LOCAL_FILE):
        try:
            contents.append((root / rel).read_bytes())
        except FileNotFoundError:
            contents.append(None)
        except OSError:
            return None
    given = json.dumps([report_text, meta.city if meta else None, (root / OLD_FILE).exists(),
                        [content is None for content in contents]], ensure_ascii=False)
    return content_key(code_version(), given, *(content or b"" for content in contents))


GLOSSARY_ANSWERS = 2  # answers kept, the most recent (each is the whole glossary)


@lru_cache(maxsize=1)
def _glossary_answers() -> AnswerFile:
    return AnswerFile("glossary", GLOSSARY_ANSWERS, _is_glossary)


def _is_glossary(data) -> bool:
    return isinstance(data, dict) and are_rows(Term, data.get("terms")) and are_rows(Term, data.get("unused")) \
        and isinstance(data.get("path"), str) and isinstance(data.get("city"), str)


def _glossary_of(data: dict) -> Glossary:
    return Glossary([_term_of(row) for row in data["terms"]], data["path"], [_term_of(row) for row in data["unused"]],
                    data["city"])


def _term_of(row: list) -> Term:
    """A term from its JSON row: the variants are tuples again."""
    return Term(*(tuple(value) if isinstance(value, list) else value for value in row))


def _load(root: Path, report_text: str | None, meta: ReportMeta | None) -> Glossary:
    errors: list[InputError] = []
    if (root / OLD_FILE).exists():
        errors.append(InputError(OLD_FILE, "1", "the glossary is now two files",
                                 f"move the shared terms to {SHARED_FILE} and this report's own to {LOCAL_FILE}",
                                 check="glossary-entry"))
    data, document = read_file(root, SHARED_FILE, errors)
    known = data is not None and _known_keys(data, document, SHARED_FILE, SHARED_KEYS, errors)
    shared = read_terms(SHARED_FILE, data, document, errors) if known else []
    local = _read_local(root, errors)
    if meta is not None and local.city and local.city != meta.city:
        errors.append(InputError(LOCAL_FILE, str(local.city_line),
                                 f"the local terms are those of {local.city}, but seeds/report.yaml is a report of "
                                 f"{meta.city}", "run `gwr new` to move the previous report's files aside (README: "
                                 "A new report), or correct 'city:' if the city's name was wrong", check="glossary-city"))
        local = LocalFile(meta.city)
    errors.extend(cross_checks(shared + local.terms, report_text))
    explained = _explain(shared, local.explanations, report_text, errors)
    if errors:
        raise InputErrors(errors)
    used = [t for t in explained if report_text is None or used_in(t, report_text)]
    unused = [t for t in explained if report_text is not None and not used_in(t, report_text)]
    return Glossary(used + local.terms, GLOSSARY_DIR, unused, local.city)


def _read_local(root: Path, errors: list[InputError]) -> LocalFile:
    data, document = read_file(root, LOCAL_FILE, errors)
    if data is None:
        return LocalFile()
    if not _known_keys(data, document, LOCAL_FILE, LOCAL_KEYS, errors):
        return LocalFile()
    city = data.get("city")
    if not isinstance(city, str) or not city.strip():
        errors.append(InputError(LOCAL_FILE, "1", "'city:' is missing: whose terms are these?",
                                 "write 'city: ' and the city as seeds/report.yaml names it",
                                 check="glossary-city"))
        city = ""
    return LocalFile(city.strip(), key_line(document, "city"), read_terms(LOCAL_FILE, data, document, errors),
                     _read_explanations(data.get("explanations"), child(document, "explanations"), errors))


def _known_keys(data, document, rel: str, keys: tuple[str, ...], errors: list[InputError]) -> bool:
    if not isinstance(data, dict):
        errors.append(InputError(rel, "1", f"expected the keys {', '.join(keys)}", "see the README's glossary section",
                                 check="glossary-entry"))
        return False
    for key in data:
        if key not in keys:
            errors.append(InputError(rel, str(key_line(document, key)), f"unknown key '{key}'",
                                     f"use only {', '.join(keys)}", check="glossary-entry"))
    return True


def _read_explanations(items, node, errors: list[InputError]) -> list[Explanation]:
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(_problem(line_of(node), "'explanations:' must be a list",
                               "write '- zh: <a shared term>' and the explanation_en, explanation_zh or source_note"))
        return []
    found = []
    for index, item in enumerate(items):
        line = line_of(child(node, index))
        if not isinstance(item, dict) or not isinstance(item.get("zh"), str):
            errors.append(_problem(line, "an explanation must be a mapping with 'zh:'", "write '- zh: <a shared term>'"))
            continue
        unknown = [k for k in item if k != "zh" and k not in EXPLAINED]
        texts = {k: v.strip() for k, v in item.items() if k in EXPLAINED and isinstance(v, str) and v.strip()}
        if unknown or len(texts) != len(item) - 1 or not texts:
            errors.append(_problem(line, f"entry {item['zh']!r}: give one or more of {', '.join(EXPLAINED)}, as texts",
                                   "a term of this report alone belongs under 'terms:' with all its fields"))
            continue
        found.append(Explanation(item["zh"].strip(), texts, line))
    return found


def _explain(shared: list[Term], explanations: list[Explanation], report_text: str | None,
             errors: list[InputError]) -> list[Term]:
    """The shared terms, with what this report says about them in place of the shared wording."""
    by_zh = {t.zh: i for i, t in enumerate(shared)}
    terms, seen = list(shared), set()
    for item in explanations:
        if item.zh not in by_zh:
            errors.append(_problem(item.line, f"{item.zh!r} is not a term of {SHARED_FILE}",
                                   "write the shared term's 'zh' exactly, or make it a term of this report under "
                                   "'terms:'"))
        elif item.zh in seen:
            errors.append(_problem(item.line, f"{item.zh!r} is explained twice", "keep one of the two"))
        elif report_text is not None and not used_in(shared[by_zh[item.zh]], report_text):
            errors.append(_problem(item.line, f"{item.zh!r} appears nowhere in the report",
                                   "remove the explanation (the shared term is not listed for this report)"))
        else:
            index = by_zh[item.zh]
            terms[index] = dataclasses.replace(terms[index], **item.fields, explanation_file=LOCAL_FILE,
                                               explanation_line=item.line)
        seen.add(item.zh)
    return terms


def _problem(line: int, problem: str, fix: str) -> InputError:
    return InputError(LOCAL_FILE, str(line), problem, fix, check="glossary-entry")
