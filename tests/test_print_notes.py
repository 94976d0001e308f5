"""Every repair of the print visible to readers: where the site shows the notes on the print, in each edition.

A passage `gwr notes` takes for a corruption (a long repeat of earlier text) gets an editors' note where it
stands, in both editions; the English source-notes page says, under each note of the print, how the
translation handles it, and lists the slips the translators noted that `gwr notes` does not find.
"""

from __future__ import annotations

import re

import pytest

from generator.enrich.pages import plan_pages
from generator.site.generate import render_all
from generator.source.anomalies import REPEAT_MIN_CHARS
from generator.translation.localise import load_localiser

from conftest import ROOT


@pytest.fixture(scope="module")
def editions():
    return render_all(ROOT).editions


def _page_of(report, segment_id: str) -> str:
    return next(plan.path for plan in plan_pages(report) if plan.sections
                and any(s.id == segment_id for section in plan.sections for s in section.segments()))


def test_a_corrupted_passage_has_an_editors_note_where_it_stands_in_both_editions(editions, report):
    repeats = [a for a in report.anomalies if a.kind == "repeated-passage"]
    corrupted = [a for a in repeats if len(a.excerpt) >= 2 * REPEAT_MIN_CHARS]
    assert corrupted, "the report has a corrupted passage (the fixture of this test)"
    for note in corrupted:
        page = _page_of(report, note.segment_id)
        for lang, message in (("zh", note.message_zh), ("en", note.message)):
            text = editions[lang].pages[page]
            box = text.index("!!! warning")
            assert text.rindex(f'id="{note.segment_id}"', 0, box) < box  # after the paragraph that holds it
            assert message.split("(")[0].strip() in re.sub(r"<[^>]+>", "", text[box:box + 600]), lang
    for note in repeats:
        if note not in corrupted:  # a set phrase the report repeats: no box
            assert "!!! warning" not in editions["zh"].pages[_page_of(report, note.segment_id)]


def test_the_source_notes_page_says_how_the_translation_handles_each_slip(editions, report):
    english, chinese = editions["en"].pages["source-notes.md"], editions["zh"].pages["source-notes.md"]
    localiser = load_localiser(ROOT, "en")
    segments = report.segment_index()
    noted = {s: localiser.text(s, segments[s].text).note for s in segments}
    noted = {s: note for s, note in noted.items() if note}
    rows = {line.split("](")[0].split("[")[-1]: line for line in english.splitlines() if line.startswith("| ")}
    for segment_id, note in noted.items():  # under its note of the print, or a row of its own
        assert "Translator’s note" in rows[segment_id] and note.split()[-1] in rows[segment_id], segment_id
    assert any(s not in {a.segment_id for a in report.anomalies} for s in noted)  # slips only translators saw
    assert "译者注" not in chinese
