"""Local times that a change of the clocks skips or repeats, and how long a gathering lasts then.

The decision, for every page, JSON-LD block and feed (see the feeds note for the reasons):

* A time that a change skips (01:30 on the night London's clocks go from 01:00 to 02:00) is
  read with the offset before the change, so it is 02:30 BST; a time that happens twice (01:30
  on the night they go back) is the first one, 01:30 BST. That is RFC 5545 (3.3.5, which 3.3.10
  applies to every date of a series), what Python's `zoneinfo` does with `fold=0`, and what
  Google Calendar and Apple Calendar do; libical (Evolution) and ical.js (Thunderbird) read both
  the other way, which is why a feed never leaves such a time for an app to read (`vevents`).
* A gathering keeps its length on every date of a series: with `duration`, that much time
  passes between start and end; with `end`, it ends as many hours and minutes of the clock
  after its start as the file says (20:00 to 08:00 ends at 08:00, also on the night the clocks
  move). A start moved by a gap moves its end with it (02:30 to 03:30, never 02:30 to 02:30),
  and an end that falls in a gap is read like any other time in a gap (23:30 plus one hour
  in Santiago, on the night its clocks skip midnight, ends at 01:30: an hour later).
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
GAP = "gap"  # the clocks skip this local time
OVERLAP = "overlap"  # the clocks show this local time twice


def kind(naive: datetime, zone: ZoneInfo) -> str | None:
    """GAP, OVERLAP, or None for a local time that happens exactly once."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return GAP
    return OVERLAP


def resolve(naive: datetime, zone: ZoneInfo) -> datetime:
    """The moment a local time means (RFC 5545: a skipped time in the offset before the change,
    a repeated one the first time), as the wall-clock time it really is there."""
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)


def end_of(start: datetime, length: timedelta, elapsed: bool) -> datetime:
    """The end of a gathering that starts at `start` (aware, in its zone) and lasts `length`:
    that much time later when `elapsed` (a `duration`), else that much later on the clock."""
    zone = start.tzinfo
    if elapsed:
        return (start.astimezone(UTC) + length).astimezone(zone)
    return resolve(start.replace(tzinfo=None) + length, zone)


def writable(moment: datetime) -> bool:
    """Whether the wall-clock time of `moment` names it alone in its zone (no gap, no repeat):
    only then may a feed write it as a local time with its TZID."""
    naive = moment.replace(tzinfo=None)
    return kind(naive, moment.tzinfo) is None


def steady(start: datetime, end: datetime) -> bool:
    """Whether no change of the clocks falls between start and end (both aware): then the length
    on the clock and the time that passes are the same, and every app agrees on the end."""
    return start.utcoffset() == end.utcoffset() and _no_change_between(start, end)


def _no_change_between(start: datetime, end: datetime) -> bool:
    # Two changes inside one gathering (there and back) would leave the offsets equal; no zone
    # changes twice within a few days, so a gathering shorter than that is checked by its ends.
    if end - start <= timedelta(days=2):
        return True
    zone, moment = start.tzinfo, start.astimezone(UTC)
    offset = start.utcoffset()
    while moment < end:
        if moment.astimezone(zone).utcoffset() != offset:
            return False
        moment += timedelta(hours=6)
    return True


@functools.lru_cache(maxsize=4096)
def changes_in(tzid: str, year: int) -> tuple[datetime, ...]:
    """The UTC instants at which the zone's UTC offset changes in one (UTC) year: found a day at
    a time (no zone changes twice in a day), then to the second."""
    zone = ZoneInfo(tzid)
    moment, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    found = []
    while moment < end:
        following = min(moment + timedelta(days=1), end)
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment = following
    return tuple(found)


def changes_between(tzid: str, first_year: int, last_year: int) -> list[datetime]:
    """The UTC instants at which the zone's offset changes, from `first_year` to `last_year`."""
    if tzid.upper() in ("UTC", "Z", "ETC/UTC"):
        return []
    return [at for year in range(first_year - 1, last_year + 2) for at in changes_in(tzid, year)]
