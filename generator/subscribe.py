"""The /subscribe/ page: every feed, and how to subscribe to it in the common calendar apps.

It is Markdown (so the site's search indexes it), and every text from content goes through
`md_text`, links through `html_text`. Each feed has a `webcal://` link, which calendar apps
open as a subscription, and its plain https address with a copy button (the button is hidden
until the script that makes it work has loaded; without JavaScript the address can be selected).
"""

from __future__ import annotations

from .feeds import ALL_FEED, Feed
from .markdown_text import html_text, md_text
from .model import Content
from .vevents import Site


def _one_line(text: str) -> str:
    return " ".join(str(text).split())

INTRO = """\
Subscribing puts the gatherings in the calendar app you already use and keeps them up to date:
when a gathering moves, changes place or is called off, your calendar follows the next time it
checks the feed. Downloading an event file instead gives you a copy that never changes.

Pick a feed below: everything, one group (a congregation's feed includes its crews), or the
gatherings that practise one pattern. On a phone or a Mac, the **Subscribe** button opens your
calendar app. Elsewhere, copy the link and paste it where your app asks for a calendar address.
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


def page(feeds: list[Feed], content: Content, site: Site) -> str:
    """The Markdown of the subscribe page."""
    by_kind: dict[str, list[Feed]] = {}
    for feed in feeds:
        by_kind.setdefault(feed.kind, []).append(feed)
    lines = ["# Subscribe to the calendar", "", INTRO]
    everything = [feed for feed in by_kind.get("all", []) if feed.path == ALL_FEED]
    if everything:
        lines += ["## Every gathering", "", _table("Calendar", [("All gatherings", "", feed, site)
                                                                for feed in everything]), ""]
    groups = by_kind.get("group", [])
    if groups:
        rows = []
        for feed in sorted(groups, key=lambda f: (content.groups[f.key].name.casefold(), f.key)):
            group = content.groups[feed.key]
            note = f"{group.kind}" + (f", {group.where}" if group.where else "")
            rows.append((group.name, note, feed, site))
        lines += ["## Groups", "", _table("Group", rows), ""]
    patterns = by_kind.get("pattern", [])
    if patterns:
        rows = []
        for feed in sorted(patterns, key=lambda f: (content.patterns[f.key].title.casefold(), f.key)):
            pattern = content.patterns[feed.key]
            count = len(feed.slugs)
            rows.append((pattern.title, f"{count} gathering{'s' if count != 1 else ''} in the feed" if count else
                         "no gatherings yet", feed, site))
        lines += ["## Patterns", "", "The gatherings that practise one pattern, whichever group holds them.", "",
                  _table("Pattern", rows), ""]
    lines.append(HOW_TO)
    return "\n".join(lines)


def _table(heading: str, rows: list[tuple[str, str, Feed, Site]]) -> str:
    out = [f"| {heading} | Subscribe | Link to copy |", "| --- | --- | --- |"]
    for title, note, feed, site in rows:
        https = site.page(feed.path)
        webcal = "webcal://" + https.split("://", 1)[1]
        label = md_text(title) + (f"<br><small>{md_text(note)}</small>" if note else "")
        subscribe = (f'<a class="md-button hb-subscribe" href="{html_text(webcal)}" '
                     f'aria-label="Subscribe to {html_text(_one_line(title))}">Subscribe</a>')
        copy = (f'<code class="hb-feed-url">{html_text(https)}</code> '
                f'<button type="button" class="hb-copy" data-hb-copy="{html_text(https)}" hidden>'
                f'Copy link</button>')
        out.append(f"| {label} | {subscribe} | {copy} |")
    return "\n".join(out)
