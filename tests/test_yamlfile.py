"""Editor-written YAML: duplicate keys are errors, syntax errors point at the right line, every problem of an
entry is reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError, InputErrors
from generator.enrich.glossary_scope import load_glossary
from generator.util.yamlfile import read_yaml

ENTRY = """terms:
  - zh: 八八战略
    en: Eight-Eight Strategy
    category: policy
    explanation_en: Zhejiang's master development strategy.
    source: official
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "translations" / "glossary").mkdir(parents=True, exist_ok=True)
    (tmp_path / "translations" / "glossary" / "shared.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def messages(caught) -> list[str]:
    errors = caught.value.errors if isinstance(caught.value, InputErrors) else [caught.value]
    return [str(e) for e in errors]


def test_a_second_key_in_one_entry_is_an_error_on_its_line(tmp_path):
    root = write(tmp_path, ENTRY + "    en: Double-Eight Strategy\n")
    with pytest.raises(InputErrors) as caught:
        load_glossary(root)
    assert any(m.startswith("translations/glossary/shared.yaml:7: error: [yaml] 'en' appears twice") and "line 3" in m
               for m in messages(caught))


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    text = ENTRY.replace("explanation_en: Zhejiang's", 'explanation_en: "Zhejiang\'s') + ENTRY.split("\n", 1)[1] * 3
    root = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_yaml(root, "translations/glossary/shared.yaml")
    assert str(caught.value).startswith("translations/glossary/shared.yaml:5: error: [yaml]")
    assert "close the quote" in str(caught.value)


def test_every_problem_of_an_entry_is_reported(tmp_path):
    root = write(tmp_path, ENTRY.replace("    en: Eight-Eight Strategy\n", "").replace("policy", "slogan")
                 + "    colour: red\n    id: 'x\" onclick=\"y'\n")
    with pytest.raises(InputErrors) as caught:
        load_glossary(root)
    found = messages(caught)
    assert all(m.startswith("translations/glossary/shared.yaml:2: error: [glossary-entry]") for m in found)
    for expected in ("'en' is missing", "unknown category 'slogan'", "unknown key 'colour'", "is not an anchor name"):
        assert any(expected in m for m in found), expected


def test_every_problem_of_an_editorial_point_is_reported(tmp_path, report):
    from generator.enrich.editorial import load_editorial

    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "merchants.en.yaml").write_text(
        "title: T\ntitle_zh: 标题\nintro: I\nsections:\n  - title: S\n    title_zh: 节\n    points:\n"
        "      - text: ''\n        source: [action-1.task-9.s1]\n        note: x\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_editorial(tmp_path, report)
    found = messages(caught)
    assert len(found) == 3 and all(m.startswith("translations/merchants.en.yaml:8: error: [editorial]") for m in found)


CLOSED_LATER = """terms:
  - zh: 八八战略
    en: {q}Eight-Eight Strategy
    category: policy
    explanation_en: Zhejiang master development strategy.
    source: official
  - zh: 义博会
    en: Yiwu Fair
    category: event
    explanation_en: The {q}China Yiwu{q} fair.
    source: official
"""


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_that_a_later_quote_closes_is_reported_where_it_opens(tmp_path, quote):
    # The scalar runs on to the next quote (line 10), where the parser gives up: the mistake is on line 3.
    root = write(tmp_path, CLOSED_LATER.format(q=quote))
    with pytest.raises(InputError) as caught:
        read_yaml(root, "translations/glossary/shared.yaml")
    assert str(caught.value).startswith("translations/glossary/shared.yaml:3: error: [yaml]")
    assert "this quote is not closed on its line" in str(caught.value)
    assert "line 10" in str(caught.value)  # where the parser stopped, for the curious


def test_a_quoted_text_over_several_lines_is_still_valid(tmp_path):
    # YAML lets a quoted text run over lines; only a parse error makes it suspect.
    root = write(tmp_path, ENTRY.replace("explanation_en: Zhejiang's master development strategy.",
                                         'explanation_en: "Zhejiang\'s master\n      development strategy."'))
    data, _ = read_yaml(root, "translations/glossary/shared.yaml")
    assert data["terms"][0]["explanation_en"] == "Zhejiang's master development strategy."


def test_a_byte_order_mark_is_accepted(tmp_path):
    # YAML allows one at the start (Notepad writes it); the pre-commit hook removes it on commit.
    root = write(tmp_path, "\ufeff" + ENTRY)
    data, _ = read_yaml(root, "translations/glossary/shared.yaml")
    assert data["terms"][0]["zh"] == "八八战略"
