"""What the calendar shows: occurrences in a window of time, as items ready to print, by month.

Everything here is a pure function of the content and "now", so two builds with the same
SOURCE_DATE_EPOCH print the same calendar. Links are paths from the site root (see
`core.urls`); the pages turn them into relative links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..core.areas import area_of, area_slug
from ..core.model import Content, Event, Group, Occurrence
from ..core.newcomers import open_to_newcomers
from ..core.recurrence import next_occurrences, occurrences, occurrences_between, utc_end, utc_start
from ..core.urls import Urls
from . import text

UTC = timezone.utc


@dataclass(frozen=True)
class Window:
    """The stretch of time the calendar covers, around "now"."""

    now: datetime  # aware
    horizon_days: int = 90
    past_days: int = 365

    @property
    def end(self) -> datetime:
        return self.now + timedelta(days=self.horizon_days)

    @property
    def start(self) -> datetime:
        return self.now - timedelta(days=self.past_days)

    def months(self) -> list[tuple[int, int]]:
        """Every month with a grid page: from the start of the past window to the horizon."""
        first, last = self.start.astimezone(UTC).date(), self.end.astimezone(UTC).date()
        found, (year, month) = [], (first.year, first.month)
        while (year, month) <= (last.year, last.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


@dataclass(frozen=True)
class Link:
    text: str
    url: str  # from the site root


@dataclass(frozen=True)
class Item:
    """One occurrence as a line of the agenda, a cell of a month grid or a row on a page."""

    occurrence: Occurrence
    slug: str
    url: str
    title: str
    status: str  # confirmed | tentative | cancelled
    changed: bool
    moved_from: str  # the original date and time, when a change moved it; else ""
    clock_note: str  # why a date of a series shows the time it does when the clocks change; else ""
    day: date  # first local day, in the event's zone
    last_day: date  # last local day it touches
    date_text: str  # "Thursday 3 December 2026" or a range of days
    time_text: str  # "19:00–21:00 NZDT", "All day", ...
    start_time: str  # "19:00", or "" for an all-day occurrence
    zone: str  # the IANA name
    zone_name: str  # "Auckland time"
    utc_start: str  # ISO 8601 in UTC, for the reader's local time
    utc_end: str
    utc_offset: int  # minutes east of UTC on the event's clock at the start (0 when all day)
    group: Link
    place: str  # the location's name (or address); "" when only online
    online: bool
    area: Link | None  # the area the gathering counts in (see `areas`), with its filter page
    members_only: bool
    patterns: tuple[Link, ...]
    tags: tuple[str, ...]
    note: str  # Markdown: what a change says about this one occurrence; else ""

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def tentative(self) -> bool:
        return self.status == "tentative"

    @property
    def weekday(self) -> str:
        return text.WEEKDAYS[self.day.weekday()][:3]

    @property
    def month_short(self) -> str:
        return text.MONTHS[self.day.month - 1][:3]

    @property
    def short_date(self) -> str:
        return text.short_date(self.day)

    @property
    def multi_day(self) -> bool:
        return self.last_day > self.day


def item(occurrence: Occurrence, content: Content, urls: Urls) -> Item:
    event = occurrence.event
    zone = event.timezone
    group = content.groups.get(event.group)
    start_local = text.local(occurrence.start, zone)
    first_day = start_local.date() if isinstance(start_local, datetime) else start_local
    moved_from = ""
    if occurrence.changed and occurrence.recurrence_id is not None and occurrence.recurrence_id != occurrence.start:
        original = occurrence.recurrence_id
        moved_from = text.long_date(text.local(original, zone).date() if isinstance(original, datetime) else original)
        if isinstance(original, datetime):
            moved_from += ", " + text.clock(text.local(original, zone))
    time_text = text.time_range(occurrence.start, occurrence.end, zone)
    last = text.last_day(occurrence.start, occurrence.end, zone)
    if occurrence.all_day and last > first_day:
        time_text = f"Until {text.short_date(last)}"
    area = area_of(event, group)
    note = ""
    if occurrence.changed and occurrence.description != event.description:
        note = occurrence.description
    return Item(
        occurrence=occurrence, slug=event.slug, url=urls.event(event.slug), title=occurrence.title,
        status=occurrence.status, changed=occurrence.changed, moved_from=moved_from,
        clock_note=text.clock_change(event.start, occurrence.start, zone) if event.repeat else "",
        day=first_day, last_day=last,
        date_text=text.date_range(occurrence.start, occurrence.end, zone), time_text=time_text,
        start_time=text.clock(start_local) if isinstance(start_local, datetime) else "", zone=zone,
        zone_name=text.zone_name(zone),
        utc_start=iso_utc(utc_start(occurrence)), utc_end=iso_utc(utc_end(occurrence)),
        utc_offset=offset_minutes(start_local) if isinstance(start_local, datetime) else 0,
        group=Link(group.name if group else event.group, urls.group(event.group)),
        place=place_of(occurrence), online=bool(occurrence.online),
        area=Link(area, urls.area_filter(area_slug(area))) if area else None,
        members_only=not open_to_newcomers(event, group),
        patterns=tuple(Link(content.patterns[slug].title, urls.pattern(slug))
                       for slug in event.patterns if slug in content.patterns),
        tags=event.tags, note=note)


def place_of(occurrence: Occurrence) -> str:
    location = occurrence.location
    if location is None:
        return ""
    return location.name or location.address


def offset_minutes(local: datetime) -> int:
    """How far ahead of UTC an aware local time's clock is, in minutes.

    >>> offset_minutes(datetime(2026, 12, 3, 19, 0, tzinfo=timezone(timedelta(hours=13))))
    780
    """
    offset = local.utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sort_key(entry: Item) -> tuple:
    # By the day and the clock time printed on the page, each in its own zone: sorted by UTC, a
    # Wellington Tuesday morning would come before a London Monday evening, and a day would read
    # 11:00, 10:00, 13:00. All-day gatherings ("" for a time) lead their day.
    return (entry.day, entry.start_time, entry.utc_start, entry.slug, entry.utc_end)


def items(found: Iterable[Occurrence], content: Content, urls: Urls, newest_first: bool = False) -> list[Item]:
    made = sorted((item(occ, content, urls) for occ in found), key=sort_key)
    return made[::-1] if newest_first else made


def upcoming(events: Iterable[Event], window: Window) -> list[Occurrence]:
    """Occurrences not yet over (one under way counts) that start before the horizon."""
    return occurrences_between(events, window.now, window.end)


def past(events: Iterable[Event], window: Window) -> list[Occurrence]:
    """Occurrences that ended in the past window."""
    return [occ for occ in occurrences_between(events, window.start, window.now) if utc_end(occ) <= window.now]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        return text.month_name(self.year, self.month)

    @property
    def anchor(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def by_month(entries: list[Item]) -> list[Month]:
    """Consecutive items of the same month together, in the order given."""
    months: list[Month] = []
    for entry in entries:
        key = (entry.day.year, entry.day.month)
        if months and (months[-1].year, months[-1].month) == key:
            months[-1] = Month(key[0], key[1], months[-1].items + (entry,))
        else:
            months.append(Month(key[0], key[1], (entry,)))
    return months


def family(slug: str, groups: dict[str, Group]) -> frozenset[str]:
    """A group and the crews that are part of it: a congregation's calendar includes its crews'."""
    return frozenset([slug] + [g.slug for g in groups.values() if g.part_of == slug])


def for_groups(entries: list[Item], slugs: frozenset[str]) -> list[Item]:
    return [e for e in entries if e.occurrence.event.group in slugs]


def for_tag(entries: list[Item], tag: str) -> list[Item]:
    return [e for e in entries if tag in e.tags]


def for_pattern(entries: list[Item], slug: str) -> list[Item]:
    return [e for e in entries if slug in e.occurrence.event.patterns]


def all_tags(events: Iterable[Event]) -> list[str]:
    return sorted({tag for event in events for tag in event.tags})


def next_per_event(entries: list[Item], limit: int) -> list[Item]:
    """The first item of each event, in order, at most `limit`: a weekly series takes one line."""
    seen, found = set(), []
    for entry in entries:
        if entry.slug not in seen:
            seen.add(entry.slug)
            found.append(entry)
            if len(found) == limit:
                break
    return found


def series_dates(event: Event, window: Window, limit: int) -> list[Occurrence]:
    """The next `limit` occurrences of an event; if none is left, its last one."""
    upcoming_ones = next_occurrences(event, window.now, limit)
    if upcoming_ones:
        return upcoming_ones
    return last_occurrences(event, window.now, 1)


def last_occurrences(event: Event, before: datetime, limit: int) -> list[Occurrence]:
    """The last `limit` occurrences that ended by `before`, newest first."""
    if limit <= 0:
        return []
    start = utc_start_of(event)
    span = timedelta(days=62)
    found: list[Occurrence] = []
    end = before
    # Walk back in steps: a long series need not be expanded from its very first day.
    while end > start - timedelta(days=2) and len(found) < limit:
        batch = [occ for occ in occurrences(event, end - span, end) if utc_end(occ) <= before
                 and occ not in found]
        found += sorted(batch, key=lambda o: utc_start(o), reverse=True)
        end -= span
    found.sort(key=lambda o: utc_start(o), reverse=True)
    return found[:limit]


def utc_start_of(event: Event) -> datetime:
    if isinstance(event.start, datetime):
        return event.start.astimezone(UTC)
    return datetime.combine(event.start, datetime.min.time(), tzinfo=UTC) - timedelta(days=1)
