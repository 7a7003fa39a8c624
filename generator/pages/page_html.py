"""Generated pages as finished HTML, with the headings a table of contents needs.

The calendar's pages are HTML from Jinja templates with a few section headings. Handing them to
MkDocs as Markdown made Python-Markdown parse every one (about 3 ms a page: most of the cost of
a calendar with thousands of events) only to pass the HTML through. Instead each page is
rendered here once, with its headings written as Python-Markdown's `toc` extension would write
them (same ids, same permalink), so the plugin can give MkDocs the HTML and the table of
contents directly. `markdown_of` gives the same page as Markdown for anything that wants to
run it through Markdown instead (another plugin that edits a page's Markdown; the tests, which
check that both routes give the same HTML; the benchmark's plain build).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as toc_slugify
from markupsafe import Markup, escape

TAG = re.compile(r"<[^>]*>")
ID_ATTRIBUTE = re.compile(r"""(?<![\w-])id\s*=\s*["']([^"']+)["']""")


# The `toc` options this module follows when it writes headings, and those it may ignore because
# they only shape the table a `[TOC]` marker is replaced with (generated pages hold no marker).
# Any other option (`toc_depth`, `baselevel`, `anchorlink`, `permalink_leading`, ...) changes the
# headings or the table of contents MkDocs shows: rather than ignore it and make pages that differ
# from Markdown's, `from_toc_options` refuses it.
FOLLOWED_TOC_OPTIONS = ("permalink", "permalink_title", "permalink_class", "separator", "slugify")
MARKER_TOC_OPTIONS = ("marker", "title", "title_class", "toc_class")


class UnsupportedTocOption(ValueError):
    """mkdocs.yml gives the `toc` extension an option the generated pages cannot follow."""


@dataclass(frozen=True)
class HeadingStyle:
    """How the `toc` extension writes headings, from its options in mkdocs.yml."""

    permalink: str | None = None  # the permalink's text (`permalink: true` is "&para;"), or none
    permalink_title: str = "Permanent link"
    permalink_class: str = "headerlink"
    separator: str = "-"
    slugify: Callable[[str, str], str] = toc_slugify

    @classmethod
    def from_toc_options(cls, options: dict | None) -> HeadingStyle:
        options = options or {}
        unsupported = sorted(set(options) - set(FOLLOWED_TOC_OPTIONS) - set(MARKER_TOC_OPTIONS))
        if unsupported:
            raise UnsupportedTocOption(
                f"the calendar's pages cannot follow the `toc` option{'s' if len(unsupported) > 1 else ''} "
                + ", ".join(f"`{name}`" for name in unsupported) + " in mkdocs.yml: it writes their headings "
                "itself and follows only " + ", ".join(f"`{name}`" for name in FOLLOWED_TOC_OPTIONS)
                + "; remove the option, or teach generator/pages/page_html.py to follow it")
        permalink = options.get("permalink", False)
        if permalink is True:
            permalink = "&para;"
        return cls(permalink=str(permalink) if permalink else None,
                   permalink_title=options.get("permalink_title", cls.permalink_title),
                   permalink_class=options.get("permalink_class", cls.permalink_class),
                   separator=options.get("separator", cls.separator),
                   slugify=options.get("slugify") or toc_slugify)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str  # HTML: the heading's escaped text
    html: str  # the whole element, as it stands in the page


@dataclass(frozen=True)
class Body:
    html: str
    headings: tuple[Heading, ...] = ()

    @property
    def anchor_ids(self) -> set[str]:
        """Every id in the page, which links from other pages may point at."""
        return set(ID_ATTRIBUTE.findall(self.html))


@dataclass
class Headings:
    """Collects the headings of one page while its template renders; ids unique in the page."""

    style: HeadingStyle
    found: list[Heading] = field(default_factory=list)

    def __call__(self, level: int, text) -> Markup:
        text = str(escape(text))
        plain = html.unescape(TAG.sub("", text))
        anchor = _unique(self.style.slugify(plain, self.style.separator), {h.id for h in self.found})
        link = ""
        if self.style.permalink:
            link = (f'<a class="{self.style.permalink_class}" href="#{anchor}" '
                    f'title="{escape(self.style.permalink_title)}">{self.style.permalink}</a>')
        element = f'<h{level} id="{anchor}">{text}{link}</h{level}>'
        self.found.append(Heading(level, anchor, text, element))
        return Markup(element)


def _unique(anchor: str, taken: set[str]) -> str:
    """As the `toc` extension does: `x`, then `x_1`, `x_2`..."""
    if anchor and anchor not in taken:
        return anchor
    number = 1
    while f"{anchor}_{number}" in taken:
        number += 1
    return f"{anchor}_{number}"


def markdown_of(body: Body) -> str:
    """The page as Markdown: the same HTML blocks with each heading as a `##` line."""
    text = body.html
    for heading in body.headings:
        line = f"{'#' * heading.level} {heading.text}\n\n"
        if heading.html + "\n" in text:
            text = text.replace(heading.html + "\n", line, 1)
        else:  # the last thing on the page
            text = text.replace(heading.html, line.rstrip("\n"), 1)
    return text + "\n"


def toc_tokens(body: Body) -> list[dict]:
    """The headings nested as the `toc` extension's `toc_tokens`, which MkDocs makes its TOC from."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for heading in body.headings:
        token = {"level": heading.level, "id": heading.id, "name": heading.text, "children": []}
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens
