"""The glossary in exchange formats: CSV for spreadsheets, TBX for translators' tools.

TBX follows the TBX 2 core structure (ISO 30042, `martif`), which Weblate
(translate-toolkit), Crowdin and OmegaT import: one termEntry per term, a langSet
per language, the preferred term and the accepted variants as tig elements with
their administrative status. Both files are sorted by pinyin and byte-stable.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..util.csvfile import spreadsheet_csv
from .glossary import CATEGORIES, SOURCES, Glossary

CSV_FIELDS = ["id", "zh", "zh_variants", "pinyin", "en", "en_variants", "category", "explanation_en",
              "explanation_zh", "source", "source_note"]
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"


def glossary_csv(glossary: Glossary) -> str:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese correctly."""
    return spreadsheet_csv(CSV_FIELDS, [{
        "id": term.id, "zh": term.zh, "zh_variants": " | ".join(term.zh_variants), "pinyin": term.pinyin,
        "en": term.en, "en_variants": " | ".join(term.en_variants), "category": term.category,
        "explanation_en": term.explanation_en, "explanation_zh": term.explanation_zh, "source": term.source,
        "source_note": term.source_note,
    } for term in sorted(glossary.terms, key=lambda t: t.sort_key_zh)])


def glossary_tbx(glossary: Glossary, title: str) -> str:
    martif = ET.Element("martif", {"type": "TBX", "xml:lang": "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = title
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = (
        "Glossary of the bilingual edition: Chinese terms of the report with their English renderings.")
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for term in sorted(glossary.terms, key=lambda t: t.sort_key_zh):
        entry = ET.SubElement(body, "termEntry", {"id": term.id})
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = CATEGORIES[term.category]
        ET.SubElement(entry, "admin", {"type": "source"}).text = SOURCES[term.source] + (
            f": {term.source_note}" if term.source_note else "")
        zh = ET.SubElement(entry, "langSet", {"xml:lang": "zh"})
        if term.explanation_zh:
            ET.SubElement(zh, "descrip", {"type": "definition"}).text = term.explanation_zh
        for index, form in enumerate(term.zh_forms):
            _tig(zh, form, PREFERRED if index == 0 else ADMITTED, term.pinyin if index == 0 else None)
        en = ET.SubElement(entry, "langSet", {"xml:lang": "en"})
        ET.SubElement(en, "descrip", {"type": "definition"}).text = term.explanation_en
        for index, form in enumerate(term.en_forms):
            _tig(en, form, PREFERRED if index == 0 else ADMITTED)
    ET.indent(martif, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
            + ET.tostring(martif, encoding="unicode") + "\n")


def _tig(lang_set: ET.Element, form: str, status: str, pronunciation: str | None = None) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = form
    if pronunciation:
        ET.SubElement(tig, "termNote", {"type": "pronunciation"}).text = pronunciation
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
