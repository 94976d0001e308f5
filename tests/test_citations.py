"""Citations follow their sentence by content (ID@fingerprint), through delete, restore, insert, move and split;
a cited sentence that can no longer be found is an error at the point's file and line, never re-pointed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main as gwr

from conftest import copy_texts

SEED = "seeds/yiwu-2026-gwr-page2.txt"
POINT_FILES = ("highlights.en.yaml", "merchants.en.yaml", "summaries.en.yaml", "summaries.zh.yaml")
BUYERS = "推动国际商贸城持续繁荣,聚焦优势行业打造“一区一特色”,加快推进产品迭代、AI赋能、引流拓客,招引采购商超120万人。"  # as in seeds/
COLD_CHAIN = "推动专业市场做大做强"  # the start of the sentence after it (action-1.task-1.s3)
CITED_CHECKS = ("editorial", "cited-sentence", "point-numbers", "point-comparators")  # points against what they cite


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_texts(tmp_path)


def point_files(root: Path) -> dict[str, bytes]:
    return {name: (root / "translations" / name).read_bytes() for name in POINT_FILES}


def edit_seed(root: Path, old: str, new: str) -> None:
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def update(root: Path) -> None:
    assert gwr(["--root", str(root), "update"]) == 0


def test_delete_then_restore_leaves_every_citation_where_it_was(project):
    """The reported failure: after the round trip three points cited the cold-chain sentence instead."""
    before, seed = point_files(project), (project / SEED).read_bytes()
    edit_seed(project, BUYERS, "")
    update(project)
    (project / SEED).write_bytes(seed)
    update(project)
    after = point_files(project)
    for name in POINT_FILES:
        assert after[name] == before[name], name


def cited_lines(root: Path, ident: str) -> dict[tuple[str, int], str]:
    """(file, the point's 1-based line) -> its citing line, for every point that cites `ident` (pinned or not)."""
    found = {}
    for name in POINT_FILES:
        lines = (root / "translations" / name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if re.search(rf"[\[ ,]{re.escape(ident)}[@,\]]", line):
                point = next(n for n in range(number, 0, -1) if lines[n - 1].lstrip().startswith("- text:"))
                found[(f"translations/{name}", point)] = line
    return found


def renumbered(before: dict[str, bytes], moves: dict[str, str]) -> dict[str, bytes]:
    """The files as they must read after the sentences moved (old ID -> new ID; pins unchanged)."""
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, moves)) + r")@")
    return {name: pattern.sub(lambda m: moves[m.group(1)] + "@", text.decode("utf-8")).encode("utf-8")
            for name, text in before.items()}


def citation_findings(root: Path) -> list:
    from generator.translation.checks import check_project

    return [f for f in check_project(root, run_msgfmt=False) if f.check == "cited-sentence"]


def test_an_inserted_sentence_shifts_the_ids_and_the_citations_follow(project):
    before = point_files(project)
    assert cited_lines(project, "action-1.task-1.s2") and cited_lines(project, "action-1.task-1.s3")
    edit_seed(project, BUYERS, "新建一座国际会展中心。" + BUYERS)
    # Before `gwr update`: every citation of the two shifted sentences is an error at its line.
    stale = {(f.file, f.line) for f in citation_findings(project)}
    assert stale == set(cited_lines(project, "action-1.task-1.s2")) | set(cited_lines(project, "action-1.task-1.s3"))
    update(project)
    assert point_files(project) == renumbered(before, {"action-1.task-1.s2": "action-1.task-1.s3",
                                                       "action-1.task-1.s3": "action-1.task-1.s4"})
    assert not citation_findings(project)


def test_two_sentences_swapped_swap_their_citations(project):
    before = point_files(project)
    cold_chain = re.search(COLD_CHAIN + "[^。]*。", (project / SEED).read_text(encoding="utf-8")).group(0)
    edit_seed(project, BUYERS + cold_chain, cold_chain + BUYERS)
    update(project)
    assert point_files(project) == renumbered(before, {"action-1.task-1.s2": "action-1.task-1.s3",
                                                       "action-1.task-1.s3": "action-1.task-1.s2"})
    assert not citation_findings(project)


def test_a_split_sentence_is_cited_by_each_of_its_parts(project):
    """推动…“一区一特色”。| 加快推进…招引采购商超120万人。: a point citing the sentence cites both parts (the merchants
    point takes “one district, one specialty” from the first, 1.2 million buyers from the second); the cold-chain
    sentence after them is renumbered. The catalogs remember the sentence before the split."""
    from generator.enrich.citations import fingerprint
    from generator.translation.checks import check_project

    before = point_files(project)
    first, second = BUYERS.split(",加快")
    edit_seed(project, BUYERS, f"{first}。加快{second}")
    update(project)
    parts = f"action-1.task-1.s2@{fingerprint(first + '。')}, action-1.task-1.s3@{fingerprint('加快' + second)}"
    expected = renumbered(before, {"action-1.task-1.s3": "action-1.task-1.s4"})
    old = f"action-1.task-1.s2@{fingerprint(BUYERS)}"
    expected = {name: text.replace(old.encode(), parts.encode()) for name, text in expected.items()}
    assert point_files(project) == expected
    found = [f for f in check_project(project, run_msgfmt=False) if f.check in CITED_CHECKS]
    assert not found, found  # the figures are found in the parts


@pytest.mark.parametrize("change", ["deleted", "reworded", "split and reworded"])
def test_a_cited_sentence_that_is_gone_stays_cited_and_is_an_error_at_its_line(project, capsys, change):
    citing = cited_lines(project, "action-1.task-1.s2")
    assert len(citing) == 4  # merchants, highlights and both summaries files
    edit_seed(project, BUYERS, {"deleted": "", "reworded": BUYERS.replace("120万", "130万"),
                                "split and reworded": BUYERS.replace("”,加快", "”。加快").replace("120万", "130万")}[change])
    update(project)
    assert citing.items() <= cited_lines(project, "action-1.task-1.s2").items()  # untouched
    capsys.readouterr()
    assert gwr(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    for file, line in citing:
        assert f"{file}:{line}: error: [cited-sentence] action-1.task-1.s2@" in out, (file, line, out)
    assert "the sentence cited here is no longer in the report" in out and "cite the sentence(s) it rests on" in out


def test_a_citation_written_without_its_fingerprint_warns_and_update_adds_it(project):
    before = point_files(project)
    path = project / "translations" / "merchants.en.yaml"
    text = path.read_text(encoding="utf-8")
    bare = re.sub(r"(action-1\.task-1\.s2)@[0-9a-f]+", r"\1", text)
    assert bare != text
    path.write_text(bare, encoding="utf-8")
    line = next(n for (file, n) in cited_lines(project, "action-1.task-1.s2") if file.endswith("merchants.en.yaml"))
    found = citation_findings(project)
    assert [(f.file, f.line, f.severity) for f in found] == [("translations/merchants.en.yaml", line, "warning")]
    update(project)
    assert point_files(project) == before


def test_a_malformed_citation_is_an_error_with_file_and_line(project, report):
    from generator.enrich.editorial import load_editorial
    from generator.errors import InputErrors

    path = project / "translations" / "merchants.en.yaml"
    line = next(n for (file, n) in cited_lines(project, "action-1.task-1.s2") if file.endswith("merchants.en.yaml"))
    path.write_text(re.sub(r"(action-1\.task-1\.s2)@[0-9a-f]+", r"\1@abc", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_editorial(project, report)
    assert [str(e).split(" — ")[0] for e in caught.value.errors] == [
        f"translations/merchants.en.yaml:{line}: error: [editorial] not a citation: action-1.task-1.s2@abc"]


# --- the rules themselves, on made-up sentences ---------------------------------------------------


def sentences(*texts: str, block: str = "a.p1"):
    from generator.enrich.citations import Sentences

    return Sentences([f"{block}.s{i}" for i in range(1, len(texts) + 1)], list(texts))


def test_same_words_twice_the_nearest_to_the_old_position_wins():
    from generator.enrich.citations import Citation, fingerprint

    now = sentences("甲。", "重复。", "乙。", "丙。", "重复。")  # the first 重复 was at s3, before a sentence went
    assert now.locate(Citation("a.p1.s3", fingerprint("重复。"))) == (Citation("a.p1.s2", fingerprint("重复。")),)
    assert now.locate(Citation("a.p1.s4", fingerprint("重复。"))) == (Citation("a.p1.s5", fingerprint("重复。")),)


def test_punctuation_is_not_content_but_a_decimal_point_and_percent_are():
    from generator.enrich.citations import fingerprint

    assert fingerprint("增长7.9%，领跑全国。") == fingerprint("增长7.9% 领跑全国")
    assert fingerprint("增长7.9%") != fingerprint("增长79%") != fingerprint("增长79")


def test_a_split_needs_every_word_in_consecutive_sentences():
    from generator.enrich.citations import Citation, fingerprint

    old = "一二三四，五六七八。"
    cited, remembered = Citation("a.p1.s1", fingerprint(old)), {fingerprint(old): old}
    now = sentences("前言。", "一二三四。", "五六七八。")
    assert [c.id for c in now.locate(cited, remembered)] == ["a.p1.s2", "a.p1.s3"]
    assert now.locate(cited) == ()  # without the old words, no split can be found
    assert sentences("前言。", "一二三四。", "五六七九。").locate(cited, remembered) == ()  # reworded
    assert sentences("一二三四。", "插入。", "五六七八。").locate(cited, remembered) == ()  # not consecutive
    assert sentences("一二三四五六七八九十。").locate(cited, remembered) == ()  # joined to another: re-cite


def test_update_edits_only_the_citations_quoted_or_not_in_either_list_style(tmp_path):
    from generator.enrich.citations import fingerprint, pin_files

    old = "一二三四，五六七八。"
    text = ('# comment: source: [a.p1.s1]\nx:\n  - text: "A point, source: [a.p1.s1]."\n'
            f'    source: ["a.p1.s1", a.p1.s9,\n             \'a.p1.s2\']\n'
            f'  - text: Split.\n    source:\n      - a.p1.s3@{fingerprint(old)}\n      - a.p1.s1\n'
            f'  - text: Split.\n    source: [a.p1.s3@{fingerprint(old)}]\n')
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    pin_files(tmp_path, ["f.yaml"], sentences("一。", "二。", "一二三四。", "五六七八。"),
              lambda: {fingerprint(old): old})
    one, two, three, four = (fingerprint(t) for t in ("一。", "二。", "一二三四。", "五六七八。"))
    assert (tmp_path / "f.yaml").read_text(encoding="utf-8") == (
        '# comment: source: [a.p1.s1]\nx:\n  - text: "A point, source: [a.p1.s1]."\n'
        f'    source: ["a.p1.s1@{one}", a.p1.s9,\n             \'a.p1.s2@{two}\']\n'
        f'  - text: Split.\n    source:\n      - a.p1.s3@{three}\n      - a.p1.s4@{four}\n      - a.p1.s1@{one}\n'
        f'  - text: Split.\n    source: [a.p1.s3@{three}, a.p1.s4@{four}]\n')
