"""Text from content, made fit for iCalendar TEXT values: titles and names on one line, and an
event's Markdown description as the words of its page.

icalendar escapes `\\ ; ,` and turns a newline into `\\n`, so nothing can end a property early; what
is left to us: RFC 5545 allows no control characters in TEXT, and a parser that splits lines the
way Python's `str.splitlines` does would take U+2028, U+0085 and friends for line ends. So every
kind of line break becomes a plain newline (which is then escaped) and other controls go.
"""

from __future__ import annotations

import functools
import re

from ..content import descriptions

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")  # \t alone is fine


def clean(text: str) -> str:
    """Line breaks of every kind as "\\n", no other control characters (tabs kept)."""
    text = str(text)
    if not _ANY_CONTROL.search(text):
        return text  # the common case, quickly
    lines = text.splitlines()
    if text.endswith(("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")):
        lines.append("")
    return _CONTROLS.sub("", "\n".join(lines))


@functools.lru_cache(maxsize=65536)  # titles and names come round again and again
def collapsed(text: str) -> str:
    """A value a calendar app shows on one line (a title, a name): every run of whitespace, line
    breaks included, is one space, and control characters are gone (`clean`)."""
    return " ".join(clean(text).split())


def description(markdown: str) -> str:
    """An event's Markdown description as its page says it, in plain text (`content.descriptions.text`:
    paragraphs, list items on their lines, links with their addresses), with nothing TEXT forbids."""
    return clean(descriptions.text(markdown))
