"""Expanding events into the occurrences a calendar shows.

The arithmetic is python-dateutil's `rrule`. A series is expanded in *naive local time* and the
event's zone attached afterwards: that is what keeps a weekly 19:00 gathering at 19:00 on both
sides of a daylight-saving change (expanding in UTC would move it by an hour).

A local time that falls in a daylight-saving gap or overlap is read as RFC 5545 says (the offset
before the change, the first of two), and a gathering keeps its length on every date: see
`clock_changes`, which decides both for the pages, the JSON-LD and the feeds alike.
"""

from __future__ import annotations

import bisect
import datetime as datetime_module
import functools
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from types import FunctionType, SimpleNamespace
from zoneinfo import ZoneInfo

from dateutil import rrule as dateutil_rrule
from dateutil.rrule import rrule, rrulestr

from .clock_changes import end_of, resolve
from .limits import LAST_YEAR
from .model import Change, Event, Occurrence

UTC = timezone.utc
_UNTIL_UTC = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)
_SLACK = timedelta(days=1)  # covers any UTC offset when turning a UTC window into local time


def occurrences(event: Event, start: datetime, end: datetime) -> list[Occurrence]:
    """The event's occurrences that overlap [start, end) (aware datetimes), sorted by start."""
    return sorted(_overlapping(event, start, end), key=_sort_key)


def occurrences_between(events: Iterable[Event], start: datetime, end: datetime) -> list[Occurrence]:
    """All occurrences of all events overlapping [start, end), sorted by (UTC start, slug)."""
    found = [occ for event in events for occ in _overlapping(event, start, end)]
    return sorted(found, key=_sort_key)


def _overlapping(event: Event, start: datetime, end: datetime) -> list[Occurrence]:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("the window must be aware datetimes (UTC), not naive ones")
    if event.repeat is None:
        single = _single(event)
        return [single] if _overlaps(single, start, end) else []
    series = _series(event)
    # Only the stretch of the series near the window is generated (`between`), in local time.
    lo = _local_naive(start, series.zone) - series.length - _SLACK
    hi = _local_naive(end, series.zone) + _SLACK
    found = [occ for occ in _unchanged(series, series.rule.between(lo, hi, inc=True))
             if _overlaps(occ, start, end)]
    found += [occ for occ in _changed(series) if _overlaps(occ, start, end)]
    return found


def next_occurrences(event: Event, after: datetime, limit: int) -> list[Occurrence]:
    """The first `limit` occurrences that have not ended by `after` (so one under way counts)."""
    if after.tzinfo is None:
        raise ValueError("`after` must be an aware datetime (UTC), not a naive one")
    if limit <= 0:
        return []
    if event.repeat is None:
        single = _single(event)
        return [single] if utc_end(single) > after else []
    series = _series(event)
    found: list[Occurrence] = []
    lo = _local_naive(after, series.zone) - series.length - _SLACK
    for occ in _unchanged(series, series.rule.xafter(lo, inc=True)):
        if utc_end(occ) > after:
            found.append(occ)
            if len(found) == limit:
                break
    # A change may move an occurrence anywhere, so every change is a candidate.
    found += [occ for occ in _changed(series) if utc_end(occ) > after]
    return sorted(found, key=_sort_key)[:limit]


def unchanged_between(event: Event, start: datetime, end: datetime) -> list[tuple[datetime, Occurrence]]:
    """The unchanged occurrences of a series that overlap [start, end), each with the naive local
    start its rule gives: a time the clocks may skip or repeat, which the occurrence resolves."""
    if event.repeat is None or event.all_day:
        return []
    series = _series(event)
    lo = _local_naive(start, series.zone) - series.length - _SLACK
    hi = _local_naive(end, series.zone) + _SLACK
    found = []
    for naive_start in series.rule.between(lo, hi, inc=True):
        for occurrence in _unchanged(series, [naive_start]):
            if _overlaps(occurrence, start, end):
                found.append((naive_start, occurrence))
    return found


def length_of(event: Event) -> timedelta:
    """The length every occurrence of a series has (see `clock_changes`)."""
    return _series(event).length


def utc_start(occurrence: Occurrence) -> datetime:
    """When the occurrence starts, in UTC; an all-day one starts at midnight in its event's zone."""
    return to_utc(occurrence.start, occurrence.event.timezone)


def utc_end(occurrence: Occurrence) -> datetime:
    return to_utc(occurrence.end, occurrence.event.timezone)


# ---------------------------------------------------------------------------------------------
# Rules, shared with the loader so that what it validates is exactly what is expanded


def rule_for(rrule_text: str, start: date | datetime) -> rrule:
    """The dateutil rule for an RRULE value and a series start, in naive local time.

    `start` is the event's start: an aware datetime in the event's zone, or a date. A UTC UNTIL
    is turned into local time, because the expansion happens in local time. No expansion goes
    beyond `limits.LAST_YEAR` (see `_BoundedRule`).
    """
    if isinstance(start, datetime):
        zone = start.tzinfo
        key = getattr(zone, "key", None)
        return _rule(rrule_text, start.replace(tzinfo=None), key)
    return _rule(rrule_text, datetime.combine(start, time()), None)


def endless_rule_for(rrule_text: str, start: date | datetime) -> rrule:
    """`rule_for` the rule without its COUNT: how far the series could go (to LAST_YEAR at most)."""
    kept = ";".join(part for part in rrule_text.split(";") if not part.upper().startswith("COUNT="))
    return rule_for(kept, start)


def occurrence_on(rule: rrule, day: date) -> datetime | None:
    """The (naive, local) start of the rule's occurrence on `day`, if it has one."""
    found = _index(rule).first_from(datetime.combine(day, time()))
    return found if found is not None and found.date() == day else None


def nearest_occurrence(rule: rrule, day: date) -> date | None:
    """The date of the occurrence nearest to `day`, for "did you mean" hints."""
    midnight = datetime.combine(day, time())
    index = _index(rule)
    candidates = [d for d in (index.last_before(midnight), index.first_from(midnight)) if d is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs(d - midnight)).date()


class _Index:
    """A rule's occurrences in order, generated as far as asked, for lookups by date in O(log n).

    dateutil answers `after` and `before` by walking the series from its start, each time: a daily
    series of a hundred years with a hundred exceptions and changes (each looked up several times
    by the loader, the pages and the feeds) made that tens of millions of steps.
    """

    def __init__(self, rule: rrule):
        self.starts: list[datetime] = []
        self._more = iter(rule)
        self._done = False

    def first_from(self, moment: datetime) -> datetime | None:
        self._reach(moment)
        position = bisect.bisect_left(self.starts, moment)
        return self.starts[position] if position < len(self.starts) else None

    def last_before(self, moment: datetime) -> datetime | None:
        self._reach(moment)
        position = bisect.bisect_left(self.starts, moment)
        return self.starts[position - 1] if position else None

    def _reach(self, moment: datetime) -> None:
        """Generate until an occurrence at or after `moment` is known, or the series ends."""
        while not self._done and (not self.starts or self.starts[-1] < moment):
            found = next(self._more, None)
            if found is None:
                self._done = True
            else:
                self.starts.append(found)


_indexes: weakref.WeakKeyDictionary[rrule, _Index] = weakref.WeakKeyDictionary()


def _index(rule: rrule) -> _Index:
    found = _indexes.get(rule)
    if found is None:
        found = _indexes[rule] = _Index(rule)
    return found


@functools.lru_cache(maxsize=16384)
def _rule(rrule_text: str, dtstart: datetime, zone_key: str | None) -> rrule:
    zone = ZoneInfo(zone_key) if zone_key else None

    def to_local(match: re.Match) -> str:
        moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        if zone is not None:
            moment = moment.astimezone(zone)
        return "UNTIL=" + moment.strftime("%Y%m%dT%H%M%S")

    text = _UNTIL_UTC.sub(to_local, rrule_text.strip())
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:"):]
    rule = rrulestr(text, dtstart=dtstart)
    return _bounded(rule) if isinstance(rule, rrule) else rule


# dateutil expands a rule period by period (day, week, month, year) until the answer is found, and
# a rule that has no occurrence after some date (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` has none at
# all) makes it walk every day to the year 9999: three seconds and more, for each question asked.
# Its loop stops at `datetime.MAXYEAR`, read from its module's globals: `_BoundedRule` runs the very
# same loop with globals in which MAXYEAR is LAST_YEAR, so no expansion goes beyond the end of that
# year (or the week that ends it). Content holds no date after LAST_YEAR, and a series without an
# end is expanded to LAST_YEAR at most: a question about it costs at most that walk (0.1 s daily).
_BOUNDED_DATETIME = SimpleNamespace(**{**vars(datetime_module), "MAXYEAR": LAST_YEAR})


class _BoundedRule(rrule):
    _iter = FunctionType(rrule._iter.__code__, {**vars(dateutil_rrule), "datetime": _BOUNDED_DATETIME},
                         "_iter", rrule._iter.__defaults__, rrule._iter.__closure__)


def _bounded(rule: rrule) -> rrule:
    # The same rule (what dateutil's `rrule.replace` copies), of the bounded class. cache=True: the
    # calendar asks the same series for many windows (agenda, months, pages).
    return _BoundedRule(dtstart=rule._dtstart, freq=rule._freq, interval=rule._interval, count=rule._count,
                        until=rule._until, wkst=rule._wkst, cache=True, **rule._original_rule)


# ---------------------------------------------------------------------------------------------
# Expansion


@dataclass(frozen=True)
class _Series:
    event: Event
    rule: rrule
    zone: ZoneInfo
    length: timedelta  # the length of one occurrence: the file's (whole days for all-day events)
    elapsed: bool  # `length` is time that passes (a `duration`), not hours on the clock
    exceptions: frozenset[date]
    changes: tuple[Change, ...]
    changed_dates: frozenset[date]


@functools.lru_cache(maxsize=16384)
def _series(event: Event) -> _Series:
    repeat = event.repeat
    assert repeat is not None
    zone = ZoneInfo(event.timezone)
    start = event.start.astimezone(zone) if isinstance(event.start, datetime) else event.start
    return _Series(
        event=event,
        rule=rule_for(repeat.rrule, start),
        zone=zone,
        # The file's length: its `duration`, or `end` minus `start` on the clock, never what a
        # gap made of the first end (23:30 plus an hour across Santiago's midnight gap is 01:30).
        length=event.duration if event.duration is not None else _naive(event.end, zone) - _naive(event.start, zone),
        elapsed=event.duration is not None and not event.all_day,
        exceptions=frozenset(repeat.exceptions),
        changes=repeat.changes,
        changed_dates=frozenset(c.date for c in repeat.changes),
    )


def _unchanged(series: _Series, starts: Iterable[datetime]) -> Iterable[Occurrence]:
    event = series.event
    for naive_start in starts:
        day = naive_start.date()
        if day in series.exceptions or day in series.changed_dates:
            continue
        begin = _when(naive_start, event, series.zone)
        yield Occurrence(event=event, start=begin, end=_end(series, begin),
                         status=event.status, title=event.title, location=event.location,
                         online=event.online, description=event.description, recurrence_id=begin)


def _changed(series: _Series) -> list[Occurrence]:
    event, zone = series.event, series.zone
    found = []
    for change in series.changes:
        if change.date in series.exceptions:
            continue
        original = occurrence_on(series.rule, change.date)
        if original is None:  # the loader refuses such changes; an Event built by hand may not
            continue
        recurrence_id = _when(original, event, zone)
        begin = change.start if change.start is not None else recurrence_id
        end = change.end if change.end is not None else _end(series, begin)
        found.append(Occurrence(
            event=event, start=begin, end=end,
            status=change.status or event.status,
            title=change.title if change.title is not None else event.title,
            location=change.location if change.location is not None else event.location,
            online=change.online if change.online is not None else event.online,
            description=change.description if change.description is not None else event.description,
            recurrence_id=recurrence_id, changed=True))
    return found


def _single(event: Event) -> Occurrence:
    return Occurrence(event=event, start=event.start, end=event.end, status=event.status, title=event.title,
                      location=event.location, online=event.online, description=event.description)


def _when(naive: datetime, event: Event, zone: ZoneInfo) -> date | datetime:
    if event.all_day:
        return naive.date()
    return resolve(naive, zone)


def _end(series: _Series, begin: date | datetime) -> date | datetime:
    """The end of an occurrence that begins at `begin`: the series' length later."""
    if not isinstance(begin, datetime):
        return begin + series.length
    return end_of(begin.astimezone(series.zone), series.length, series.elapsed)


def _naive(when: date | datetime, zone: ZoneInfo) -> datetime:
    """Local wall-clock time in `zone`, without the zone; midnight for a date."""
    if isinstance(when, datetime):
        return when.astimezone(zone).replace(tzinfo=None)
    return datetime.combine(when, time())


def _local_naive(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def to_utc(when: date | datetime, zone_name: str) -> datetime:
    """A start or end as a UTC instant; a date means the start of that day in the zone."""
    if isinstance(when, datetime):
        return when.astimezone(UTC)
    return datetime.combine(when, time(), tzinfo=ZoneInfo(zone_name)).astimezone(UTC)


def _overlaps(occurrence: Occurrence, start: datetime, end: datetime) -> bool:
    return utc_start(occurrence) < end and utc_end(occurrence) > start


def _sort_key(occurrence: Occurrence) -> tuple:
    return (utc_start(occurrence), occurrence.event.slug)
