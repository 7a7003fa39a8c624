"""Problems found in content: one line each, naming the file and the line."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .limits import MAX_MESSAGE

_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029\t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
# Characters a terminal or a log cannot show as they are: lone surrogates (from a `"\ud83d"` escape
# in YAML, or a file name that is not UTF-8) cannot even be printed, and the bidirectional controls
# would show the rest of the line reversed.
_UNPRINTABLE = re.compile("[\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable_line(text: str, limit: int | None = None) -> str:
    """`text` as a terminal or a log can show it, on one line: line breaks and tabs become spaces,
    other control characters `\\xNN`, lone surrogates and direction controls `\\uNNNN` (shown, not
    dropped: a problem quotes exactly what the file holds); cut to `limit` characters if given."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", _BREAKS.sub(" ", text))
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def problem_path(path: Path, base: Path) -> str:
    """A path as problems show it: relative to the project root, with forward slashes. Links are
    not followed: a linked file is reported where the editor sees it."""
    absolute, root = os.path.abspath(path), _absolute(os.fspath(base))
    if absolute.startswith(root + os.sep):  # the usual case, without relpath's slower walk
        return absolute[len(root) + 1:].replace(os.sep, "/")
    return Path(os.path.relpath(absolute, root)).as_posix()


@functools.lru_cache(maxsize=16)
def _absolute(path: str) -> str:
    return os.path.abspath(path)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 1 when a problem concerns the whole file
    message: str
    hint: str = ""
    # The build must leave the file out, not just report it (converting it would take too long).
    leave_out: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        # Messages quote what the file holds: keep each problem on one line, and keep control
        # characters (terminal escapes, NUL) out of terminals and CI logs.
        object.__setattr__(self, "path", printable_line(self.path))
        object.__setattr__(self, "message", printable_line(self.message, MAX_MESSAGE))
        object.__setattr__(self, "hint", printable_line(self.hint, MAX_MESSAGE))

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised by a front end when content has problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Reporter:
    """Collects problems for one file, so loaders can report many without stopping at the first."""

    def __init__(self, path: str, problems: list[Problem] | None = None):
        self.path = path
        self.problems: list[Problem] = problems if problems is not None else []

    def error(self, line: int, message: str, hint: str = "", leave_out: bool = False) -> None:
        self.problems.append(Problem(self.path, max(int(line or 1), 1), message, hint, leave_out))
