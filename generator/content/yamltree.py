"""What a YAML file holds, with the line of every part: mappings and lists are a `dict` and a
`list` that also know their own line and the line of each key and item.

A problem found long after the file was read still names the line where its value was written
(`path:line: message`), so the lines travel with the values. Both YAML readers (`yamlfast` for
plain content, the full reader in `yamlfile` for the rest) build these two types, and nothing
else asks a YAML library where a value was. Scalars are str, int, float, bool, None, date and
datetime (from the full reader, sometimes its subclasses of them: a text that was quoted, a
number written in hex). Lines are 1-based lines of the text that was read.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class YamlMapping(dict):
    """A YAML mapping: a dict whose `line` is where it starts (its first key, or its `{`), and
    which knows the line of each of its keys."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int):
        """An empty mapping starting on `line`; the reader adds each key with its line."""
        self.line = line
        self.key_lines: dict[Hashable, int] = {}

    def key_line(self, key: Hashable) -> int:
        """The line of `key`; the mapping's own line for a key it does not hold (or one it holds
        through a YAML merge `<<`, which was not written here)."""
        try:
            return self.key_lines[key]
        except (KeyError, TypeError):
            return self.line


class YamlList(list):
    """A YAML sequence: a list whose `line` is where it starts (its first item, or its `[`), and
    which knows the line of each item."""

    __slots__ = ("line", "item_lines")

    def __init__(self, line: int):
        """An empty list starting on `line`; the reader adds each item with its line."""
        self.line = line
        self.item_lines: list[int] = []

    def item_line(self, index: int) -> int:
        """The line of the item at `index` (counted from 0); the list's own line for an index
        it has no line for."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


# The loaders ask for lines in values whose shape they have not always checked yet: these answer
# for anything, falling back to the enclosing value's line and then to the text's first line.

def line_of_key(mapping: Any, key: Hashable, offset: int = 0) -> int:
    """The line of `key` in `mapping`, plus `offset`; the mapping's own line if the key is not
    there, or 1 + `offset` if `mapping` is not a mapping read from YAML."""
    if isinstance(mapping, YamlMapping):
        return mapping.key_line(key) + offset
    return line_of(mapping, offset)


def line_of_item(items: Any, index: int, offset: int = 0) -> int:
    """The line of item `index` of `items`, plus `offset`; as `line_of_key` otherwise."""
    if isinstance(items, YamlList):
        return items.item_line(index) + offset
    return line_of(items, offset)


def line_of(value: Any, offset: int = 0) -> int:
    """Where a mapping or list read from YAML starts, plus `offset`; 1 + `offset` for anything else."""
    if isinstance(value, (YamlMapping, YamlList)):
        return value.line + offset
    return 1 + offset
