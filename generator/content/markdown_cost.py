"""Markdown that Python-Markdown would take minutes to convert, or fail on, found in linear time
before it is converted.

Two shapes do it (see `limits`): marks that are never closed (from each `[` or backtick, and from
the `(` after `[text]`, the parser reads to the end of the paragraph, and from each `<` or `!!!` to
the end of the text: thousands of them take quadratic time), and lists or quotes nested hundreds
deep (the parser recurses once per level and fails with a RecursionError). Everything here is a
count or a single pass over the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.limits import MAX_DOCUMENT_SCAN, MAX_INLINE_SCAN, MAX_MARKDOWN_NESTING
from ..core.problems import Reporter

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# The markers that open a list item or a quote at the start of a line, one after the other
# (`- > 1. text`). Each alternative starts with its own character and the spaces after a marker
# cannot be the start of the next one, so matching never backtracks.
_MARKERS = re.compile(r"(?:>[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)*")
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])[ \t]")
# Each level of nesting takes at least one character of these at the start of a line (four columns
# of indentation are at most four spaces, or one tab).
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (MAX_MARKDOWN_NESTING + 1), re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Cost:
    """Why a text is refused: its line (1-based, within the text), a message and a hint."""

    line: int
    message: str
    hint: str


def problem(text: str) -> Cost | None:
    """What makes `text` too costly to convert, or None."""
    return _nesting(text) or _document_marks(text) or _inline_marks(text)


def report(text: str, reporter: Reporter, first_line: int = 1) -> None:
    """Report the problem of Markdown that starts on line `first_line` of its file, if it has one."""
    cost = problem(text)
    if cost:
        # The build leaves the file out: converting it is what would take too long.
        reporter.error(first_line + cost.line - 1, cost.message[:1].upper() + cost.message[1:], cost.hint,
                       leave_out=True)


def _nesting(text: str) -> Cost | None:
    if not _DEEP_PREFIX.search(text):
        return None  # the common case: no line starts with enough marks or spaces to nest that deep
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        body = line.lstrip(" \t")
        indent = len(line[: len(line) - len(body)].expandtabs(4))
        prefix = _MARKERS.match(body).group(0)
        depth = indent // 4 + prefix.count(">") + len(_LIST_MARKER.findall(prefix))
        if depth > MAX_MARKDOWN_NESTING:
            return Cost(number, f"Markdown nested {depth} levels deep (lists, quotes or indentation)",
                        f"content needs a few levels; {MAX_MARKDOWN_NESTING} at most")
    return None


def _document_marks(text: str) -> Cost | None:
    marks = text.count("<") + text.count("!!!") + text.count("???")
    if marks * len(text) <= MAX_DOCUMENT_SCAN:
        return None
    return Cost(1, f"{marks} `<`, `!!!` or `???` in {len(text)} characters: too many for Markdown to read in time",
                "write fewer of them, or split the text into shorter pages")


def _inline_marks(text: str) -> Cost | None:
    if (text.count("[") + text.count("`")) * len(text) <= MAX_INLINE_SCAN:
        return None  # the common case: few marks, or a short text
    total, start = 0, 0
    # Markdown reads the inline markup of each block on its own, and no block crosses a blank line.
    for end in [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
        marks = text.count("[", start, end) + text.count("`", start, end)
        total += marks * (end - start)
        if total > MAX_INLINE_SCAN:
            return Cost(text.count("\n", 0, start) + 1 + (start > 0),
                        f"a paragraph with {marks} `[` or backticks in {end - start} characters: too many for "
                        "Markdown to read in time",
                        "split it into shorter paragraphs, or write fewer of them (each link needs one `[`)")
        start = end + 1
    return None
