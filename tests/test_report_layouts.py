"""Layouts of the genre: real excerpts of other reports (tests/data/reports/, labelled by hand before the
parser was changed), and this report with a further newspaper page holding a part and a numbered list."""

from pathlib import Path

import pytest

from generator.enrich.invariants import segments_on_page, structure_findings
from generator.enrich.pages import plan_pages
from generator.errors import InputErrors
from generator.source.load import load_report
from generator.source.export import report_to_dict
from generator.source.layout import NUMBERED_START
from generator.source.model import PartKind, SectionKind, SegmentRole
from generator.util.schema import load_schema, schema_problems

from reportfixtures import fixture_dirs, measure, seeds_for

FIXTURES = fixture_dirs()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_parses_as_labelled(fixture, tmp_path):
    result = measure(fixture, load_report, tmp_path)
    assert result.wrong == []
    assert result.headings_right == result.headings and result.roles_right == result.roles


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_round_trip_unique_ids_and_one_page_per_sentence(fixture, tmp_path):
    measure(fixture, load_report, tmp_path)  # writes the fixture's seeds/ into tmp_path
    report = load_report(tmp_path)
    assert report.reconstructed_text() == report.body_text()
    assert structure_findings(report, plan_pages(report)) == []
    assert schema_problems(report_to_dict(report), load_schema("report.schema.json")) == []


def test_enough_places_and_kinds_of_text():
    import yaml

    metas = [yaml.safe_load((f / "source.yaml").read_text(encoding="utf-8")) for f in FIXTURES]
    assert len({(m["place"], m["year"]) for m in metas}) >= 8
    assert {m["level"] for m in metas} >= {"city", "county", "district", "province"}


PAGE_3 = """(上接第二版)

四、持续办好民生实事

今年,我们将办好十方面民生实事:

一、提升医疗服务

新建社区卫生服务中心3家,新增家庭医生签约服务10万人。

二、规范食品管理

抽检食品1万批次,新建阳光厨房200家。

三、改善出行条件

新建公交站点50个。

五、全面加强政府自身建设

我们将坚持依法行政,建设法治政府。

各位代表!让我们团结一心,开拓进取!
"""


def test_a_further_page_with_a_part_and_a_numbered_list(seed_project, seed_text):
    seed_project.write_pages(seed_text)
    before = seed_project.load()
    seed_project.write_pages(seed_text, PAGE_3)
    report = seed_project.load()
    parts = {p.id: p for p in report.parts}
    assert [p.id for p in report.parts] == [p.id for p in before.parts] + ["part-4", "part-5"]
    assert parts["part-5"].kind is PartKind.GOVERNMENT
    listed = [s for s in parts["part-4"].sections if s.kind is SectionKind.LIST]
    assert len(listed) == 1
    assert [(b.number, b.title) for b in listed[0].blocks if b.kind == "list-item"] == [
        (1, "提升医疗服务"), (2, "规范食品管理"), (3, "改善出行条件")]
    # the IDs of the text before are untouched, and every sentence is on exactly one page
    assert {s.id for s in before.segments()} <= {s.id for s in report.segments()}
    assert structure_findings(report, plan_pages(report)) == []
    assert report.reconstructed_text() == report.body_text()


def test_an_override_in_report_yaml_that_names_nothing_is_an_error_at_its_line(seed_project, seed_text):
    seed_project.write_pages(seed_text)
    meta = seed_project.root / "seeds" / "report.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + "part_roles:\n  没有这个标题: plan\nline_readings:\n  page9.txt:3: heading\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        seed_project.load()
    lines = text.count("\n")
    assert [(e.line, e.check) for e in caught.value.errors] == [(lines + 2, "metadata"), (lines + 4, "metadata")]


def test_part_roles_in_report_yaml_decide_where_the_words_cannot(seed_project, seed_text):
    seed_project.write_pages(seed_text)
    meta = seed_project.root / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "part_roles:\n  2026年重点工作: other\n", encoding="utf-8")
    report = seed_project.load()
    assert report.parts[-1].kind is PartKind.OTHER
    assert "part-3" in [p.slug for p in plan_pages(report)]


def test_a_short_line_can_be_read_as_text_cut_by_a_column_break(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "p.txt").write_text("一、2024年工作回顾\n\n提升投资效益\n\n固定资产投资增长5%。\n", encoding="utf-8")
    base = "title: 政府工作报告\ncity: 某市\nyear: 2025\npages:\n  - file: p.txt\n    page: 1\n"
    (seeds / "report.yaml").write_text(base, encoding="utf-8")
    heading = load_report(tmp_path)
    assert [b.kind for b in heading.parts[0].sections[0].blocks] == ["heading", "paragraph"]
    assert heading.layout[0].reading == "heading"
    (seeds / "report.yaml").write_text(base + "line_readings:\n  p.txt:3: continued\n", encoding="utf-8")
    joined = load_report(tmp_path)
    assert [s.text for s in joined.segments()][1:] == ["提升投资效益固定资产投资增长5%。"]
    assert Path(joined.layout[0].source.file).name == "p.txt" and joined.layout[0].reading == "continued"


def test_item_kinds_in_report_yaml_decide_where_the_words_cannot(seed_project, seed_text):
    seed_project.write_pages(seed_text)
    meta = seed_project.root / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "item_kinds:\n  全力打造全球市场典范: item\n", encoding="utf-8")
    report = seed_project.load()
    assert report.parts[1].sections[5].id == "part-2-item-1"  # the first exemplar, now a plain item
    assert [s.id for s in report.sections_of_kind(SectionKind.EXEMPLAR)][0] == "exemplar-2"
    meta.write_text(meta.read_text(encoding="utf-8").replace(": item", ": model"), encoding="utf-8")
    with pytest.raises(InputErrors, match="item_kinds: unknown kind 'model'"):
        seed_project.load()


def test_an_item_heading_alone_on_its_line_keeps_its_last_character(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "p.txt").write_text("一、2021年主要工作和成效\n\n（一）共同富裕示范区建设扎实开局\n\n高质量发展是主题。\n",
                                 encoding="utf-8")
    (seeds / "report.yaml").write_text("title: 政府工作报告\ncity: 某省\nyear: 2022\npages:\n  - file: p.txt\n    page: 1\n",
                                       encoding="utf-8")
    report = load_report(tmp_path)
    item = report.parts[0].sections[-1]
    assert item.title == "共同富裕示范区建设扎实开局" and report.parts[0].kind is PartKind.REVIEW
    assert [s.text for s in item.segments()] == ["（一）共同富裕示范区建设扎实开局", "高质量发展是主题。"]


@pytest.fixture(scope="module")
def blank_project(tmp_path_factory):
    """A copy of the project's site inputs, as every fixture's report starts from it."""
    from conftest import copy_project

    return copy_project(tmp_path_factory.mktemp("blank") / "project")


def _page_text(markdown: str) -> str:
    """What a reader reads of a generated page: tags and Markdown escapes gone, entities decoded."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markdown)).replace("\\", "")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_site_shows_each_sentence_on_its_page_and_nothing_of_another_report(fixture, blank_project, tmp_path):
    """Each excerpt as a new report (gwr new): every printed sentence on its page in both editions, the
    English marked pending, and no word of the report the project held before."""
    import shutil

    from generator.site.generate import render_all
    from generator.translation.newreport import start_new_report

    root = tmp_path / "project"
    shutil.copytree(blank_project, root)
    shutil.rmtree(root / "seeds")
    seeds_for(fixture, root)
    report = load_report(root)
    start_new_report(root, report)
    rendered = render_all(root)
    page_of = {s.id: plan.path for plan in plan_pages(report) for s in segments_on_page(plan)}
    for lang, edition in rendered.editions.items():
        shown = {path: _page_text(text) for path, text in edition.pages.items() if path.endswith(".md")}
        for segment in report.segments():
            # a part's page is titled with its heading; its number 一、 is the page's place in the navigation
            text = NUMBERED_START.sub("", segment.text) if segment.role is SegmentRole.PART_HEADING else segment.text
            assert text.rstrip("：:。") in shown[page_of[segment.id]], (lang, segment.id)  # headings end unstopped
        # The wording of the report the project held before, unless this report's own text has it (a report of
        # another city may name 义乌): the English for this report is pending, so no English word of it at all.
        body = report.body_text()
        words = [w for w in ("义乌", "八个典范", "十大行动", "小商品之都") if w not in body]
        words += [w for w in ("Yiwu", "Eight Exemplars", "Ten Actions", "Small Commodities") if w not in report.meta.city_en]
        leaks = {(path, w) for path, text in shown.items() for w in words if w in text and path != "contributing.md"}
        assert not leaks, leaks
    assert not rendered.problems["en"]


def test_a_further_page_leaves_every_title_of_both_editions_as_it_was(blank_project, tmp_path):
    """Page 3 added as the README says (listed in report.yaml): the pages there were keep their titles in both
    editions, the new part and its list get pages of their own, and each new sentence is on one page."""
    import re
    import shutil

    from generator.site.generate import render_all

    def titles(root):
        rendered = render_all(root)
        return {(lang, path): re.search(r'^title: "?(.*?)"?$', text, re.M).group(1)
                for lang, edition in rendered.editions.items() for path, text in edition.pages.items()
                if path.endswith(".md")}

    root = tmp_path / "project"
    shutil.copytree(blank_project, root)
    before = titles(root)
    (root / "seeds" / "page3.txt").write_text(PAGE_3, encoding="utf-8")
    meta = root / "seeds" / "report.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("    page: 2\n", "    page: 2\n  - file: page3.txt\n    page: 3\n", 1), encoding="utf-8")
    after = titles(root)
    assert {key: after[key] for key in before} == before
    assert after["zh", "part-4.md"] == "持续办好民生实事" and after["zh", "government.md"] == "全面加强政府自身建设"
    assert after["en", "part-4.md"] == "持续办好民生实事"  # pending: the Chinese until translated


def test_a_part_heading_of_any_length_is_a_part_heading(tmp_path):
    """Issue 21: a heading over 40 characters used to stop being one, silently."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    heading = "二、坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展的2025年工作安排"
    (seeds / "p.txt").write_text(f"一、2024年工作回顾\n\n经济增长5%。\n\n{heading}\n\n今年的主要预期目标是增长6%。\n",
                                 encoding="utf-8")
    (seeds / "report.yaml").write_text("title: 政府工作报告\ncity: 某市\nyear: 2025\npages:\n  - file: p.txt\n    page: 1\n",
                                       encoding="utf-8")
    report = load_report(tmp_path)
    assert len(heading) > 40
    assert [(p.id, p.kind) for p in report.parts] == [("part-1", PartKind.REVIEW), ("part-2", PartKind.WORK_PLAN)]
