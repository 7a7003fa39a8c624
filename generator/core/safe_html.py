"""Which markup content may put on the site, in one place.

Patterns and pages are Markdown from anyone's pull request; Markdown passes raw HTML through, and
the `attr_list` extension lets `{: onclick=... }` set any attribute. Three things apply the rules
below, so they cannot disagree:

* `handbook check` (`content.markup`) refuses what breaks them, with the line;
* the build (`sanitise`) removes it from the rendered page anyway, as a second wall;
* event descriptions (`descriptions`) keep links and images to the same schemes.

The rules: links and images to http(s), mailto or a relative address only; raw HTML only for the
few tags Markdown has no syntax for (`RAW_TAGS`); attributes from a short list, never an event
handler, a style (except the column alignment tables make) or an editor's `id` of the theme's own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")

# What an editor may write as raw HTML in Markdown: what Markdown has no syntax for.
RAW_TAGS = frozenset({"br", "small", "sup", "sub", "kbd", "abbr", "mark", "span", "div", "details",
                      "summary", "figure", "figcaption"})
# What a rendered page may hold: what Markdown and the site's extensions make, and RAW_TAGS.
PAGE_TAGS = RAW_TAGS | frozenset({
    "p", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "del", "ins", "s", "dl", "dt", "dd", "q"})
# Elements whose content a browser does not read as markup: removed with everything in them.
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "textarea", "title", "xmp", "iframe",
                                   "noembed", "noframes", "noscript", "plaintext", "select", "svg", "math"})

# Attributes an editor may give any tag, in raw HTML or in an attribute list (`{: .class #id }`).
EDITOR_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
# Besides those, per tag, what Markdown itself writes or a raw tag needs.
TAG_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "th": frozenset({"style", "colspan", "rowspan", "align"}),
    "td": frozenset({"style", "colspan", "rowspan", "align"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    "div": frozenset({"markdown"}),  # md_in_html: Markdown inside the block; removed from the output
    "span": frozenset({"markdown"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
# Browsers drop these anywhere in a URL's scheme ("java\tscript:") and around it.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_problem(url: str, relative: bool = True) -> str | None:
    """Why `url` may not be a link or an image on the site, or None when it may."""
    cleaned = _IGNORED_IN_URL.sub("", url)
    scheme = _SCHEME.match(cleaned)
    if scheme is None:
        return None if relative else "is not a full address"
    if scheme.group(1).lower() not in SAFE_SCHEMES:
        return f"`{scheme.group(1).lower()}:` addresses are not allowed"
    return None


def safe_link(url: str | None) -> str | None:
    """The URL if it is a full http(s) or mailto address (the rule for links above, without the
    addresses relative to a page, which a text shown on many pages or in a feed cannot have)."""
    if not url or url_problem(str(url), relative=False):
        return None
    cleaned = _IGNORED_IN_URL.sub("", str(url))
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return None
    if scheme != "mailto" and not urlsplit(cleaned).netloc:
        return None
    return str(url).strip()


def attribute_problem(tag: str, name: str, value: str | None, editor: bool = False) -> str | None:
    """Why attribute `name` may not be on `tag` (as written by an editor, when `editor`)."""
    allowed = EDITOR_ATTRIBUTES | (TAG_ATTRIBUTES.get(tag, frozenset()) if not editor else
                                   TAG_ATTRIBUTES.get(tag, frozenset()) & {"open", "markdown"})
    if name.startswith("on"):
        return f"event handler attributes such as `{name}` are not allowed"
    if name not in allowed:
        return f"the attribute `{name}` is not allowed" + (f" on `<{tag}>`" if tag else "")
    text = value or ""
    if name in URL_ATTRIBUTES:
        problem = url_problem(text)
        return f"`{name}`: {problem}" if problem else None
    if name == "style" and not _ALIGN.fullmatch(text.strip()):
        return "the attribute `style` is not allowed"
    if name == "id" and editor and text.startswith("__"):
        # The theme's own controls (`__drawer`, `__search`) have ids like these. The table of
        # contents gives a heading written `__x` the id `__x` too, which the build leaves be.
        return f"the id `{text}` belongs to the theme"
    return None


def sanitise(html: str) -> tuple[str, list[str]]:
    """The page's HTML with everything the rules refuse removed, and what was removed.

    The output is rebuilt from the parsed tags: a tag is written back only if it is allowed, with
    its allowed attributes quoted and escaped, so a browser reads exactly what was checked;
    comments, declarations and the contents of script-like elements are dropped. HTML as Markdown
    writes it comes out byte for byte as it went in.
    """
    cleaner = _Sanitiser()
    try:
        cleaner.feed(html)
        cleaner.close()
    except Exception as err:  # the parser is lenient, but a page must never reach the site unsanitised
        return f"<p>{_escape_text(html)}</p>", [f"markup the parser could not read ({err})"]
    return "".join(cleaner.out), cleaner.removed


class _Sanitiser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.removed: list[str] = []
        self.skipping: str | None = None  # inside an element removed with its content

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.skipping:
            return
        if tag in _DROPPED_WITH_CONTENT:
            self.removed.append(f"<{tag}>")
            if not closed:
                self.skipping = tag
            return
        if tag not in PAGE_TAGS:
            self.removed.append(f"<{tag}>")
            return
        written = [f"<{tag}"]
        for name, value in attrs:
            problem = attribute_problem(tag, name, value)
            if problem:
                self.removed.append(f"{name} on <{tag}>")
            elif name != "markdown":
                written.append(f" {name}" if value is None else f' {name}="{_escape_attribute(value)}"')
        written.append(" />" if closed else ">")
        self.out.append("".join(written))

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping:
                self.skipping = None
            return
        if tag in PAGE_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass  # a comment shows nothing; the parsers of browsers and of Python disagree on odd ones

    def handle_decl(self, decl):
        self.removed.append("<!declaration>")

    def handle_pi(self, data):
        self.removed.append("<?processing instruction>")

    def unknown_decl(self, data):
        self.removed.append("<![CDATA[...]]>")


def _escape_attribute(value: str) -> str:
    """As Python-Markdown escapes an attribute value."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;"))


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
