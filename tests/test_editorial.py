"""Editorial content: key points in both languages and the merchants/highlights pages, validated with file:line."""

from pathlib import Path

import pytest

from generator.enrich.editorial import load_editorial, summary_pages
from generator.errors import InputErrors

from conftest import ROOT

REPORT_PAGES = 21  # 8 exemplars, 10 actions, and the review, plan and work-plan part pages


def write(root: Path, name: str, text: str) -> Path:
    (root / "translations").mkdir(parents=True, exist_ok=True)
    (root / "translations" / name).write_text(text, encoding="utf-8")
    return root


def summaries_for_every_page(report, points: int = 3, text: str = "Point") -> str:
    lines = []
    for slug, ids in summary_pages(report).items():
        first = next(s.id for s in report.segments() if s.id in ids and not s.id.endswith(".title"))
        lines.append(f"{slug}:")
        lines += [f"  - text: {text} {i}.\n    source: [{first}]" for i in range(points)]
    return "\n".join(lines) + "\n"


def test_repository_editorial_files_are_valid(report):
    editorial = load_editorial(ROOT, report)
    for name, page in editorial.pages.items():
        assert page.sections and all(section.points for section in page.sections), name


def test_every_report_page_has_key_points_in_both_languages(report):
    editorial = load_editorial(ROOT, report)
    pages = set(summary_pages(report))
    assert len(pages) == REPORT_PAGES and {"review", "plan", "work-plan"} <= pages
    for lang in ("en", "zh"):
        assert set(editorial.summaries[lang]) == pages, lang
        assert all(3 <= len(points) <= 6 for points in editorial.summaries[lang].values()), lang
        assert all(p.lang == lang for points in editorial.summaries[lang].values() for p in points)
    assert all("\u4e00" <= p.text[0] <= "\u9fff" or p.text[0] in "“（" for p in editorial.summaries["zh"]["action-1"])


def test_valid_summaries_load(tmp_path, report):
    write(tmp_path, "summaries.zh.yaml", summaries_for_every_page(report, 4, "要点"))
    editorial = load_editorial(write(tmp_path, "summaries.en.yaml", summaries_for_every_page(report)), report)
    assert len(editorial.summaries["en"]) == REPORT_PAGES and all(len(p) == 3 for p in editorial.summaries["en"].values())
    assert len(editorial.summaries["zh"]) == REPORT_PAGES and all(len(p) == 4 for p in editorial.summaries["zh"].values())
    assert editorial.summary("zh", "plan")[0].text == "要点 0." and editorial.summary("en", "closing") == ()


def test_summary_problems_name_file_and_line(tmp_path, report):
    text = summaries_for_every_page(report).replace("exemplar-2:", "exemplar-99:", 1)
    text = text.replace("source: [exemplar-1.p1.s1]", "source: [exemplar-1.p1.s42]", 1)
    text += "action-1:\n  - text: Too few.\n    source: [action-1.task-1.s1]\n"  # a second action-1 key wins
    with pytest.raises(InputErrors) as caught:
        load_editorial(write(tmp_path, "summaries.en.yaml", text), report)
    messages = [str(e) for e in caught.value.errors]
    line = text.splitlines().index("exemplar-1:") + 2  # its first point
    assert any(m.startswith(f"translations/summaries.en.yaml:{line}:") and "exemplar-1.p1.s42" in m for m in messages)
    assert any("'exemplar-99' is not an exemplar, action or part page" in m for m in messages)
    assert any("no key points for exemplar-2" in m for m in messages)
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


@pytest.mark.parametrize("name", ["summaries.zh.yaml", "summaries.en.yaml"])
def test_key_point_problems_name_their_file_and_line_in_either_language(tmp_path, report, name):
    """The Chinese key points are validated as the English are: unknown IDs, another page's sentences, counts."""
    text = summaries_for_every_page(report, text="要点")
    text = text.replace("source: [review.p1.s1]", "source: [review.p1.s99]", 1)  # line 2: unknown ID
    text = text.replace("source: [part-2-intro.p1.s1]", "source: [exemplar-1.p1.s1]", 1)  # another page's
    text += "closing:\n  - text: 结束语。\n    source: [closing.p1.s2]\n"  # the closing has no key points
    with pytest.raises(InputErrors) as caught:
        load_editorial(write(tmp_path, name, text), report)
    messages = [str(e) for e in caught.value.errors]
    lines = text.splitlines()
    plan_line = lines.index("plan:") + 2  # a page's findings stand at its first point
    closing_line = lines.index("closing:") + 2
    assert f"translations/{name}:2: error: [editorial] unknown sentence ID(s): review.p1.s99" in " ".join(messages)
    assert any(m.startswith(f"translations/{name}:{plan_line}: ") and "plan cites sentences of other pages: "
               "exemplar-1.p1.s1" in m for m in messages)
    assert any(m.startswith(f"translations/{name}:{closing_line}: ") and "'closing' is not an exemplar, action or "
               "part page" in m for m in messages)


def test_a_part_page_may_cite_any_sentence_shown_on_it(tmp_path, report):
    """The plan's page holds several sections (intro, guiding thought, goals, principles): all are its own."""
    text = summaries_for_every_page(report, text="要点").replace(
        "plan:\n  - text: 要点 0.\n    source: [part-2-intro.p1.s1]",
        "plan:\n  - text: 要点 0.\n    source: [main-goals.p1.s3, principles.item-5.s1, principles.item-5.title]")
    assert "principles.item-5.title" in text
    editorial = load_editorial(write(tmp_path, "summaries.zh.yaml", text), report)
    assert editorial.summary("zh", "plan")[0].sources[-1] == "principles.item-5.title"
