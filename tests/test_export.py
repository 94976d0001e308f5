"""The JSON model: golden file and schema.

Refresh the golden file after an intended change with `make golden`
(gwr json -o tests/golden/report.json) and review the diff.
"""

import json
from pathlib import Path

from generator.source.export import report_to_dict, report_to_json

GOLDEN = Path(__file__).parent / "golden" / "report.json"
SCHEMA = Path(__file__).resolve().parent.parent / "generator" / "schema" / "report.schema.json"


def test_matches_golden(report):
    assert report_to_json(report) == GOLDEN.read_text(encoding="utf-8")


def _check(value, schema, defs, path="$"):
    """A small JSON Schema subset checker (type, required, properties, items, enum, $ref)."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        python = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None),
                  "number": (int, float)}
        assert any(isinstance(value, python[t]) and not (t == "integer" and isinstance(value, bool))
                   for t in types), f"{path}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if "const" in schema:
        assert value == schema["const"], f"{path}: {value!r} is not {schema['const']!r}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(schema.get("properties", {}))
            assert not extra, f"{path}: undocumented keys {extra}"
        if isinstance(schema.get("additionalProperties"), dict):
            for key in set(value) - set(schema.get("properties", {})):
                _check(value[key], schema["additionalProperties"], defs, f"{path}.{key}")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                _check(value[key], sub, defs, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], defs, f"{path}[{i}]")


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
