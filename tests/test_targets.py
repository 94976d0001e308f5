"""Quantified statements extracted by rule, measured against a hand-labelled list of the seed's figures."""

import csv
from collections import Counter
from pathlib import Path

from generator.enrich.targets import extract_quantities

LABELLED = Path(__file__).parent / "data" / "targets_labelled.csv"


def labelled() -> list[dict]:
    with LABELLED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def scores(report) -> tuple[float, float, list, list]:
    """Recall and precision over (sentence, figure as printed); misses and false hits for the record."""
    truth = Counter((row["segment_id"], row["value"]) for row in labelled())
    found = Counter((q.segment_id, q.value) for q in extract_quantities(report))
    hits = sum((truth & found).values())
    return hits / sum(truth.values()), hits / sum(found.values()), sorted((truth - found).elements()), \
        sorted((found - truth).elements())


def test_recall_and_precision_against_the_hand_labelled_list(report):
    recall, precision, missed, extra = scores(report)
    print(f"\nrecall {recall:.1%}, precision {precision:.1%}; missed {missed}; extra {extra}")
    assert recall >= 0.95 and precision >= 0.95, (missed, extra)


def test_period_and_start_values(report):
    by_key = {(q.segment_id, q.value): q for q in extract_quantities(report)}
    rows = [r for r in labelled() if (r["segment_id"], r["value"]) in by_key]
    agree = sum(by_key[(r["segment_id"], r["value"])].period == r["period"] for r in rows)
    assert agree == len(rows)
    ranges = [r for r in rows if r["from_value"]]
    assert ranges and all(by_key[(r["segment_id"], r["value"])].from_value == r["from_value"] for r in ranges)
    exports = by_key[("review.p1.s3", "7307")]
    assert exports.base_value == 730_700_000_000 and exports.base_unit == "CNY"


def test_a_changed_and_an_added_figure_change_the_data(seed_project, seed_text):
    from generator.source.load import load_report

    text = seed_text.replace("市场成交额超600亿元", "市场成交额超650亿元")
    text = text.replace("招引采购商超120万人。", "招引采购商超120万人。新增海外仓12个以上。")
    seed_project.write_pages(text)
    found = {(q.segment_id, q.value, q.unit, q.comparator) for q in extract_quantities(load_report(seed_project.root))}
    assert ("action-1.task-1.s1", "650", "亿元", ">") in found
    assert ("action-1.task-1.s3", "12", "个", ">=") in found  # the added sentence


def test_metric_names_agree_with_the_hand_labelled_list(report):
    """The metric, not the words before the number: each name is the labelled one, or holds it (the official
    wording around it), or is held by it; none begins with what belongs to the figure before."""
    names = {(q.segment_id, q.value): q.metric_zh for q in extract_quantities(report)}
    rows = [r for r in labelled() if (r["segment_id"], r["value"]) in names]
    agree = [r for r in rows if r["metric_zh"] in names[(r["segment_id"], r["value"])]
             or names[(r["segment_id"], r["value"])] in r["metric_zh"]]
    exact = [r for r in rows if names[(r["segment_id"], r["value"])] == r["metric_zh"]]
    print(f"\nmetric names: {len(exact)} exact, {len(agree)} agree of {len(rows)}")
    assert len(agree) / len(rows) >= 0.95
    wrong_start = [n for n in names.values() if n.startswith(("以上", "以内", "、", "加快", "推动", "招引", "举办"))]
    assert wrong_start == [] and all(len(n) >= 2 for n in names.values())


def test_a_threshold_naming_what_the_next_figure_counts_is_not_a_target(report):
    """10亿元以上项目24个以上: 24 projects is the target; 10亿元 says which projects (its metric holds it)."""
    found = {(q.segment_id, q.value): q.metric_zh for q in extract_quantities(report)}
    assert ("action-4.task-1.s1", "10") not in found
    assert found[("action-4.task-1.s1", "24")] == "10亿元以上项目"
    assert found[("action-4.task-1.s1", "130")] == "亿元以上项目"


def _quantities(text: str) -> list:
    from generator.enrich.targets import _from_sentence

    return _from_sentence("s", text, "achievement")


def test_percentage_points_are_a_unit_of_change_and_a_series_prints_its_unit_once():
    found = _quantities("增速分别高于全省和全国0.8个、1.3个百分点。")
    assert [(q.value, q.unit, q.base_unit) for q in found] == [("0.8", "个百分点", "percentage points"),
                                                             ("1.3", "个百分点", "percentage points")]
    found = _quantities("城乡居民人均可支配收入46324和26682元，分别增长9.4%和11%。")
    assert [(q.value, q.unit, q.metric_zh, q.change) for q in found] == [
        ("46324", "元", "城镇居民人均可支配收入", ""), ("26682", "元", "农村居民人均可支配收入", ""),
        ("9.4", "%", "城镇居民人均可支配收入", "growth"), ("11", "%", "农村居民人均可支配收入", "growth")]


def test_after_a_bare_respectively_the_figures_take_the_metrics_before_them():
    found = _quantities("完成一般公共预算总收入128.3亿元，其中地方财政收入79.3亿元，分别增长4.6%和8%。")
    assert [(q.value, q.metric_zh) for q in found][2:] == [("4.6", "一般公共预算总收入"), ("8", "地方财政收入")]
    found = _quantities("金融机构本外币存款和贷款余额分别为8837亿元和10972亿元。")
    assert [q.metric_zh for q in found] == ["金融机构本外币存款余额", "金融机构本外币贷款余额"]


def test_durations_are_not_targets_and_ranges_start_with_from_or_by():
    assert [q.value for q in _quantities("增速连续44个月居全省前3，连续10个季度获省投资“赛马”激励。")] == []
    found = _quantities("城市污水处理率由85%提高到95%。")
    assert [(q.value, q.from_value) for q in found] == [("95", "85")]


def test_metric_names_leave_out_bracketed_asides_and_ratios_end_a_clause():
    found = _quantities("全市地区生产总值（GDP）增长6.3%，城乡居民收入倍差缩小至1.95，数字经济增加值增长8%。")
    assert [(q.value, q.unit, q.metric_zh) for q in found] == [
        ("6.3", "%", "全市地区生产总值"), ("1.95", "", "城乡居民收入倍差"), ("8", "%", "数字经济增加值")]
    assert [q.value for q in _quantities("2024年是关键之年。")] == []


def test_recall_and_precision_on_the_excerpts_of_other_reports(tmp_path):
    """The figures of 19 excerpts of other reports, labelled by hand and blind to the extractor."""
    from generator.source.load import load_report
    from reportfixtures import fixture_dirs, measure_targets

    labelled = found = matched = right = 0
    for n, fixture in enumerate(fixture_dirs()):
        m = measure_targets(fixture, load_report, extract_quantities, tmp_path / str(n))
        labelled, found, matched, right = labelled + m.labelled, found + m.extracted, matched + m.matched, \
            right + m.units_right
    assert matched / labelled >= 0.95 and matched / found >= 0.95, (matched, labelled, found)
    assert right / matched >= 0.95
