"""Event descriptions: Markdown written by editors, rendered so that it can never run on a page.

Raw HTML in a description is shown as text (the Markdown parser's HTML handling is switched off,
so `<script>` is escaped like any other text), links and images keep only http(s) and mailto
addresses, and headings are demoted below the page's own.

The same rendering, read back, gives the plain text the feeds (`text`), JSON-LD and meta
descriptions (`one_line`) need: one Markdown reader for all, so a calendar app and a page can
never disagree on what a description says.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from ..core.limits import MAX_DESCRIPTION
from ..core.safe_html import safe_link
from . import markdown_cost


class _Sanitise(Treeprocessor):
    """Drop unsafe links and images, and demote headings so a description never outranks the page."""

    def __init__(self, md, shift: int):
        super().__init__(md)
        self.shift = shift

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a" and AMP_SUBSTITUTE in child.get("href", ""):
                    # An <address@example.org> autolink arrives entity-encoded; read it plainly.
                    child.set("href", html.unescape(child.get("href").replace(AMP_SUBSTITUTE, "&")))
                if child.tag == "a" and safe_link(child.get("href")) is None:
                    child.tag = "span"
                    child.attrib.clear()
                elif child.tag == "a":
                    child.set("rel", "nofollow noopener")
                elif child.tag == "img" and safe_link(child.get("src")) is None:
                    replacement = etree.Element("span")
                    replacement.text = child.get("alt", "")
                    replacement.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, replacement)
                elif child.tag == "img":
                    child.set("loading", "lazy")
                elif re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(6, int(child.tag[1]) + self.shift)}"


class _InertHtml(Extension):
    def __init__(self, shift: int):
        super().__init__()
        self.shift = shift

    def extendMarkdown(self, md) -> None:
        # Without these two, Python-Markdown passes raw HTML through; with them gone, it is text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md, self.shift), "hb_sanitise", 5)


@functools.lru_cache(maxsize=65536)  # one entry per description: a calendar has thousands
def render(text: str, heading_shift: int = 2) -> str:
    """HTML for a Markdown description; nothing in it can add markup of its own."""
    if not text or not text.strip():
        return ""
    if len(text) > MAX_DESCRIPTION or markdown_cost.problem(text):
        # The loader refuses such text; one that came another way is shown, not converted.
        return _as_text(text)
    md = _converter(heading_shift)
    md.reset()
    try:
        return md.convert(text)
    except RecursionError:  # nesting `markdown_cost` did not foresee: the same answer
        return _as_text(text)


def _as_text(text: str) -> str:
    """The text as escaped paragraphs: what a description that cannot be converted shows."""
    paragraphs = (" ".join(part.split()) for part in text.split("\n\n"))
    return "\n".join(f"<p>{html.escape(part, quote=False)}</p>" for part in paragraphs if part)


@functools.lru_cache(maxsize=8)
def _converter(heading_shift: int) -> markdown.Markdown:
    # Setting up a converter costs as much as converting a description: reuse one (reset between).
    return markdown.Markdown(extensions=[_InertHtml(heading_shift)], output_format="html")


@functools.lru_cache(maxsize=65536)  # one entry per description: a calendar has thousands
def text(markdown_text: str) -> str:
    """The description as plain text, the way a calendar app shows it: the words of the page
    (read from `render`, so the two cannot disagree), paragraphs apart by a blank line, list items
    on their own lines marked "- " or "1. ", a hard line break kept, code as it is written, and
    a link written `label <address>` (apps make addresses clickable) unless the label is its address.

    Not escaped: escape it for where it goes. The feeds call this with the text alone, as the pages
    call `render`, so both share one cached rendering (the cache is keyed on the arguments as given).
    """
    return _Text(spelled_out=True).read(render(markdown_text))


@functools.lru_cache(maxsize=65536)
def one_line(markdown_text: str) -> str:
    """The words of `text` on one line, without list marks and link addresses: for JSON-LD and meta
    descriptions. An image counts as its alternative text, as it does for a screen reader."""
    return " ".join(_Text(spelled_out=False).read(render(markdown_text)).split())


# The HTML is this module's own rendering: Python-Markdown escapes `<` and `>` in text and in
# attribute values, so every `<...>` is a tag, and text between them needs only unescaping.
_TOKEN = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>|[^<]+|<")  # a tag, or text
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')
_PARAGRAPH_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr"})
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")  # a line break in Markdown's text: a space on the page


class _Text:
    """Plain text from a rendering, in one pass over its tags. A flat walk with a little state,
    not a recursive one: emphasis nests as deep as its text is long."""

    def __init__(self, spelled_out: bool):
        self.spelled_out = spelled_out  # list marks and link addresses written out
        self.out: list[str] = []
        self.owed = ""  # the break owed before the next text: "", "\n" or "\n\n"
        self.lists: list[list] = []  # per open list: its tag and the number of its next item
        self.item_start = False  # an item's mark is owed too: nothing of the item is written yet
        self.mark = ""
        self.items: list[str] = []  # per open item: the mark of the item around it still owed then
        self.texts: list[str] = []  # what `out` holds without its breaks and marks
        self.written = 0  # the length of `texts`
        # Per open link (Python-Markdown nests them when brackets do): its address, and where its label
        # starts in `texts` and in length.
        self.links: list[tuple[str, int, int]] = []
        self.verbatim = 0  # inside code: spaces and line breaks kept

    def read(self, rendered: str) -> str:
        for match in _TOKEN.finditer(rendered):
            if match.group(2) is None:
                self.write(html.unescape(match.group(0)))
            elif match.group(1):
                self.close(match.group(2))
            else:
                self.open(match.group(2), dict(_ATTRIBUTE.findall(match.group(3))))
        return "".join(self.out).rstrip()

    def open(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in ("ul", "ol"):
            self.lists.append([tag, int(attributes.get("start", "1"))])
            self.owe("\n" if len(self.lists) > 1 else "\n\n")
        elif tag == "li":
            self.owe("\n")
            self.items.append(self.mark if self.item_start else "")
            self.mark, self.item_start = self.item_mark(self.items[-1]), True
        elif tag == "p" and self.item_start:
            pass  # the first paragraph of a list item goes on the line of its mark
        elif tag in _PARAGRAPH_BLOCKS:
            self.owe("\n\n")
        elif tag == "br":
            self.owe("\n")
        elif tag == "img":
            self.write(html.unescape(attributes.get("alt", "")))
        elif tag == "a" and self.spelled_out:
            self.links.append((html.unescape(attributes.get("href", "")), len(self.texts), self.written))
        if tag in ("code", "pre"):
            self.verbatim += 1

    def close(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.lists.pop()
            self.owe("\n" if self.lists else "\n\n")
        elif tag == "li":
            outer = self.items.pop() if self.items else ""
            if self.item_start:  # an empty item has no mark; the item around it may still owe its own
                self.mark, self.item_start = outer, bool(outer)
        elif tag in _PARAGRAPH_BLOCKS:
            self.owe("\n\n")
        elif tag == "a" and self.links:
            self.address(*self.links.pop())
        if tag in ("code", "pre"):
            self.verbatim -= 1

    def item_mark(self, outer: str) -> str:
        if not self.spelled_out or not self.lists:
            return ""
        kind = self.lists[-1]
        kind[1] += 1
        mark = "- " if kind[0] == "ul" else f"{kind[1] - 1}. "
        if outer:  # an item that starts with a list: both marks on one line, as browsers show them
            return outer + mark
        return "  " * (len(self.lists) - 1) + mark

    def address(self, address: str, start: int, written: int) -> None:
        """The address after its link's label, unless the label says it already."""
        # Only a label as short as its address can be it: reading no more keeps nested links linear.
        short = self.written - written <= len(address) + len("mailto:")
        label = "".join(self.texts[start:]).strip() if short else "a label"
        if address not in (label, f"mailto:{label}"):
            self.write(f" <{address}>" if label else f"<{address}>")

    def owe(self, brk: str) -> None:
        if self.out and len(brk) > len(self.owed):
            self.owed = brk  # no break before the first text, and none twice

    def write(self, text: str) -> None:
        if not self.verbatim:
            text = _SOFT_BREAK.sub(" ", text)
        if self.owed or self.item_start or not self.out:
            text = text if self.verbatim else text.lstrip()  # a line starts with its first word
            if not text:
                return  # the white space between blocks
            _strip_end(self.out, " \t\n")  # a line ends with its last word
            self.out += [self.owed, self.mark]
            self.owed, self.item_start, self.mark = "", False, ""
        self.out.append(text)
        self.texts.append(text)
        self.written += len(text)


def _strip_end(pieces: list[str], characters: str) -> None:
    """`"".join(pieces).rstrip(characters)`, in place, touching only the pieces it strips."""
    while pieces:
        pieces[-1] = pieces[-1].rstrip(characters)
        if pieces[-1]:
            return
        pieces.pop()


def shorten(text: str, limit: int = 160) -> str:
    """At most `limit` characters, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
