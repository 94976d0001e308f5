"""The pipeline in one place: seeds/ -> Report (ingest, parse, annotate)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputErrors
from .anomalies import find_anomalies
from .ingest import ingest, reading_key
from .model import Report
from .overrides import load_overrides
from .parse import parse
from .partslugs import apply_part_slugs
from .seedmeta import load_meta


def load_report(project_root: Path, seeds_dir: Path | None = None) -> Report:
    seeds = seeds_dir or project_root / "seeds"
    meta = load_meta(seeds)
    overrides = load_overrides(seeds)
    report = parse(ingest(meta, project_root, overrides.line_readings), meta, overrides)
    unused = overrides.unused({p.title for p in report.parts if p.title},
                              {s.title for s in report.sections() if s.heading and s.title},
                              {reading_key(d.source) for d in report.layout})
    unused += apply_part_slugs(report, seeds)
    if unused:
        raise InputErrors(unused)
    report.anomalies = find_anomalies(report)
    return report
