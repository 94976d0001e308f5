"""The JSON model: golden file and schema.

Refresh the golden file after an intended change with `make golden`
(gwr json -o tests/golden/report.json) and review the diff.
"""

import json
from pathlib import Path

from generator.source.export import report_to_dict, report_to_json
from generator.util.schema import schema_problems

GOLDEN = Path(__file__).parent / "golden" / "report.json"
SCHEMA = Path(__file__).resolve().parent.parent / "generator" / "schema" / "report.schema.json"


def test_matches_golden(report):
    assert report_to_json(report) == GOLDEN.read_text(encoding="utf-8")


def _check(value, schema, defs):
    problems = schema_problems(value, schema, defs)
    assert problems == [], problems[:5]


def test_follows_documented_schema(report):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    _check(report_to_dict(report), schema, schema["$defs"])


def test_downloads_follow_their_documented_schemas():
    from generator.site.generate import render_all

    from conftest import ROOT

    pages = render_all(ROOT).editions["en"].pages
    for download, schema_file in (("report.json", SCHEMA), ("targets.json", SCHEMA.with_name("targets.schema.json"))):
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        data = json.loads(pages[f"downloads/{download}"])
        _check(data, schema, schema.get("$defs", {}))
    assert set(json.loads(pages["downloads/report.json"])["translations"]["en"]) >= {"action-1.title", "action-1.task-1.s1"}


def test_a_download_that_departs_from_its_schema_stops_the_build(report):
    import pytest

    from generator.errors import InputErrors
    from generator.site.downloads import _conform

    broken = report_to_dict(report)
    broken["parts"][0]["id"] = 7
    del broken["report"]["city"]
    with pytest.raises(InputErrors) as caught:
        _conform(broken, "report.schema.json")
    messages = [e.problem for e in caught.value.errors]
    assert any("$.parts[0].id: 7 is not string" in m for m in messages)
    assert any("$.report: missing city" in m for m in messages)


def test_csv_cells_that_would_run_as_formulas_are_text():
    """OWASP's rule for CSV injection: =, +, -, @, tab and CR start a formula; numbers stay numbers."""
    import csv
    import io

    from generator.util.csvfile import spreadsheet_csv

    rows = [{"a": "=HYPERLINK(\"http://x\",\"y\")", "b": "+1+2"}, {"a": "@SUM(A1)", "b": "-5"},
            {"a": "\t=1", "b": "12.5"}, {"a": "plain", "b": 7}]
    text = spreadsheet_csv(["a", "b"], rows)
    assert text.startswith("\ufeffa,b\r\n")
    read = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["a"], r["b"]) for r in read] == [("'=HYPERLINK(\"http://x\",\"y\")", "'+1+2"), ("'@SUM(A1)", "-5"),
                                                ("'\t=1", "12.5"), ("plain", "7")]


def test_a_target_label_that_would_run_as_a_formula_is_text_in_targets_csv():
    from generator.site.downloads import CSV_FIELDS, targets_csv

    row = dict.fromkeys(CSV_FIELDS, "") | {"id": "s.q1", "comparator": "=", "metric_en": "=HYPERLINK(\"x\")"}
    line = targets_csv([row]).splitlines()[1]
    assert ",=," in line and "'=HYPERLINK" in line  # the comparator is exact, the label is text
