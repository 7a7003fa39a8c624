"""The iCalendar feeds: every gathering, one per group, pattern, area and tag, and one per event.

| path | what |
| --- | --- |
| `feeds/all.ics` | every gathering |
| `feeds/groups/<slug>.ics` | a group's gatherings, with those of the groups that are part of it |
| `feeds/patterns/<slug>.ics` | the gatherings that practise a pattern |
| `feeds/areas/<slug>.ics` | the gatherings in an area (`areas`: Online is one) |
| `feeds/tags/<slug>.ics` | the gatherings with a tag |
| `events/<slug>.ics` | one gathering (every event has one, past ones too) |

Each event is turned into bytes once (`vevents`) and each VTIMEZONE once per zone and span of
years, and a feed is those bytes joined (5,000 events: about 1.2 s of CPU here, 5,066 files).
Events are in order of UID, so an edit to one event changes only its own lines in every feed.

What stays in the subscription feeds: events with an occurrence that ended less than
`past_days` ago (or has not ended), so a feed does not grow for ever; a cancelled event stays,
marked cancelled, until `cancelled_days` after both its end and its cancellation, so that
every subscriber's app has polled it and shows it cancelled (or removes it, as Google does).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from ..core import recurrence
from ..core.areas import area_of, area_slug, areas_of, in_words
from ..core.limits import LAST_YEAR
from ..core.model import Content, Event
from ..core.urls import Urls
from . import lines
from .history import History, Revision
from .published import Published, fingerprint
from .text import collapsed
from .timezones import utc_like, vtimezone
from .vevents import Site, components, event_page, uid

UTC = timezone.utc
PRODID = "-//Microsolidarity handbook//Feeds//EN"
_END = b"END:VCALENDAR\r\n"
_HORIZON_YEARS = 2  # how far ahead a VTIMEZONE reaches for a series without an end


@dataclass(frozen=True)
class Options:
    past_days: int = 180  # events that ended longer ago than this leave the subscription feeds
    cancelled_days: int = 30  # a cancelled event stays this long after its end and its cancellation
    refresh: timedelta = timedelta(hours=12)  # how often apps should poll (REFRESH-INTERVAL, TTL)


@dataclass(frozen=True)
class Feed:
    """One calendar file: where it goes, what it is called, which events it holds."""

    path: str
    name: str
    description: str
    page: str  # the web page the feed belongs to (RFC 7986 URL)
    slugs: tuple[str, ...]  # its events, in order of UID
    home_zone: str = "Etc/UTC"  # the VTIMEZONE an empty feed still carries, to stay valid
    kind: str = "all"  # all | group | pattern | area | tag | event
    key: str = ""  # the group, pattern, area, tag or event slug


@dataclass
class Built:
    """Every feed's bytes by path, and the plan they were made from (for the subscribe page)."""

    files: dict[str, bytes] = field(default_factory=dict)
    feeds: list[Feed] = field(default_factory=list)


def build(content: Content, site: Site, now: datetime, history: History,
          options: Options = Options(), published: dict[str, Published] | None = None) -> Built:
    """Every feed. `published` is what the live feed says (`published.read`): SEQUENCE never goes
    below it, and goes above it where time, place or status differ from it."""
    events = [content.events[slug] for slug in sorted(content.events)]
    for event in events:
        _require_zones(event)
    revisions = {event.slug: _revision(event, history, now) for event in events}
    shown = {event.slug for event in events if in_feeds(event, revisions[event.slug], now, options)}
    years = {event.slug: _years(event, now) for event in events}
    body = {event.slug: components(event, site, revisions[event.slug], content.groups.get(event.group),
                                   years[event.slug][1])
            for event in events}
    for event in events if published else ():
        before = published.get(uid(event, site))
        if before is None:
            continue
        floor = before.sequence + (before.fingerprint != fingerprint(body[event.slug]))
        if floor > revisions[event.slug].sequence:
            revisions[event.slug] = dataclasses.replace(revisions[event.slug], floor=floor)
            body[event.slug] = components(event, site, revisions[event.slug], content.groups.get(event.group),
                                          years[event.slug][1])
    # One VTIMEZONE per zone for all subscription feeds (the years of the events in them), and
    # one per zone for the events' own files (the years of every event): a VTIMEZONE per file,
    # for that file's years, made thousands. Own files are downloaded once, not polled, so
    # one that covers more years than it needs costs a few bytes and no extra requests.
    shared = _zone_years((content.events[slug], years[slug]) for slug in sorted(shown))
    every = _zone_years((event, years[event.slug]) for event in events)
    built = Built()
    for feed in plan(content, site, shown):
        covered = every if feed.kind == "event" else shared
        zones = {zone: covered[zone] for zone in _zones_of(content, feed.slugs)}
        if not feed.slugs:
            # RFC 5545 wants at least one component: an empty feed carries its home zone.
            zones = {feed.home_zone: (now.year, now.year)}
        built.files[feed.path] = _calendar(feed, site, options, zones, [body[slug] for slug in feed.slugs])
        built.feeds.append(feed)
    return built


def _revision(event: Event, history: History, now: datetime) -> Revision:
    """An event file's from git; an imported event's from its own calendar (when it last changed)."""
    if event.imported is not None:
        return Revision(event.imported.modified, event.imported.modified)
    return history.revision(event.path, now)


def in_feeds(event: Event, revision: Revision, now: datetime, options: Options) -> bool:
    """Whether the event belongs in the subscription feeds now (see the module's docstring)."""
    if not _ends_after(event, now - timedelta(days=options.past_days)):
        return False
    if event.status != "cancelled":
        return True
    since = now - timedelta(days=options.cancelled_days)
    if _ends_after(event, since):
        return True
    return revision.from_history and revision.significant >= since


def _require_zones(event: Event) -> None:
    """A feed never carries a floating time (Outlook rejects them, others guess the zone)."""
    changes = event.repeat.changes if event.repeat else ()
    for when in [event.start, event.end] + [c.start for c in changes] + [c.end for c in changes]:
        if isinstance(when, datetime) and when.tzinfo is None:
            raise ValueError(f"{event.path}: a time without a zone reached the feeds ({when})")


def _ends_after(event: Event, moment: datetime) -> bool:
    """Whether an occurrence of the event ends after `moment`, as `recurrence` (the pages) says;
    the obvious cases are answered without expanding the series."""
    if event.repeat is None:
        return recurrence.to_utc(event.end, event.timezone) > moment
    if recurrence.to_utc(event.start, event.timezone) > moment:
        return True  # a series starts with its first occurrence
    return bool(recurrence.next_occurrences(event, moment, 1))


def plan(content: Content, site: Site, shown: set[str]) -> list[Feed]:
    """Every feed: all, then one per group, pattern, area, tag and event, each in order of slug.
    An area or a tag has a feed when an event of the calendar has it, shown in the feeds or not
    (the agenda's filter pages link their feed whatever it holds today)."""
    label = site.name or "the handbook"
    listed = sorted(shown)
    by_group: dict[str, list[str]] = {}
    by_pattern: dict[str, list[str]] = {}
    by_area: dict[str, list[str]] = {slug: [] for slug in areas_of(content)}
    by_tag: dict[str, list[str]] = {tag: [] for event in content.events.values() for tag in event.tags}
    for slug in listed:  # in order of slug, so every list below is too
        event = content.events[slug]
        by_group.setdefault(event.group, []).append(slug)
        for pattern in dict.fromkeys(event.patterns):
            by_pattern.setdefault(pattern, []).append(slug)
        area = area_of(event, content.groups.get(event.group))
        if area:
            by_area[area_slug(area)].append(slug)
        for tag in event.tags:
            by_tag[tag].append(slug)
    parts = _parts(content)
    feeds = [Feed(Urls.all_feed(), f"All gatherings - {label}",
                  f"Every gathering on the calendar of {label}.", site.url, tuple(listed))]
    for slug in sorted(content.groups):
        group = content.groups[slug]
        members = _members(parts, slug)
        feeds.append(Feed(
            Urls.group_feed(slug), collapsed(group.name),
            collapsed(group.summary) + (" With the gatherings of its crews." if len(members) > 1 else ""),
            site.absolute(site.urls.group(slug)),
            tuple(sorted(s for member in members for s in by_group.get(member, ()))),
            home_zone=group.timezone, kind="group", key=slug))
    for slug in sorted(content.patterns):
        pattern = content.patterns[slug]
        feeds.append(Feed(
            Urls.pattern_feed(slug), f"Gatherings practising {collapsed(pattern.title)}",
            collapsed(pattern.summary), site.absolute(site.urls.pattern(slug)),
            tuple(by_pattern.get(slug, ())), kind="pattern", key=slug))
    for slug, name in sorted(areas_of(content).items()):
        feeds.append(Feed(
            Urls.area_feed(slug), f"Gatherings: {collapsed(name)}", f"The gatherings {in_words(collapsed(name))}, from {label}.",
            site.absolute(site.urls.area_filter(slug)), tuple(by_area[slug]), kind="area", key=slug))
    for tag in sorted(by_tag):
        feeds.append(Feed(
            Urls.tag_feed(tag), f"Gatherings tagged {tag}", f"The gatherings tagged “{tag}”, from {label}.",
            site.absolute(site.urls.tag_filter(tag)), tuple(by_tag[tag]), kind="tag", key=tag))
    for slug in sorted(content.events):
        event = content.events[slug]
        feeds.append(Feed(
            Urls.event_ics(slug), collapsed(event.title), f"One gathering from {label}.",
            event_page(event, site), (slug,), home_zone=event.timezone, kind="event", key=slug))
    return feeds


def _members(parts: dict[str, list[str]], slug: str) -> set[str]:
    """The group and every group that is part of it, however deep (a crew of a congregation)."""
    members, frontier = {slug}, [slug]
    while frontier:
        for child in parts.get(frontier.pop(), ()):
            if child not in members:
                members.add(child)
                frontier.append(child)
    return members


def _parts(content: Content) -> dict[str, list[str]]:
    """For each group, the groups that say they are part of it."""
    parts: dict[str, list[str]] = {}
    for slug in sorted(content.groups):
        if content.groups[slug].part_of:
            parts.setdefault(content.groups[slug].part_of, []).append(slug)
    return parts


def _calendar(feed: Feed, site: Site, options: Options, zones: dict[str, tuple[int, int]],
              bodies: list[bytes]) -> bytes:
    line = lines.line
    parts = [_fixed_header(options.refresh)]
    # NAME and DESCRIPTION are RFC 7986; the X-WR- twins are what Apple, Google and Outlook read.
    # An empty one is left out: libical drops a property without a value as a parse error.
    if feed.name:
        parts += [line("NAME", lines.text(feed.name)), line("X-WR-CALNAME", lines.text(feed.name))]
    if feed.description:
        parts += [line("DESCRIPTION", lines.text(feed.description)),
                  line("X-WR-CALDESC", lines.text(feed.description))]
    parts += [line("URL", lines.uri(feed.page)), line("SOURCE", lines.uri(site.absolute(feed.path)), ";VALUE=URI")]
    parts += [_vtimezone_bytes(tzid, *zones[tzid]) for tzid in sorted(zones)]
    parts += bodies
    parts.append(_END)
    return b"".join(parts)


@functools.lru_cache(maxsize=8)
def _fixed_header(refresh: timedelta) -> bytes:
    """The lines every feed starts with, written once."""
    line = lines.line
    return b"".join([
        b"BEGIN:VCALENDAR\r\n",
        line("VERSION", "2.0"),
        line("PRODID", PRODID),
        line("CALSCALE", "GREGORIAN"),
        # No METHOD: a feed is not a scheduling message (RFC 5545, 3.7.2), and METHOD:PUBLISH
        # would require an ORGANIZER in every event (RFC 5546, 3.2.1), which most gatherings do
        # not have and which no app needs to show a subscribed calendar (see the feeds note).
        # Apple reads REFRESH-INTERVAL, Outlook X-PUBLISHED-TTL: both, the same.
        line("REFRESH-INTERVAL", lines.duration(refresh), ";VALUE=DURATION"),
        line("X-PUBLISHED-TTL", lines.duration(refresh)),
    ])


_vtimezone_cache: dict[tuple[str, int, int], bytes] = {}


def _vtimezone_bytes(tzid: str, first: int, last: int) -> bytes:
    key = (tzid, first, last)
    if key not in _vtimezone_cache:
        _vtimezone_cache[key] = vtimezone(tzid, first, last).to_ical()
    return _vtimezone_cache[key]


def _zones_of(content: Content, slugs) -> set[str]:
    return {content.events[slug].timezone for slug in slugs if not utc_like(content.events[slug].timezone)}


def _zone_years(spans) -> dict[str, tuple[int, int]]:
    """For each zone of the (event, (first year, last year)) pairs, the years it must cover."""
    found: dict[str, tuple[int, int]] = {}
    for event, (first, last) in spans:
        if utc_like(event.timezone):
            continue
        low, high = found.get(event.timezone, (first, last))
        found[event.timezone] = (min(low, first), max(high, last))
    return found


def _years(event: Event, now: datetime) -> tuple[int, int]:
    """The first year any occurrence of the event touches, and a last year at least as late as
    its last occurrence (a bound, not the exact year: a VTIMEZONE may cover a year more)."""
    zone = ZoneInfo(event.timezone)
    changes = event.repeat.changes if event.repeat else ()
    first = min(_year(when, zone) for when in [event.start] + [c.start for c in changes if c.start])
    last = max(_year(when, zone) for when in [event.end] + [c.end for c in changes if c.end])
    if event.repeat is not None:
        last = max(last, _last_year_bound(event.repeat.rrule, event.start, zone, now))
    # No occurrence is after LAST_YEAR (the loader and `recurrence` see to it), whatever a COUNT
    # times an INTERVAL would say: a VTIMEZONE for thousands of years would take minutes to write.
    return first, min(last, LAST_YEAR + 1)


_PERIOD_DAYS = {"YEARLY": 366, "MONTHLY": 31, "WEEKLY": 7, "DAILY": 1, "HOURLY": 1, "MINUTELY": 1, "SECONDLY": 1}


def _last_year_bound(rrule: str, start: date | datetime, zone: ZoneInfo, now: datetime) -> int:
    """A year no occurrence of the rule starts after, read from UNTIL or COUNT without expanding
    the series; an endless series gets a horizon of a few years from now."""
    parts = dict(part.split("=", 1) for part in rrule.upper().removeprefix("RRULE:").split(";") if "=" in part)
    if "UNTIL" in parts:
        return int(parts["UNTIL"][:4]) + 1  # +1: a UTC UNTIL on 31 December may be 1 January here
    if "COUNT" in parts:
        # Mostly one occurrence a period (times the interval); a rule can skip periods (the 31st
        # of a month, 29 February), hence the margin. Only the VTIMEZONE's reach depends on it.
        periods = int(parts["COUNT"]) * int(parts.get("INTERVAL", "1")) * 4
        return _year(start, zone) + periods * _PERIOD_DAYS.get(parts.get("FREQ", ""), 366) // 365 + 1
    return now.astimezone(zone).year + _HORIZON_YEARS


def _year(when: date | datetime, zone: ZoneInfo) -> int:
    return when.astimezone(zone).year if isinstance(when, datetime) else when.year
