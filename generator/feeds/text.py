"""Text from content, made fit for iCalendar TEXT values.

icalendar escapes `\\ ; ,` and turns a newline into `\\n`, so nothing can end a property early; what
is left to us: RFC 5545 allows no control characters in TEXT, and a parser that splits lines the
way Python's `str.splitlines` does would take U+2028, U+0085 and friends for line ends. So every
kind of line break becomes a plain newline (which is then escaped) and other controls go.
"""

from __future__ import annotations

import functools
import html
import re

from ..core.safe_html import safe_link

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


@functools.lru_cache(maxsize=16384)  # a changed occurrence often keeps its series' description
def from_markdown(markdown: str) -> str:
    """A Markdown description as plain text, the way a calendar app shows it: paragraphs kept
    (their wrapped lines joined), list items dashed, headings and emphasis marks dropped, links
    written `label <address>` (apps make addresses clickable), code left as it is.

    Not Python-Markdown: it takes about 2 ms a description on the build machine, twice the
    time all the feeds of 5,000 events may take. What it makes here is text only: raw HTML is
    just more text, as it is on the pages (`descriptions` shows it escaped).
    """
    blocks: list[str] = []
    lines = clean(markdown).expandtabs(4).split("\n")
    index = 0
    while index < len(lines):
        raw = lines[index]
        stripped = raw.strip()
        fence = _FENCE.match(raw)
        if not stripped:
            index += 1
        elif fence:
            body, index = [], index + 1
            while index < len(lines) and not lines[index].strip().startswith(fence.group(1)):
                body.append(lines[index])
                index += 1
            blocks.append("\n".join(body).strip("\n"))
            index += 1
        elif raw.startswith("    "):
            body = []
            while index < len(lines) and (lines[index].startswith("    ") or not lines[index].strip()):
                body.append(lines[index][4:])
                index += 1
            blocks.append("\n".join(body).strip("\n"))
        elif _RULE.match(stripped):
            index += 1
        else:
            block, index = _text_block(lines, index)
            if block:
                blocks.append(block)
    return clean("\n\n".join(block for block in blocks if block.strip()))


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^([-*_])( *\1){2,}$")
_HEADING = re.compile(r"^#{1,6}(\s+|$)")
_ITEM = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,9}[.)]))\s+")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
# Every pattern below reads in linear time, whatever the text: what lies between an opening mark
# and its closing one cannot hold the mark itself (`(?:(?!\1).)`, `[^\[\]]`), so a search from an
# opening mark never reads past the next one. (`(.+?)\1` read from each of ten thousand unclosed
# `**` to the end of the text: seconds for a long description.)
_CODE = re.compile(r"(`+)((?:(?!\1)[\s\S])+?)\1")
_ADDRESS = r"((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?"  # one level of (parentheses) allowed
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(" + _ADDRESS + r"\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\(" + _ADDRESS + r"\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>", re.I)
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)((?:(?!\1).)+?)(?<=\S)\1|\*(?=\S)([^*]+?)(?<=\S)\*"
                       r"|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _text_block(lines: list[str], index: int) -> tuple[str, int]:
    """One paragraph, list, heading or quote, up to the next blank line."""
    # Each output line is kept as a list of pieces, joined once at the end: adding each input line
    # to a growing string copied the paragraph again for every line (quadratic for a long one).
    out: list[list[str]] = []
    while index < len(lines) and lines[index].strip() and not _FENCE.match(lines[index]):
        raw = lines[index]
        stripped = raw.strip()
        while stripped.startswith(">"):
            stripped = stripped[1:].strip()
        if _HEADING.match(stripped):
            out.append([_inline(_HEADING.sub("", stripped).rstrip("#").strip())])
            out.append([])
        elif out and _has_text(out[-1]) and _SETEXT.match(stripped):
            out.append([])  # the line above was a heading
        elif _ITEM.match(raw):
            number = _ITEM.match(raw).group(2)
            out.append([(number or "-") + " " + _inline(_ITEM.sub("", raw, count=1).strip())])
        elif out and _has_text(out[-1]):
            pieces = out[-1]
            hard_break = lines[index - 1].endswith(("  ", "\\"))
            if hard_break:
                _strip_end(pieces, "\\ ")
            pieces += ["\n" if hard_break else " ", _inline(stripped)]
        else:
            out.append([_inline(stripped)])
        index += 1
    return "\n".join(text for text in ("".join(pieces) for pieces in out) if text), index


def _has_text(pieces: list[str]) -> bool:
    # A line is empty only while it has one piece (nothing is added to an empty line).
    return len(pieces) > 1 or bool(pieces and pieces[0])


def _strip_end(pieces: list[str], characters: str) -> None:
    """`"".join(pieces).rstrip(characters)`, in place, touching only the pieces it strips."""
    while pieces:
        pieces[-1] = pieces[-1].rstrip(characters)
        if pieces[-1]:
            return
        pieces.pop()


def _inline(text: str) -> str:
    spans: list[str] = []

    def keep_text(kept: str) -> str:
        spans.append(kept)
        return f"\x00{len(spans) - 1}\x00"

    def keep(match: re.Match) -> str:  # code spans are left exactly as written
        return keep_text(match.group(2).strip())

    def link(match: re.Match) -> str:
        label, address = match.group(1), match.group(2)
        address = safe_link(address)
        return label if not address or address in (label, f"mailto:{label}") else f"{label} <{address}>"

    # Each rule only runs when its marker is in the text: most lines have none of them.
    if "`" in text:
        text = _CODE.sub(keep, text)
    if "\\" in text:  # an escaped character is itself, and no markup
        text = _ESCAPE.sub(lambda m: keep_text(m.group(1)), text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: m.group(1), text)
    if "[" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(link, text)
    for _ in range(3):  # emphasis inside emphasis
        if "*" not in text and "_" not in text and "~~" not in text:
            break
        text, count = _EMPHASIS.subn(lambda m: next(g for g in m.groups()[1:] if g is not None), text)
        if not count:
            break
    if "&" in text:
        text = html.unescape(text)  # `&amp;` in Markdown is "&" on the page
    if not spans:
        return text
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], text)
