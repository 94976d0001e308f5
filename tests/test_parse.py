"""Parse: structure, stable IDs, round trip, and reports that differ from the seed."""

import re

from generator.source.model import PartKind, SectionKind, SegmentRole


def ids(sections):
    return [s.id for s in sections]


def test_seed_structure(report):
    assert [p.id for p in report.parts] == ["part-1", "part-2", "part-3"]
    assert ids(report.sections_of_kind(SectionKind.EXEMPLAR)) == [f"exemplar-{n}" for n in range(1, 9)]
    assert ids(report.sections_of_kind(SectionKind.ACTION)) == [f"action-{n}" for n in range(1, 11)]
    kinds = [s.kind for s in report.sections()]
    for kind in (SectionKind.GUIDING_THOUGHT, SectionKind.MAIN_GOALS, SectionKind.PRINCIPLES,
                 SectionKind.TARGETS, SectionKind.CLOSING, SectionKind.REVIEW):
        assert kinds.count(kind) == 1, kind


def test_part_one_heading_is_missing_but_review_paragraphs_are_placed(report):
    part = report.parts[0]
    assert part.number == 1 and part.kind is PartKind.REVIEW and not part.heading_available
    review = part.sections[0]
    assert len(review.blocks) == 7
    assert review.blocks[0].segments[0].text.startswith("五年来")


def test_tasks_have_short_titles(report):
    action = report.section("action-1")
    assert [(t.id, t.title) for t in action.tasks] == [
        ("action-1.task-1", "做强实体市场"), ("action-1.task-2", "做大线上市场"), ("action-1.task-3", "做优市场支撑"),
    ]
    # 三是 follows a comma in print; the task still starts there.
    assert action.tasks[1].segments[-1].text.endswith("超1900亿元，")
    assert action.tasks[2].title_segment.text == "三是做优市场支撑。"
    assert sum(len(a.tasks) for a in report.sections_of_kind(SectionKind.ACTION)) == 29


def test_headings_and_ids(report):
    exemplar = report.section("exemplar-3")
    assert exemplar.marker == "（三）" and exemplar.title == "全力打造产业发展典范"
    assert exemplar.short_title == "产业发展典范"
    assert exemplar.heading.text == "（三）全力打造产业发展典范：" and exemplar.heading.role is SegmentRole.HEADING
    assert report.section("action-5").title == "实施产业筑基行动，奋力夯实经济新支撑"
    index = report.segment_index()
    assert index["action-5.task-2.s1"].text.startswith("深化“一业一策”产业研究")
    for segment_id in index:
        assert re.fullmatch(r"[a-z0-9-]+(\.(p|task-|item-)\d+)?(\.(s\d+|title))?|part-\d+\.title|[a-z0-9-]+\.title",
                            segment_id), segment_id


def test_quotes_are_never_split(report):
    for segment in report.segments():
        assert segment.text.count("“") == segment.text.count("”"), segment.id
        assert segment.text.count("（") == segment.text.count("）"), segment.id


def test_round_trip_on_seed(report):
    assert report.reconstructed_text() == report.body_text()
    assert len(list(report.segments())) == len(report.segment_index())  # IDs are unique


def test_eleventh_action(seed_project, seed_text):
    extra = "（十一）实施测试扩展行动，奋力验证解析器。一是做好第一件事。内容一。二是做好第二件事，内容二。\n\n"
    seed_project.write_pages(seed_text.replace("各位代表!民之所盼", extra + "各位代表!民之所盼"))
    report = seed_project.load()
    actions = report.sections_of_kind(SectionKind.ACTION)
    assert len(actions) == 11 and actions[-1].id == "action-11" and actions[-1].number == 11
    assert [t.title for t in actions[-1].tasks] == ["做好第一件事", None]
    assert report.reconstructed_text() == report.body_text()
    assert report.section("closing").blocks[0].segments[0].text == "各位代表！"


def test_missing_exemplar_keeps_the_others_ids(seed_project, seed_text):
    start = seed_text.index("(五)全力打造文化繁荣典范")
    end = seed_text.index("(六)全力打造生态宜居典范")
    seed_project.write_pages(seed_text[:start] + seed_text[end:])
    report = seed_project.load()
    assert ids(report.sections_of_kind(SectionKind.EXEMPLAR)) == [
        "exemplar-1", "exemplar-2", "exemplar-3", "exemplar-4", "exemplar-6", "exemplar-7", "exemplar-8"]
    assert report.reconstructed_text() == report.body_text()


def test_other_titles_and_wording_still_parse(seed_project, seed_text):
    text = (seed_text.replace("三、2026年重点工作", "三、明年工作安排")
            .replace("全力打造全球市场典范", "加快建设世界一流市场典范")
            .replace("指导思想是", "指导思想为"))
    seed_project.write_pages(text)
    report = seed_project.load()
    assert report.parts[2].kind is PartKind.WORK_PLAN and report.parts[2].title == "明年工作安排"
    assert report.section("exemplar-1").title == "加快建设世界一流市场典范"
    assert report.section("guiding-thought")
    assert len(report.sections_of_kind(SectionKind.ACTION)) == 10


def test_changed_wording_keeps_ids(seed_project, seed_text, report):
    seed_project.write_pages(seed_text.replace("招引采购商超120万人", "招引采购商超130万人"))
    changed = seed_project.load()
    assert [s.id for s in changed.segments()] == [s.id for s in report.segments()]


def test_round_trip_on_variants(seed_project, seed_text):
    for variant in (seed_text.replace("\n\n", "\n"), seed_text.replace("。一是", "。\n\n一是", 1)):
        seed_project.write_pages(variant)
        report = seed_project.load()
        assert report.reconstructed_text() == report.body_text()
