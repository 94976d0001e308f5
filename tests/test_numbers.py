"""The number check: every number of a Chinese sentence must be in its English translation."""

import pytest

from generator.translation.catalogs import read_catalog, render_catalog
from generator.translation.checks import check_catalogs
from generator.translation.numbers import chinese_values, english_values, missing_numbers


@pytest.mark.parametrize("chinese, english", [
    ("地区生产总值突破1500亿元", "gross regional product will exceed RMB 150 billion"),
    ("实有人口达342万", "an actual population of 3.42 million"),
    ("银行存贷款余额达1.2万亿元", "bank deposits and loans of RMB 1.2 trillion"),
    ("年均增长7.9%", "an average annual growth of 7.9%"),
    ("跨越三个大台阶", "crossing three major thresholds"),
    ("党的二十届历次全会", "all the plenary sessions of the 20th CPC Central Committee"),
    ("新增跨境业务交易额100亿美元以上", "more than USD 10 billion of new cross-border business"),
    ("数贸港等重点项目6月份整体投用", "key projects will go into full operation in June"),
    ("确保日均人流量超5万人次", "ensure average daily foot traffic of more than 50,000 visits"),
])
def test_scaled_numbers_match(chinese, english):
    assert chinese_values(chinese) and missing_numbers(chinese, english) == []


def test_a_changed_or_dropped_number_is_reported():
    assert missing_numbers("市场成交额超600亿元", "market turnover of more than RMB 6 billion") == [60_000_000_000]
    assert missing_numbers("新增园区5个以上，其中海外分市场4个以上", "more than five new parks") == [4]
    assert english_values("1,200,000 and 3.5 million") == {1_200_000: 1, 3_500_000: 1}


def test_check_reports_catalog_line_and_honours_an_explanation(project_copier, tmp_path, report):
    root = project_copier(tmp_path / "project")
    path = root / "translations" / "en" / "action-1.po"
    catalog = read_catalog(path, "en")
    entry = next(m for m in catalog if m.context == "action-1.task-1.s2")
    entry.string = entry.string.replace("1.2 million", "1.3 million")
    path.write_bytes(render_catalog(catalog))
    line = next(m for m in read_catalog(path, "en") if m.context == "action-1.task-1.s2").lineno + 1  # the msgstr
    findings = [f for f in check_catalogs(root, report, "en", run_msgfmt=False) if f.check == "numbers"]
    assert [(f.file, f.line) for f in findings] == [("translations/en/action-1.po", line)]
    assert "1,200,000" in findings[0].message
    entry.user_comments = ["Number check: deliberately different, for this test."]
    path.write_bytes(render_catalog(catalog))
    assert not [f for f in check_catalogs(root, report, "en", run_msgfmt=False) if f.check == "numbers"]


def test_swapped_rates_and_points_for_percent_are_errors_on_the_msgstr_line(project_copier, tmp_path, report):
    from generator.translation.numbers import compare

    assert compare("进口增长30%以上，出口增长15%以上", "imports up more than 15% and exports up more than 30%")
    assert "percentage points in the English" in compare("增长15%", "an increase of 15 percentage points")[0].message
    assert compare("提高2个百分点", "up two percentage points") == []
    root = project_copier(tmp_path / "project")
    path = root / "translations" / "en" / "work-plan.po"
    catalog = read_catalog(path, "en")
    entry = next(m for m in catalog if "30%" in m.id and "15%" in m.id)
    assert entry.string.index("15%") < entry.string.index("30%")  # exports, then imports, as in the Chinese
    entry.string = entry.string.replace("30%", "@").replace("15%", "30%").replace("@", "15%")  # swap the two
    path.write_bytes(render_catalog(catalog))
    msgstr_line = next(m for m in read_catalog(path, "en") if m.context == entry.context).lineno + 1
    findings = [f for f in check_catalogs(root, report, "en", run_msgfmt=False) if f.check == "numbers"]
    assert [(f.severity, f.line, f.segment) for f in findings] == [("error", msgstr_line, entry.context)]
    assert "another order" in findings[0].message


def test_a_count_of_occasions_is_not_a_count_of_people():
    """人次 counts occasions (one person trained twice counts twice): the English names them after the figure."""
    from generator.translation.numbers import compare

    problem, = compare("免费开展技能培训2万人次以上", "free skills training for at least 20,000 trainees")
    assert "2万人次 counts occasions" in problem.message and "20,000 trainees" in problem.message
    assert compare("免费开展技能培训2万人次以上", "at least 20,000 free skills training places") == []
    assert compare("年外商超60万人次", "foreign merchants made more than 600,000 visits a year") == []
    assert compare("日均人流量超5万人次", "average daily foot traffic of more than 50,000 visits") == []
    assert compare("常住外商超3万人", "more than 30,000 foreign merchants live in the city") == []  # 人: people
