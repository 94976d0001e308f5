"""Editorial English content: summaries and the merchants/highlights pages, validated with file:line."""

from pathlib import Path

import pytest

from generator.enrich.editorial import load_editorial
from generator.errors import InputErrors

from conftest import ROOT


def write(root: Path, name: str, text: str) -> Path:
    (root / "translations").mkdir(parents=True, exist_ok=True)
    (root / "translations" / name).write_text(text, encoding="utf-8")
    return root


def summaries_for_every_page(report, points: int = 3) -> str:
    lines = []
    for section in report.sections():
        if section.kind.value in ("exemplar", "action"):
            first = section.blocks[0].body_segments[0].id
            lines.append(f"{section.id}:")
            lines += [f"  - text: Point {i}.\n    source: [{first}]" for i in range(points)]
    return "\n".join(lines) + "\n"


def test_repository_editorial_files_are_valid(report):
    editorial = load_editorial(ROOT, report)
    for name, page in editorial.pages.items():
        assert page.sections and all(section.points for section in page.sections), name


def test_valid_summaries_load(tmp_path, report):
    editorial = load_editorial(write(tmp_path, "summaries.en.yaml", summaries_for_every_page(report)), report)
    assert len(editorial.summaries) == 18 and all(len(p) == 3 for p in editorial.summaries.values())


def test_summary_problems_name_file_and_line(tmp_path, report):
    text = summaries_for_every_page(report).replace("exemplar-2:", "exemplar-99:", 1)
    text = text.replace("source: [exemplar-1.p1.s1]", "source: [exemplar-1.p1.s42]", 1)
    text += "action-1:\n  - text: Too few.\n    source: [action-1.task-1.s1]\n"  # a second action-1 key wins
    with pytest.raises(InputErrors) as caught:
        load_editorial(write(tmp_path, "summaries.en.yaml", text), report)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith("translations/summaries.en.yaml:2:") and "exemplar-1.p1.s42" in m for m in messages)
    assert any("'exemplar-99' is not an exemplar or action page" in m for m in messages)
    assert any("no summary for exemplar-2" in m for m in messages)
    assert any("action-1 has 1 points" in m for m in messages)
    assert any("'action-1' appears twice" in m for m in messages)


def test_editorial_page_points_must_cite_known_sentences(tmp_path, report):
    write(tmp_path, "merchants.en.yaml", """title: For international merchants
title_zh: 外商关注
intro: What matters for trade.
sections:
  - title: Markets
    title_zh: 市场
    points:
      - text: Buyers.
        source: [action-1.task-1.s2]
      - text: Nothing.
        source: [action-1.task-9.s1]
""")
    with pytest.raises(InputErrors) as caught:
        load_editorial(tmp_path, report)
    assert [str(e).split(" — ")[0] for e in caught.value.errors] == [
        "translations/merchants.en.yaml:10: error: [editorial] unknown sentence ID(s): action-1.task-9.s1"]
