"""A fast reader for the plain YAML that content files are made of, with the same result as the
full reader in `yamlfile`.

ruamel.yaml's round-trip loader is pure Python: about 3 ms for an event file, 15 s for a
calendar of 5,000 events, before anything is built. libyaml (through PyYAML) composes the same
text into nodes, each with the line it starts on, twenty times faster; but PyYAML types values
as YAML 1.1 does (`on:` would be True). So libyaml only composes here: every node is left
untyped, each plain scalar is typed by ruamel's own YAML 1.2 rules, and the mappings and lists
are built as `yamltree` types with the lines of their keys and items.

Anything beyond the plain subset (a syntax error, a duplicate key, a tag, an anchor or alias, a
number in another base, a date with a time, a directive, a tab, YAML 1.1 line breaks) raises
`NotPlain`, and the caller reads the file with the full reader, which gives its exact messages.
Content files almost never leave the subset; when one does, it costs the old time, not a
different answer.

The text must already have passed `yamlfile`'s nesting check: libyaml composes recursively.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

import yaml
from ruamel.yaml.resolver import VersionedResolver

from .yamltree import YamlList, YamlMapping

try:
    from yaml import CSafeLoader
except ImportError:  # libyaml missing: the fast path would be no faster
    CSafeLoader = None

# ruamel's table of YAML 1.2's implicit types, by first character: (tag, pattern) pairs. Looked
# up here as its `resolve` does, without the per-call version lookup that made it the slow part.
_IMPLICIT = VersionedResolver(version=(1, 2)).versioned_resolver
_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# YAML 1.1 breaks lines at the last three as well; YAML 1.2 keeps them as ordinary characters.
# Tabs and lone carriage returns: libyaml lets through some that the YAML 1.2 reader refuses.
_NOT_PLAIN_CHARACTERS = re.compile("[\t\r\x85\u2028\u2029]")
# What libyaml reads and the YAML 1.2 reader refuses (or reads otherwise): a block scalar's `|` or
# `>` followed by a comment without a space, or by a line of spaces (the spaces may be deeper
# than the text after them); document markers (`---`, `...`) after the start.
_BLOCK_SCALAR_ODDITY = re.compile(r"[|>][-+0-9]*(?:#|[ ]*(?:#[^\n]*)?\n[ ]+\n)")
# What composed nodes do not show: an anchor (`&name`; its aliases come out as the same node
# twice, as the full reader builds them too, but an anchored scalar comes out of the full reader
# as another type, a `true` as an int) and the non-specific tag `!` (libyaml reports `! 12` as an
# untagged `12`). Both begin a node: at the start, or after a space, a line break, `[`, `{`, `,`,
# `:` or a byte-order mark (which libyaml skips at the start of a line). A `&` or `!` so placed in
# a text ("bread &more", "wow !") merely costs the full reader.
_NODE_PROPERTY = re.compile(r"(?:\A|[\s\ufeff\[{,:?-])(?:&\S|!)")
# Directives (`%YAML 1.2`, `%TAG`) stand at the start of a line, before the document.
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


def _beyond_plain(text: str) -> bool:
    """Whether the text has something the two readers could read differently. (Separate
    searches, each only when its characters are there at all: one pattern with every case in
    it was the slowest part of reading a file.)"""
    return bool(_NOT_PLAIN_CHARACTERS.search(text) or text.startswith("...") or "\n---" in text or "\n..." in text
                or text.find("\ufeff", 1) >= 0  # a byte-order mark: libyaml skips one at any line's start
                or (("|" in text or ">" in text) and _BLOCK_SCALAR_ODDITY.search(text))
                or (("&" in text or "!" in text) and _NODE_PROPERTY.search(text))
                or ("%" in text and _DIRECTIVE.search(text)))


class NotPlain(Exception):
    """The text needs the full YAML 1.2 reader."""


if CSafeLoader is not None:
    class _Composer(CSafeLoader):
        """libyaml's composer, leaving every node untagged (`tag` None) unless the text tags it:
        typing is done below, by YAML 1.2's rules."""

        def resolve(self, kind, value, implicit):
            return None

        def descend_resolver(self, parent, index):
            pass

        def ascend_resolver(self):
            pass


def load(text: str) -> YamlMapping | YamlList:
    """The document in `text`, as `yamlfile`'s full reader would give it, or `NotPlain`."""
    if CSafeLoader is None or _beyond_plain(text):
        raise NotPlain
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.YAMLError:
        raise NotPlain from None
    finally:
        composer.dispose()
    if not isinstance(root, (yaml.MappingNode, yaml.SequenceNode)):
        # An empty stream, or a lone scalar (where the readers differ on what a `#` line after
        # `|` is): content files are mappings, and the full reader says what is wrong.
        raise NotPlain
    return _tree(root)


def _tree(root: yaml.Node) -> YamlMapping | YamlList:
    """The mappings and lists of the composed nodes, filled from the top down without recursion
    (the nesting check lets indentation, dashes and brackets together nest some hundred levels)."""
    todo: list[tuple[yaml.Node, Any]] = []
    seen: set[int] = set()
    top = _value(root, todo, seen)
    while todo:
        node, built = todo.pop()
        if type(built) is YamlMapping:
            pairs = node.value
            keys = [_value(key, todo, seen) for key, _ in pairs]
            try:
                built.update(zip(keys, [_value(value, todo, seen) for _, value in pairs]))
            except TypeError:  # unhashable: a mapping or list as a key
                raise NotPlain from None
            if len(built) != len(pairs):
                raise NotPlain  # a duplicate key: the full reader names it
            built.key_lines.update(zip(keys, [key.start_mark.line + 1 for key, _ in pairs]))
        else:
            built.extend([_value(item, todo, seen) for item in node.value])
            built.item_lines.extend([item.start_mark.line + 1 for item in node.value])
    return top


def _value(node: yaml.Node, todo: list, seen: set[int]) -> Any:
    """A scalar typed; or a new, empty mapping or list, with `node` put on `todo` to fill it."""
    if node.tag is not None:
        raise NotPlain  # a tag: the full reader refuses it, naming its line
    if type(node) is _SCALAR:
        if node.style:  # quoted or a block scalar: always text
            return node.value
        typed = _plain(node.value)
        if typed is _NOT_PLAIN:
            raise NotPlain
        return typed
    if id(node) in seen:
        raise NotPlain  # a node met twice is an alias (a shared or a recursive one)
    seen.add(id(node))
    line = node.start_mark.line + 1
    built = YamlMapping(line) if type(node) is _MAPPING else YamlList(line)
    todo.append((node, built))
    return built


_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode
_NOT_PLAIN = object()
_MAX_DIGITS = 1000  # Python refuses to read an integer of more than 4,300 digits: the full reader says why


@functools.lru_cache(maxsize=16384)  # keys, zones, dates and the like recur in every file
def _plain(value: str) -> Any:
    """A plain scalar typed as YAML 1.2 types it, or `_NOT_PLAIN`; every result is immutable."""
    tag = _implicit_tag(value)
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "null" and value:  # an empty value: the full reader places it elsewhere
        return None
    if tag == _TAG + "bool" and value in _BOOLS:
        return _BOOLS[value]
    if tag == _TAG + "int" and _INT.match(value) and len(value) <= _MAX_DIGITS:
        return int(value)
    if tag == _TAG + "float" and _FLOAT.match(value):
        return float(value)
    if tag == _TAG + "timestamp" and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return _NOT_PLAIN  # the full reader names the impossible date
    return _NOT_PLAIN


def _implicit_tag(value: str) -> str:
    for tag, pattern in [*_IMPLICIT.get(value[0] if value else "", ()), *_IMPLICIT.get(None, ())]:
        if pattern.match(value):
            return str(tag)
    return _TAG + "str"
