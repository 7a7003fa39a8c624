"""The dates of a series that a feed writes out one by one: where apps would read the series
differently, because a change of the clocks falls on or inside that date's gathering.

An app expands a series from its RRULE, DTSTART and DTEND, and on a clock change apps part ways
(measured by the feed tests): a start the clocks skip is 02:30 in Python's `zoneinfo` and in
Google Calendar, 00:30 in libical and ical.js; a start they repeat is the first in one, the
second in the others; and an end a night's change away is found by adding the length on the
clock (ical.js, Python) or as time that passes (RFC 5545, for DTEND). Such a date gets a VEVENT
of its own with RECURRENCE-ID (naming it as the rule gives it, which each app reads as it reads
its own instance) and DTSTART and DTEND where `clock_changes` puts them, as a time no app can
read two ways: every app then shows what the event page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..core import recurrence
from ..core.clock_changes import changes_between, kind, steady, writable
from ..core.model import Event, Occurrence


@dataclass(frozen=True)
class Pinned:
    """One date of a series, written out with its own times."""

    nominal: datetime  # the naive local start the rule gives (RECURRENCE-ID)
    occurrence: Occurrence


def regular(occurrence: Occurrence) -> bool:
    """Whether every app reads this occurrence the same way from a series' DTSTART and DTEND:
    no change of the clocks between its start and end, and both times happen exactly once."""
    start, end = occurrence.start, occurrence.end
    if not isinstance(start, datetime):
        return True
    zone = ZoneInfo(occurrence.event.timezone)
    start, end = start.astimezone(zone), end.astimezone(zone)
    return steady(start, end) and writable(start) and writable(end)


def pinned(event: Event, last_year: int) -> list[Pinned]:
    """The unchanged dates of a timed series, up to the end of `last_year`, that are not
    `regular` or whose rule's start the clocks skip or repeat. Only the hours around each change
    of the event's zone are expanded, so a long series costs a few small windows a year."""
    if event.repeat is None or event.all_day:
        return []
    zone = ZoneInfo(event.timezone)
    first_year = event.start.astimezone(zone).year
    found: dict[datetime, Pinned] = {}
    for at in changes_between(event.timezone, first_year, last_year):
        # A change moves the clocks by three hours at most (Troll's is two): any date it touches
        # overlaps these hours.
        around = recurrence.unchanged_between(event, at - timedelta(hours=3), at + timedelta(hours=3))
        for nominal, occurrence in around:
            if kind(nominal, zone) is not None or not regular(occurrence):
                found[nominal] = Pinned(nominal, occurrence)
    return [found[key] for key in sorted(found)]

