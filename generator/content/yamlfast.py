"""A fast reader for the plain YAML that content files are made of, with the same result as the
full reader in `yamlfile`.

ruamel.yaml's round-trip loader is pure Python: about 3 ms for an event file, 15 s for a
calendar of 5,000 events, before anything is built. libyaml (through PyYAML) parses the same
text twenty times faster, but PyYAML reads it as YAML 1.1 (`on:` would be True). So libyaml only
parses here; each plain scalar is typed by ruamel's own YAML 1.2 rules, and the result is built
from ruamel's own classes with the same line numbers, so nothing downstream can tell the
difference.

Anything beyond the plain subset (a syntax error, a duplicate key, a tag, an anchor, a number
in another base, a date with a time, a directive, a tab, YAML 1.1 line breaks) raises `NotPlain`, and
the caller reads the file with the full reader, which gives its exact messages. Content files
almost never leave the subset; when one does, it costs the old time, not a different answer.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from datetime import date
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # libyaml missing: the fast path would be no faster
    _Loader = None

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


def _beyond_plain(text: str) -> bool:
    """Whether the text has something the two readers could read differently. (Separate
    searches: one pattern with every case in it was the slowest part of reading a file.)"""
    return bool(_NOT_PLAIN_CHARACTERS.search(text) or text.startswith("...") or "\n---" in text or "\n..." in text
                or (("|" in text or ">" in text) and _BLOCK_SCALAR_ODDITY.search(text)))


class NotPlain(Exception):
    """The text needs the full YAML 1.2 reader."""


def load(text: str) -> Any:
    """The document in `text`, as `ruamel.yaml`'s round-trip loader would give it."""
    if _Loader is None or _beyond_plain(text):
        raise NotPlain
    try:
        return _build(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError:
        raise NotPlain from None


def _build(events) -> Any:
    # Each open collection on the stack: [container, is a mapping, its line-column table,
    # pending key or _NO_KEY, the key's mark]. The table is ruamel's `LineCol.data`, filled
    # directly: through ruamel's setters, building the objects cost more than parsing the text.
    stack: list[list] = []
    documents = 0
    result = None
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise NotPlain
            mark = event.start_mark
            if kind is yaml.ScalarEvent:
                value = _scalar(event)
            else:
                value = CommentedMap() if kind is yaml.MappingStartEvent else CommentedSeq()
                lines = value.lc
                lines.line, lines.col, lines.data = mark.line, mark.column, {}
            if stack:
                _add(stack[-1], value, mark)
            else:
                result = value
            if kind is not yaml.ScalarEvent:
                stack.append([value, kind is yaml.MappingStartEvent, lines.data, _NO_KEY, None])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise NotPlain
        elif kind is yaml.AliasEvent:
            raise NotPlain
    if documents != 1 or not isinstance(result, (CommentedMap, CommentedSeq)):
        # An empty stream, or a lone scalar (where the readers differ on what a `#` line after
        # `|` is): content files are mappings, and the full reader says what is wrong.
        raise NotPlain
    return result


_NO_KEY = object()


def _add(top: list, value: Any, mark) -> None:
    container, is_mapping, lines, key, key_mark = top
    if not is_mapping:
        lines[len(container)] = [mark.line, mark.column]
        list.append(container, value)
    elif key is _NO_KEY:
        if isinstance(value, (CommentedMap, CommentedSeq)) or dict.__contains__(container, value):
            raise NotPlain  # a complex key, or a duplicate: the full reader reports it
        top[3], top[4] = value, mark
    else:
        lines[key] = [key_mark.line, key_mark.column, mark.line, mark.column]
        # What CommentedMap.__setitem__ does for a new key (no earlier value to keep the type of).
        OrderedDict.__setitem__(container, key, value)
        container._ok.add(key)
        top[3], top[4] = _NO_KEY, None


def _scalar(event) -> Any:
    value = event.value
    if event.style:  # quoted or a block scalar: always text
        return value
    typed = _plain(value)
    if typed is _NOT_PLAIN:
        raise NotPlain
    return typed


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
