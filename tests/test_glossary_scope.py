"""The glossary's two files: shared terms for every report, local ones (and local explanations) for this one."""

import functools
import re
from pathlib import Path

import pytest
import yaml

from generator.enrich.glossary import LOCAL_FILE, SHARED_FILE
from generator.enrich.glossary_scope import load_glossary
from generator.errors import InputErrors
from generator.source.seedmeta import ReportMeta
from generator.translation.english import glossary_texts

from conftest import ROOT

SHARED = """terms:
  - zh: 跨境电商
    en: cross-border e-commerce
    category: economic-term
    explanation_en: Online sales between buyers and sellers in different countries.
    source: official
    source_note: Ministry of Commerce
  - zh: 标箱
    en: TEU
    category: unit
    explanation_en: Standard measure of container volume.
    source: official
"""
LOCAL = """city: 义乌市
terms:
  - zh: 义新欧
    en: Yiwu-Xinjiang-Europe freight train
    category: platform
    explanation_en: Yiwu's own line of the China-Europe Railway Express.
    source: common
explanations:
  - zh: 跨境电商
    explanation_en: Online sales between buyers and sellers in different countries; Yiwu targets more.
"""
TEXT = "发展跨境电商，义新欧开行。"


def meta(city: str = "义乌市") -> ReportMeta:
    return ReportMeta("政府工作报告", "Government Work Report", city, "", 2026, "", "", ())


def project(tmp_path: Path, shared: str = SHARED, local: str | None = LOCAL) -> Path:
    (tmp_path / SHARED_FILE).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / SHARED_FILE).write_text(shared, encoding="utf-8")
    if local is not None:
        (tmp_path / LOCAL_FILE).write_text(local, encoding="utf-8")
    return tmp_path


def problems(root: Path, text: str = TEXT, city: str = "义乌市") -> list[str]:
    with pytest.raises(InputErrors) as caught:
        load_glossary(root, text, meta(city))
    return [str(e) for e in caught.value.errors]


def test_the_report_lists_the_shared_terms_it_uses_and_its_own(tmp_path):
    glossary = load_glossary(project(tmp_path), TEXT, meta())
    assert [t.zh for t in glossary.terms] == ["跨境电商", "义新欧"]
    assert [t.zh for t in glossary.unused] == ["标箱"]  # never in the text: not listed, not an error
    assert glossary.city == "义乌市"
    everything = load_glossary(tmp_path)  # without the report: every term, as read
    assert [t.zh for t in everything.terms] == ["跨境电商", "标箱", "义新欧"]


def test_an_explanation_replaces_the_shared_wording_for_this_report_only(tmp_path):
    glossary = load_glossary(project(tmp_path), TEXT, meta())
    term = glossary.terms[0]
    assert term.explanation_en.endswith("Yiwu targets more.") and term.source_note == "Ministry of Commerce"
    assert term.file == SHARED_FILE and term.explained_at == (LOCAL_FILE, 9)  # where an editor changes it
    assert glossary_texts(glossary)[0].file == LOCAL_FILE and glossary_texts(glossary)[0].line == 9
    shared_only = load_glossary(project(tmp_path / "other", local=None), TEXT, meta())
    assert shared_only.terms[0].explanation_en == "Online sales between buyers and sellers in different countries."


def test_local_terms_of_another_city_are_an_error_on_the_city_line(tmp_path):
    found = problems(project(tmp_path), city="金华市")
    assert found == [f"{LOCAL_FILE}:1: error: [glossary-city] the local terms are those of 义乌市, but "
                     "seeds/report.yaml is a report of 金华市 — run `gwr new` to move the previous report's files "
                     "aside (README: A new report), or correct 'city:' if the city's name was wrong"]


def test_local_terms_need_a_city_and_must_occur(tmp_path):
    found = problems(project(tmp_path, local=LOCAL.replace("city: 义乌市\n", "")), text="发展跨境电商。")
    assert any(m.startswith(f"{LOCAL_FILE}:1: error: [glossary-city] 'city:' is missing") for m in found)
    assert any(m.startswith(f"{LOCAL_FILE}:2:") and "appears nowhere in the report" in m for m in found)


@pytest.mark.parametrize("explanation, expected", [
    ("  - zh: 电商\n    explanation_en: Online.\n", "'电商' is not a term of translations/glossary/shared.yaml"),
    ("  - zh: 标箱\n    explanation_en: Boxes.\n", "'标箱' appears nowhere in the report"),
    ("  - zh: 跨境电商\n    en: e-commerce\n", "give one or more of explanation_en, explanation_zh, source_note"),
    ("  - zh: 跨境电商\n    explanation_zh: 跨境。\n", "'跨境电商' is explained twice"),
])
def test_every_problem_of_an_explanation_is_named_with_its_line(tmp_path, explanation, expected):
    found = problems(project(tmp_path, local=LOCAL + explanation))
    assert any(m.startswith(f"{LOCAL_FILE}:11: error: [glossary-entry]") and expected in m for m in found), found


def test_the_single_file_of_before_is_reported(tmp_path):
    (project(tmp_path) / "translations" / "glossary.yaml").write_text(SHARED, encoding="utf-8")
    assert any(m.startswith("translations/glossary.yaml:1:") and "shared.yaml" in m for m in problems(tmp_path))


def test_this_reports_glossary(report):
    """Every entry of both files is a term of this report's glossary, the report uses every one (so the
    glossary pages list them all), and what local.yaml says of shared terms is said of terms shared.yaml has."""
    glossary = load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta)
    local = yaml.safe_load((ROOT / LOCAL_FILE).read_text(encoding="utf-8"))
    shared = yaml.safe_load((ROOT / SHARED_FILE).read_text(encoding="utf-8"))
    assert sum(not t.local for t in glossary.terms) == len(shared["terms"]) > 150
    assert sum(t.local for t in glossary.terms) == len(local["terms"]) > 150
    assert {str(e["zh"]) for e in local["explanations"]} <= {str(t["zh"]) for t in shared["terms"]}
    assert glossary.unused == [] and glossary.city == report.meta.city


def test_the_shared_terms_say_nothing_of_one_city_or_report():
    """What the shared file says is shown on every report's site: Yiwu's figures and places, and what "the
    report" says, belong in local.yaml (under explanations: for a shared term)."""
    particular = re.compile(r"义乌|Yiwu|Suxi|苏溪|Lizu|李祖|\bthe report\b|本报告|报告(中|提|把|称|要求|计划|承认|将)")
    data = yaml.safe_load((ROOT / SHARED_FILE).read_text(encoding="utf-8"))
    found = [(t["zh"], key) for t in data["terms"] for key, value in t.items()
             if particular.search(str(value))]
    assert found == []


def test_every_term_of_the_blind_list_is_in_the_glossary_or_left_out_with_a_reason():
    """A second reader who had not seen the glossary listed what a foreign merchant would want explained
    (tests/data/glossary_blind_list.yaml); each is a term or variant, or left out with its reason."""
    data = ROOT / "tests" / "data"
    listed = yaml.safe_load((data / "glossary_blind_list.yaml").read_text(encoding="utf-8"))
    left_out = dict(re.findall(r"^- (\S+) — (.+)$", (data / "glossary_blind_left_out.md").read_text(encoding="utf-8"), re.M))
    unquoted = functools.partial(re.sub, r"[“”\"（）()]", "")
    known = {unquoted(str(form)) for name in (SHARED_FILE, LOCAL_FILE)
             for term in yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))["terms"]
             for form in [term["zh"], *(term.get("zh_variants") or [])]}
    covered_by = {"数智化市场": "数智化", "招投投领域治理改革": "招投标"}  # the entry's wording differs
    missing = [t["zh"] for t in listed if unquoted(t["zh"]) not in known and t["zh"] not in left_out
               and covered_by.get(t["zh"]) not in known]
    assert len(listed) > 300 and missing == []
    assert all(len(reason) > 10 for reason in left_out.values())
