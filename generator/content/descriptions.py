"""Event descriptions: Markdown written by editors, rendered so that it can never run on a page.

Raw HTML in a description is shown as text (the Markdown parser's HTML handling is switched off,
so `<script>` is escaped like any other text), links and images keep only http(s) and mailto
addresses, and headings are demoted below the page's own. The same rendering gives the plain
text that JSON-LD and meta descriptions need.
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


# The HTML is this module's own rendering: Python-Markdown escapes `<` and `>` in text and in
# attribute values, so every `<...>` is a tag, and text between them needs only unescaping.
_BLOCK_START = re.compile(r"<(?:p|li|br|h3|h4|h5|h6|pre|blockquote)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=65536)  # one entry per description: a calendar has thousands
def plain_text(text: str) -> str:
    """The description as one line of plain text (not escaped: escape it for where it goes)."""
    spaced = _BLOCK_START.sub(" ", render(text))  # blocks and line breaks part words
    return " ".join(html.unescape(_TAG.sub("", spaced)).split())


def shorten(text: str, limit: int = 160) -> str:
    """At most `limit` characters, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
