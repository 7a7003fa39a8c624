"""schema.org Event data for an event page, and the `<script>` text that carries it safely.

One Event per occurrence: a one-off event gives one object, a series a list of its next dates
(search engines want each date as its own Event). A cancelled occurrence says EventCancelled;
one that a change moved says EventRescheduled with its previousStartDate.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from ..content import descriptions
from ..core.model import Group, Occurrence

SCHEMA = "https://schema.org"


def event_data(occurrence: Occurrence, group: Group | None, page_url: str | None,
               group_url: str | None = None) -> dict:
    event = occurrence.event
    data: dict = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": occurrence.title,
        "startDate": _iso(occurrence.start),
        "endDate": _iso(_inclusive_end(occurrence)),
        "eventStatus": f"{SCHEMA}/{status(occurrence)}",
        "eventAttendanceMode": f"{SCHEMA}/{attendance_mode(occurrence)}",
    }
    if data["eventStatus"].endswith("EventRescheduled"):
        data["previousStartDate"] = _iso(occurrence.recurrence_id)
    locations = _locations(occurrence, group)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    description = descriptions.one_line(occurrence.description)
    if description:
        data["description"] = description
    data["organizer"] = _organizer(occurrence, group, group_url)
    if page_url:
        data["url"] = page_url
    if event.tags:
        data["keywords"] = ", ".join(event.tags)
    return data


def status(occurrence: Occurrence) -> str:
    if occurrence.cancelled:
        return "EventCancelled"
    if occurrence.changed and occurrence.recurrence_id is not None and occurrence.start != occurrence.recurrence_id:
        return "EventRescheduled"
    return "EventScheduled"


def attendance_mode(occurrence: Occurrence) -> str:
    in_person = occurrence.location is not None
    if in_person and occurrence.online:
        return "MixedEventAttendanceMode"
    if occurrence.online:
        return "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def script_text(data) -> str:
    """JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
    \\u escapes, so no text from an event file can close the script element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _locations(occurrence: Occurrence, group: Group | None) -> list[dict]:
    found = []
    location = occurrence.location
    if location is not None:
        place: dict = {"@type": "Place", "name": location.name or location.address}
        if location.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": location.address}
        elif group is not None and group.where:
            place["address"] = {"@type": "PostalAddress", "addressLocality": group.where}
        if location.geo is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.geo[0], "longitude": location.geo[1]}
        found.append(place)
    if occurrence.online:
        found.append({"@type": "VirtualLocation", "url": occurrence.online})
    return found


def _organizer(occurrence: Occurrence, group: Group | None, group_url: str | None) -> dict:
    organizer = occurrence.event.organizer
    if organizer is not None:
        person: dict = {"@type": "Person", "name": organizer.name}
        if organizer.email:
            person["email"] = organizer.email
        return person
    body: dict = {"@type": "Organization", "name": group.name if group else occurrence.event.group}
    if group_url:
        body["url"] = group_url
    return body


def _inclusive_end(occurrence: Occurrence):
    # schema.org reads an all-day endDate as the last day; ours are exclusive, as in iCalendar.
    if isinstance(occurrence.end, datetime):
        return occurrence.end
    return max(occurrence.start, occurrence.end - timedelta(days=1))


def _iso(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()
