"""The data files of the site, the same in every edition (downloads/): glossary, targets, the whole report.

Labels are in English where a language is needed. Schemas: generator/schema/report.schema.json and
targets.schema.json; column and key order are fixed, so the files are byte-stable.
"""

from __future__ import annotations

import json
from typing import Callable

from ..errors import InputError, InputErrors
from ..enrich.enriched import EnrichedReport
from ..enrich.exchange import glossary_csv, glossary_tbx
from ..enrich.targets import Quantity
from ..source.export import report_to_dict
from ..translation.localise import Localiser
from ..translation.messages import SourceMessage
from ..util.csvfile import spreadsheet_csv
from ..util.schema import load_schema, schema_problems

CSV_FIELDS = ["id", "segment_id", "period", "metric_zh", "metric_en", "comparator", "change", "value", "unit",
              "from_value", "base_value", "base_unit", "from_base_value"]


def downloads(enriched: EnrichedReport, english_label: Callable[[Quantity], str], translation: Localiser,
              messages: dict[str, list[SourceMessage]]) -> dict[str, str]:
    """The files that depend on the translation; the glossary's are glossary_files()."""
    report = enriched.report
    model = report_to_dict(report)
    model["translations"] = {translation.lang: {
        m.context: {"text": local.text, "status": local.status.value}
        for page in messages.values() for m in page for local in [translation.text(m.context, m.text)]}}
    rows = target_rows(enriched.quantities, english_label)
    targets = {"schema": "targets/1", "fields": CSV_FIELDS, "targets": rows}
    _conform(model, "report.schema.json")
    _conform(targets, "targets.schema.json")
    return {
        "downloads/targets.csv": targets_csv(rows),
        "downloads/targets.json": json.dumps(targets, ensure_ascii=False, indent=1) + "\n",
        "downloads/report.json": json.dumps(model, ensure_ascii=False, indent=2) + "\n",
    }


def _conform(data: dict, schema_name: str) -> None:
    """A download that departs from its documented schema stops the build (readers' tools rely on it)."""
    problems = schema_problems(data, load_schema(schema_name))
    if problems:
        shown = f"generator/schema/{schema_name}"
        raise InputErrors([InputError(shown, "", f"the download does not follow its schema: {problem}",
                                      "fix the input named in the path, or the generator and its schema together",
                                      check="schema") for problem in problems[:20]])


def glossary_files(enriched: EnrichedReport) -> dict[str, str]:
    """The glossary's files: from the glossary and the report's title alone, no translation."""
    report = enriched.report
    title = f"{report.meta.city}{report.meta.year}年{report.title}"
    return {
        "downloads/glossary.csv": glossary_csv(enriched.glossary),
        "downloads/glossary.tbx": glossary_tbx(enriched.glossary, f"{title}: glossary"),
    }


def target_rows(quantities: list[Quantity], english_label: Callable[[Quantity], str]) -> list[dict]:
    result = []
    for q in quantities:
        scale = q.base_value / float(q.value)
        result.append({
            "id": q.id, "segment_id": q.segment_id, "period": q.period, "metric_zh": q.metric_zh,
            "metric_en": english_label(q), "comparator": q.comparator, "change": q.change, "value": q.value,
            "unit": q.unit,
            "from_value": q.from_value, "base_value": _number(q.base_value), "base_unit": q.base_unit,
            "from_base_value": _number(float(q.from_value) * scale) if q.from_value else "",
        })
    return result


def targets_csv(rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese correctly."""
    return spreadsheet_csv(CSV_FIELDS, rows, vocabulary=("comparator", "change", "period"))


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)
