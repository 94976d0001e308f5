"""Points against the sentences they cite: figures (万/亿-aware, in Chinese and English) and, in Chinese,
comparators; each finding at the point's file and line, in `gwr check` too."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.enrich.editorial import Point
from generator.enrich.facts import report_facts
from generator.enrich.glossary_scope import load_glossary
from generator.errors import ERROR, WARNING
from generator.translation.point_checks import point_findings

from conftest import ROOT

ZH, EN = "translations/summaries.zh.yaml", "translations/summaries.en.yaml"


@pytest.fixture(scope="module")
def check(report):
    glossary = load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta)
    facts = report_facts(report)

    def run(lang: str, text: str, *sources: str) -> list:
        point = Point(text, sources, 12, ZH if lang == "zh" else EN, lang)
        return point_findings([point], report, facts, glossary)
    return run


# language, cited sentences, the point with a slip, the check and severity it trips, the point done right
SLIPS = [
    ("zh", ["action-1.task-1.s2"], "招引采购商超150万人。", "point-numbers", ERROR, "招引采购商超120万人。"),
    ("zh", ["action-1.task-2.s2"], "电商交易额突破610亿元。", "point-numbers", ERROR, "电商交易额突破6100亿元。"),
    ("zh", ["targets.p1.s1"], "出口增长15个百分点以上。", "point-numbers", ERROR, "出口增长15%以上。"),
    ("zh", ["action-1.task-2.s2"], "招引头部电商企业超10家。", "point-comparators", ERROR, "招引头部电商企业10家以上。"),
    ("zh", ["action-8.task-2.s3"], "城乡居民人均可支配收入比缩小到1.74以上。", "point-comparators", ERROR,
     "城乡居民人均可支配收入比缩小到1.74以内。"),
    ("zh", ["action-9.task-1.s1"], "新增学位9000个。", "point-comparators", WARNING, "新增学位9000个以上。"),
    ("en", ["action-1.task-2.s2"], "E-commerce transactions are to exceed RMB 61 billion.", "point-numbers", ERROR,
     "E-commerce transactions are to exceed RMB 610 billion."),
    ("en", ["action-1.task-1.s2"], "Yiwu aims to attract more than 12 million buyers.", "point-numbers", ERROR,
     "Yiwu aims to attract more than 1.2 million buyers."),
    ("en", ["targets.p1.s1"], "Imports are to grow by at least 30 percentage points.", "point-numbers", ERROR,
     "Imports are to grow by at least 30%."),
]


@pytest.mark.parametrize("lang, sources, slip, check_name, severity, right", SLIPS,
                         ids=[f"{s[0]}-{s[3]}-{i}" for i, s in enumerate(SLIPS)])
def test_every_slip_is_found_at_the_points_line_and_the_fix_passes(check, lang, sources, slip, check_name, severity,
                                                                    right):
    found = check(lang, slip, *sources)
    assert [(f.check, f.severity) for f in found] == [(check_name, severity)], found
    assert (found[0].file, found[0].line) == (ZH if lang == "zh" else EN, 12) and found[0].fix
    assert ", ".join(sources) in found[0].message
    assert not check(lang, right, *sources)


@pytest.mark.parametrize("lang, sources, text", [
    ("en", ["action-2.task-2.s2"], "At least 3,000 mu (about 200 hectares) of land will be sold."),  # the conversion
    ("en", ["exemplar-4.p1.s5"], "Yiwu aims to attract more than one million visits by foreign merchants a year."),
    ("en", ["exemplar-1.p1.s1"], "Yiwu plans an international trade hub on the scale of RMB 1 trillion."),  # 万亿级
    ("en", ["action-10.task-1.s1"], "The Four Bigs public security campaign will continue."),  # a glossary rendering
    ("en", ["review.p2.s4"], "In the past five years the Yiwu Comprehensive Bonded Zone began operation."),  # the span
    ("en", ["targets.p1.s1"], "The targets for 2026 include growth of at least 7% in gross regional product."),
    ("en", ["main-goals.p1.s1"], "Yiwu is to be the first to become a county-level exemplar."),  # 率先
    ("en", ["action-1.task-1.s3"], "Work continues on Zones 2 and 3 of the cold chain market."),  # 二区、三区
    ("zh", ["review.p1.s2"], "五年来，全市生产总值年均增长7.9%。"),
    ("zh", ["action-8.task-2.s1", "action-8.task-2.s2"], "加快10个片区组团发展，启动村庄改造10个以上。"),
    ("zh", ["action-8.task-2.s1", "action-8.task-2.s2"], "加快10个片区组团发展。"),  # 10 also stands bare there
    ("zh", ["action-10.task-3.s2"], "PM2.5浓度稳中有降。"),
])
def test_what_the_cited_sentences_say_passes(check, lang, sources, text):
    assert not check(lang, text, *sources)


def test_a_figure_from_a_sentence_not_cited_is_a_finding(check):
    """The point must cite the sentence that has the figure: 55场 is in action-1.task-3.s1, not in s2."""
    found, = check("zh", "举办义博会等经贸类展会55场以上。", "action-1.task-3.s2")
    assert found.check == "point-numbers" and "55" in found.message


def test_the_repositorys_points_pass_the_figure_checks(report, check):
    from generator.enrich.editorial import load_editorial

    editorial = load_editorial(ROOT, report)
    glossary = load_glossary(ROOT, "".join(s.text for s in report.segments()), report.meta)
    found = point_findings(editorial.points(), report, report_facts(report), glossary)
    assert not found, "\n".join(map(str, found))


def write_points(project, text: str) -> None:
    (project / "translations" / "summaries.zh.yaml").write_text(text, encoding="utf-8")


def gwr_check(project) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json"], cwd=project,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def test_chinese_points_reach_gwr_check_at_their_line(site_project):
    """A wrong figure, a changed comparator and (in a second run) an unknown ID, each at its file and line."""
    path = site_project / "translations" / "summaries.zh.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("action-1:") + 1  # the first point of action-1 (0-based index of its text line)
    assert "数贸港等重点项目6月份整体投用" in lines[at]
    lines[at] = "  - text: 全球数贸中心数贸港等重点项目6月份整体投用，确保日均人流量超50万人次，市场成交额600亿元以上。"
    write_points(site_project, "\n".join(lines) + "\n")
    found = [f for f in gwr_check(site_project) if f["file"] == "translations/summaries.zh.yaml"]
    assert {(f["check"], f["severity"], f["line"]) for f in found} == {
        ("point-numbers", "error", at + 1), ("point-comparators", "error", at + 1)}, found
    assert any("500,000" in f["message"] for f in found) and all(f["segment"] == "action-1.task-1.s1" for f in found)

    lines[at + 1] = "    source: [action-1.task-1.s9]"
    write_points(site_project, "\n".join(lines) + "\n")
    found = [f for f in gwr_check(site_project) if f["file"] == "translations/summaries.zh.yaml"]
    assert [(f["check"], f["severity"], f["line"]) for f in found] == [("editorial", "error", at + 1)], found
    assert "action-1.task-1.s9" in found[0]["message"]
