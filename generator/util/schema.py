"""A small JSON Schema checker (the subset the download schemas use: type, enum, const, pattern,
required, properties, additionalProperties, items, $ref), so that every build checks its downloads."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None),
          "number": (int, float)}


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def schema_problems(value, schema: dict, defs: dict | None = None, path: str = "$") -> list[str]:
    """Where `value` departs from `schema`, as '$.parts[0].id: …' lines; empty when it conforms (told first
    without naming any place: most values conform, and a report's model has some 80,000 of them)."""
    defs = schema.get("$defs", {}) if defs is None else defs
    return [] if conforms(value, schema, defs) else _problems(value, schema, defs, path)


def conforms(value, schema: dict, defs: dict) -> bool:
    """schema_problems(value, schema, defs) == [], by the same rules."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    if _scalar_problems(value, schema, ""):
        return False
    if isinstance(value, dict):
        if any(key not in value for key in schema.get("required", ())):
            return False
        known, extra = schema.get("properties", {}), schema.get("additionalProperties")
        if extra is False and any(key not in known for key in value):
            return False
        if not all(conforms(value[key], sub, defs) for key, sub in known.items() if key in value):
            return False
        if isinstance(extra, dict) and not all(conforms(item, extra, defs) for key, item in value.items()
                                               if key not in known):
            return False
    if isinstance(value, list) and "items" in schema:
        return all(conforms(item, schema["items"], defs) for item in value)
    return True


def _problems(value, schema: dict, defs: dict, path: str) -> list[str]:
    if "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    problems = _scalar_problems(value, schema, path)
    if problems:
        return problems
    if isinstance(value, dict):
        problems += [f"{path}: missing {key}" for key in schema.get("required", []) if key not in value]
        known = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        if extra is False:
            problems += [f"{path}: undocumented key {key}" for key in sorted(set(value) - set(known))]
        for key, sub in known.items():
            if key in value:
                problems += _problems(value[key], sub, defs, f"{path}.{key}")
        if isinstance(extra, dict):
            for key in sorted(set(value) - set(known)):
                problems += _problems(value[key], extra, defs, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += _problems(item, schema["items"], defs, f"{path}[{i}]")
    return problems


def _scalar_problems(value, schema: dict, path: str) -> list[str]:
    types = schema.get("type")
    if types:
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(value, _TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                   for t in types):
            return [f"{path}: {value!r} is not {'/'.join(types)}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} is not one of {schema['enum']}"]
    if "const" in schema and value != schema["const"]:
        return [f"{path}: {value!r} is not {schema['const']!r}"]
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        return [f"{path}: {value!r} does not match {schema['pattern']}"]
    return []
