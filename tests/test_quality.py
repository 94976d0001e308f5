"""Checks of the English: every check finds its planted slip, at the msgstr's line, and passes good English."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from generator.enrich.glossary_scope import load_glossary
from generator.errors import ERROR, WARNING
from generator.translation.comparators import compare_comparators
from generator.source.model import Anomaly, SourceRef
from generator.translation.english import LABEL, NOTE, POINT, SENTENCE, EnglishText
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
    ("hedge", WARNING, "力争规上工业企业研发费用占营业收入比重3%以上。",
     "Industrial enterprises above designated size will spend at least 3% of their operating revenue on R&D.",
     "We will strive to raise the R&D expenditure of industrial enterprises above designated size, taken together, "
     "to at least 3% of their operating revenue."),
    ("hedge", WARNING, "争取国家部委明确进口政策。", "The national ministries will clarify the import policies.",
     "We will seek to have the national ministries clarify the import policies."),
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


def test_points_and_labels_of_an_aimed_for_figure_say_it_is_an_aim(style):
    """力争 governs its clause: a point or a target label stating its figure says “aim”; a figure of another
    clause, and a figure after words that name targets (预期目标为：), need not."""
    chinese = "培育企业50家以上，力争研发费用占营业收入比重3%以上。"
    source = sentence("We will foster at least 50 enterprises and strive to raise R&D spending to at least 3% of "
                      "operating revenue.", chinese)
    point = EnglishText("translations/summaries.en.yaml", 12, "action-1.task-1.s1", "Firms are to spend at least 3% "
                        "of revenue on R&D.", chinese, POINT, "action-1")
    other_clause = replace(point, line=14, text="At least 50 enterprises will be fostered.")
    label = EnglishText("translations/en/targets.po", 30, "action-1.task-1.s1.q2", "R&D spending as a share of "
                        "revenue", "研发费用占营业收入比重", LABEL, "action-1", figure="3% action-1.task-1.s1")
    found = [f for f in check_english([source, point, other_clause, label], None, style) if f.check == "hedge"]
    assert [(f.file, f.line, f.severity) for f in found] == [(point.file, 12, WARNING), (label.file, 30, WARNING)]
    assert "3%" in found[0].message and "力争" in found[1].message
    fixed = [source, replace(point, text="Yiwu aims to raise R&D spending to at least 3% of revenue."), other_clause,
             replace(label, text="R&D spending as a share of revenue (aim)")]
    assert not [f for f in check_english(fixed, None, style) if f.check == "hedge"]
    targets = "建议主要预期目标为：生产总值增长7%以上。"
    headline = [sentence("We propose the following main projected targets: growth of at least 7%.", targets,
                         ident="targets.p1.s1"),
                replace(label, text="Gross regional product growth", chinese="生产总值", figure="7% targets.p1.s1")]
    assert not [f for f in check_english(headline, None, style) if f.check == "hedge"]
    heading = replace(point, chinese=chinese, heading="Main targets for the year")
    assert not [f for f in check_english([heading], None, style) if f.check == "hedge"]


def test_a_count_of_occasions_stays_one_in_points_labels_and_glossary_explanations(style):
    """人次 counts occasions: 2万人次 of training is 20,000 training places, not 20,000 trainees."""
    chinese = "免费开展技能培训2万人次以上。"
    point = EnglishText("translations/summaries.en.yaml", 8, "action-1.task-1.s1", "At least 20,000 trainees will be "
                        "trained for free.", chinese, POINT, "action-1")
    label = EnglishText("translations/en/targets.po", 40, "action-1.task-1.s1.q1", "Trainees in free training",
                        "技能培训", LABEL, "action-1", figure="2万人次 action-1.task-1.s1")
    found = [f for f in check_english([point, label], None, style) if f.check == "counted-unit"]
    assert [(f.file, f.line, f.severity) for f in found] == [(point.file, 8, ERROR), (label.file, 40, ERROR)]
    assert "2万人次" in found[0].message and found[0].fix
    right = [replace(point, text="At least 20,000 free training places will be provided."),
             replace(label, text="Free training places")]
    assert not check_english(right, None, style)


def test_a_slip_of_the_print_without_a_translators_note_is_a_warning(style):
    """Every note of `gwr notes` on a translated sentence has a translator's note; layout notes need none."""
    slip = Anomaly("latin-word", "action-1.task-1.s1", SourceRef("seeds/page.txt", 12), "English word 'and'",
                   "中文句中出现英文单词“and”", "方案 and 政策")
    text = sentence("We will issue the plan and the policies.", "制订方案 and 政策。")
    found, = [f for f in check_english([text], None, style, [slip]) if f.check == "repair-note"]
    assert (found.file, found.line, found.segment, found.severity) == (text.file, 7, "action-1.task-1.s1", WARNING)
    assert "latin-word" in found.message and "seeds/page.txt:12" in found.message and "Translator's note" in found.fix
    noted = EnglishText(text.file, 5, text.ident, "The print has “and” for 和; translated as the conjunction.", "",
                        NOTE, "action-1")
    assert not [f for f in check_english([text, noted], None, style, [slip]) if f.check == "repair-note"]
    joined = replace(slip, kind="column-break")
    assert not [f for f in check_english([text], None, style, [joined]) if f.check == "repair-note"]
    untranslated = replace(slip, segment_id="action-1.task-1.s9")
    assert not [f for f in check_english([text], None, style, [untranslated]) if f.check == "repair-note"]


def test_a_glossary_term_keeps_one_of_its_forms_across_the_edition(glossary, style):
    """新动能 as “new growth drivers” in one page's title and “new drivers of growth” on another page; a term
    whose English names what is counted (人次, style.yaml `consistency: vary`) may differ."""
    title = sentence("Building up new growth drivers", "积蓄发展新动能", group="action-4", ident="action-4.title",
                     line=25)
    text = sentence("We will foster new drivers of growth.", "全力培育新动能。", group="plan", ident="plan.p1.s2",
                    line=90)
    found, = [f for f in check_english([title, text], glossary, style) if f.check == "term-consistency"]
    assert (found.line, found.segment, found.severity) == (90, "plan.p1.s2", WARNING)
    assert "“new growth driver”" in found.message and ":25 (action-4.title)" in found.message
    assert "shared.yaml" in found.fix
    assert not [f for f in check_english([title, replace(text, text="We will foster new growth drivers.")], glossary,
                                         style) if f.check == "term-consistency"]
    visits = sentence("Foreign merchants made 600,000 visits.", "外商60万人次。", group="review", ident="review.p3.s5")
    places = sentence("We will provide 20,000 training places.", "培训2万人次。", group="action-6", ident="action-6.s2")
    assert not [f for f in check_english([visits, places], glossary, style) if f.check == "term-consistency"]


def test_a_modifier_of_a_glossary_term_keeps_one_rendering(glossary, style):
    """市级科技型中小企业 is not in the glossary, 科技型中小企业 is: its 市级 is rendered one way in every text,
    points included."""
    first = sentence("We will add 100 city-certified technology-based SMEs.", "新增市级科技型中小企业100家。",
                     group="action-6", ident="action-6.task-2.s1", line=73)
    second = sentence("The number of technology-based SMEs recognized by the city doubled.",
                      "市级科技型中小企业数量翻倍。", group="review", ident="review.p4.s3", line=125)
    point = EnglishText("translations/summaries.en.yaml", 184, "action-6.task-2.s1", "At least 100 city-recognized "
                        "technology-based SMEs will be added.", first.chinese, POINT, "action-6")
    found = [f for f in check_english([first, second, point], glossary, style) if f.check == "term-consistency"]
    assert [(f.file, f.line) for f in found] == [(second.file, 125), (point.file, 184)]
    assert "recognized by the city" in found[0].message and "city-certified" in found[0].message
    fixed = [first, replace(second, text="The number of city-certified technology-based SMEs doubled."),
             replace(point, text="At least 100 city-certified technology-based SMEs will be added.")]
    assert not [f for f in check_english(fixed, glossary, style) if f.check == "term-consistency"]


def test_a_repeated_term_outside_the_glossary_shares_its_english(style):
    """智能物流枢纽 twice, with no English word in common: two renderings (or the term left out)."""
    first = sentence("We will build the smart logistics hub.", "建设智能物流枢纽。", group="action-3",
                     ident="action-3.task-1.s1", line=10)
    second = sentence("The intelligent distribution center opened.", "智能物流枢纽建成投用。", group="review",
                      ident="review.p2.s4", line=20)
    found, = [f for f in check_english([first, second], None, style) if f.check == "term-consistency"]
    assert (found.line, found.segment) == (20, "review.p2.s4") and "智能物流枢纽" in found.message
    right = replace(second, text="The smart logistics hub opened.")
    assert not [f for f in check_english([first, right], None, style) if f.check == "term-consistency"]
