"""How the site's search ranks its pages, and the text it shows for them.

Search is Material's: lunr over `search/search_index.json`, one entry per section of a page (the
page's top, then one per heading), each scored by the field a word is found in (`title`, `text`,
`tags`, weighted in mkdocs.yml) times the page's `search.boost`. The handbook sets that boost by
the kind of page, so that a reader who types the name of a practice finds the pattern first and a
reader who types a place or a group's name finds the gatherings first:

* patterns rank above paths, paths above groups and gatherings, and those above every other page,
  when the same word is in the same field;
* a section below a heading (a pattern's Story, a gathering's description) weighs a quarter of the
  page's top (title, summary, when and where): a pattern whose story walks through Peckham must
  not outrank the gatherings held there;
* listings (tag pages, the map, the agenda, month grids, filters, the lists of groups and paths)
  stay out: every entry on them has its own page, which is the one to find.

Measured on the shipped content (issue 13), with lunr's own scores: page boosts alone put
*The crew* first for `crew` and *The dinner table* first for `dinner`, but left the Peckham
gatherings held at a venue below three patterns' stories for `Peckham`; section weights fix that.
Neither can stop lunr matching `a` in `start a crew` as the beginning of every word (Material
adds a wildcard to each word of a query): the site's search worker
(`theme/assets/javascripts/workers/handbook-search.js`) makes words of one or two letters match
only themselves.
"""

from __future__ import annotations

import json
import re
from typing import Any

# `search:` settings of the pages, as a page's front matter would give them.
PATTERN = {"boost": 12}
PATH = {"boost": 6}
GROUP = {"boost": 6}
EVENT = {"boost": 1.5}
LISTING = {"exclude": True}

SECTION_WEIGHT = 0.2  # of a page's boost, for each section under a heading


def setting(default: dict, own: Any = None) -> dict:
    """The `search:` setting of a page: its own front matter's (an editor's choice) over the default
    for its kind."""
    return {**default, **own} if isinstance(own, dict) else dict(default)


def front_matter(default: dict) -> list[str]:
    """The `search:` setting as front matter lines of a generated Markdown page."""
    return [f"search: {json.dumps(default, separators=(', ', ': '))}"]


def weigh_sections(index: dict) -> dict:
    """The search index with each section entry (an address with `#`) weighted `SECTION_WEIGHT`
    of its page's boost; the page's own entry keeps the page's boost."""
    for entry in index.get("docs", []):
        if "#" in entry.get("location", ""):
            entry["boost"] = round(float(entry.get("boost", 1)) * SECTION_WEIGHT, 6)
    return index


# What the search's snippets are made from: Material's indexer keeps the text of a page and drops
# its tags, so `<dd>a</dd><dd>b</dd>` and `a<br>b` both became "ab" ("Newtown Crewcrew",
# "main hallCorner of"). A newline where the page shows a break keeps the words apart; it changes
# nothing on screen: white space between blocks, after a line break, or at the start of an
# inline-block chip (whose line starts there) is not rendered.
_BLOCKS = ("address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|form|h[1-6]|"
           "header|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul")
# After a block closes, or before one opens right after a word; never inside an empty element,
# which would stop being `:empty` for the stylesheet.
_BLOCK_END = re.compile(rf"(</(?:{_BLOCKS})>)(?=<)", re.IGNORECASE)
_BLOCK_AFTER_WORD = re.compile(rf"(?<=[^\s>])(?=<(?:{_BLOCKS})\b)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"(<br\s*/?>)(?=\S)", re.IGNORECASE)
_CHIP = re.compile(r'(<(?:span|a)\b[^>]*\bclass="[^"]*\bhb-(?:chip|badge)\b[^"]*"[^>]*>)(?=\S)')
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)


def space_visual_breaks(html: str) -> str:
    """`html` with white space wherever the page shows a break between two words, outside `<pre>`."""
    parts = _PRE.split(html)
    for i in range(0, len(parts), 2):  # the even parts are outside <pre>
        text = _BLOCK_END.sub(r"\1\n", parts[i])
        text = _BLOCK_AFTER_WORD.sub("\n", text)
        text = _LINE_BREAK.sub(r"\1\n", text)
        parts[i] = _CHIP.sub(r"\1 ", text)
    return "".join(parts)
