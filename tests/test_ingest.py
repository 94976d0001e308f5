"""Ingest: encodings, page stitching, continuation markers, column breaks."""

import pytest

from generator.errors import InputError


def test_seed_paragraphs_markers_and_repairs(report):
    assert [m.text for m in report.markers] == ["（上接第一版）", "（下转第三版）"]
    assert [m.direction for m in report.markers] == ["from", "to"]
    assert all("上接" not in p and "下转" not in p for p in report.paragraphs)
    assert len(report.repairs) == 6
    assert report.title == "政府工作报告"


def test_every_body_paragraph_ends_a_sentence(report):
    for paragraph in report.paragraphs:
        assert paragraph[-1] in "。！？：；”）" or paragraph.startswith(("二、", "三、")), paragraph[-20:]


def test_crlf_and_bom_give_the_same_text(seed_project, seed_text, report):
    seed_project.write_pages(b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8"))
    assert seed_project.ingest().body_text() == report.body_text()


def test_gb18030_gives_the_same_text(seed_project, seed_text, report):
    seed_project.write_pages(seed_text.encode("gb18030"))
    assert seed_project.ingest().body_text() == report.body_text()


def test_undecodable_file_names_file_and_byte_offset(seed_project, seed_text):
    data = seed_text.encode("utf-8")
    bad = data[:100] + b"\xff\xff\xff" + data[100:]
    seed_project.write_pages(bad)
    with pytest.raises(InputError) as caught:
        seed_project.ingest()
    message = str(caught.value)
    assert "page2.txt" in message and "byte 100" in message and "UTF-8" in message


def test_missing_page_file_is_a_clear_error(seed_project, seed_text):
    seed_project.write_pages(seed_text)
    (seed_project.seeds / "page2.txt").unlink()
    with pytest.raises(InputError) as caught:
        seed_project.ingest()
    assert "report.yaml" in str(caught.value) and "pages[0].file" in str(caught.value)


def test_two_page_files_with_glued_markers_are_stitched(seed_project, seed_text, report):
    cut = seed_text.index("专精特新企业20家以上") + 3  # in the middle of a word
    first = seed_text[:cut] + "(下转第三版)\n"
    second = "(上接第二版)" + seed_text[cut:]
    seed_project.write_pages(first, second, names=["a.txt", "b.txt"])
    ingested = seed_project.ingest()
    assert ingested.body_text() == report.body_text()
    assert [(m.direction, m.page) for m in ingested.markers] == [("from", 1), ("to", 3), ("from", 2), ("to", 3)]
    assert any(r.first.file == "seeds/a.txt" and r.second.file == "seeds/b.txt" for r in ingested.repairs)


def test_mid_word_column_break_is_joined_and_recorded(seed_project, seed_text):
    broken = seed_text.replace("深化与宁波舟山港关务", "深化与宁波舟\n\n山港关务")
    seed_project.write_pages(broken)
    ingested = seed_project.ingest()
    assert "深化与宁波舟山港关务" in ingested.body_text()
    repair = next(r for r in ingested.repairs if r.before.endswith("宁波舟"))
    assert repair.after.startswith("山港关务")
    assert repair.second.line == repair.first.line + 2


def test_source_lines_point_at_the_seed(report, seed_text):
    lines = seed_text.split("\n")
    for segment in list(report.segments())[:40]:
        line = lines[segment.source.line - 1]
        probe = segment.text[:6].replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")
        assert probe in line, segment.id
