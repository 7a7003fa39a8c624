"""Times as event files write them: dates and local date-times, durations, wall-clock times made
aware in a zone. Each function returns the value or raises `Bad` with the message and a hint; the
loaders say which key and line.

Times that a daylight-saving change makes impossible or ambiguous (01:30 on the night clocks go
forward or back, in a zone that changes at 01:00 or 02:00) are refused, with the reason: a reader
cannot tell which hour was meant. Later occurrences of a series that land on such a time follow
RFC 5545 (see `core.recurrence`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from ..core.limits import FIRST_YEAR, LAST_YEAR, MAX_DAYS
from .formats import DURATION_RE

UTC = timezone.utc
WHEN_HINT = "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"
TOO_LONG_HINT = "a gathering lasts hours or days; for one that comes back, use `repeat`"
_WHEN_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_OFFSET_RE = re.compile(r"\d[ \t]*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")


class Bad(ValueError):
    """A value that cannot be read; carries the message and a hint for the editor, and the key it
    is about when that is not the key the caller asked about."""

    def __init__(self, message: str, hint: str = "", key: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key


def parse_when(value: Any) -> date | datetime:
    """A date, or a naive local date and time, from YAML (a date, a timestamp or a string), in
    the years `limits` allows."""
    when = _when(value)
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise Bad(f"is in the year {when.year}, outside the years {FIRST_YEAR} to {LAST_YEAR}",
                  "a gathering on this calendar happens in these years: check the year")
    return when


def _when(value: Any) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise Bad("has a UTC offset", "write the local time without `Z` or an offset; `timezone` gives the zone")
        return datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _WHEN_RE.fullmatch(text)
    if match is None:
        if _OFFSET_RE.search(text) and text[:4].isdigit():
            raise Bad(f"`{text}` has a UTC offset", "write the local time without `Z` or an offset; `timezone` gives the zone")
        raise Bad(f"is not a date or a date and time: `{text}`", WHEN_HINT)
    year, month, day, hour, minute, second = (int(g) if g is not None else None for g in match.groups())
    try:
        if hour is None:
            return date(year, month, day)
        return datetime(year, month, day, hour, minute, second or 0)
    except ValueError:
        raise Bad(f"`{text}` is not a real date and time", WHEN_HINT) from None


def parse_date(value: Any) -> date:
    when = parse_when(value)
    if isinstance(when, datetime):
        raise Bad(f"must be a date alone, not `{when:%Y-%m-%d %H:%M}`", "write it like `2026-12-24`")
    return when


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """The aware datetime for a wall-clock time, refusing times a clock change skips or repeats."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise Bad(f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks go forward at that time",
                  "choose a time outside the change")
    raise Bad(f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key}: the clocks go back at that time",
              "choose a time outside the change")


def parse_duration(text: str) -> timedelta:
    match = DURATION_RE.fullmatch(text.strip())
    if match is None or not any(match.groups()):
        raise Bad(f"`{text[:40]}` is not a duration", "write it like `2h`, `90m` or `1h30m`")
    days, hours, minutes = (int(g or 0) for g in match.groups())
    # Whole minutes in Python's integers first: a timedelta of that many digits would overflow.
    total = (days * 24 + hours) * 60 + minutes
    if not total:
        raise Bad("must be longer than zero", "write it like `2h`")
    if total > MAX_DAYS * 24 * 60:
        raise Bad(f"`{text[:40]}` is longer than {MAX_DAYS} days", TOO_LONG_HINT)
    return timedelta(minutes=total)


def all_day_span(start: date, end: date | None, length: timedelta | None) -> tuple[date, date]:
    """An all-day event's first day and the day after its last (the file's `end` is its last day,
    included); `Bad` names the key at fault."""
    if isinstance(end, datetime):
        raise Bad("`end` has a time but `start` is a date", "give both a time, or neither for an all-day event",
                  key="end")
    if length is not None:
        if length.seconds or length.microseconds:
            raise Bad("an all-day event lasts whole days",
                      "write `duration: 2d`, or `end:` with its last day, or give `start` a time", key="duration")
        return start, start + timedelta(days=length.days)
    if end is not None and end < start:
        raise Bad(f"`end` {end} is before `start` {start}", "for an all-day event `end` is its last day", key="end")
    if end is not None and (end - start).days + 1 > MAX_DAYS:
        raise Bad(f"`end` makes the event last more than {MAX_DAYS} days", TOO_LONG_HINT, key="end")
    return start, (end or start) + timedelta(days=1)


def check_timed_span(start: datetime, end: datetime, aware_start: datetime, aware_end: datetime) -> None:
    """`Bad` when a timed event's end is not after its start, or it lasts too long."""
    if aware_end <= aware_start:
        raise Bad(f"`end` {end:%Y-%m-%d %H:%M} is not after `start` {start:%Y-%m-%d %H:%M}",
                  "an event ends after it starts", key="end")
    if aware_end - aware_start > timedelta(days=MAX_DAYS):
        raise Bad(f"`end` makes the event last more than {MAX_DAYS} days", TOO_LONG_HINT, key="end")


def naive(when: date | datetime) -> datetime:
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    return datetime.combine(when, time())
