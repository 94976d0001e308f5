"""Editor-written YAML files read with their line numbers, so that every problem can name its line."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


def read_yaml(root: Path, rel: str) -> tuple[object, yaml.Node | None]:
    """The data and the node tree (which carries the line of every value). One parse, libyaml if present."""
    text = (root / rel).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.YAMLError as err:
        line = err.problem_mark.line + 1 if getattr(err, "problem_mark", None) else ""
        raise InputError(rel, str(line), f"not valid YAML ({getattr(err, 'problem', err)})",
                         "fix the indentation or quoting at that line") from err
    finally:
        loader.dispose()


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
