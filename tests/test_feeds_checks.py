"""Checks every iCalendar file must pass, whichever test made it: parsed by three independent
parsers, and read line by line as RFC 5545 asks (CRLF, folding by octets, one VTIMEZONE per TZID).

The other feed tests import these helpers; the tests at the end show that each check catches
what it is meant to catch.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import calendar_parsers
import icalendar
import pytest
import vobject

_TZID_PARAM = re.compile(rb";TZID=([^;:]+)[;:]")


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    lines = data[:-2].split(b"\r\n")
    for number, line in enumerate(lines, 1):
        assert b"\n" not in line and b"\r" not in line, f"line {number}: a bare LF or CR"
        assert len(line) <= 75, f"line {number} has {len(line)} octets: {line!r}"
        # A fold inside a UTF-8 character would leave half a character on each side.
        line.decode("utf-8")
    return lines


def content_lines(data: bytes) -> list[str]:
    """The unfolded content lines (RFC 5545, 3.1)."""
    unfolded: list[bytes] = []
    for line in physical_lines(data):
        if line[:1] in (b" ", b"\t"):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    return [line.decode("utf-8") for line in unfolded]


def check_calendar(data: bytes) -> icalendar.Calendar:
    """Parse with icalendar, recurring-ical-events, vobject, libical and ical.js; check structure
    and libical's restriction check; ical.js must expand what recurring-ical-events expands.
    Returns icalendar's."""
    lines = content_lines(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()
    # Independently of icalendar: every TZID parameter names a VTIMEZONE of this file.
    used = {match.decode() for match in _TZID_PARAM.findall("\r\n".join(lines).encode())}
    defined = [line[len("TZID:"):] for line in lines if line.startswith("TZID:")]
    assert len(defined) == len(set(defined)), "a VTIMEZONE appears twice"
    assert used <= set(defined), f"TZIDs without a VTIMEZONE: {used - set(defined)}"
    # No floating times: every DATE-TIME value has a TZID or is UTC.
    for line in lines:
        name = re.split(r"[;:]", line, maxsplit=1)[0]
        if name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE") and not _inside_vtimezone(lines, line):
            value = line.rsplit(":", 1)[1]
            if "T" in value:
                assert ";TZID=" in line or all(v.endswith("Z") for v in value.split(",")), line
    keys = [(str(e["UID"]), str(e.get("RECURRENCE-ID").to_ical() if e.get("RECURRENCE-ID") else ""))
            for e in calendar.walk("VEVENT")]
    assert len(keys) == len(set(keys)), "a UID (or UID + RECURRENCE-ID) appears twice"
    parsed = vobject.readOne(data.decode("utf-8"))
    parsed.validate()
    assert len(getattr(parsed, "vevent_list", [])) == len(keys)
    # Every parser expands every series without error (bounded: a series may have no end), and
    # libical's restriction check (RFC 5546, as Evolution and Cyrus run it) finds nothing.
    low, high = datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2040, 1, 1, tzinfo=timezone.utc)
    expanded = calendar_parsers.recurring(data, low, high)
    _, restrictions = calendar_parsers.libical(data, low, high)
    assert restrictions == [], restrictions
    by_icaljs = calendar_parsers.icaljs(data, low, high)
    assert by_icaljs == expanded, (sorted(by_icaljs - expanded)[:3], sorted(expanded - by_icaljs)[:3])
    return calendar


def _inside_vtimezone(lines: list[str], target: str) -> bool:
    inside = False
    for line in lines:
        if line == "BEGIN:VTIMEZONE":
            inside = True
        elif line == "END:VTIMEZONE":
            inside = False
        if line is target:
            return inside
    return False


def vevent_blocks(data: bytes) -> dict[str, list[str]]:
    """The physical lines of each UID's VEVENTs (the series and its overrides together)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in data.decode("utf-8").split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = [line]
        elif current is not None:
            current.append(line)
            if line == "END:VEVENT":
                uid = next(prop[4:] for prop in _unfold(current) if prop.startswith("UID:"))
                blocks.setdefault(uid, []).extend(current)
                current = None
    return blocks


def _unfold(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.startswith((" ", "\t")):
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------------------------------------
# The checks themselves fail on broken files

GOOD = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
    b"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:STANDARD\r\nDTSTART:20260101T000000\r\n"
    b"TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    b"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260101T000000Z\r\n"
    b"DTSTART;TZID=Europe/London:20260102T190000\r\nSUMMARY:Hello\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


def test_libicals_restriction_check_is_run():
    # METHOD:PUBLISH asks an ORGANIZER of every event (RFC 5546): the check must see that.
    published = GOOD.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n")
    with pytest.raises(AssertionError, match="ORGANIZER"):
        check_calendar(published)


def test_a_good_calendar_passes():
    assert len(check_calendar(GOOD).walk("VEVENT")) == 1


_VEVENT = GOOD[GOOD.index(b"BEGIN:VEVENT"):GOOD.index(b"END:VCALENDAR")]


@pytest.mark.parametrize("broken, message", [
    (GOOD.replace(b"SUMMARY:Hello\r\n", b"SUMMARY:Hello\n"), "bare LF"),
    (GOOD.replace(b"SUMMARY:Hello", b"SUMMARY:" + b"x" * 80), "octets"),
    (GOOD.replace(b"TZID:Europe/London\r\n", b"TZID:Europe/Paris\r\n"), None),
    (GOOD.replace(b"DTSTART;TZID=Europe/London:20260102T190000", b"DTSTART:20260102T190000"), "DTSTART"),
    (GOOD.replace(_VEVENT, _VEVENT * 2), "twice"),
])
def test_a_broken_calendar_fails(broken, message):
    with pytest.raises(AssertionError, match=message):
        check_calendar(broken)


def test_a_fold_inside_a_character_is_caught():
    text = "SUMMARY:" + "é" * 40
    raw = text.encode()
    folded = raw[:75] + b"\r\n " + raw[75:]  # octet 75 falls inside an "é"
    broken = GOOD.replace(b"SUMMARY:Hello", folded)
    with pytest.raises(UnicodeDecodeError):
        physical_lines(broken)
