"""Checks of the English: every check finds its planted slip, at the msgstr's line, and passes good English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.enrich.glossary_scope import load_glossary
from generator.errors import ERROR, WARNING
from generator.translation.comparators import compare_comparators
from generator.translation.english import LABEL, POINT, SENTENCE, EnglishText
from generator.translation.quality import check_english
from generator.translation.style import load_style

from conftest import ROOT


@pytest.fixture(scope="module")
def style():
    return load_style(ROOT)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT)


def sentence(english: str, chinese: str = "", kind: str = SENTENCE, group: str | None = "action-1",
             ident: str = "action-1.task-1.s1", line: int = 7) -> EnglishText:
    return EnglishText("translations/en/action-1.po", line, ident, english, chinese, kind, group)


# check, severity, the Chinese, a slip in the English, the same sentence done right
FIXTURES = [
    ("comparators", ERROR, "新增2家以上区域服务中心。", "We will add more than two regional service centers.",
     "We will add at least two regional service centers."),
    ("comparators", ERROR, "引进头部企业10家以上。", "We will attract over 10 leading companies.",
     "We will attract 10 or more leading companies."),
    ("comparators", WARNING, "外商来访120万人次以上。", "Foreign visits will exceed 1.2 million.",
     "Foreign visits will reach at least 1.2 million."),
    ("comparators", WARNING, "进口增长30%以上。", "Imports will grow by more than 30%.", "Imports will grow by at least 30%."),
    ("comparators", WARNING, "规模突破1500亿元。", "It will reach at least RMB 150 billion.",
     "It will exceed RMB 150 billion."),
    ("comparators", WARNING, "城乡收入比控制在1.74以内。", "The ratio will be kept below 1.74.",
     "The ratio will be kept within 1.74."),
    ("chinese-punctuation", ERROR, "推进改革。", "We will push reform forward，step by step。", "We will push reform forward, step by step."),
    ("chinese-text", ERROR, "推进改革。", "We will push 改革 forward.", "We will push reform forward."),
    ("unchanged", ERROR, "推进改革。", "推进改革。", "We will push reform forward."),
    ("doublewords", WARNING, "推进改革。", "We will push the the reform forward.", "We will push the reform forward."),
    ("long-sentence", WARNING, "推进改革。", " ".join(f"step{i}" for i in range(85)) + ".",
     " ".join(f"Step{i}" for i in range(40)) + ". " + " ".join(f"Step{i}" for i in range(45)) + "."),
    ("safe-html", ERROR, "推进改革。", "We will <b>push</b> reform.", "We will push reform."),
    ("safe-html", ERROR, "推进改革。", "See javascript:alert(1) for reform.", "We will push reform."),
    ("safe-html", ERROR, "推进改革。", "Reform x onerror=alert(1) now.", "Reform now."),
    ("markdown", ERROR, "推进改革。", "We will push [reform](https://example.com).", "We will push reform."),
    ("markdown", ERROR, "推进改革。", "# We will push reform.", "We will push reform."),
    ("markdown", ERROR, "推进改革。", "We will push **reform**.", "We will push reform."),
    ("formula", ERROR, "推进改革。", "=HYPERLINK(\"http://example.com\", \"Reform\")", "Reform."),
    ("formula", ERROR, "推进改革。", "@SUM(1+1) reform.", "Reform."),
    ("spelling", WARNING, "推进改革。", "We will modernise the programme.", "We will modernize the program."),
    ("chinglish", WARNING, "培训15万人次。", "We will train 150,000 person-times.", "We will provide 150,000 training sessions."),
    ("chinglish", WARNING, "推动项目落地。", "We will get 30 projects landed.", "We will get 30 projects started."),
    ("chinglish", WARNING, "基本建成。", "It will be basically completed.", "It will be largely completed."),
]


@pytest.mark.parametrize("check, severity, chinese, slip, right", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_every_check_finds_its_slip_and_passes_the_fix(check, severity, chinese, slip, right, style):
    found = [f for f in check_english([sentence(slip, chinese)], None, style) if f.check == check]
    assert found, f"{check} missed: {slip}"
    assert found[0].severity == severity
    assert (found[0].file, found[0].line, found[0].segment) == ("translations/en/action-1.po", 7, "action-1.task-1.s1")
    assert found[0].fix
    assert not check_english([sentence(right, chinese)], None, style)


def test_comparators_read_words_units_and_either_side():
    assert not compare_comparators("引进项目4个以上。", "We will bring in four or more projects.")
    assert not compare_comparators("交易额100亿美元以上。", "Transactions of at least USD 10 billion.")
    problem, = compare_comparators("交易额100亿美元以上。", "Transactions of more than USD 10 billion.")
    assert (problem.figure, problem.english, problem.serious) == ("10,000,000,000", "more than", False)
    assert compare_comparators("新增3家以上。", "Add three.")[0].english is None  # the threshold is lost
    assert not compare_comparators("城乡收入比缩小到1.74以内。", "The ratio will narrow to no more than 1.74.")


def test_one_term_two_renderings_on_a_page(glossary, style):
    """中欧班列 as the Railway Express and as freight trains on one page; a short form after the full one is fine."""
    full = sentence("The China-Europe Railway Express will run more trains.", "中欧班列开行更多班次。", line=10)
    other = sentence("China-Europe freight trains will run more often.", "中欧班列开行更多。",
                     ident="action-1.task-1.s2", line=20)
    label = sentence("China-Europe Railway Express trains", "中欧班列开行量", kind=LABEL, ident="action-1.task-1.s2.q1",
                     line=30)
    found = [f for f in check_english([full, other, label], glossary, style) if f.check == "inconsistent-term"]
    assert [(f.line, f.segment) for f in found] == [(20, "action-1.task-1.s2")]
    assert "action-1.po:10" in found[0].message
    elsewhere = sentence("China-Europe freight trains will run more often.", "中欧班列开行更多。", group="action-2")
    assert not [f for f in check_english([full, elsewhere], glossary, style) if f.check == "inconsistent-term"]


def test_points_are_compared_with_the_chinese_they_cite(style):
    point = EnglishText("translations/merchants.en.yaml", 22, "action-3.task-3.s3", "Yiwu will open more than four "
                        "overseas branch markets.", "新增海外分市场4个以上。", POINT, "merchants")
    found, = check_english([point], None, style)
    assert (found.check, found.severity, found.file, found.line) == ("comparators", ERROR, point.file, 22)


def test_a_bad_style_pattern_is_an_error_with_its_line(tmp_path):
    from generator.errors import InputErrors

    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "style.yaml").write_text(
        "spelling:\n  words: {colour: color}\nchinglish:\n  - pattern: '(unclosed'\n    say: x\n    why: y\n",
        encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_style(tmp_path)
    error, = caught.value.errors
    assert (error.path, error.line, error.check) == ("translations/style.yaml", 4, "style-file")


def test_planted_slips_reach_gwr_check_at_the_msgstr_line(site_project):
    """End to end: a slip in a real catalog and in the merchants page, reported by the CLI as JSON."""
    po = site_project / "translations" / "en" / "action-1.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line == 'msgctxt "action-1.task-2.s2"')
    msgstr = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr"))
    lines[msgstr] = 'msgstr "We will attract more than two centers, <b>10</b> companies, modernise the programme."'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json"], cwd=site_project,
                          capture_output=True, text=True)
    assert done.returncode == 1
    found = {f["check"]: f for f in json.loads(done.stdout) if f["segment"] == "action-1.task-2.s2"}
    for check in ("comparators", "safe-html", "spelling"):
        assert (found[check]["file"], found[check]["line"]) == ("translations/en/action-1.po", msgstr + 1), check
    assert "“<b>”" in found["safe-html"]["message"]  # the whole tag, as the editor typed it


def test_the_projects_own_english_has_no_errors():
    """The catalogs, summaries, pages, plan and glossary as they are in the repository."""
    from generator.translation.checks import check_project

    errors = [str(f) for f in check_project(ROOT, run_msgfmt=False) if f.is_error]
    assert not errors, "\n".join(errors[:20])
