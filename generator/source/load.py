"""The pipeline in one place: seeds/ -> Report (ingest, parse, annotate)."""

from __future__ import annotations

from pathlib import Path

from .anomalies import find_anomalies
from .ingest import ingest
from .model import Report
from .parse import parse
from .seedmeta import load_meta


def load_report(project_root: Path, seeds_dir: Path | None = None) -> Report:
    seeds = seeds_dir or project_root / "seeds"
    meta = load_meta(seeds)
    report = parse(ingest(meta, project_root), meta)
    report.anomalies = find_anomalies(report)
    return report
