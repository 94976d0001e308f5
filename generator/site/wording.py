"""The report's own facts in the words of one edition: the values of the placeholders of interface strings
that name them ({year}, {span}, {plan}, {exemplars} …), and the choice among a label's variants.

A label comes with variants for reports that lack a fact (no five-year plan, no named formula): the first
variant whose placeholders this report can fill is shown. Chinese values come from report.yaml and the
text (enrich/facts.py); the English ones are composed from the same facts (number words, the plan's
ordinal) or, for a formula's name, taken from the glossary. English wants capitals that Chinese has no
use for: a filled label starts with one, and a title (a part's label) has its values in title case.
Placeholders stay plain {names}: GNU msgfmt accepts no other form in a translation. Only those are
filled (substitute): every other character of a translation is shown as its editor wrote it, braces too
({{ 7*7 }} stays {{ 7*7 }}; str.format would print { 7*7 }), and a value is never read as a pattern.
"""

from __future__ import annotations

import re

from ..enrich.facts import ReportFacts
from ..enrich.glossary import Glossary
from ..source.model import PartKind, Report, SectionKind
from ..translation.localise import placeholders
from .labels import LIST_LABELS
from .language import EditionLanguage
from .target_view import ordinal

CN_DIGITS = "零一二三四五六七八九"
EN_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
              "sixteen seventeen eighteen nineteen twenty").split()
# An English place name without its administrative word, for the possessive: "<Name> City" -> "<Name>'s".
ADMIN_WORD = re.compile(r"\s+(?:City|County|District|Prefecture|Municipality)$")
FORMULA_KINDS = (SectionKind.EXEMPLAR, SectionKind.ACTION)


def cn_numeral(n: int) -> str:
    """1..99 as reports write them: 五, 十, 十五, 二十."""
    tens, units = divmod(n, 10)
    if not tens:
        return CN_DIGITS[units]
    return f"{CN_DIGITS[tens] if tens > 1 else ''}十{CN_DIGITS[units] if units else ''}"


def en_number(n: int) -> str:
    return EN_NUMBERS[n] if n < len(EN_NUMBERS) else str(n)


def title_case(text: str) -> str:
    """Five years -> Five Years (the words' other letters stay: 14th, Five-Year)."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


class Wording:
    def __init__(self, report: Report, facts: ReportFacts, glossary: Glossary | None, language: EditionLanguage) -> None:
        self.report = report
        self.facts = facts
        self.glossary = glossary
        self.language = language
        self.values = self._zh_values() if language.zh else self._en_values()

    def fill(self, *variants: str, title: bool = False, **extra: object) -> str:
        """The first variant whose placeholders the report can fill (else the last), translated and filled.

        title: the label is a title; in English its values are in title case (Review of the Past Five Years)."""
        values = {**self.values, **{k: str(v) for k, v in extra.items()}}
        chosen = next((v for v in variants if (placeholders(v) or set()) <= values.keys()), variants[-1])
        if title and not self.language.zh:
            values = {key: title_case(value) for key, value in values.items()}
        filled = substitute(self.language.gettext(chosen), values)
        return filled if self.language.zh else filled[:1].upper() + filled[1:]

    # --- the values, per language ------------------------------------------------------------

    def _common(self) -> dict[str, str]:
        facts, values = self.facts, {"year": str(self.facts.year)}
        if facts.plan_years and self._has_plan():
            values.update(plan_start=str(facts.plan_years[0]), plan_end=str(facts.plan_years[1]))
        return values

    def _has_plan(self) -> bool:
        """The plan's words only where the report has a part that sets out the plan (not merely a year of it)."""
        return any(part.kind is PartKind.PLAN for part in self.report.parts)

    def _zh_values(self) -> dict[str, str]:
        meta, facts = self.report.meta, self.facts
        report = f"{meta.city}{meta.year}年{self.report.title}"
        values = {**self._common(), "city": meta.city, "title": self.report.title, "report": report,
                  "city_report": report}
        if facts.review_years:
            values["span"] = f"{cn_numeral(facts.review_years)}年"
        if facts.plan_period and self._has_plan():
            values["plan"] = facts.plan_period
        values.update(self._formulas(lambda name: name, lambda kind: self.language.gettext(LIST_LABELS[kind])))
        names = [facts.formulas[kind] for kind in FORMULA_KINDS if kind in facts.formulas]
        if names:
            values["lists"] = "".join(f"“{name}”" for name in names)
        return values

    def _en_values(self) -> dict[str, str]:
        meta, facts = self.report.meta, self.facts
        city, title = meta.city_en or meta.city, meta.title_en or self.report.title
        values = {**self._common(), "city": city, "title": title, "report": f"the {meta.year} {title} of {city}",
                  "city_report": f"{ADMIN_WORD.sub('', city)}'s {meta.year} {title}"}
        if facts.review_years:
            years = facts.review_years
            values["span"] = "one year" if years == 1 else f"{en_number(years)} years"
        if facts.plan_number and self._has_plan():
            values["plan"] = f"{ordinal(facts.plan_number)} Five-Year Plan"
        values.update(self._formulas(self._glossary_en, self._kind_en))
        names = [self._glossary_en(facts.formulas[kind]) or self._kind_en(kind) for kind in FORMULA_KINDS
                 if kind in facts.formulas]
        if names:
            values["lists"] = _and([f"the {name}" for name in names])
        return values

    def _formulas(self, rendering, fallback) -> dict[str, str]:
        """{exemplars} and {actions}: the formula's name where the text gives one, else the kind's label."""
        values = {}
        for kind, key in zip(FORMULA_KINDS, ("exemplars", "actions")):
            if self.report.sections_of_kind(kind):
                name = self.facts.formulas.get(kind)
                values[key] = (rendering(name) if name else "") or fallback(kind)
        return values

    def _glossary_en(self, name: str) -> str:
        """The glossary's English for a formula's name; "" where the glossary lacks it."""
        terms = self.glossary.terms if self.glossary else []
        return next((term.en for term in terms if name in term.zh_forms), "")

    def _kind_en(self, kind: SectionKind) -> str:
        """What the list holds, in lower case for the middle of a sentence: exemplars, actions."""
        return self.language.gettext(LIST_LABELS[kind]).lower()


_NAME = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)\}(?!\})")  # {{name}} is text, as msgfmt reads it


def substitute(pattern: str, values: dict[str, str]) -> str:
    """The pattern with each {name} of `values` filled in; everything else as written, a name the report
    cannot fill too (rather than failing the page)."""
    return _NAME.sub(lambda match: values.get(match.group(1), match.group(0)), pattern)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
