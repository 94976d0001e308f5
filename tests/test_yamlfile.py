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
