"""What report.yaml says where the layout rules cannot decide, validated with file:line.

    part_roles:            # what a part is for, by its heading as printed (without 一、)
      “十四五”发展主要目标任务: plan
    line_readings:         # a line the layout rules misread: heading, continued (cut by a column break),
      page3.txt:12: heading  # part (it starts a part), entry (of a numbered list inside a part)
      page3.txt:40: continued
    item_kinds:            # a numbered item （一）… by its heading as printed (without （一）)
      实施科技创新工程: action

Every entry must be used: one that names a heading or a line the report does not have is an
error at its line, so that a stale override cannot hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError, InputErrors
from ..util.files import display
from ..util.yamlfile import child, key_line, read_yaml_file
from .model import PartKind, SectionKind

META_FILE = "report.yaml"
# The genre's names for the roles of a part (the model's values are page slugs: work-plan, part).
ROLE_NAMES = {"review": PartKind.REVIEW, "plan": PartKind.PLAN, "year-work": PartKind.WORK_PLAN,
              "government": PartKind.GOVERNMENT, "closing": PartKind.CLOSING, "other": PartKind.OTHER}
# heading (alone on its line), continued (cut by a column break), part (starts a part), entry (of a numbered list)
READINGS = ("heading", "continued", "part", "entry")
ITEM_KINDS = {"exemplar": SectionKind.EXEMPLAR, "action": SectionKind.ACTION, "item": SectionKind.ITEM}


@dataclass
class Overrides:
    shown: str = ""  # seeds/report.yaml as people see it
    part_roles: dict[str, PartKind] = field(default_factory=dict)
    line_readings: dict[str, str] = field(default_factory=dict)  # "file.txt:12" -> heading | continued
    item_kinds: dict[str, SectionKind] = field(default_factory=dict)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, entry) -> line in report.yaml

    def unused(self, headings: set[str], items: set[str], lines_seen: set[str]) -> list[InputError]:
        """Entries that name no part heading, item heading or line of the report."""
        errors = []
        for key, names, what in (("part_roles", headings, "part"), ("item_kinds", items, "item")):
            for heading in getattr(self, key):
                if heading not in names:
                    errors.append(InputError(self.shown, str(self.lines[key, heading]),
                                             f"{key}: no {what} heading reads “{heading}”",
                                             "copy the heading as printed, without its number, or remove the entry",
                                             check="metadata"))
        for where in self.line_readings:
            if where not in lines_seen:
                errors.append(InputError(self.shown, str(self.lines["line_readings", where]),
                                         f"line_readings: {where} is not a heading or a short line without "
                                         "punctuation", "give a page file and line that `gwr notes` lists as a "
                                         "layout decision, or a numbered heading",
                                         check="metadata"))
        return errors


def load_overrides(seeds_dir: Path) -> Overrides:
    path = seeds_dir / META_FILE
    shown = display(path)
    data, node = read_yaml_file(path, shown)
    overrides = Overrides(shown)
    if not isinstance(data, dict):
        return overrides
    errors: list[InputError] = []
    # key in report.yaml, what its values are, the words allowed (-> what they mean)
    vocabularies = (("part_roles", "role", ROLE_NAMES), ("item_kinds", "kind", ITEM_KINDS),
                    ("line_readings", "reading", {reading: reading for reading in READINGS}))
    for key, what, words in vocabularies:
        for name, value, line in _entries(data, node, key, shown, errors):
            if value not in words:
                errors.append(InputError(shown, str(line), f"{key}: unknown {what} '{value}'",
                                         f"use one of: {', '.join(words)}", check="metadata"))
                continue
            getattr(overrides, key)[name] = words[value]
            overrides.lines[key, name] = line
    if errors:
        raise InputErrors(errors)
    return overrides


def _entries(data: dict, node: yaml.Node | None, key: str, shown: str, errors: list[InputError]):
    """(key, value, line) of a mapping of strings in report.yaml."""
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, dict):
        errors.append(InputError(shown, str(key_line(node, key)), f"'{key}' must be a mapping of text to text",
                                 "see README, “A new report”", check="metadata"))
        return
    mapping = child(node, key)
    for entry, target in value.items():
        yield str(entry), str(target), key_line(mapping, entry)
