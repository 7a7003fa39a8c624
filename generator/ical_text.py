"""Text from content, made fit for iCalendar TEXT values.

icalendar escapes `\\ ; ,` and turns a newline into `\\n`, so nothing can end a property early; what
is left to us: RFC 5545 allows no control characters in TEXT, and a parser that splits lines the
way Python's `str.splitlines` does would take U+2028, U+0085 and friends for line ends. So every
kind of line break becomes a plain newline (which is then escaped) and other controls go.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .descriptions import render

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Line breaks of every kind as "\\n", no other control characters (tabs kept)."""
    text = str(text)
    lines = text.splitlines()
    if text.endswith(("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")):
        lines.append("")
    return _CONTROLS.sub("", "\n".join(lines))


def one_line(text: str) -> str:
    """For values shown on one line (a title, a name): every run of whitespace is one space."""
    return " ".join(clean(text).split())


def from_markdown(markdown: str) -> str:
    """A Markdown description as plain text: paragraphs kept, list items dashed, links with their
    address in angle brackets (calendar apps make those clickable)."""
    parser = _PlainText()
    parser.feed(render(markdown, 0))
    parser.close()
    return parser.text()


class _PlainText(HTMLParser):
    _BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "hr", "table")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.links: list[tuple[str | None, int]] = []
        self.in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCKS:
            self._end_block()
        elif tag == "li":
            self._end_line()
            self.current.append("- ")
        elif tag == "br":
            self.current.append("\n")
        if tag == "pre":
            self.in_pre += 1
        if tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.current)))
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(alt)

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href, begin = self.links.pop()
            label = "".join(self.current[begin:]).strip()
            if href and label != href and label != href.removeprefix("mailto:"):
                self.current.append(f" <{href}>")
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        if tag in self._BLOCKS or tag == "li":
            self._end_line() if tag == "li" else self._end_block()

    def handle_data(self, data):
        self.current.append(data if self.in_pre else re.sub(r"\s+", " ", data))

    def _end_line(self):
        if "".join(self.current).strip():
            self.current.append("\n")

    def _end_block(self):
        block = "".join(self.current)
        lines = [line.rstrip() if self.in_pre else line.strip() for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append(block)
        self.current = []

    def text(self) -> str:
        self._end_block()
        return clean("\n\n".join(self.blocks))
