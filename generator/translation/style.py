"""The house style editors extend by pull request: translations/style.yaml.

The lists the English checks read: British spellings with their American forms (the edition
writes American English), Chinglish patterns with what to write instead, the words that make a
Chinese clause an aim and the English that says so (hedges.py), and what the edition-wide term
check accepts (consistency.py). A pattern that is not a valid regular expression is an error at its
line, like any other input problem.
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


@dataclass(frozen=True)
class Hedge:
    pattern: re.Pattern  # Chinese words that make the clause after them an aim: 力争, 争取 …
    target: bool  # names what follows as a target (预期目标为：…): a target label already says so
    line: int


@dataclass
class Hedges:
    chinese: list[Hedge] = field(default_factory=list)
    english: re.Pattern | None = None  # the English that says a clause is an aim
    say: str = ""
    line: int = 0


@dataclass
class Consistency:
    vary: dict[str, str] = field(default_factory=dict)  # glossary term -> why its English may vary by sentence
    same: list[tuple[str, ...]] = field(default_factory=list)  # English forms that are one rendering (AI, …)


@dataclass
class StyleGuide:
    spellings: dict[str, str] = field(default_factory=dict)  # British (lower case) -> American
    keep: tuple[str, ...] = ()  # names that keep their own spelling
    chinglish: list[ChinglishRule] = field(default_factory=list)
    hedges: Hedges = field(default_factory=Hedges)
    consistency: Consistency = field(default_factory=Consistency)


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
    guide.hedges = _hedges(data.get("hedges"), child(node, "hedges"), errors)
    guide.consistency = _consistency(data.get("consistency"), child(node, "consistency"), errors)
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


def _hedges(data, node, errors: list[InputError]) -> Hedges:
    if data is None:
        return Hedges()
    if not isinstance(data, dict) or not isinstance(data.get("english"), str) or not isinstance(data.get("chinese"), list):
        errors.append(_error(line_of(node), "'hedges:' needs 'chinese:' (a list) and 'english:' (a pattern)",
                             "see the comment above it"))
        return Hedges()
    hedges = Hedges(english=_pattern(data["english"], line_of(child(node, "english")), errors),
                    say=str(data.get("say") or "").strip(), line=line_of(node))
    for index, item in enumerate(data["chinese"]):
        line = line_of(child(child(node, "chinese"), index))
        text = item.get("pattern") if isinstance(item, dict) else None
        pattern = _pattern(text, line, errors) if isinstance(text, str) and text else None
        if pattern is None and not (isinstance(text, str) and text):
            errors.append(_error(line, "a hedge needs 'pattern'", "give the Chinese words, as the others do"))
        if pattern is not None:
            hedges.chinese.append(Hedge(pattern, bool(item.get("target")), line))
    return hedges


def _consistency(data, node, errors: list[InputError]) -> Consistency:
    if data is None:
        return Consistency()
    vary, same = (data.get(key) or [] for key in ("vary", "same")) if isinstance(data, dict) else (None, None)
    if not isinstance(vary, list) or not all(isinstance(v, dict) and v.get("zh") and v.get("why") for v in vary) \
            or not isinstance(same, list) or not all(isinstance(s, list) and len(s) > 1 for s in same):
        errors.append(_error(line_of(node), "'consistency:' takes 'vary:' (zh and why per term) and 'same:' "
                             "(lists of English forms that are one rendering)", "see the comment above it"))
        return Consistency()
    return Consistency({str(v["zh"]): str(v["why"]) for v in vary}, [tuple(str(f) for f in s) for s in same])


def _pattern(text, line: int, errors: list[InputError]) -> re.Pattern | None:
    try:
        return re.compile(text, re.IGNORECASE)
    except (re.error, TypeError) as err:
        errors.append(_error(line, f"the pattern is not a valid regular expression ({err})",
                             "fix it (Python syntax; escape ( ) [ ] . with a backslash)"))
        return None


def _error(line: int, problem: str, fix: str) -> InputError:
    return InputError(STYLE_FILE, str(line), problem, fix, check="style-file")
