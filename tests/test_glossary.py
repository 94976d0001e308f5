"""The glossary: validation with file:line, pinyin, term matching in both languages, exchange formats."""

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.errors import InputErrors
from generator.enrich.exchange import glossary_csv, glossary_tbx
from generator.enrich.glossary import CATEGORIES, Glossary, Term, generate_pinyin
from generator.enrich.glossary_scope import load_glossary
from generator.site.glossary_view import CATEGORY_LABELS, SOURCE_LABELS
from generator.enrich.terms import ChineseMatcher, EnglishMatcher

from conftest import ROOT


def term(zh, en, *, zh_variants=(), en_variants=(), category="policy"):
    return Term(id=f"term-{zh}", zh=zh, en=en, category=category, explanation_en="x", source="ours",
                pinyin=generate_pinyin(zh), zh_variants=tuple(zh_variants), en_variants=tuple(en_variants))


@pytest.fixture(scope="module")
def glossary(report):
    return load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta)


FIRST_ENTRY = """terms:
  - zh: 八八战略
    en: Eight-Eight Strategy
    category: policy
    explanation_en: A strategy.
    source: official
"""


SHARED, LOCAL = "translations/glossary/shared.yaml", "translations/glossary/local.yaml"


def write_glossary(tmp_path: Path, text: str, rel: str = SHARED) -> Path:
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_real_glossary_covers_the_report(glossary):
    assert len(glossary.terms) > 150
    categories = {t.category for t in glossary.terms}
    assert {"policy", "programme", "place", "platform", "organisation", "economic-term"} <= categories
    assert CATEGORY_LABELS.keys() == CATEGORIES.keys() and set(SOURCE_LABELS) == {"official", "common", "ours"}


def test_pinyin_is_generated_and_overrides_win(glossary):
    by_zh = {t.zh: t for t in glossary.terms}
    assert by_zh["八八战略"].pinyin == "bā bā zhàn lüè"
    assert by_zh["以外调外"].pinyin == "yǐ wài tiáo wài"  # given in the file
    assert by_zh["八八战略"].id == "term-ba-ba-zhan-lve"


def test_validation_reports_every_problem_with_line_and_entry(tmp_path):
    root = write_glossary(tmp_path, FIRST_ENTRY + """  - zh: 八八战略
    en: Another Strategy
    category: policy
    explanation_en: Again.
    source: official
  - zh: 义新欧
    en: eight-eight strategy
    category: railway
    explanation_en: A train.
    source: official
  - zh: 不存在的词
    en: Nothing
    category: policy
    source: ours
    colour: red
""")
    with pytest.raises(InputErrors) as caught:
        load_glossary(root, "八八战略和义新欧")
    messages = [str(e) for e in caught.value.errors]
    expected = [
        (f"{SHARED}:7:", "'八八战略'", "also entry"),
        (f"{SHARED}:12:", "railway", "category"),
        (f"{SHARED}:17:", "explanation_en", "missing"),
        (f"{SHARED}:17:", "colour", "unknown key"),
    ]
    for where, what, problem in expected:
        assert any(m.startswith(where) and what in m and problem in m for m in messages), (where, messages)


def test_english_rendering_used_twice_and_unused_local_term_are_errors(tmp_path):
    root = write_glossary(tmp_path, FIRST_ENTRY)
    write_glossary(root, "city: 义乌市\n" + FIRST_ENTRY.replace("八八战略", "义新欧").replace("Eight-Eight Strategy",
                   "eight-eight strategy") + """  - zh: 不存在的词
    en: Nothing
    category: policy
    explanation_en: Not in the report.
    source: ours
""", LOCAL)
    with pytest.raises(InputErrors) as caught:
        load_glossary(root, "八八战略和义新欧")
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(f"{LOCAL}:3:") and f"also used for '八八战略' ({SHARED}:2)" in m for m in messages)
    assert any(m.startswith(f"{LOCAL}:8:") and "appears nowhere" in m for m in messages)


def test_chinese_matching_prefers_the_longest_form_without_overlaps():
    glossary = Glossary([term("全球数贸中心", "Global Digital Trade Center"), term("数贸中心", "digital trade center"),
                         term("中心", "center"), term("132", "'132' plan")], "test")
    matcher = ChineseMatcher(glossary)
    found = [(m.start, m.term.zh) for m in matcher.find("建好全球数贸中心，数贸中心和中心；132部署，1320亿")]
    assert found == [(2, "全球数贸中心"), (9, "数贸中心"), (14, "中心"), (17, "132")]


def test_english_matching_uses_variants_boundaries_case_and_quotes():
    glossary = Glossary([term("标箱", "TEU", en_variants=["standard container"]),
                         term("八八战略", "'Eight-Eight' Strategy"),
                         term("义乌", "Yiwu"), term("义乌国际商贸城", "Yiwu International Trade City")], "test")
    matcher = EnglishMatcher(glossary)
    text = "Yiwu International Trade City shipped 1,000 TEUs and standard containers under the “Eight-Eight” strategy; Yiwus."
    found = [(text[m.start:m.end], m.term.zh) for m in matcher.find(text)]
    assert found == [("Yiwu International Trade City", "义乌国际商贸城"), ("TEUs", "标箱"),
                     ("standard containers", "标箱"), ("“Eight-Eight” strategy", "八八战略"), ("Yiwus", "义乌")]
    assert not matcher.find("STEU and Teutonic")
    campaign = EnglishMatcher(Glossary([term("四大", "Four Bigs public security campaign")], "test"))
    assert campaign.contains("the “Four Bigs” public security campaign", campaign.forms[0][1])
    cities = EnglishMatcher(Glossary([term("县级市", "county-level city")], "test"))
    assert [m.term.zh for m in cities.find("two County-level cities and one county-level city")] == ["县级市"] * 2


def test_english_matches_are_those_of_one_alternation_of_the_forms_longest_first():
    """find() runs each form's own pattern (compiled once) and picks, at the leftmost start, the longest
    form: what one regular expression of all the forms, longest first, gives, on every English sentence."""
    import re

    from babel.messages.pofile import read_po

    from generator.enrich.terms import _form_pattern

    matcher = EnglishMatcher(load_glossary(ROOT))
    alternation = re.compile("|".join(f"(?P<t{i}>{_form_pattern(form)})" for i, (form, _) in enumerate(matcher.forms)),
                             re.IGNORECASE)
    texts = [m.string for path in sorted((ROOT / "translations" / "en").glob("*.po"))
             for m in read_po(path.open("rb")) if m.id and m.string]
    for text in texts:
        expected = [(m.start(), m.end(), matcher.forms[int(m.lastgroup[1:])][1].id) for m in alternation.finditer(text)]
        assert [(m.start, m.end, m.term.id) for m in matcher.find(text)] == expected, text
    assert len(texts) > 500


def test_csv_and_tbx_are_well_formed(glossary):
    rows = list(csv.DictReader(io.StringIO(glossary_csv(glossary).lstrip("\ufeff"))))
    assert len(rows) == len(glossary.terms) and rows[0].keys() >= {"zh", "pinyin", "en", "en_variants", "category"}
    tbx = ET.fromstring(glossary_tbx(glossary, "test"))  # the whole file, declaration and DOCTYPE included
    assert tbx.tag == "martif" and tbx.get("type") == "TBX"
    entries = tbx.findall("./text/body/termEntry")
    assert len(entries) == len(glossary.terms)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for entry in entries:
        langs = {ls.get(xml_lang): ls for ls in entry.findall("langSet")}
        assert set(langs) == {"zh", "en"}
        statuses = [n.text for n in langs["en"].findall("tig/termNote[@type='administrativeStatus']")]
        assert statuses[0] == "preferredTerm-admn-sts" and set(statuses[1:]) <= {"admittedTerm-admn-sts"}
    with_variants = next(t for t in glossary.terms if t.en_variants)
    entry = next(e for e in entries if e.get("id") == with_variants.id)
    english = next(ls for ls in entry.findall("langSet") if ls.get(xml_lang) == "en")
    assert [t.text for t in english.findall("tig/term")] == list(with_variants.en_forms)
