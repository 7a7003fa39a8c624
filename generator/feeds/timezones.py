"""VTIMEZONE components, computed from `zoneinfo` for the years a feed needs.

Why not `icalendar`'s own `Timezone.from_tzid()`: its observances give the onset of summer time
as the wall-clock time *after* the change (03:00 for Berlin's 02:00 -> 03:00), but RFC 5545
reads an observance's DTSTART in the offset *before* it (TZOFFSETFROM), so every other parser
moves the change an hour late; and it lists each year's change as RDATEs, which Outlook is known
to mishandle. Here the onsets come from the zone's real transitions, written in TZOFFSETFROM
time, and a change that happens by the same rule every year (last Sunday of March at 01:00, ...)
becomes one yearly RRULE, the shape Outlook itself writes. A zone whose changes follow no rule
in the window gets one observance per change of the window (no RDATE lists, which ical.js
misreads). icalendar still builds and serialises the components.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

UTC = timezone.utc
_STEP = timedelta(days=1)  # no zone of this century changes its offset twice in one day
# A yearly RRULE claims every year after the window too, and for a few years "4th Sunday" and
# "last Sunday" can look alike (they differ in a year whose month has five Sundays, which comes
# round within six years): a rule is only used if the zone follows it this many years more.
_RULE_CHECK_YEARS = 7
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _State:
    offset: timedelta
    name: str
    dst: bool


@dataclass(frozen=True)
class _Transition:
    at: datetime  # the UTC instant of the change
    before: _State
    after: _State

    @property
    def onset(self) -> datetime:
        """Local wall-clock time of the change in the offset before it, as DTSTART and RDATE want."""
        return (self.at + self.before.offset).replace(tzinfo=None)


def utc_like(tzid: str) -> bool:
    """True for zones icalendar writes as UTC (`...Z`), which need no VTIMEZONE."""
    return tzid.upper() in ("UTC", "Z")


@functools.lru_cache(maxsize=512)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE for `tzid`, exact from 1 January of `first_year` to the end of `last_year`."""
    zone = ZoneInfo(tzid)
    begin = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    checked_to = last_year + _RULE_CHECK_YEARS
    initial = _state(zone, begin)
    groups: dict[tuple[_State, _State], list[_Transition]] = {}
    for change in (c for year in range(first_year, checked_to + 1) for c in _transitions_in(tzid, year)):
        groups.setdefault((change.before, change.after), []).append(change)
    component = Timezone()
    component.add("TZID", tzid)
    rules = _rules(zone, initial, groups, first_year, checked_to)
    if rules is None:  # RDATEs, for the window only
        groups = {key: [c for c in found if c.at < end] for key, found in groups.items()}
        groups = {key: found for key, found in groups.items() if found}
    ordered = sorted(groups.items(), key=lambda item: item[1][0].at)
    if rules is not None:
        for (before, after), found in ordered:
            rule = rules[(before, after)]
            # The change into the 1 January state starts a year early, so that it also covers
            # the time from 1 January to the first change of the window.
            onset = rule.onset_in(first_year - 1) if after == initial else found[0].onset
            observance = _observance(before, after, onset)
            observance.add("RRULE", rule.recur)
            component.add_component(observance)
        return component
    component.add_component(_observance(initial, initial, datetime(first_year, 1, 1)))
    # One observance per change, each with its own DTSTART: ical.js (Thunderbird) reads the
    # RDATEs of an observance an hour off on some dates, and Outlook is reported to mishandle
    # them, while a lone DTSTART is read the same way by every parser.
    for change in sorted((c for found in groups.values() for c in found), key=lambda c: c.at):
        component.add_component(_observance(change.before, change.after, change.onset))
    return component


def _observance(before: _State, after: _State, onset: datetime):
    observance = TimezoneDaylight() if after.dst else TimezoneStandard()
    observance.add("DTSTART", onset)
    observance.add("TZOFFSETFROM", before.offset)
    observance.add("TZOFFSETTO", after.offset)
    observance.add("TZNAME", after.name)
    return observance


def _state(zone: ZoneInfo, moment: datetime) -> _State:
    local = moment.astimezone(zone)
    return _State(local.utcoffset(), local.tzname() or "", bool(local.dst()))


@functools.lru_cache(maxsize=4096)
def _transitions_in(tzid: str, year: int) -> tuple[_Transition, ...]:
    """The zone's changes in one local year (cached: feeds ask for the same years again and again)."""
    zone = ZoneInfo(tzid)
    begin = datetime(year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    return tuple(_transitions(zone, begin, end))


def _transitions(zone: ZoneInfo, begin: datetime, end: datetime) -> list[_Transition]:
    found = []
    moment, state = begin, _state(zone, begin)
    while moment < end:
        following = min(moment + _STEP, end)
        next_state = _state(zone, following)
        if next_state != state:
            at = _bisect(zone, moment, following, state)
            found.append(_Transition(at, state, next_state))
        moment, state = following, next_state
    return found


def _bisect(zone: ZoneInfo, low: datetime, high: datetime, state: _State) -> datetime:
    """The first second in (low, high] whose state differs from `state`."""
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _state(zone, middle) == state:
            low = middle
        else:
            high = middle
    return high


@dataclass(frozen=True)
class _YearlyRule:
    month: int
    weekday: int
    ordinal: int  # 1..4, or -1 for the last such weekday of the month
    clock: tuple[int, int, int]  # the local time of day of the onset

    @property
    def recur(self) -> vRecur:
        return vRecur({"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{self.ordinal}{_WEEKDAYS[self.weekday]}"})

    def onset_in(self, year: int) -> datetime:
        if self.ordinal > 0:
            first = date(year, self.month, 1)
            day = first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.ordinal - 1))
        else:
            following = date(year + (self.month == 12), self.month % 12 + 1, 1)
            last = following - timedelta(days=1)
            day = last - timedelta(days=(last.weekday() - self.weekday) % 7)
        return datetime(day.year, day.month, day.day, *self.clock)


def _rule_of(onset: datetime) -> tuple[_YearlyRule, _YearlyRule | None]:
    """The n-th-weekday rule an onset fits, and the last-weekday rule when it fits that too."""
    clock = (onset.hour, onset.minute, onset.second)
    nth = _YearlyRule(onset.month, onset.weekday(), (onset.day - 1) // 7 + 1, clock)
    last = _YearlyRule(onset.month, onset.weekday(), -1, clock)
    return nth, (last if last.onset_in(onset.year) == onset else None)


def _yearly_rule(found: list[_Transition], first_year: int, last_year: int) -> _YearlyRule | None:
    """A rule giving exactly these changes, one in every year of the window, or None."""
    years = [change.onset.year for change in found]
    if years != list(range(first_year, last_year + 1)):
        return None
    for candidate in _rule_of(found[0].onset):
        if candidate is not None and all(candidate.onset_in(c.onset.year) == c.onset for c in found):
            return candidate
    return None


def _rules(zone: ZoneInfo, initial: _State, groups: dict, first_year: int, last_year: int) -> dict | None:
    """One yearly rule per kind of change, when every change of the window follows one and the
    change into the 1 January state also happened by its rule the year before; else None."""
    rules = {key: _yearly_rule(found, first_year, last_year) for key, found in groups.items()}
    if not rules or any(rule is None for rule in rules.values()):
        return None
    into_initial = [key for key in rules if key[1] == initial]
    if len(into_initial) != 1:
        return None
    before, after = into_initial[0]
    at = rules[into_initial[0]].onset_in(first_year - 1).replace(tzinfo=UTC) - before.offset
    if _state(zone, at - timedelta(seconds=1)) != before or _state(zone, at) != after:
        return None
    return rules
