"""Interface strings with the report's facts: what an editor writes in interface.po is shown exactly as
written, braces included; only {names} of the report's facts are filled, and a value is never read as a
pattern."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Message

from generator.enrich.facts import report_facts
from generator.site.language import EditionLanguage
from generator.site.wording import Wording
from generator.translation.localise import Localiser

REVIEW = "过去{span}工作回顾"


def english(report, translations: dict[str, str]) -> Wording:
    localiser = Localiser("en", interface={zh: Message(zh, en) for zh, en in translations.items()})
    return Wording(report, report_facts(report), None, EditionLanguage(localiser))


@pytest.mark.parametrize("translation, shown", [
    ("Review {{ 7*7 }} of the Past {span}", "Review {{ 7*7 }} of the Past Five Years"),
    ("Review of the Past {span} {{span}}", "Review of the Past Five Years {{span}}"),  # doubled: not a name
])
def test_a_translation_is_shown_as_written_but_its_names(report, translation, shown):
    # Before: str.format made {{ 7*7 }} into { 7*7 }.
    words = english(report, {REVIEW: translation})
    assert words.fill(REVIEW, title=True) == shown


def test_a_label_without_names_keeps_its_braces(report):
    label = "英文版各页的翻译进度和复核记录。"
    assert english(report, {label: "Progress {{ 7*7 }} page by page."}).fill(label) == "Progress {{ 7*7 }} page by page."


def test_values_are_never_read_as_patterns():
    from generator.site.wording import substitute

    assert substitute("{city}: {year}", {"city": "{year} {{x}}", "year": "2026"}) == "{year} {{x}}: 2026"
    assert substitute("{unknown} {year}", {"year": "2026"}) == "{unknown} 2026"  # as written where unknown
