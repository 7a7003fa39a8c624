"""Expanding series into occurrences: what a member sees in the calendar, week after week."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.events import load_events
from generator.content.groups import load_groups
from generator.core.model import Change, Event, Location, Repeat
from generator.core.recurrence import next_occurrences, occurrences, occurrences_between, utc_end, utc_start

FIXTURE = Path(__file__).parent / "fixtures" / "calendar"
UTC = timezone.utc
LONDON, AUCKLAND = ZoneInfo("Europe/London"), ZoneInfo("Pacific/Auckland")
ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture(scope="module")
def events():
    groups, _ = load_groups(FIXTURE / "content", FIXTURE)
    loaded, problems = load_events(FIXTURE / "content", FIXTURE, groups, {"check-in", "crew", "dinner-table"})
    assert problems == []
    return loaded


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _event(slug: str, title: str, start, end, zone: str, **fields) -> Event:
    """An event of group `g`; naive start and end times are wall-clock times in `zone`."""
    if isinstance(start, datetime):
        start, end = start.replace(tzinfo=ZoneInfo(zone)), end.replace(tzinfo=ZoneInfo(zone))
    return Event(slug=slug, path=f"content/events/{slug}.yml", title=title, group="g", start=start, end=end,
                 timezone=zone, **fields)


def series(rrule: str, start, end, zone: str = "Europe/London", slug: str = "s", status: str = "confirmed",
           exceptions=(), changes=()) -> Event:
    return _event(slug, "Series", start, end, zone, status=status,
                  repeat=Repeat(rrule=rrule, exceptions=tuple(exceptions), changes=tuple(changes)))


def one_off(start, end, zone: str = "Europe/London", slug: str = "one") -> Event:
    return _event(slug, "One", start, end, zone)


def local_times(found) -> list[str]:
    return [f"{o.start:%Y-%m-%d %H:%M}" for o in found]


# -- wall-clock time across daylight-saving changes ---------------------------------------------


def test_weekly_london_gathering_stays_at_19_00_when_the_clocks_go_forward(events):
    found = occurrences(events["hackney-thursdays"], utc(2027, 3, 15), utc(2027, 4, 10))
    assert local_times(found) == ["2027-03-18 19:00", "2027-03-25 19:00", "2027-04-01 19:00", "2027-04-08 19:00"]
    assert [o.start.utcoffset() for o in found] == [timedelta(0), timedelta(0), timedelta(hours=1), timedelta(hours=1)]
    assert [o.start.astimezone(UTC).hour for o in found] == [19, 19, 18, 18]
    assert all(o.start.tzinfo == LONDON and (o.end - o.start) == timedelta(hours=2) for o in found)


@pytest.mark.parametrize("first, offsets", [
    (datetime(2027, 3, 25, 19), [13, 13, 12, 12]),   # NZDT ends on 2027-04-04
    (datetime(2026, 9, 17, 19), [12, 12, 13, 13]),   # NZDT starts on 2026-09-27
])
def test_weekly_auckland_gathering_stays_at_19_00_across_both_changes(first, offsets):
    event = series("FREQ=WEEKLY;BYDAY=TH", first, first + timedelta(hours=2), zone="Pacific/Auckland")
    found = occurrences(event, first.replace(tzinfo=AUCKLAND) - timedelta(hours=1),
                        (first + timedelta(weeks=4)).replace(tzinfo=AUCKLAND) - timedelta(hours=1))
    assert [o.start.replace(tzinfo=None) for o in found] == [first + timedelta(weeks=n) for n in range(4)]
    assert [o.start.utcoffset() // timedelta(hours=1) for o in found] == offsets
    assert [f"{o.end:%H:%M}" for o in found] == ["21:00"] * 4


def test_an_occurrence_in_the_spring_gap_is_read_as_rfc_5545_says():
    # 01:30 does not exist on 2027-03-28 in London: it is read with the offset before the gap
    event = series("FREQ=WEEKLY;BYDAY=SU", datetime(2027, 3, 21, 1, 30), datetime(2027, 3, 21, 2, 30))
    found = occurrences(event, utc(2027, 3, 20), utc(2027, 4, 5))
    assert local_times(found) == ["2027-03-21 01:30", "2027-03-28 02:30", "2027-04-04 01:30"]
    assert [utc_start(o).hour for o in found] == [1, 1, 0]


@settings(max_examples=60, deadline=None)
@given(zone=st.sampled_from(["Europe/London", "Pacific/Auckland", "Europe/Madrid", "America/New_York",
                             "Australia/Sydney", "America/Santiago"]),
       day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
       hour=st.integers(min_value=6, max_value=22))
def test_a_weekly_series_keeps_its_local_time_and_weekday_all_year(zone, day, hour):
    start = datetime.combine(day, time(hour))
    event = series("FREQ=WEEKLY", start, start + timedelta(hours=1), zone=zone)
    found = occurrences(event, ALL_TIME[0], start.replace(tzinfo=ZoneInfo(zone)) + timedelta(days=365))
    assert len(found) in (52, 53)
    assert {(o.start.weekday(), o.start.hour, o.start.minute) for o in found} == {(day.weekday(), hour, 0)}
    assert all(o.start.tzinfo == ZoneInfo(zone) for o in found)


# -- exceptions and changes -------------------------------------------------------------------


def test_except_removes_an_occurrence(events):
    found = occurrences(events["thursday-check-in"], utc(2026, 12, 15), utc(2027, 1, 1))
    assert [o.start.date() for o in found] == [date(2026, 12, 17), date(2026, 12, 31)]  # not 2026-12-24


def test_a_change_moves_an_occurrence_and_replaces_what_it_names(events):
    event = events["thursday-check-in"]
    found = occurrences(event, utc(2027, 1, 5), utc(2027, 1, 8))
    assert len(found) == 1
    moved = found[0]
    assert (moved.start, moved.end) == (datetime(2027, 1, 7, 18, tzinfo=AUCKLAND), datetime(2027, 1, 7, 20, tzinfo=AUCKLAND))
    assert moved.changed and moved.recurrence_id == datetime(2027, 1, 7, 19, tzinfo=AUCKLAND)
    assert moved.title == "Early check-in" and moved.location == Location(name="Aro Park")
    assert moved.online == "https://meet.example.org/newtown-park" and moved.description == "Bring a rug."
    assert moved.status == "confirmed"


def test_a_cancelled_change_keeps_the_occurrence_marked_cancelled(events):
    event = events["thursday-check-in"]
    found = occurrences(event, utc(2027, 1, 12), utc(2027, 1, 22))
    assert [(o.start.date(), o.status, o.changed) for o in found] == [
        (date(2027, 1, 14), "cancelled", True), (date(2027, 1, 21), "confirmed", False)]
    assert found[0].cancelled and not found[1].cancelled
    # unchanged fields come from the event
    assert found[0].title == event.title and found[0].location == event.location
    assert found[0].start == datetime(2027, 1, 14, 19, tzinfo=AUCKLAND)
    assert found[0].recurrence_id == found[0].start


def test_a_change_is_found_where_it_moved_to_not_where_it_was():
    moved = Change(date=date(2027, 2, 4), start=datetime(2027, 2, 9, 19, tzinfo=LONDON),
                   end=datetime(2027, 2, 9, 21, tzinfo=LONDON))
    event = series("FREQ=WEEKLY;BYDAY=TH", datetime(2027, 1, 7, 19), datetime(2027, 1, 7, 21), changes=[moved])
    assert occurrences(event, utc(2027, 2, 3), utc(2027, 2, 6)) == []
    found = occurrences(event, utc(2027, 2, 8), utc(2027, 2, 10))
    assert local_times(found) == ["2027-02-09 19:00"] and found[0].changed


def test_a_change_of_start_alone_keeps_the_length():
    later = Change(date=date(2027, 2, 4), start=datetime(2027, 2, 4, 20, 30, tzinfo=LONDON))
    event = series("FREQ=WEEKLY;BYDAY=TH", datetime(2027, 1, 7, 19), datetime(2027, 1, 7, 21), changes=[later])
    (found,) = occurrences(event, utc(2027, 2, 4), utc(2027, 2, 5))
    assert (f"{found.start:%H:%M}", f"{found.end:%H:%M}") == ("20:30", "22:30")


def test_a_cancelled_event_gives_cancelled_occurrences(events):
    (picnic,) = occurrences(events["cancelled-picnic"], *ALL_TIME)
    assert picnic.cancelled and picnic.recurrence_id is None and not picnic.changed
    event = series("FREQ=WEEKLY;COUNT=3", datetime(2027, 1, 7, 19), datetime(2027, 1, 7, 21), status="cancelled")
    assert [o.status for o in occurrences(event, *ALL_TIME)] == ["cancelled"] * 3


# -- rules ------------------------------------------------------------------------------------


def test_monthly_first_thursday_with_a_count(events):
    found = occurrences(events["first-thursday"], *ALL_TIME)
    assert [o.start.date() for o in found] == [date(2026, 12, 3), date(2027, 1, 7), date(2027, 2, 4),
                                               date(2027, 3, 4), date(2027, 4, 1), date(2027, 5, 6)]
    assert {f"{o.start:%H:%M}-{o.end:%H:%M}" for o in found} == {"18:30-20:00"}


def test_last_friday_from_a_raw_rrule_until_a_date_includes_that_day(events):
    found = occurrences(events["last-friday-circle"], *ALL_TIME)
    assert [o.start.date() for o in found] == [date(2026, 12, 25), date(2027, 1, 29), date(2027, 2, 26),
                                               date(2027, 3, 26), date(2027, 4, 30), date(2027, 5, 28),
                                               date(2027, 6, 25)]
    assert {f"{o.start:%H:%M}" for o in found} == {"20:00"}
    assert {o.status for o in found} == {"tentative"}


def test_a_weekly_series_until_a_thursday_includes_that_thursday(events):
    found = occurrences(events["thursday-check-in"], *ALL_TIME)
    assert found[-1].start == datetime(2027, 3, 25, 19, tzinfo=AUCKLAND)
    assert len(found) == 17 - 1  # 17 Thursdays from 2026-12-03 to 2027-03-25, less the exception
    dates = [o.recurrence_id.date() for o in found]
    assert date(2026, 12, 24) not in dates and len(set(dates)) == len(dates)


def test_an_infinite_series_far_in_the_future_is_expanded_only_where_asked():
    event = series("FREQ=DAILY", datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 10))
    found = occurrences(event, utc(2090, 6, 1), utc(2090, 6, 4))
    assert local_times(found) == ["2090-06-01 09:00", "2090-06-02 09:00", "2090-06-03 09:00"]


# -- all-day occurrences and windows ------------------------------------------------------------


def test_all_day_occurrences_are_dates_with_an_exclusive_end():
    event = series("FREQ=MONTHLY;COUNT=3", date(2027, 1, 30), date(2027, 2, 1))  # 30th and 31st
    found = occurrences(event, *ALL_TIME)
    # February has no 30th: RFC 5545 skips it
    assert [(o.start, o.end) for o in found] == [(date(2027, 1, 30), date(2027, 2, 1)),
                                                 (date(2027, 3, 30), date(2027, 4, 1)),
                                                 (date(2027, 4, 30), date(2027, 5, 2))]
    assert all(o.all_day and o.recurrence_id == o.start for o in found)


def test_an_all_day_event_is_compared_with_the_window_in_its_own_zone(events):
    retreat = events["summer-retreat"]  # 2027-01-22 .. 2027-01-24 in Wellington: from 2027-01-21 11:00 UTC
    assert occurrences(retreat, utc(2027, 1, 21, 10), utc(2027, 1, 21, 11)) == []
    (found,) = occurrences(retreat, utc(2027, 1, 21, 10), utc(2027, 1, 21, 11, 1))
    assert (found.start, found.end) == (date(2027, 1, 22), date(2027, 1, 25))
    assert utc_start(found) == utc(2027, 1, 21, 11) and utc_end(found) == utc(2027, 1, 24, 11)
    assert occurrences(retreat, utc(2027, 1, 24, 11), utc(2027, 2, 1)) == []
    assert len(occurrences(retreat, utc(2027, 1, 24, 10, 59), utc(2027, 2, 1))) == 1  # still on


def test_a_window_keeps_an_occurrence_under_way():
    event = one_off(datetime(2027, 5, 7, 18), datetime(2027, 5, 9, 14))
    assert len(occurrences(event, utc(2027, 5, 8), utc(2027, 5, 8, 1))) == 1
    assert occurrences(event, utc(2027, 5, 9, 13), utc(2027, 5, 10)) == []  # ended 13:00 UTC
    assert occurrences(event, utc(2027, 5, 1), utc(2027, 5, 7, 17)) == []  # starts 17:00 UTC


# -- several events, and what comes next --------------------------------------------------------


def test_occurrences_between_sorts_by_utc_start_then_slug():
    london = one_off(datetime(2027, 2, 4, 19), datetime(2027, 2, 4, 20), slug="b-london")
    auckland = one_off(datetime(2027, 2, 5, 8), datetime(2027, 2, 5, 9), zone="Pacific/Auckland", slug="c-auckland")
    also_london = one_off(datetime(2027, 2, 4, 19), datetime(2027, 2, 4, 21), slug="a-london")
    earlier = one_off(datetime(2027, 2, 4, 18), datetime(2027, 2, 4, 19), zone="Europe/Madrid", slug="z-madrid")
    found = occurrences_between([london, auckland, also_london, earlier], utc(2027, 2, 1), utc(2027, 2, 10))
    # Auckland 08:00 NZDT on the 5th is 19:00 UTC on the 4th, like London's two
    assert [o.event.slug for o in found] == ["z-madrid", "a-london", "b-london", "c-auckland"]


def test_next_occurrences(events):
    event = events["thursday-check-in"]
    found = next_occurrences(event, utc(2026, 12, 10, 7), 3)  # 20:00 NZDT, during the 10 Dec check-in
    assert [o.start.date() for o in found] == [date(2026, 12, 10), date(2026, 12, 17), date(2026, 12, 31)]
    assert [o.start.date() for o in next_occurrences(event, utc(2027, 3, 20), 5)] == [date(2027, 3, 25)]
    assert next_occurrences(event, utc(2027, 3, 26), 5) == [] and next_occurrences(event, utc(2026, 1, 1), 0) == []
    endless = next_occurrences(events["hackney-thursdays"], utc(2090, 1, 1), 2)
    assert [o.start.date() for o in endless] == [date(2090, 1, 5), date(2090, 1, 12)]


def test_next_occurrences_sees_a_change_moved_earlier():
    early = Change(date=date(2027, 3, 4), start=datetime(2027, 2, 2, 19, tzinfo=LONDON),
                   end=datetime(2027, 2, 2, 20, tzinfo=LONDON))
    event = series("FREQ=WEEKLY;BYDAY=TH", datetime(2027, 1, 7, 19), datetime(2027, 1, 7, 21), changes=[early])
    found = next_occurrences(event, utc(2027, 2, 1), 2)
    assert local_times(found) == ["2027-02-02 19:00", "2027-02-04 19:00"]
    assert found[0].recurrence_id == datetime(2027, 3, 4, 19, tzinfo=LONDON)


def test_next_occurrence_of_a_single_event(events):
    (picnic,) = next_occurrences(events["cancelled-picnic"], utc(2027, 1, 1), 3)
    assert picnic.start == datetime(2027, 5, 1, 12, tzinfo=ZoneInfo("Europe/Madrid"))
    assert next_occurrences(events["cancelled-picnic"], utc(2027, 6, 1), 3) == []
