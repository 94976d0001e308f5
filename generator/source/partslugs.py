"""Where a part's page is (/plan/): read from its role once, then recorded in report.yaml and kept.

    part_slugs:            # written by `gwr update`; edit a value to move a page on purpose
      part-1: review
      part-2: plan

A part's role comes from words of its heading (parts.py), and the first part of each role has its page
named after the role. A reworded heading can lose those words or gain another role's, which would move the
page, its catalog (translations/<lang>/<slug>.po) and every link to it. Recorded, the address stays: a
reworded heading is one fuzzy entry. Keys are part IDs, positional like every ID of the model.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import InputError
from ..util.files import display, write_if_changed
from ..util.yamlfile import child, key_line, read_yaml_file
from .model import Report
from .seedmeta import META_FILE

PART_SLUGS = "part_slugs"
# A page address as the site writes them: lowercase words joined by hyphens (work-plan, part-4).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RECORD_COMMENT = (
    "# Where each part's page is (its address and its catalogs' name), recorded by `gwr update` from the part's\n"
    "# role and then kept, so that a reworded heading moves no page. Edit one to move a page on purpose.\n")


def apply_part_slugs(report: Report, seeds_dir: Path) -> list[InputError]:
    """Give each part the address report.yaml records for its page; the problems of the record, at their lines."""
    path = seeds_dir / META_FILE
    shown = display(path)
    data, node = read_yaml_file(path, shown)
    if not isinstance(data, dict) or data.get(PART_SLUGS) is None:
        return []
    mapping = child(node, PART_SLUGS)
    if not isinstance(mapping, yaml.MappingNode):
        return [InputError(shown, str(key_line(node, PART_SLUGS)), f"'{PART_SLUGS}' must be a mapping of part IDs to "
                           "page addresses", "write one 'part-2: plan' per line, or remove it for `gwr update` to "
                           "record the addresses again", check="metadata")]
    parts = {part.id: part for part in report.parts}
    owners: dict[str, str] = {}  # slug -> the part that has it
    errors = []
    for key, value in mapping.value:
        part_id, slug, line = str(key.value), _text(value), str(key.start_mark.line + 1)
        if part_id not in parts:
            errors.append(InputError(shown, line, f"{PART_SLUGS}: the report has no {part_id}",
                                     "give a part's ID as `gwr outline` lists it, or remove the entry",
                                     check="metadata"))
        elif not SLUG.fullmatch(slug):
            errors.append(InputError(shown, line, f"{PART_SLUGS}: '{slug}' is not a page address",
                                     "use lowercase letters, digits and hyphens (work-plan)", check="metadata"))
        elif slug in owners:
            errors.append(InputError(shown, line, f"{PART_SLUGS}: {part_id} and {owners[slug]} would share the "
                                     f"page '{slug}'", "give each part its own address", check="metadata"))
        else:
            owners[slug] = part_id
            parts[part_id].slug = slug
    return errors


def record_part_slugs(seeds_dir: Path, slugs: dict[str, str]) -> Path | None:
    """Add these addresses (part ID -> slug, in reading order) to report.yaml's record, changing nothing else
    in the file (an editor's comments stay). Returns the file if it was written."""
    if not slugs:
        return None
    path = seeds_dir / META_FILE
    text = path.read_text(encoding="utf-8")
    text += "" if text.endswith("\n") or not text else "\n"
    _, node = read_yaml_file(path, display(path))
    mapping = child(node, PART_SLUGS)
    if mapping is None:  # the first record
        text += ("\n" if text.strip() else "") + RECORD_COMMENT + f"{PART_SLUGS}:\n" + _entries(slugs, 2)
    elif isinstance(mapping, yaml.MappingNode) and mapping.value and not mapping.flow_style:
        # after the last entry, as indented as the first
        lines = text.splitlines(keepends=True)
        end = mapping.value[-1][1].end_mark.line + 1
        lines.insert(end, _entries(slugs, mapping.value[0][0].start_mark.column))
        text = "".join(lines)
    else:  # empty, or on one line ({part-1: review}): the same entries, one per line
        known = {str(k.value): _text(v) for k, v in mapping.value} if isinstance(mapping, yaml.MappingNode) else {}
        block = "\n" + _entries({**known, **slugs}, 2).rstrip("\n")
        text = text[:mapping.start_mark.index] + block + text[mapping.end_mark.index:]
    write_if_changed(path, text.encode("utf-8"))
    return path


def forget_part_slugs(seeds_dir: Path, report: Report) -> Path | None:
    """Take the record out of report.yaml (and the report in hand) when seeds/ holds another report, whose
    parts have other roles: `gwr new` (then `gwr update`) records the new report's. Returns the file if written."""
    for part in report.parts:
        part.slug = None
    path = seeds_dir / META_FILE
    text = path.read_text(encoding="utf-8")
    _, node = read_yaml_file(path, display(path))
    value = child(node, PART_SLUGS)
    if value is None:
        return None
    lines = text.splitlines(keepends=True)
    start = key_line(node, PART_SLUGS) - 1
    last = value.value[-1][1] if isinstance(value, yaml.MappingNode) and value.value and not value.flow_style else value
    end = max(last.end_mark.line + (1 if last.end_mark.column else 0), start + 1)
    comment = RECORD_COMMENT.splitlines(keepends=True)
    if lines[max(start - len(comment), 0):start] == comment:  # its own comment goes with it, and the blank line
        start -= len(comment)
        start -= 1 if start and lines[start - 1].strip() == "" else 0
    write_if_changed(path, "".join(lines[:start] + lines[end:]).encode("utf-8"))
    return path


def _entries(slugs: dict[str, str], indent: int) -> str:
    return "".join(f"{' ' * indent}{part_id}: {slug}\n" for part_id, slug in slugs.items())


def _text(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""
