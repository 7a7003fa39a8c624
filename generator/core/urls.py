"""Where the calendar's pages and feeds live, and links between them. Members' subscriptions and
other sites' links depend on these addresses: changing one breaks them.

Paths are relative to the site root, like MkDocs' `page.url` ("events/crew-night/"); `link`
turns one into a link from a given page, because links inside generated HTML are not rewritten
by MkDocs and must work when the site is served from a sub-folder.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

# The slugs a file may not take, by the kind of file: the address it would get belongs to a page
# the site makes itself. /events/index/ is the agenda and /events/past/ the past gatherings (and a
# slug of digits would sit among the months, /events/2027/); /groups/index/, /paths/index/ and
# /patterns/tags/index/ list the groups, the paths and the tags; the pattern language's own pages
# (/patterns/tags/, /patterns/map/, /patterns/cards/) sit beside the patterns. The loaders refuse
# these slugs, so no page of the site has to check them again.
RESERVED_SLUGS = {
    "event": ("index", "past"),
    "group": ("index",),
    "pattern": ("index", "tags", "map", "cards"),
    "path": ("index",),
    "tag": ("index",),
}


def is_reserved(kind: str, slug: str) -> bool:
    """Whether a file of this kind (a key of RESERVED_SLUGS) may not be called `slug`."""
    return slug in RESERVED_SLUGS[kind] or (kind == "event" and slug.isdigit())


# The proposal form (`/contribute/propose/`): linked from the calendar when the site has the page.
PROPOSE_PAGE = "contribute/propose.md"


def slugify(text: str) -> str:
    """The slug a title or a file name suggests: accents folded ("Café Crème" -> `cafe-creme`),
    lowercase ASCII letters and digits joined by hyphens; empty when nothing is left. `handbook
    new` names files with it and `handbook check` suggests names with it, so they agree."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Urls:
    use_directory_urls: bool = True
    site_url: str = ""  # the public address, for absolute links (JSON-LD, webcal); may be empty

    def page(self, src_uri: str) -> str:
        """The URL of a Markdown page, as MkDocs gives it: `events/x.md` -> `events/x/`."""
        stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
        if self.use_directory_urls:
            if stem == "index" or stem.endswith("/index"):
                return stem[: -len("index")]
            return stem + "/"
        return stem + ".html"

    # Pages
    def agenda(self) -> str:
        return self.page("events/index.md")

    def past(self) -> str:
        return self.page("events/past/index.md")

    def month(self, year: int, month: int) -> str:
        return self.page(f"events/{year:04d}/{month:02d}/index.md")

    def day(self, day: date) -> str:
        """The page of a day with more gatherings than its month's grid shows."""
        return self.page(day_page(day))

    def event(self, slug: str) -> str:
        return self.page(event_page(slug))

    def group_filter(self, slug: str) -> str:
        return self.page(f"events/groups/{slug}/index.md")

    def tag_filter(self, tag: str) -> str:
        return self.page(f"events/tags/{tag}/index.md")

    def area_filter(self, slug: str) -> str:
        return self.page(f"events/areas/{slug}/index.md")

    def subscribe(self) -> str:
        return self.page("subscribe.md")

    def groups(self) -> str:
        return self.page("groups/index.md")

    def group(self, slug: str) -> str:
        return self.page(group_page(slug))

    def pattern(self, slug: str) -> str:
        return self.page(f"patterns/{slug}.md")

    def propose(self, query: str = "") -> str:
        """The proposal form; `group=<slug>` chooses the group, `edit=<slug>` fills in a gathering."""
        return self.page(PROPOSE_PAGE) + (f"?{query}" if query else "")

    # Feeds, written by the feeds plugin
    @staticmethod
    def event_ics(slug: str) -> str:
        return f"events/{slug}.ics"

    @staticmethod
    def group_feed(slug: str) -> str:
        return f"feeds/groups/{slug}.ics"

    @staticmethod
    def pattern_feed(slug: str) -> str:
        return f"feeds/patterns/{slug}.ics"

    @staticmethod
    def all_feed() -> str:
        return "feeds/all.ics"

    @staticmethod
    def area_feed(slug: str) -> str:
        return area_feed(slug)  # the module's function: one place for the address

    @staticmethod
    def tag_feed(tag: str) -> str:
        return tag_feed(tag)

    def absolute(self, path: str) -> str | None:
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + path

    def webcal(self, path: str) -> str | None:
        absolute = self.absolute(path)
        if absolute is None:
            return None
        return "webcal://" + absolute.split("://", 1)[1]


def area_feed(slug: str) -> str:
    return f"feeds/areas/{slug}.ics"


def tag_feed(tag: str) -> str:
    return f"feeds/tags/{tag}.ics"


def uid_domain(site_url: str) -> str:
    """What the site's own UIDs end with, after `@`: the host, and the path when the site lives
    below one, so that two sites on one host differ. An imported feed may not use it."""
    parts = urlsplit(site_url if site_url.endswith("/") else site_url + "/")
    return (parts.hostname or "") + parts.path.rstrip("/")


def event_page(slug: str) -> str:
    return f"events/{slug}.md"


def group_page(slug: str) -> str:
    return f"groups/{slug}.md"


def day_page(day: date) -> str:
    return f"events/{day.year:04d}/{day.month:02d}/{day.day:02d}/index.md"


@functools.lru_cache(maxsize=65536)  # every page links the same few targets many times
def link(target: str, here: str) -> str:
    """A link to `target` from the page at `here` (both relative to the site root)."""
    path, hash_mark, fragment = target.partition("#")
    here_dir = here.rsplit("/", 1)[0] if "/" in here else ""
    link = posixpath.relpath(path or ".", here_dir or ".")
    if (path == "" or path.endswith("/")) and not link.endswith("/"):
        link += "/"
    return link + hash_mark + fragment
