"""Every English text editors write, gathered in one shape so that the English checks see them all.

The catalogs (report sentences, titles, target labels, interface strings), the summaries and the
merchants and highlights pages, the plan's reasons and the glossary's renderings and explanations.
Each text keeps the file and 1-based line an editor must change, the Chinese it renders (for the
comparator and term checks) and its group: the page it appears on, so that one term keeps one
rendering per page and a target label agrees with the sentence it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..enrich.editorial import Editorial
from ..enrich.glossary import Glossary
from ..enrich.plan import Plan
from .catalogs import PoFile
from .localise import NOTE_PREFIX, translator_note
from .messages import INTERFACE, TARGETS

SENTENCE, LABEL, INTERFACE_TEXT, POINT, REASON, GLOSSARY_TEXT, NOTE = (
    "sentence", "label", "interface", "point", "reason", "glossary", "note")


@dataclass(frozen=True)
class EnglishText:
    file: str
    line: int | None  # 1-based: the msgstr line, or the line of the YAML entry
    ident: str | None  # the segment ID, target ID, page slug or glossary term, for the finding
    text: str  # the English as written
    chinese: str  # what it renders ("" where there is no one Chinese text)
    kind: str  # SENTENCE, LABEL, INTERFACE_TEXT, POINT, REASON, GLOSSARY_TEXT or NOTE (quotes Chinese)
    group: str | None = None  # the page it appears on: one term, one rendering within a group
    figure: str = ""  # a target label: the figure it names, as printed, and its sentence ("2万人次 action-1.task-2.s3")
    heading: str = ""  # a page point: the title of the section it stands under (it reads in that context)


_METRIC_OF = re.compile(r"metric of (?:[\d.]+→)?(\S+) in (\S+)")  # the targets catalog's note (messages.py)


def catalog_texts(po: PoFile, name: str, page_of: dict[str, str]) -> list[EnglishText]:
    """Translated entries of one catalog (fuzzy ones too: the editor is about to review them).
    page_of maps a segment ID to its page, so that target labels join the page they come from."""
    texts = []
    for message in po.catalog:
        if not message.id or not message.string:
            continue
        if name == INTERFACE:
            kind, group = INTERFACE_TEXT, None
        elif name == TARGETS:
            segment = (message.context or "").rsplit(".", 1)[0]  # action-3.task-2.s1.q1 -> action-3.task-2.s1
            kind, group = LABEL, page_of.get(segment)
        else:
            kind, group = SENTENCE, name
        ident = message.context or _shortened(message.id)
        metric = next(filter(None, map(_METRIC_OF.search, message.auto_comments)), None) if kind == LABEL else None
        texts.append(EnglishText(po.shown, po.msgstr_line(message), ident, message.string,
                                 message.id, kind, group, " ".join(metric.groups()) if metric else ""))
        note = translator_note(message)
        if note:  # readers see it under the page, so its English is checked too
            texts.append(EnglishText(po.shown, _note_line(po, message.lineno), ident, note, "", NOTE, group))
    return texts


def _note_line(po: PoFile, entry_line: int | None) -> int | None:
    """The '# Translator's note:' line above an entry (Babel gives only the msgid's line)."""
    for number in range((entry_line or 1) - 1, 0, -1):
        line = po.lines[number - 1]
        if NOTE_PREFIX in line:
            return number
        if not line.startswith("#") and not line.startswith("msgctxt"):
            return entry_line
    return entry_line


def _shortened(text: str, size: int = 16) -> str:
    return text if len(text) <= size else text[:size] + "…"


def editorial_texts(editorial: Editorial, chinese_of: dict[str, str]) -> list[EnglishText]:
    """The English key points and page points, with the Chinese of the sentences they cite (the Chinese
    key points are checked for their figures and citations only: translation/point_checks.py)."""
    texts = []
    for slug, points in editorial.summaries.get("en", {}).items():
        texts += [_point(point, slug, chinese_of) for point in points]
    for name, page in editorial.pages.items():
        texts += [_point(point, name, chinese_of, section.title)
                  for section in page.sections for point in section.points]
    return texts


def _point(point, group: str, chinese_of: dict[str, str], heading: str = "") -> EnglishText:
    chinese = "\n".join(chinese_of.get(source.split("@")[0], "") for source in point.sources)  # "id@fingerprint" too
    return EnglishText(point.file, point.line, ", ".join(point.sources), point.text, chinese, POINT, group,
                       heading=heading)


def plan_texts(plan: Plan) -> list[EnglishText]:
    return [EnglishText(link.file, link.line, f"{link.exemplar} → {link.target}", link.en, link.zh, REASON,
                        link.exemplar) for link in plan.links]


def glossary_texts(glossary: Glossary) -> list[EnglishText]:
    """A term's English explanation (shared terms this report does not use too: other reports show them);
    its renderings are names and are checked by the glossary loader."""
    return [EnglishText(*term.explained_at, term.zh, term.explanation_en, term.explanation_zh, GLOSSARY_TEXT)
            for term in [*glossary.terms, *glossary.unused] if term.explanation_en]
