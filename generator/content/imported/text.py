"""Text from a feed, made into the values an event file could hold.

Everything in a feed is untrusted: anyone who can edit the group's calendar writes it, and the
feed may not be the group's at all by the time it is fetched. Its titles, places, descriptions
and addresses become exactly what the YAML loader accepts, and are then checked by the very same
rules (`Field.problem` of the event format), so from there on they take the paths
YAML values take: descriptions rendered with raw HTML inert, links kept to http(s) and mailto,
every value escaped for the page, JSON-LD or iCalendar line it goes into.

What differs from a file is what happens to a value that breaks a rule: an editor is told to fix
the file, but a feed cannot be asked, so its value is repaired where that is safe (invisible
characters removed, text shortened to the limit, HTML turned into Markdown) and dropped where it
is not (a `javascript:` link).
"""

from __future__ import annotations

import html
import re

from markdownify import MarkdownConverter

from ...core import limits
from ...core.safe_html import safe_link
from .. import markdown_cost
from ..formats import EVENT, LOCATION, is_web_url

# Characters no content needs (as `formats.texts.character_problem` has them): controls, lone
# surrogates, line separators and the bidirectional controls. Tabs and newlines are kept here;
# one-line values lose their line breaks below.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_HTML_HINT = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^>]*|!--)>?")
_BARE_URL = re.compile(r"\b(?:https?://|mailto:)[^\s<>\"']+")
# HTML longer than this is cut before it is converted: a description may hold
# MAX_DESCRIPTION characters, and markup rarely takes more than ten times the text it marks up.
_MAX_HTML = 20 * limits.MAX_DESCRIPTION


def visible(text: str) -> str:
    """The text without the invisible characters above; `\\r\\n` and `\\r` become `\\n`."""
    return _INVISIBLE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def short_line(text: str, max_length: int) -> str:
    """For a title, a name or a place: one line, at most `max_length` characters."""
    return shorten(" ".join(visible(text).split()), max_length)


def shorten(text: str, max_length: int) -> str:
    """At most `max_length` characters, cut at a word where there is one, ending in "…"."""
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    space = cut.rfind(" ")
    if space > max_length // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def title(value) -> str:
    return _checked(short_line(value or "", limits.MAX_TITLE), EVENT.field("title")) or ""


def place(value) -> str:
    """A LOCATION as the address of an event's `location`."""
    return _checked(short_line(value or "", limits.MAX_ADDRESS), LOCATION.field("address")) or ""


def web_address(value) -> str | None:
    """An http(s) address, as `online` takes it; None for anything else."""
    text = visible(value or "").strip()
    return text if is_web_url(text) and _checked(text, EVENT.field("online")) else None


def description(value, is_html: bool = False, more: str | None = None) -> str:
    """A DESCRIPTION (or Outlook's X-ALT-DESC HTML) as the Markdown of an event's `description`.

    Plain text is escaped as HTML first, so both kinds go through one converter; its output
    escapes Markdown's marks in text, so a description shows what it says. `more` (the event's
    URL) is added as a link."""
    text = visible(value or "")
    if not (is_html or _HTML_HINT.search(text)):
        text = _plain_as_html(text)
    markdown = _to_markdown(text[:_MAX_HTML]).strip()
    link = web_address(more)
    if link:
        markdown = markdown + f"\n\nMore: <{link}>" if markdown else f"More: <{link}>"
    markdown = _within_limits(markdown)
    return _checked(markdown, EVENT.field("description")) or ""


def _plain_as_html(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "".join(f"<p>{_linked(paragraph).replace(chr(10), '<br>')}</p>" for paragraph in paragraphs)


def _linked(text: str) -> str:
    """Escaped text, its bare web addresses made links (Markdown does not link them itself)."""
    out, last = [], 0
    for match in _BARE_URL.finditer(text):
        address = match.group(0).rstrip(".,;:!?)")
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<a href="{html.escape(address)}">{html.escape(address)}</a>')
        last = match.start() + len(address)
    out.append(html.escape(text[last:]))
    return "".join(out)


class _Converter(MarkdownConverter):
    """markdownify, keeping only safe links and no images (an image from a feed could track readers)."""

    def convert_a(self, el, text, parent_tags):
        if safe_link(el.get("href")) is None:
            return text
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return el.get("alt", "") or ""


_CONVERTER = _Converter(heading_style="ATX", bullets="-", escape_misc=True, strip=["iframe", "object", "embed"])


def _to_markdown(text: str) -> str:
    try:
        return _CONVERTER.convert(text)
    except RecursionError:  # markup nested thousands deep: keep its text
        return html.escape(re.sub(r"<[^>]*>", " ", text))


def _within_limits(markdown: str) -> str:
    """Shortened to MAX_DESCRIPTION, and without the marks that make Markdown slow to convert
    (`markdown_cost`) when a hostile feed packs them in: the text stays, the marks go."""
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    markdown = shorten(markdown, limits.MAX_DESCRIPTION)
    if markdown_cost.problem(markdown):
        markdown = re.sub(r"\\?[\[\]`<>!]", "", markdown)
        markdown = re.sub(r"^[ \t>*+\-0-9.)]+", "", markdown, flags=re.MULTILINE)
    return markdown


def _checked(value: str, field) -> str | None:
    """The value if the loader's own rule for the field accepts it (empty text counts as none)."""
    if not value.strip():
        return None
    return None if field.problem(value) else value
