"""The house style editors extend by pull request: translations/style.yaml.

Two lists the English checks read: British spellings with their American forms (the edition
writes American English) and Chinglish patterns with what to write instead. A pattern that is
not a valid regular expression is an error at its line, like any other input problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InputErrors
from ..util.yamlfile import child, key_line, line_of, read_yaml

STYLE_FILE = "translations/style.yaml"
RULE_KEYS = ("pattern", "say", "why")


@dataclass(frozen=True)
class ChinglishRule:
    pattern: re.Pattern
    say: str
    why: str
    line: int


@dataclass
class StyleGuide:
    spellings: dict[str, str] = field(default_factory=dict)  # British (lower case) -> American
    keep: tuple[str, ...] = ()  # names that keep their own spelling
    chinglish: list[ChinglishRule] = field(default_factory=list)


def load_style(root: Path) -> StyleGuide:
    if not (root / STYLE_FILE).exists():
        return StyleGuide()
    errors: list[InputError] = []
    data, node = read_yaml(root, STYLE_FILE, errors)
    if not isinstance(data, dict):
        raise InputErrors([*errors, _error(1, "expected 'spelling:' and 'chinglish:'", "see the file's header")])
    guide = StyleGuide()
    spelling = data.get("spelling") or {}
    words = spelling.get("words") if isinstance(spelling, dict) else None
    if not isinstance(words, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
        errors.append(_error(key_line(node, "spelling"), "'spelling: words:' must map British to American spellings",
                             "write one 'british: american' pair per line"))
    else:
        guide.spellings = {k.lower(): v for k, v in words.items()}
        guide.keep = tuple(str(name) for name in spelling.get("keep") or ())
    for index, item in enumerate(data.get("chinglish") or []):
        rule = _rule(item, line_of(child(child(node, "chinglish"), index)), errors)
        if rule:
            guide.chinglish.append(rule)
    if errors:
        raise InputErrors(errors)
    return guide


def _rule(item, line: int, errors: list[InputError]) -> ChinglishRule | None:
    if not isinstance(item, dict) or any(not isinstance(item.get(k), str) or not item[k].strip() for k in RULE_KEYS):
        errors.append(_error(line, "a Chinglish rule needs 'pattern', 'say' and 'why'", "give all three, as the others do"))
        return None
    try:
        pattern = re.compile(item["pattern"], re.IGNORECASE)
    except re.error as err:
        errors.append(_error(line, f"the pattern is not a valid regular expression ({err})",
                             "fix it (Python syntax; escape ( ) [ ] . with a backslash)"))
        return None
    return ChinglishRule(pattern, item["say"].strip(), item["why"].strip(), line)


def _error(line: int, problem: str, fix: str) -> InputError:
    return InputError(STYLE_FILE, str(line), problem, fix, check="style-file")
