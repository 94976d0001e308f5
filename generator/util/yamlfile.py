"""Editor-written YAML files read with their line numbers, so that every problem can name its line.

Stricter than YAML itself where editors need it: a key given twice in one mapping is an
error (YAML keeps the last one without a word), and a syntax error points at the line
where the broken construct starts (an unclosed quote), not where the parser gave up.
A byte order mark at the start is accepted, as YAML allows (Windows Notepad writes one).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import InputError, InputErrors

# Constructs whose errors surface far below where they start: report their start.
_STARTS_EARLIER = ("quoted scalar", "flow sequence", "flow mapping", "block scalar")


def read_yaml(root: Path, rel: str, errors: list[InputError] | None = None) -> tuple[object, yaml.Node | None]:
    """The data and the node tree (which carries the line of every value). One parse, libyaml if present.

    Duplicate keys go into `errors` when the caller collects problems, else they are raised."""
    return read_yaml_file(root / rel, rel, errors)


def read_yaml_file(path: Path, shown: str, errors: list[InputError] | None = None) -> tuple[object, yaml.Node | None]:
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        duplicates = _duplicate_keys(node, shown)
        if duplicates and errors is None:
            raise InputErrors(duplicates)
        (errors if errors is not None else []).extend(duplicates)
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as err:
        raise _syntax_error(err, shown, text) from err
    finally:
        loader.dispose()


def _syntax_error(err: yaml.YAMLError, shown: str, text: str) -> InputError:
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None) or ""
    problem_mark, context_mark = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    detail = f"{context}: {problem}" if context else problem
    if context_mark is not None and any(word in context for word in _STARTS_EARLIER):
        start = context_mark  # the construct the parser was still reading when it gave up
    elif problem_mark is not None and (runaway := _runaway_quote(text, problem_mark.line)) is not None:
        start = runaway.start_mark  # closed by a later quote: the parser fails there, lines below the mistake
    else:
        start = problem_mark
    line = start.line + 1 if start is not None else ""
    if problem_mark is None or start is problem_mark or problem_mark.line == start.line:
        fix = "fix the indentation or quoting at that line (quote texts that contain ': ' or start with a quote)"
    else:
        detail += f" (the parser stopped at line {problem_mark.line + 1})"
        opener = _char_at(text, start)
        fix = (f"this quote is not closed on its line: close the quote there (a {opener} inside the text is written "
               f"{_ESCAPED[opener]})") if opener in _ESCAPED else "close the bracket that starts on this line"
    return InputError(shown, str(line), f"not valid YAML ({detail})", fix, check="yaml")


_ESCAPED = {'"': '\\"', "'": "''"}  # a quote inside a quoted text of the same kind


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    return lines[mark.line][mark.column:mark.column + 1] if mark.line < len(lines) else ""


# A line that reads as a mapping key ("  en: …", "- zh: …"): a quoted text that holds one swallowed it.
_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s#'\"][^:#]*:(?:\s|$)")


def _runaway_quote(text: str, error_line: int):
    """The quoted text that ran on over lines to a later quote, taking mapping lines with it, before the
    parser gave up at error_line (0-based); None if there is none. Only asked once parsing failed: YAML
    allows a quoted text over several lines, but not one that swallowed keys."""
    lines, found = text.splitlines(), None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark.line, token.end_mark.line
            if start > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and end > start and (
                    end == error_line or any(_KEY_LINE.match(line) for line in lines[start + 1:end + 1])):
                found = token
    except yaml.YAMLError:
        pass  # the scanner's own error, at or after the quote
    return found


def _duplicate_keys(node: yaml.Node | None, shown: str) -> list[InputError]:
    errors: list[InputError] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name = str(key.value)
                if name in seen:
                    errors.append(InputError(shown, str(line_of(key)), f"'{name}' appears twice in one mapping "
                                             f"(first at line {seen[name]}); YAML would keep only the last",
                                             "keep one of the two (merge them if both are needed)", check="yaml"))
                seen.setdefault(name, line_of(key))
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(errors, key=lambda e: e.line or 0)


def child(node: yaml.Node | None, key) -> yaml.Node | None:
    """The node of a mapping's key or a sequence's index."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def key_line(node: yaml.Node | None, key) -> int:
    """The line of a mapping's key (its value may start on the next line)."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return k.start_mark.line + 1
    return 1
