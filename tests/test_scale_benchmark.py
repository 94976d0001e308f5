"""benchmarks/scale.py's longer report: a report the parser reads as the real one made longer, copy by copy."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
scale = pytest.importorskip("scale")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from generator.source.load import load_report

    project = tmp_path_factory.mktemp("scale") / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    copies = scale.lengthen(project)
    return load_report(ROOT), load_report(project), copies


def test_sixteen_times_the_text(reports):
    one, longer, copies = reports
    size = sum(len(p) for p in one.paragraphs)
    assert 16 * size <= sum(len(p) for p in longer.paragraphs) < 17 * size
    assert one.title == longer.title and [p.id for p in one.parts] == [p.id for p in longer.parts]
    assert [s.id for s in longer.sections()] == [s.id for s in one.sections()]  # the same pages


def test_every_running_section_copied_with_its_tasks(reports):
    one, longer, copies = reports
    for section in one.sections():
        other = longer.section(section.id)
        times = copies if section.kind in scale.REPEATED else 1
        sentences = [s for s in section.segments() if s.role.value == "sentence"]
        assert len([s for s in other.segments() if s.role.value == "sentence"]) == times * len(sentences), section.id
        assert len(other.tasks) == times * len(section.tasks), section.id


def test_the_real_report_is_the_first_copy_and_the_others_repeat_it(reports):
    one, longer, copies = reports
    known = {s.id: s.text for s in one.segments()}
    index = longer.segment_index()
    assert all(index[key].text == text for key, text in known.items())  # IDs, citations and plan links hold
    texts = set(known.values())
    seen = {}
    for segment in longer.segments():
        if segment.id in known:
            continue
        text, copy = scale.untagged(segment.text)
        assert 2 <= (copy or 2) <= copies, segment.id
        if copy is not None:
            assert text in texts, segment.id
        seen[segment.text] = segment.id
    assert len(seen) > 0.9 * (len(list(longer.segments())) - len(known))  # sentences differ from copy to copy


def test_tags():
    assert scale.tagged("招引采购商超120万人。", 3) == "招引采购商超120万人（3）。"
    assert scale.tagged("超1900亿元，", 2) == "超1900亿元（2），"  # where the next task begins
    assert scale.untagged("打造“数贸会”（12）。”") == ("打造“数贸会”。”", 12)
    assert scale.untagged("实施市场繁荣行动（草案）。") == ("实施市场繁荣行动（草案）。", None)
    assert scale.tagged("more than 1.2 million buyers.", 4, scale.EN_END, " ({})") == "more than 1.2 million buyers (4)."
    assert scale.renumbered("一是做强实体市场。", 1, 4) == "四是做强实体市场。"


def test_the_copies_are_new_text_to_the_notes(reports):
    """No more notes than a report this long would have (the print's, times the copies): without the marks,
    every sentence of a copy was a repeated passage (2,877 notes against 14)."""
    one, longer, copies = reports
    assert len(longer.anomalies) <= len(one.anomalies) * copies
