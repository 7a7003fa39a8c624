"""The /subscribe/ page: every feed, and how to subscribe to it in the common calendar apps.

It is Markdown (so the site's search indexes it), and every text from content goes through
`md_text`, links through `html_text`. Each feed has a `webcal://` link, which calendar apps
open as a subscription, and its plain https address with a copy button (the button is hidden
until the script that makes it work has loaded; without JavaScript the address can be selected).
"""

from __future__ import annotations

from ..core.areas import ONLINE
from ..core.markdown_text import html_text, md_text
from ..core.model import SCALES, Content
from ..core.urls import Urls
from ..feeds.build import Feed
from ..feeds.vevents import Site

INTRO = """\
Subscribing puts the gatherings in the calendar app you already use and keeps them up to date:
when a gathering moves, changes place or is called off, your calendar follows the next time it
checks the feed. Downloading an event file instead gives you a copy that never changes.

Pick a feed below: everything, one place, one group (a congregation's feed includes its crews),
one tag, or the gatherings that practise one pattern; tap a heading to open its list. On a phone
or a Mac, the **Subscribe** button opens your calendar app. Elsewhere, copy the link and paste it
where your app asks for a calendar address ([how, app by app](#how-to-subscribe)).
"""

HOW_TO = """\
## How to subscribe

### Google Calendar

Subscriptions can only be added on the website, not in the phone app. Open Google Calendar on
a computer, click **+** next to *Other calendars*, choose **From URL**, paste the link and click
**Add calendar**. It then appears on your phone as well. Google checks the feed every 12 to 24
hours, on its own schedule: a change can take a day to show, and there is no way to hurry it.
Google hides cancelled gatherings rather than showing them crossed out.

### Apple Calendar (iPhone, iPad and Mac)

Tap or click the **Subscribe** button and confirm. Or add it by hand: on an iPhone or iPad, go
to *Settings*, *Calendar*, *Accounts*, *Add Account*, *Other*, **Add Subscribed Calendar** and
paste the link; on a Mac, choose *File*, **New Calendar Subscription** in Calendar and paste
the link. On a Mac, set *Auto-refresh* to every day or more often, and choose *iCloud* as the
location if you want it on your other devices too.

### Outlook

In Outlook on the web or Outlook.com, open the calendar, choose **Add calendar**, then
**Subscribe from web**, paste the link, give it a name and click **Import**. In Outlook for
Windows, choose **Add calendar**, **From Internet** and paste the link. Outlook can take
several hours to pick up a change.

### Thunderbird

Open the calendar, click **New Calendar** (the + beside *Calendars*), choose **On the Network**,
paste the link as the *Location*, click **Find Calendars** and then **Subscribe**.
"""


# Up to this many patterns, their feeds are listed on the subscribe page itself; beyond, on one
# page per scale, so that no page grows past what a phone loads comfortably (each row holds two
# full addresses, about 400 bytes of HTML).
PATTERNS_ON_MAIN_PAGE = 40
PAGE = "subscribe.md"


def pattern_page(scale: str) -> str:
    return f"subscribe/patterns/{scale}.md"


def pages(feeds: list[Feed], content: Content, site: Site) -> dict[str, str]:
    """The Markdown of the subscribe page (`subscribe.md`), and of its pattern pages if any."""
    by_kind: dict[str, list[Feed]] = {}
    for feed in feeds:
        by_kind.setdefault(feed.kind, []).append(feed)
    lines = ["# Subscribe to the calendar", "", INTRO]
    everything = [feed for feed in by_kind.get("all", []) if feed.path == Urls.all_feed()]
    if everything:
        lines += ["## Every gathering", "", _table("Calendar", [("All gatherings", "", feed) for feed in everything],
                                                   site), ""]
    areas = by_kind.get("area", [])
    if areas:
        names = {feed.key: feed.name.removeprefix("Gatherings: ") for feed in areas}
        rows = [(names[f.key], _count(f), f) for f in sorted(areas, key=lambda f: (names[f.key] == ONLINE, f.key))]
        lines += _fold("Places", "The gatherings in one town, city or region, or online.",
                       _table("Place", rows, site), open_=True)
    groups = by_kind.get("group", [])
    if groups:
        rows = []
        for feed in sorted(groups, key=lambda f: (content.groups[f.key].name.casefold(), f.key)):
            group = content.groups[feed.key]
            rows.append((group.name, group.kind + (f", {group.where}" if group.where else ""), feed))
        lines += _fold("Groups", "A congregation's feed has its crews' gatherings too.", _table("Group", rows, site))
    tags = by_kind.get("tag", [])
    if tags:
        rows = [(f"#{f.key}", _count(f), f) for f in sorted(tags, key=lambda f: f.key)]
        lines += _fold("Tags", "The gatherings with one tag, whichever group holds them.", _table("Tag", rows, site))
    found = {PAGE: ""}
    patterns = by_kind.get("pattern", [])
    if patterns:
        if len(patterns) <= PATTERNS_ON_MAIN_PAGE:
            lines += _fold("Patterns", "The gatherings that practise one pattern, whichever group holds them.",
                           _table("Pattern", _pattern_rows(patterns, content), site))
        else:
            lines += ["## Patterns", "", "The gatherings that practise one pattern, whichever group holds them.", ""]
            by_scale: dict[str, list[Feed]] = {}
            for feed in patterns:
                by_scale.setdefault(content.patterns[feed.key].scale, []).append(feed)
            for scale in SCALES:
                if scale in by_scale:
                    count = len(by_scale[scale])
                    # Links in Markdown are relative to this page's source, subscribe.md at the top.
                    lines.append(f"- [Patterns at the scale of {scale}]({pattern_page(scale)})"
                                 f" ({count} feed{'s' if count != 1 else ''})")
                    found[pattern_page(scale)] = "\n".join([
                        f"# Subscribe: patterns at the scale of {scale}", "",
                        "The gatherings that practise one pattern, whichever group holds them. "
                        "[How to subscribe](../../subscribe.md#how-to-subscribe) in your calendar app.", "",
                        _table("Pattern", _pattern_rows(by_scale[scale], content), site), ""])
            lines.append("")
    lines.append(HOW_TO)
    found[PAGE] = "\n".join(lines)
    return found


def _fold(title: str, lead: str, table: str, open_: bool = False) -> list[str]:
    """A section that folds (a phone scrolls past a closed one in a thumb's stroke), its heading
    the control that opens it. `title` is the code's own words, never content."""
    return [f'<details class="hb-fold" markdown="1"{" open" if open_ else ""}>',
            f'<summary><h2 id="{title.lower()}">{title}</h2></summary>', "", lead, "", table, "", "</details>", ""]


def _count(feed: Feed) -> str:
    count = len(feed.slugs)
    return f"{count} gathering{'s' if count != 1 else ''}" if count else "no gatherings yet"


def _pattern_rows(feeds: list[Feed], content: Content) -> list[tuple[str, str, Feed]]:
    rows = []
    for feed in sorted(feeds, key=lambda f: (content.patterns[f.key].title.casefold(), f.key)):
        count = len(feed.slugs)
        rows.append((content.patterns[feed.key].title,
                     f"{count} gathering{'s' if count != 1 else ''}" if count else "no gatherings yet", feed))
    return rows


def _table(heading: str, rows: list[tuple[str, str, Feed]], site: Site) -> str:
    out = [f"| {heading} | Subscribe | Link to copy |", "| --- | --- | --- |"]
    for title, note, feed in rows:
        https = site.absolute(feed.path)
        webcal = "webcal://" + https.split("://", 1)[1]
        label = md_text(title) + (f"<br><small>{md_text(note)}</small>" if note else "")
        # No text from content inside an attribute: Markdown would still read links in it. The
        # row's first cell says what the link subscribes to.
        subscribe = f'<a class="md-button" href="{html_text(webcal)}">Subscribe</a>'
        # The button copies the address before it; copy.js shows it when it can work.
        copy = f'<code>{html_text(https)}</code> <button class="hb-copy md-button" hidden>Copy</button>'
        out.append(f"| {label} | {subscribe} | {copy} |")
    return "\n".join(out)
