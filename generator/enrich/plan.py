"""The plan as data: which actions and tasks of the year deliver each exemplar of the five-year plan.

Kept by editors in translations/plan-links.yaml, one entry per link with a one-line reason in both
languages. Validated with the file and line of every problem: an unknown exemplar, action or task,
a reason missing in one language, an exemplar without a link, an action no link reaches. Targets
are positional IDs like translations and citations, and `gwr update` re-keys them the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InputErrors
from .editorial import OTHER_REPORT
from ..source.model import Report, SectionKind
from ..util.yamlfile import child, key_line, line_of, read_yaml

PLAN_FILE = "translations/plan-links.yaml"
LINK_KEYS = ("to", "zh", "en")
_TASK = re.compile(r"(?P<action>[a-z]+-\d+)\.task-\d+")


@dataclass(frozen=True)
class PlanLink:
    exemplar: str  # exemplar-3
    target: str  # action-4 or action-4.task-2
    zh: str
    en: str
    line: int
    file: str = PLAN_FILE

    @property
    def action(self) -> str:
        return self.target.split(".")[0]

    @property
    def sources(self) -> tuple[str, ...]:
        """What the link cites, for the drift check: a task by its title, an action by its heading."""
        return (f"{self.target}.title",)


@dataclass
class Plan:
    links: list[PlanLink] = field(default_factory=list)

    def of_exemplar(self, exemplar: str) -> list[PlanLink]:
        return [link for link in self.links if link.exemplar == exemplar]

    def of_action(self, action: str) -> list[PlanLink]:
        """Links to the action itself or to any of its tasks."""
        return [link for link in self.links if link.action == action]

    def of_task(self, task: str) -> list[PlanLink]:
        return [link for link in self.links if link.target == task]

    def cell(self, exemplar: str, action: str) -> list[PlanLink]:
        return [link for link in self.links if link.exemplar == exemplar and link.action == action]


def load_plan(root: Path, report: Report) -> Plan:
    if not (root / PLAN_FILE).exists():
        return Plan()
    errors: list[InputError] = []
    data, node = read_yaml(root, PLAN_FILE, errors)
    exemplars = [s.id for s in report.sections_of_kind(SectionKind.EXEMPLAR)]
    actions = {s.id: {b.id for b in s.tasks} for s in report.sections_of_kind(SectionKind.ACTION)}
    if not isinstance(data, dict):
        raise InputErrors([*errors, _error(1, "expected one key per exemplar", "write 'exemplar-1:' and its links")])
    plan = Plan()
    for exemplar, items in data.items():
        line = key_line(node, exemplar)
        if exemplar not in exemplars:
            errors.append(_error(line, f"{exemplar!r} is not an exemplar of the report",
                                 f"use one of {', '.join(exemplars)}; {OTHER_REPORT}" if exemplars else OTHER_REPORT))
            continue
        if not isinstance(items, list) or not items:
            errors.append(_error(line, f"{exemplar} lists no links", "list its links: '- to: action-3', 'zh: …', 'en: …'"))
            continue
        for index, item in enumerate(items):
            link = _link(exemplar, item, line_of(child(child(node, exemplar), index)), actions, errors)
            if link:
                plan.links.append(link)
    errors += [_error(1, f"{e} has no link to an action", f"add '{e}:' with at least one link") for e in exemplars
               if e not in data]
    errors += [_error(1, f"no link reaches {a}", f"link {a} or one of its tasks to the exemplar it serves")
               for a in actions if not plan.of_action(a)]
    if errors:
        raise InputErrors(errors)
    return plan


def _link(exemplar: str, item, line: int, actions: dict[str, set[str]], errors: list[InputError]) -> PlanLink | None:
    if not isinstance(item, dict):
        errors.append(_error(line, "a link must be a mapping", "write '- to: action-3.task-2', 'zh: …', 'en: …'"))
        return None
    before = len(errors)
    for key in LINK_KEYS:
        if not isinstance(item.get(key), str) or not item[key].strip():
            what = {"to": "the action or task it links", "zh": "the reason in Chinese", "en": "the reason in English"}
            errors.append(_error(line, f"the link lacks '{key}' ({what[key]})", f"add '{key}:' to the link"))
    for key in item:
        if key not in LINK_KEYS:
            errors.append(_error(line, f"unknown key '{key}' in a link", f"use only {', '.join(LINK_KEYS)}"))
    target = str(item.get("to") or "")
    task = _TASK.fullmatch(target)
    if target and not (target in actions or (task and target in actions.get(task.group("action"), ()))):
        errors.append(_error(line, f"{target!r} is not an action or task of the report",
                             f"use an action's ID (action-3) or a task's (action-3.task-2), as in the page's anchors; "
                             f"{OTHER_REPORT}"))
    if len(errors) > before:
        return None
    return PlanLink(exemplar, target, item["zh"].strip(), item["en"].strip(), line)


def _error(line: int, problem: str, fix: str) -> InputError:
    return InputError(PLAN_FILE, str(line), problem, fix, check="plan")
