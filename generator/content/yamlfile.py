"""Read YAML the way the formats are written: YAML 1.2, safely, with the line of every node.

PyYAML reads YAML 1.1, where the key `on:` becomes True, `19:00` the number 1140 and a duplicated
key silently keeps its last value. ruamel.yaml's round-trip loader follows YAML 1.2, keeps line
numbers for every key and item, and refuses duplicate keys. It never builds Python objects from
tags, but we refuse explicit tags anyway: in a content file they are always a mistake or a probe.

Plain content is read by `yamlfast`, twenty times faster, with the same result; the rest by
ruamel.yaml. Either way the result is made of `yamltree`'s mappings and lists, which carry the
lines, so callers never ask a YAML library where a value was.
"""

from __future__ import annotations

import codecs
import io
import re
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..core import limits
from ..core.problems import Reporter
from . import yamlfast
from .yamltree import YamlList, YamlMapping, line_of, line_of_item, line_of_key

# The loaders' one door to YAML: reading, and the lines of what was read (kept with its types in
# `yamltree`).
__all__ = ["MAX_BYTES", "MAX_DEPTH", "line_of", "line_of_item", "line_of_key", "load", "read", "read_text",
           "too_large"]

_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DIGITS = re.compile(r"[0-9]+")
MAX_BYTES = limits.MAX_FILE_BYTES
MAX_DEPTH = limits.MAX_YAML_DEPTH


def too_large(size: int) -> str | None:
    """Why a content file of `size` bytes is refused before it is read, if it is."""
    if size > MAX_BYTES:
        return f"file is {size // 1024} KB; content files must be under {MAX_BYTES // 1024} KB"
    return None


def read_text(raw: bytes, report: Reporter) -> str | None:
    """Decode a content file, or report why it cannot be read as text."""
    message = too_large(len(raw))
    if message:
        report.error(1, message)
        return None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        report.error(1, "file is saved as UTF-16 text", "save it as UTF-8")
        return None
    if b"\x00" in raw:
        report.error(1, "file is binary, not text")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        report.error(line, "file is not valid UTF-8 text", "save it as UTF-8")
        return None
    return text.replace("\r\n", "\n")


def load(text: str, report: Reporter, first_line: int = 1) -> Any:
    """Parse YAML text; on a syntax error report it (with its line) and return None.

    `first_line` is the file line where `text` starts, for YAML inside Markdown front matter.
    """
    offset = first_line - 1
    deep = _too_deep(text)
    if deep:
        # The YAML scanner slows down with the square of the nesting (seconds for a few thousand
        # brackets) before it gives up: refuse absurd nesting before parsing.
        report.error(deep[0] + offset, f"not valid YAML: nested more than {MAX_DEPTH} levels deep",
                     f"content files need a few levels at most; {deep[1]}")
        return None
    try:
        # Plain content, read by libyaml: the same result as below, twenty times faster.
        return yamlfast.load(text)
    except yamlfast.NotPlain:
        pass  # anything else (every error, tag, anchor, ...) goes through the full reader
    return _load_fully(text, report, offset)


def _load_fully(text: str, report: Reporter, offset: int) -> Any:
    """Read with ruamel.yaml, which reads any YAML 1.2 and says exactly where it fails."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    tagged = _first_tag(yaml, text) if "!" in text else None
    if tagged is None:
        # (A tag is found before the library builds anything: some tags on the wrong kind of
        # node, `!!set` on a word, crash its constructor.)
        try:
            data = yaml.load(io.StringIO(text))
        except (YAMLError, ValueError, RecursionError, TypeError, NotImplementedError) as err:
            # TypeError and NotImplementedError: the library raises them on some broken input.
            _report_error(err, text, report, offset)
            return None
        data, tagged = _tree(data)
    if tagged:
        _report_tag(report, tagged[0] + offset, tagged[1])
        return None
    return data


def _report_error(err: Exception, text: str, report: Reporter, offset: int) -> None:
    """One line for why the full reader could not read `text`."""
    if isinstance(err, DuplicateKeyError):
        mark = err.problem_mark
        key = _duplicate_key(str(err.problem))
        report.error(mark.line + 1 + offset if mark else 1 + offset,
                     f"`{key}` appears twice" if key else "a key appears twice",
                     "keep one; YAML would silently drop the other")
    elif isinstance(err, MarkedYAMLError):
        report.error(*_syntax_error(err, text, offset),
                     "check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`")
    elif isinstance(err, ValueError):
        report.error(*_value_error(err, text, offset))
    elif isinstance(err, RecursionError):
        report.error(1 + offset, f"not valid YAML: nested more than {MAX_DEPTH} levels deep",
                     "content files need a few levels at most; check the indentation")
    else:
        report.error(1 + offset, f"not valid YAML: {_first_line(str(err))}")


def _syntax_error(err: MarkedYAMLError, text: str, offset: int) -> tuple[int, str]:
    mark = err.problem_mark or err.context_mark
    # The end of the text is the line after the last: name the last line the editor sees.
    line = min(mark.line + 1, _line_count(text)) + offset if mark else 1 + offset
    message = f"not valid YAML: {_first_line(err.problem or err.context or 'syntax error')}"
    if err.context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        # An unclosed bracket or quote is noticed lines later: say where it began.
        message += f" ({_first_line(err.context)} started on line {err.context_mark.line + 1 + offset})"
    return line, message


def _value_error(err: ValueError, text: str, offset: int) -> tuple[int, str, str]:
    # The YAML library turns `2027-02-30` into a date itself and fails without a position.
    bad = _impossible_date(text)
    if bad:
        return bad[0] + offset, f"`{bad[1]}` is not a date that exists", "check the day and month"
    huge = next((m for m in _DIGITS.finditer(text) if len(m.group(0)) > 4300), None) if "digits" in str(err) else None
    if huge:
        # Python reads integers of at most 4,300 digits (a guard against slow conversions).
        return (text.count("\n", 0, huge.start()) + 1 + offset, "a number of more than 4,300 digits",
                "no value in a content file needs one")
    return 1 + offset, f"not valid YAML: {_first_line(str(err))}", ""


def read(raw: bytes) -> Any:
    """The YAML document in a file's bytes, or None when it has any problem: for readers that
    need no message (old versions of a file, from git history)."""
    report = Reporter("")
    text = read_text(raw, report)
    data = load(text, report) if text is not None else None
    return None if report.problems else data


def _line_count(text: str) -> int:
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def _too_deep(text: str) -> tuple[int, str] | None:
    """(line, hint) where brackets, dashes or indentation first nest deeper than MAX_DEPTH."""
    # With no more brackets in the whole text than the limit, they cannot nest deeper than it,
    # and two searches of the whole text find the first line too deep (the line-by-line walk,
    # the slow part when run on every file, is only needed beyond).
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        found = [(text.count("\n", 0, match.start()) + 1, order, hint)
                 for order, (pattern, hint) in enumerate(_TOO_DEEP) if (match := pattern.search(text))]
        return min(found)[::2] if found else None
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) > 2 * MAX_DEPTH:
            return number, "check the indentation"
        if _DASHES.match(stripped):
            return number, "check the dashes at the start of the line"
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number, "check for unclosed `[` or `{`"
            elif char in "]}":
                depth = max(depth - 1, 0)
    return None


_DASHES = re.compile(r"(?:-\s+){%d}" % MAX_DEPTH)
# The first two checks of the walk above, over the whole text, in the order the walk makes them.
# (`\s` within one line: no line break.)
_TOO_DEEP = [
    (re.compile(r"^ {%d,}[^ \n]" % (2 * MAX_DEPTH + 1), re.MULTILINE), "check the indentation"),
    (re.compile(r"^ *(?:-[^\S\n]+){%d}" % MAX_DEPTH, re.MULTILINE), "check the dashes at the start of the line"),
]


def _tree(data: Any) -> tuple[Any, tuple[int, str] | None]:
    """What the full reader built, with its mappings and lists as `yamltree` types (their lines
    read through ruamel's public `lc`), and the first explicit tag in it with its line, if any.
    A node shared through an alias stays shared and a recursive one recursive: a "billion
    laughs" file of nested aliases is neither expanded nor walked for ever."""
    made: dict[int, Any] = {}  # by the id of ruamel's mapping or list
    todo: list[tuple[Any, Any]] = []
    tagged: list[tuple[int, str]] = []

    def converted(value: Any, line: int) -> Any:
        tag = getattr(getattr(value, "tag", None), "value", None)
        if tag:
            tagged.append((line, str(tag)))
        if not isinstance(value, (CommentedMap, CommentedSeq)):
            return value
        if id(value) not in made:
            start = (value.lc.line or 0) + 1
            made[id(value)] = YamlMapping(start) if isinstance(value, CommentedMap) else YamlList(start)
            todo.append((value, made[id(value)]))
        return made[id(value)]

    top = converted(data, 1)
    while todo:
        original, built = todo.pop()
        if isinstance(built, YamlMapping):
            for key, value in original.items():
                line = _line(original.lc.key, key)
                if line is not None:
                    built.key_lines[key] = line
                built[key] = converted(value, built.key_line(key))
        else:
            for index, value in enumerate(original):
                line = _line(original.lc.item, index)
                built.item_lines.append(line if line is not None else built.line)
                built.append(converted(value, built.item_lines[-1]))
    return top, (tagged[0] if tagged else None)


def _line(position: Any, key: Any) -> int | None:
    """The 1-based line from ruamel's `lc.key(key)` or `lc.item(index)`, None where it has none
    (a key that came through a merge `<<`)."""
    try:
        return position(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return None


def _first_tag(yaml: YAML, text: str) -> tuple[int, str] | None:
    """(0-based line, tag) of the first explicit tag, from the parser's events; None if there is
    none, or if the text does not parse (the full load then reports why)."""
    try:
        for event in yaml.parse(io.StringIO(text)):
            tag = getattr(event, "tag", None)
            if tag:
                return event.start_mark.line + 1, str(tag)
    except (YAMLError, RecursionError):
        return None
    return None


def _report_tag(report: Reporter, line: int, tag: str) -> None:
    report.error(line, f"YAML tags such as `{_short_tag(tag)}` are not allowed in content files",
                 "write the value as plain text")


def _impossible_date(text: str) -> tuple[int, str] | None:
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _DATE.finditer(line):
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match.group(0)
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _duplicate_key(problem: str) -> str:
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    if '"' in problem:
        return problem.split('"')[1]
    return ""


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "syntax error"
