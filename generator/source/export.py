"""The model as JSON (schema: generator/schema/report.schema.json).

Key order is fixed and lists keep report order, so the output is stable and diffs
read well.
"""

from __future__ import annotations

import json

from .model import Anomaly, Block, Part, Report, Section, Segment

SCHEMA_VERSION = 1


def report_to_dict(report: Report) -> dict:
    meta = report.meta
    return {
        "schema_version": SCHEMA_VERSION,
        "report": _about(report),
        "provenance": {
            "pages": [{"file": p.path.name, "page": p.page} for p in meta.pages],
            "missing_pages": [{"page": m.page, "description": m.description} for m in meta.missing],
            "markers": [
                {"text": m.text, "direction": m.direction, "page": m.page, "source": str(m.source)}
                for m in report.markers
            ],
        },
        "parts": [_part(p) for p in report.parts],
        "repairs": [
            {"segment_paragraph": r.paragraph, "offset": r.offset, "first": str(r.first),
             "second": str(r.second), "before": r.before, "after": r.after}
            for r in report.repairs
        ],
        "anomalies": [_anomaly(a) for a in report.anomalies],
    }


def _about(report: Report) -> dict:
    meta = report.meta
    about = {"title": report.title, "title_en": meta.title_en, "city": meta.city, "city_en": meta.city_en,
             "year": meta.year, "source": meta.source_description}
    if meta.province:  # the province the city belongs to (none for a province's own report)
        about["province"], about["province_en"] = meta.province, meta.province_en
    if report.opening is not None:
        opening = report.opening
        about["opening"] = {"session": opening.session, "speaker": opening.speaker, "salutation": opening.salutation}
    return about


def report_to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _segment(segment: Segment) -> dict:
    return {"id": segment.id, "role": segment.role.value, "text": segment.text, "source": str(segment.source)}


def _block(block: Block) -> dict:
    return {
        "id": block.id, "kind": block.kind, "number": block.number, "title": block.title,
        "segments": [_segment(s) for s in block.segments],
    }


def _section(section: Section) -> dict:
    return {
        "id": section.id, "kind": section.kind.value, "number": section.number, "marker": section.marker,
        "title": section.title, "short_title": section.short_title,
        "heading": _segment(section.heading) if section.heading else None,
        "blocks": [_block(b) for b in section.blocks],
    }


def _part(part: Part) -> dict:
    return {
        "id": part.id, "number": part.number, "kind": part.kind.value, "title": part.title,
        "heading_available": part.heading_available,
        "heading": _segment(part.heading) if part.heading else None,
        "sections": [_section(s) for s in part.sections],
    }


def _anomaly(anomaly: Anomaly) -> dict:
    return {
        "kind": anomaly.kind, "segment": anomaly.segment_id, "source": str(anomaly.source),
        "message": anomaly.message, "message_zh": anomaly.message_zh, "excerpt": anomaly.excerpt,
    }
