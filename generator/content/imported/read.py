"""Reading a fetched feed: bytes to an `icalendar.Calendar` with its times in real zones.

`icalendar` parses (and finds zones: IANA names, Outlook's Windows names such as "W. Europe
Standard Time" through the table it ships, the VTIMEZONEs a feed carries); `x_wr_timezone` turns
Google's UTC times plus X-WR-TIMEZONE into local times in that zone, which is what keeps a weekly
19:00 at 19:00 across a change of the clocks. What is left here: refusing what is not a calendar,
with a message an editor can act on, and naming each time's zone as an IANA name (`zone_name`),
because the rest of the site keeps zones by name.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, timezone

import icalendar
import x_wr_timezone
from icalendar.timezone.tzid import tzid_from_dt
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..formats import available_timezones


class ReadError(Exception):
    """Why the bytes are not a calendar this site can read, as one sentence."""


def read(raw: bytes) -> icalendar.Calendar:
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if not start.startswith(b"BEGIN:VCALENDAR"):
        shown = " ".join("".join(c if c.isprintable() else " " for c in raw.lstrip()[:30].decode("utf-8", "replace")).split())
        kind = "a web page" if shown.lower().startswith(("<!doctype", "<html")) else f"`{shown}`"
        raise ReadError(f"is not an iCalendar feed (it starts with {kind})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # RFC 5545 says UTF-8; some old exporters did not listen
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a guessed zone is used as guessed; noise in a build log
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as err:
        raise ReadError(f"cannot be read as iCalendar ({_short(err)})") from None
    if not calendars:
        raise ReadError("holds no VCALENDAR")
    try:
        return x_wr_timezone.to_standard(calendars[0])
    except (ValueError, KeyError, TypeError) as err:
        raise ReadError(f"has an X-WR-TIMEZONE that cannot be applied ({_short(err)})") from None


def zone_name(when: date | datetime) -> str | None:
    """The IANA name of a time's zone; None for a date, a floating time, or a zone that has no
    IANA name (a feed's own VTIMEZONE under a made-up TZID)."""
    if not isinstance(when, datetime) or when.tzinfo is None:
        return None
    if when.utcoffset() == timezone.utc.utcoffset(None) and when.tzinfo in (timezone.utc,):
        return "UTC"
    found = tzid_from_dt(when)
    if not found:
        return None
    if found in available_timezones():
        return found
    if found.upper() in ("UTC", "Z", "GMT"):
        return "UTC"
    mapped = WINDOWS_TO_OLSON.get(found.strip())
    return mapped if mapped in available_timezones() else None


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 160 else text[:159] + "…"
