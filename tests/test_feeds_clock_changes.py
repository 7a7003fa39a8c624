"""Series that meet a change of the clocks, in awkward zones: the pages, the JSON-LD, `handbook
check` and every parser of the feeds say the same thing.

The fixture (tests/fixtures/site_clocks) has a weekly 01:30 in London and Dublin (Dublin's
summer time is its standard time: a negative DST), which meets both the spring gap and the
autumn overlap; a Saturday 23:30 with `duration: 1h` in Santiago (the clocks skip midnight);
a Sunday 02:30 in Casablanca (changes that follow Ramadan, no yearly rule); a daily 01:45 on
Lord Howe Island (a half-hour change); a Sunday 02:45 on the Chatham Islands (a change at :45);
a weekly midnight supper in São Paulo (no summer time since 2019); a monthly overnight vigil
in London (20:00 to 08:00 on the last Saturday, the night the clocks move in March and
October) and one in New York; and cancelled gatherings.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import calendar_parsers
import pytest
from calendar_parsers import every_parser, stamp
from sitebuild import FIXED_EPOCH, handbook
from test_feeds_checks import check_calendar, content_lines

from generator.core import recurrence
from generator.core.clock_changes import GAP, kind

UTC = timezone.utc
START, END = datetime(2026, 6, 1, tzinfo=UTC), datetime(2028, 2, 1, tzinfo=UTC)
HOST = "fixture.example"


@pytest.fixture(scope="module")
def site(built_fixture):
    return built_fixture("site_clocks")


@pytest.fixture(scope="module")
def content(site):
    return site.content()


def from_pages(content, slugs) -> set[tuple]:
    """What the pages show, in the parsers' form (a cancelled title says so in a feed)."""
    events = [content.events[slug] for slug in slugs]
    return {(f"{o.event.slug}@{HOST}", stamp(o.start), stamp(o.end), o.status,
             ("Cancelled: " if o.cancelled else "") + o.title)
            for o in recurrence.occurrences_between(events, START, END)}


def after_a_gap(content) -> set[tuple[str, date]]:
    """(uid, date) of each date that follows a date whose rule's time the clocks skip: libical
    3.0 carries the skipped hour over to that one next date (libical#318 and its kin; sabre/vobject
    #648 has the same bug), which no feed can prevent while the series is one RRULE."""
    found = set()
    for event in content.events.values():
        if event.repeat is None or event.all_day:
            continue
        zone = ZoneInfo(event.timezone)
        starts = list(recurrence.rule_for(event.repeat.rrule, event.start).between(
            START.replace(tzinfo=None), END.replace(tzinfo=None), inc=True))
        for before, after in zip(starts, starts[1:]):
            if kind(before, zone) == GAP:
                found.add((f"{event.slug}@{HOST}", after.date()))
    return found


def local_day(occurrence: tuple, content) -> date:
    zone = ZoneInfo(content.events[occurrence[0].split("@")[0]].timezone)
    return datetime.fromisoformat(occurrence[1].replace("Z", "+00:00")).astimezone(zone).date()


def test_every_parser_gives_every_feed_what_the_pages_show(site, content):
    calendar_parsers.require_parsers()
    leap = after_a_gap(content)
    assert len(leap) == 4  # London, Dublin (28 March), Casablanca (14 March), Chatham (26 September)
    counted = {"recurring-ical-events": 0, "libical": 0, "ical.js": 0}
    libical_leaps = set()
    for path in site.feeds():
        data = path.read_bytes()
        calendar = check_calendar(data)
        slugs = {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}
        expected = from_pages(content, slugs)
        for parser, found in every_parser(data, START, END).items():
            if parser == "libical":
                odd = found ^ expected
                libical_leaps |= {(o[0], local_day(o, content)) for o in odd}
                found = {o for o in found if (o[0], local_day(o, content)) not in leap}
                expected_here = {o for o in expected if (o[0], local_day(o, content)) not in leap}
                assert found == expected_here, (path.name, sorted(found ^ expected_here)[:4])
                counted[parser] += len(found)
                continue
            assert found == expected, (path.name, parser, sorted(found - expected)[:3], sorted(expected - found)[:3])
            counted[parser] += len(found)
    # libical differs on those dates and on no other.
    assert libical_leaps <= leap and libical_leaps
    print("occurrences agreeing with the pages:", counted)
    assert counted["ical.js"] == counted["recurring-ical-events"] > 2000


def test_a_time_the_clocks_skip_moves_the_gathering_keeping_its_length(content):
    by_day = {o.start.date(): o for o in recurrence.occurrences(content.events["london-small-hours"], START, END)}
    spring = by_day[date(2027, 3, 28)]
    assert (spring.start.hour, spring.start.minute, spring.end.hour, spring.end.minute) == (2, 30, 3, 30)
    assert spring.end.astimezone(UTC) - spring.start.astimezone(UTC) == timedelta(hours=1)
    autumn = by_day[date(2027, 10, 31)]  # 01:30 happens twice: the first, in summer time
    assert autumn.start.utcoffset() == timedelta(hours=1) and autumn.start.hour == 1
    assert autumn.end.hour == 2 and autumn.end.minute == 30  # ends when the clock says 02:30
    cancelled = by_day[date(2027, 1, 3)]
    assert cancelled.cancelled


def test_no_date_of_any_series_is_empty_or_stretched(content):
    checked = 0
    for event in content.events.values():
        zone = ZoneInfo(event.timezone)
        for o in recurrence.occurrences(event, START, END):
            start, end = o.start.astimezone(zone), o.end.astimezone(zone)
            # (In UTC: Python compares two times of one zone by their clocks.)
            assert end.astimezone(UTC) > start.astimezone(UTC), (event.slug, start, end)
            if event.duration is not None:  # time that passes
                assert end.astimezone(UTC) - start.astimezone(UTC) == event.duration, (event.slug, start, end)
            else:  # hours on the clock, as the file says, from where the start really is
                written = event.end.replace(tzinfo=None) - event.start.replace(tzinfo=None)
                assert end.replace(tzinfo=None) - start.replace(tzinfo=None) == written, (event.slug, start, end)
            checked += 1
    assert checked > 700


def test_a_duration_across_santiagos_midnight_gap_stays_an_hour(content):
    event = content.events["santiago-late"]
    lengths = {o.end.astimezone(UTC) - o.start.astimezone(UTC) for o in recurrence.occurrences(event, START, END)}
    assert lengths == {timedelta(hours=1)}
    night = [o for o in recurrence.occurrences(event, START, END) if o.start.date() == date(2027, 9, 4)][0]
    assert night.end.astimezone(ZoneInfo("America/Santiago")).hour == 1  # 23:30 -04 + 1h = 01:30 -03


def test_an_overnight_vigil_ends_at_eight_whatever_the_clocks_did(site, content):
    for slug, zone, night in (("london-vigil", "Europe/London", date(2027, 3, 27)),
                              ("london-vigil", "Europe/London", date(2027, 10, 30)),
                              ("new-york-vigil", "America/New_York", date(2027, 3, 13))):
        data = (site.site / f"events/{slug}.ics").read_bytes()
        for parser, found in every_parser(data, START, END).items():
            ends = [datetime.fromisoformat(o[2].replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
                    for o in found if local_day(o, content) == night]
            assert [(e.date(), e.hour, e.minute) for e in ends] == [(night + timedelta(days=1), 8, 0)], (slug, parser)


def test_the_day_page_and_json_ld_show_the_same_times(site):
    # 28 March 2027 is a busy day (the daily dawn watch too): the month grid links its page.
    page = site.html("events/2027/03/28/")
    text = page.get_text(" ")
    assert "02:30–03:30 BST" in text  # the small hours on 28 March, moved by the gap
    assert "02:30–02:30" not in text
    event_page = site.html("events/london-small-hours/")
    data = json.loads(event_page.select_one("script[type='application/ld+json']").string)
    items = data if isinstance(data, list) else [data]
    starts = {item["startDate"]: item["endDate"] for item in items}
    assert starts["2027-03-28T02:30:00+01:00"] == "2027-03-28T03:30:00+01:00"
    assert starts["2027-10-31T01:30:00+01:00"] == "2027-10-31T02:30:00+00:00"


def test_a_reader_is_told_why_a_date_shows_another_time(site, content):
    # The weekly 01:30 in London, on the night the clocks skip 01:00-02:00: shown at 02:30.
    day = site.html("events/2027/03/28/")
    entries = {li.select_one(".hb-entry__title a")["href"].rstrip("/").rsplit("/", 1)[-1]: li.get_text(" ", strip=True)
               for li in day.select("li.hb-entry")}
    assert "(the clocks go forward that night and skip 01:30, so it starts at 02:30)" in entries["london-small-hours"]
    # Exactly the gatherings whose own time the clocks skip that night say so, and no others.
    for slug, text in entries.items():
        event = content.events[slug]
        zone = ZoneInfo(event.timezone)
        nominal = datetime.combine(date(2027, 3, 28), event.start.astimezone(zone).time())
        assert ("the clocks go forward" in text) == (event.repeat is not None and kind(nominal, zone) == GAP), (slug, text)
    # Casablanca's clocks go back for Ramadan on 7 February 2027, 03:00 -> 02:00: its Sunday 02:30
    # comes twice, and the page says which one it is.
    casablanca = site.html("events/2027/02/07/").get_text(" ", strip=True)
    assert "show 02:30 twice: this is the first, before they go back" in casablanca


def test_a_date_the_clocks_show_twice_is_the_first_and_says_so():
    from generator.calendar.text import clock_change
    london = ZoneInfo("Europe/London")
    series = datetime(2026, 11, 1, 1, 30, tzinfo=london)  # weekly
    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 01:30 BST, before the clocks go back
    assert clock_change(series, first, "Europe/London") == (
        "the clocks go back that night and show 01:30 twice: this is the first, before they go back")
    assert clock_change(series, datetime(2027, 11, 7, 1, 30, tzinfo=UTC), "Europe/London") == ""
    # A date a `changes` entry gave another time is not explained by the clocks.
    assert clock_change(series, datetime(2027, 3, 28, 9, 0, tzinfo=UTC), "Europe/London") == ""
    # Lord Howe Island's half-hour change: 02:15 is skipped, so 02:45.
    lord_howe = datetime(2026, 6, 7, 2, 15, tzinfo=ZoneInfo("Australia/Lord_Howe"))
    skipped = clock_change(lord_howe, datetime(2026, 10, 3, 15, 45, tzinfo=UTC), "Australia/Lord_Howe")
    assert skipped == "the clocks go forward that night and skip 02:15, so it starts at 02:45", skipped


def test_the_feed_never_writes_a_local_time_the_clocks_skip_or_repeat(site):
    lines = content_lines((site.site / "events/london-small-hours.ics").read_bytes())
    assert "DTSTART;TZID=Europe/London:20270328T023000" in lines  # moved, and a real local time
    assert "DTSTART:20271031T003000Z" in lines  # the first 01:30 of 31 October, in UTC
    # The overrides name their dates as the rule gives them, as each app names its own instance.
    assert "RECURRENCE-ID;TZID=Europe/London:20270328T013000" in lines
    assert "RECURRENCE-ID;TZID=Europe/London:20271031T013000" in lines


def test_a_cancelled_gathering_reads_as_cancelled_without_status(site):
    lines = content_lines((site.site / "events/new-york-autumn-vigil.ics").read_bytes())
    assert "SUMMARY:Cancelled: Autumn vigil\\, cancelled" in lines
    assert "STATUS:CANCELLED" in lines and "TRANSP:TRANSPARENT" in lines
    assert "X-MICROSOFT-CDO-BUSYSTATUS:FREE" in lines
    assert f"UID:new-york-autumn-vigil@{HOST}" in lines
    series = content_lines((site.site / "events/london-small-hours.ics").read_bytes())
    assert "SUMMARY:Cancelled: Small hours check-in" in series
    assert series.count("X-MICROSOFT-CDO-BUSYSTATUS:FREE") == 1  # the one cancelled date
    assert "METHOD:PUBLISH" not in series


def test_check_warns_about_each_date_with_its_file_and_line(site):
    env = {"SOURCE_DATE_EPOCH": FIXED_EPOCH}
    done = handbook("check", str(site.project), env=env)
    assert done.returncode == 0, done.stdout + done.stderr  # a warning, not an error
    lines = done.stdout.splitlines()
    assert "Traceback" not in done.stderr
    london = [line for line in lines if line.startswith("content/events/london-small-hours.yml:3: warning: ")]
    assert len(london) == 2
    assert "Sunday 28 March 2027" in london[0] and "does not exist in Europe/London" in london[0]
    assert "02:30–03:30 BST" in london[0] and "date: 2027-03-28" in london[0]
    assert "Sunday 31 October 2027" in london[1] and "happens twice" in london[1]
    warned = {line.split(":")[0] for line in lines}
    assert warned == {"content/events/" + name for name in (
        "casablanca-sundays.yml", "chatham-sundays.yml", "dublin-small-hours.yml", "london-small-hours.yml",
        "lord-howe-dawn.yml", "santiago-late.yml")}
    # The vigils cross a change but no time of theirs is skipped or repeated: nothing to warn.
    github = handbook("check", "--format", "github", str(site.project), env=env)
    assert github.stdout.startswith("::warning file=content/events/casablanca-sundays.yml,line=3,")
