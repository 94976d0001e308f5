"""Every repair visible: a slip of the print that `gwr notes` reports on a translated sentence has a
translator's note saying how the English handles it.

The Chinese edition shows the print as it is, and the source-notes page lists each slip; a reader of the
English cannot see the slip at all, only what the translator made of it. So the entry of the sentence carries
a '# Translator's note: …' (the page shows it under the text and on the source-notes page): a stray 'and'
read as 和, 招投投 read as 招投标, a repeated passage translated as printed. Notes of the layout, not of the
words, need none: a column break the ingest joined, a short line read as a heading.
"""

from __future__ import annotations

from ..errors import WARNING, Finding
from ..source.model import Anomaly
from .english import NOTE, SENTENCE, EnglishText

CHECK = "repair-note"
NO_NOTE_NEEDED = {"column-break": "the words are as printed; only the line was joined",
                  "heading-line": "a reading of the layout, shown as a heading in both editions"}


def repair_findings(texts: list[EnglishText], anomalies: list[Anomaly]) -> list[Finding]:
    noted = {t.ident for t in texts if t.kind == NOTE}
    translated = {t.ident: t for t in texts if t.kind == SENTENCE}
    found = []
    for anomaly in anomalies:
        text = translated.get(anomaly.segment_id)
        if anomaly.kind in NO_NOTE_NEEDED or text is None or anomaly.segment_id in noted:
            continue
        found.append(Finding(WARNING, CHECK, text.file, text.line,
                             f"{anomaly.segment_id}: `gwr notes` reports {anomaly.kind} here (“{anomaly.excerpt[:24]}”, "
                             f"{anomaly.source.file}:{anomaly.source.line}) but the English does not say how it "
                             "handles it", "add a '# Translator's note: The print has …; translated as …' above "
                             "the entry", anomaly.segment_id))
    return found
