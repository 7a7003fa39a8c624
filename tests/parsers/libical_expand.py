"""Expands iCalendar files with libical (the parser of Evolution), for the feed tests.

Run with the system's Python (/usr/bin/python3), which has the GObject bindings of libical.
One request a line on stdin, as JSON: {"ics": "...", "start": ISO, "end": ISO}; one answer a
line on stdout: {"occurrences": [[uid, start, end, status, summary], ...], "restrictions": [...]}
or {"error": "..."}. `restrictions` holds what libical's RFC 5546 restriction check says is
wrong, and every parse error it marks (X-LIC-ERROR).

libical expands one VEVENT's RRULE, RDATE and EXDATE; an override (RECURRENCE-ID) replaces the
instance whose start is the same instant, as Evolution does with detached instances.
"""

import json
import sys
from datetime import date, datetime, timezone

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

UTC = timezone.utc


def instant(value):
    """A time as (is_date, value): a date, or UTC seconds."""
    if value.is_date():
        return True, date(value.get_year(), value.get_month(), value.get_day()).isoformat()
    zone = value.get_timezone() or I.Timezone.get_utc_timezone()
    return False, value.as_timet_with_zone(zone)


def recurrence_id(calendar, vevent):
    """The RECURRENCE-ID in its zone: the component's getter leaves the TZID out."""
    prop = vevent.get_first_property(I.PropertyKind.RECURRENCEID_PROPERTY)
    value = prop.get_recurrenceid()
    tzid = prop.get_parameter_as_string("TZID")
    if tzid and not value.is_date() and not value.is_utc():
        zone = calendar.get_timezone(tzid)
        if zone is None:
            raise ValueError(f"RECURRENCE-ID names a zone the calendar lacks: {tzid}")
        value.set_timezone(zone)
    return value


def text(is_date, value):
    if is_date:
        return value
    return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def errors_of(component, found):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.as_ical_string().strip())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors_of(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)


def prop_text(component, kind):
    prop = component.get_first_property(kind)
    return "" if prop is None else prop.get_value_as_string()


def expand(ics, start, end):
    calendar = I.Component.new_from_string(ics)
    if calendar is None:
        raise ValueError("libical could not parse the calendar")
    problems = []
    errors_of(calendar, problems)  # parse errors first: the check adds its own after
    calendar.check_restrictions()
    restrictions = []
    errors_of(calendar, restrictions)
    low = datetime.fromisoformat(start.replace("Z", "+00:00")).timestamp()
    high = datetime.fromisoformat(end.replace("Z", "+00:00")).timestamp()
    masters, overrides = {}, {}
    vevent = calendar.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while vevent is not None:
        uid = vevent.get_uid()
        if vevent.get_first_property(I.PropertyKind.RECURRENCEID_PROPERTY) is not None:
            overrides.setdefault(uid, {})[instant(recurrence_id(calendar, vevent))] = vevent
        else:
            masters[uid] = vevent
        vevent = calendar.get_next_component(I.ComponentKind.VEVENT_COMPONENT)

    found = []

    def keep(uid, item, first, last):
        (is_date, a), (_, b) = first, last
        if not is_date and (b <= low or a >= high):
            return
        status = prop_text(item, I.PropertyKind.STATUS_PROPERTY).lower()
        found.append([uid, text(is_date, a), text(is_date, b), status, item.get_summary() or ""])

    for uid, master in masters.items():
        replaced = overrides.get(uid, {})
        if master.get_first_property(I.PropertyKind.RRULE_PROPERTY) is None:
            keep(uid, master, instant(master.get_dtstart()), instant(master.get_dtend()))
            continue
        first = master.get_dtstart()
        zone = first.get_timezone() or I.Timezone.get_utc_timezone()
        window_start = I.Time.new_from_timet_with_zone(int(low) - 86400 * 3, first.is_date(), zone)
        window_end = I.Time.new_from_timet_with_zone(int(high) + 86400 * 3, first.is_date(), zone)
        spans = []
        master.foreach_recurrence(window_start, window_end,
                                  lambda component, span, *data, spans=spans: spans.append((span.get_start(), span.get_end())))
        for span_start, span_end in spans:
            if first.is_date():
                key = (True, datetime.fromtimestamp(span_start, UTC).date().isoformat())
                last = (True, datetime.fromtimestamp(span_end, UTC).date().isoformat())
            else:
                key, last = (False, span_start), (False, span_end)
            override = replaced.get(key)
            if override is not None:
                keep(uid, override, instant(override.get_dtstart()), instant(override.get_dtend()))
            else:
                keep(uid, master, key, last)
    return found, problems + restrictions


def zone_times(text, instants, walls):
    """For a VTIMEZONE alone: the local wall time of each UTC instant (seconds), and the
    instant of each local wall time ("YYYY-MM-DDTHH:MM:SS"), as libical reads the zone."""
    zone = I.Timezone.new()
    if not zone.set_component(I.Component.new_from_string(text)):
        raise ValueError("libical refused the VTIMEZONE")
    found_walls = []
    for seconds in instants:
        local = I.Time.new_from_timet_with_zone(seconds, False, zone)
        found_walls.append(f"{local.get_year():04d}-{local.get_month():02d}-{local.get_day():02d}T"
                           f"{local.get_hour():02d}:{local.get_minute():02d}:{local.get_second():02d}")
    found_instants = []
    for wall in walls:
        local = I.Time.new_from_string(wall.replace("-", "").replace(":", ""))
        local.set_timezone(zone)
        found_instants.append(local.as_timet_with_zone(zone))
    return {"walls": found_walls, "instants": found_instants}


for line in sys.stdin:
    try:
        request = json.loads(line)
        if "vtimezone" in request:
            sys.stdout.write(json.dumps(zone_times(request["vtimezone"], request["instants"], request["walls"])) + "\n")
            sys.stdout.flush()
            continue
        occurrences, restrictions = expand(request["ics"], request["start"], request["end"])
        answer = {"occurrences": occurrences, "restrictions": restrictions}
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
        answer = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
