"""Anomaly notes are found by class, point at segment and file:line, and change nothing."""


def notes_of(report, kind):
    return [a for a in report.anomalies if a.kind == kind]


def test_seed_notes_by_class(report):
    latin = notes_of(report, "latin-word")
    assert [a.segment_id for a in latin] == ["guiding-thought.p1.s1", "action-1.task-2.s1"]
    assert all("and" in a.excerpt for a in latin)
    repeated = notes_of(report, "repeated-passage")
    corrupted = [a for a in repeated if len(a.excerpt) >= 100]
    assert [a.segment_id for a in corrupted] == ["exemplar-8.p1.s2"]
    assert "principles.item-4" in corrupted[0].message
    doubled = {a.excerpt for a in notes_of(report, "doubled-text")}
    assert "办办办" in doubled and any("投投" in d for d in doubled)
    assert len(notes_of(report, "column-break")) == len(report.repairs) == 6


def test_reduplication_and_word_overlap_are_not_flagged(report):
    flagged = "".join(a.excerpt for a in notes_of(report, "doubled-text"))
    for fine in ("件件", "事事", "力争争取", "蒸蒸日上", "牢牢", "十五五", "更新新路径"):
        assert fine not in flagged


def test_notes_name_segment_and_source_line(report, seed_text):
    lines = seed_text.split("\n")
    index = report.segment_index()
    for note in report.anomalies:
        assert note.segment_id in index
        assert note.source.file == "seeds/yiwu-2026-gwr-page2.txt"
        assert 1 <= note.source.line <= len(lines) and lines[note.source.line - 1].strip()


def test_new_slips_are_found_by_class(seed_project, seed_text):
    text = seed_text.replace("举办义博会等经贸类展会", "举办义博会等经贸类 the 展会").replace(
        "加快航运中心建设", "加快航运运中心建设")
    seed_project.write_pages(text)
    report = seed_project.load()
    assert any(a.kind == "latin-word" and "the" in a.excerpt for a in report.anomalies)
    assert any(a.kind == "doubled-text" and "运运" in a.excerpt for a in report.anomalies)


def test_unbalanced_quotes_are_noted_and_text_kept(seed_project, seed_text):
    seed_project.write_pages(seed_text.replace("打造“一区一特色”", "打造“一区一特色"))
    report = seed_project.load()
    assert any(a.kind == "unbalanced" for a in report.anomalies)
    assert report.reconstructed_text() == report.body_text()
