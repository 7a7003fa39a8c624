"""The VTIMEZONEs of the feeds, read back by other parsers, agree with zoneinfo to the minute."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

import calendar_parsers
import icalendar
import pytest
from calendar_parsers import zone_times
from dateutil.tz import tzical

from generator.core.clock_changes import changes_between, kind
from generator.feeds.timezones import utc_like, vtimezone

UTC = timezone.utc

# The fixture's zones, both hemispheres, a half-hour zone, zones without summer time, and zones
# whose rules shift (Santiago, Gaza, Havana, Lord Howe's half-hour change, Chatham's :45).
ZONES = ["Europe/London", "Pacific/Auckland", "America/New_York", "Europe/Madrid", "Europe/Lisbon",
         "Asia/Kolkata", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Chatham",
         "America/Santiago", "Asia/Gaza", "America/Havana", "Etc/UTC", "Australia/Adelaide"]


def offsets_disagree(tzid: str, parsed, first: int, last: int) -> list[datetime]:
    """Moments where the parsed zone and zoneinfo give different UTC offsets: compared once a
    day, and minute by minute through every day on which either of them changes."""
    zone = ZoneInfo(tzid)

    def both(moment):
        return moment.astimezone(parsed).utcoffset(), moment.astimezone(zone).utcoffset()

    day = datetime(first, 1, 1, tzinfo=UTC) + timedelta(hours=14)  # 1 January has begun everywhere
    end = datetime(last + 1, 1, 1, tzinfo=UTC) - timedelta(hours=14)
    wrong = []
    while day < end:
        following = day + timedelta(days=1)
        (a, b), (c, d) = both(day), both(following)
        if a != b:
            wrong.append(day)
        if a != c or b != d:
            wrong += [m for m in (day + timedelta(minutes=i) for i in range(1, 24 * 60))
                      if len(set(both(m))) != 1]
        day = following
    return wrong


@pytest.mark.parametrize("tzid", ZONES)
def test_dateutil_reads_the_same_offsets_as_zoneinfo(tzid):
    text = vtimezone(tzid, 2026, 2028).to_ical().decode()
    parsed = tzical(io.StringIO(text)).get(tzid)
    assert offsets_disagree(tzid, parsed, 2026, 2028) == []


@pytest.mark.parametrize("tzid", ZONES + ["Africa/Casablanca"])
def test_icalendar_reads_the_same_offsets_as_zoneinfo(tzid):
    parsed = icalendar.Timezone.from_ical(vtimezone(tzid, 2026, 2028).to_ical()).to_tz()
    assert offsets_disagree(tzid, parsed, 2026, 2028) == []


def test_a_regular_zone_is_two_yearly_rules_like_outlook_writes():
    lines = vtimezone("Pacific/Auckland", 2026, 2027).to_ical().decode().split("\r\n")
    assert lines.count("BEGIN:STANDARD") == 1 and lines.count("BEGIN:DAYLIGHT") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=9" in lines  # last Sunday, not "4th Sunday"
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4" in lines
    assert not any(line.startswith("RDATE") for line in lines)


def test_the_onset_is_written_in_the_offset_before_the_change():
    # Berlin moves from 02:00 CET to 03:00 CEST: RFC 5545 wants DTSTART 02:00 with TZOFFSETFROM
    # +0100 (icalendar's own generator writes 03:00, an hour late for every other parser).
    text = vtimezone("Europe/Berlin", 2026, 2026).to_ical().decode()
    daylight = text[text.index("BEGIN:DAYLIGHT"):text.index("END:DAYLIGHT")]
    assert "DTSTART:20260329T020000" in daylight and "TZOFFSETFROM:+0100" in daylight


def test_a_zone_without_a_rule_has_one_observance_per_change_in_the_window_only():
    # Morocco's clocks follow Ramadan: no yearly rule. Not RDATE lists, which ical.js reads an
    # hour off on some dates: one observance for each change, and only within the window.
    text = vtimezone("Africa/Casablanca", 2026, 2027).to_ical().decode()
    assert "RRULE" not in text and "RDATE" not in text
    changes = [at for at in changes_between("Africa/Casablanca", 2026, 2027) if 2026 <= at.year <= 2027]
    assert text.count("DTSTART:") == len(changes) + 1  # and the state on 1 January
    assert "2028" not in text.replace("COMMENT", "")


def _probes(tzid: str, first: int, last: int):
    """UTC instants around each change (a second before, at it, hours either side) and once a
    month; and the local wall times of those instants that happen exactly once."""
    zone = ZoneInfo(tzid)
    begin = datetime(first, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    instants = {int(begin.timestamp()) + 43200 + day * 86400 for day in range(0, (end - begin).days, 29)}
    for at in changes_between(tzid, first, last):
        if begin <= at < end:
            second = int(at.timestamp())
            instants |= {second - 1, second, second + 1, second - 6 * 3600, second + 6 * 3600}
    instants = sorted(instants)
    walls, wall_instants = [], []
    for second in instants:
        local = datetime.fromtimestamp(second, UTC).astimezone(zone).replace(tzinfo=None)
        if kind(local, zone) is None:
            walls.append(local.strftime("%Y-%m-%dT%H:%M:%S"))
            wall_instants.append(int(local.replace(tzinfo=zone).timestamp()))
    local_of = [datetime.fromtimestamp(s, UTC).astimezone(zone).strftime("%Y-%m-%dT%H:%M:%S") for s in instants]
    return instants, local_of, walls, wall_instants


def test_every_zone_in_tzdata_reads_the_same_in_libical_and_icaljs():
    """For every zone: each local time an event can have is the same instant in libical and
    ical.js as in zoneinfo, and each instant the same local time in libical. (ical.js turns
    UTC into local time with a known slip, `Timezone.convert_time` looking the UTC fields up
    as local ones, up to a few hours after each change whatever the VTIMEZONE says; event times
    in the feeds are local times, read the other way, which is what is compared for it.)"""
    calendar_parsers.require_parsers()
    wrong = {}
    zones = sorted(available_timezones() - {"Factory"})
    for tzid in zones:
        if utc_like(tzid):
            continue
        text = vtimezone(tzid, 2026, 2028).to_ical()
        instants, local_of, walls, wall_instants = _probes(tzid, 2026, 2028)
        for parser in ("libical", "ical.js"):
            read = zone_times(parser, text, instants, walls)
            bad = [w for w, got, want in zip(walls, read["instants"], wall_instants) if got != want]
            if parser == "libical":
                bad += [s for s, got, want in zip(instants, read["walls"], local_of) if got != want]
            if bad:
                wrong[(tzid, parser)] = bad[:3]
    assert len(zones) > 400
    assert wrong == {}


def test_same_arguments_same_bytes():
    assert vtimezone("Europe/London", 2026, 2030).to_ical() == vtimezone("Europe/London", 2026, 2030).to_ical()
