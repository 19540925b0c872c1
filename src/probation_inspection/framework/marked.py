"""YAML read into plain values that remember their line numbers (the loader's intermediate form).

Owns turning YAML text into marked dicts and lists; YAML errors come back as problems.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.constructor import ConstructorError

from probation_inspection.framework.errors import Code, Problem


class MarkedMap(dict[object, object]):
    """A YAML mapping that remembers its own line and the line of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[object, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list[object]):
    """A YAML sequence that remembers its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int]] = []


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[MarkedMap]:
    result = MarkedMap(node.start_mark.line + 1)
    yield result
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        line = key_node.start_mark.line + 1
        if key in result:
            loader.duplicate_keys.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[MarkedList]:
    result = MarkedList(node.start_mark.line + 1)
    yield result
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def read_marked(text: str, file: str) -> tuple[object, list[Problem]]:
    """Parse YAML text into marked plain values; YAML errors become problems, not exceptions."""
    loader = _Loader(text)
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(Code.YAML_SYNTAX, f"not valid YAML: {reason}", file, line, "file")]
    finally:
        loader.dispose()
    problems = [
        Problem(Code.DUPLICATE_KEY, f"key {key!r} appears twice in one mapping", file, line, key)
        for key, line in loader.duplicate_keys
    ]
    return document, problems
