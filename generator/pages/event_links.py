"""Links an event page offers: a map of the place, and "add to Google Calendar" for the event."""

from __future__ import annotations

from datetime import date, datetime, timezone
from urllib.parse import quote, urlencode

from ..content import descriptions
from ..core.model import Event, Location

UTC = timezone.utc
GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
_DETAILS_LIMIT = 600  # Google refuses very long links; the page has the rest


def map_link(location: Location | None) -> str | None:
    """OpenStreetMap at the point when there is one, else a search for the address."""
    if location is None:
        return None
    if location.geo is not None:
        lat, lon = (_coordinate(value) for value in location.geo)
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    if location.address:
        return "https://www.openstreetmap.org/search?" + urlencode({"query": location.address}, quote_via=quote)
    return None


def google_calendar_link(event: Event, page_url: str | None = None) -> str:
    """A link that opens Google Calendar's "new event" form filled in with this event.

    Times go in UTC with `ctz` naming the event's zone; all-day events take dates with the
    exclusive end Google expects; a series adds its RRULE, which Google expands in `ctz`.
    """
    if event.all_day:
        dates = f"{_day(event.start)}/{_day(event.end)}"
    else:
        dates = f"{_utc(event.start)}/{_utc(event.end)}"
    details = descriptions.shorten(descriptions.one_line(event.description), _DETAILS_LIMIT)
    if page_url:
        details = f"{details}\n\n{page_url}" if details else page_url
    params = [("action", "TEMPLATE"), ("text", event.title), ("dates", dates), ("ctz", event.timezone)]
    if details:
        params.append(("details", details))
    where = _where(event)
    if where:
        params.append(("location", where))
    if event.repeat is not None:
        params.append(("recur", "RRULE:" + event.repeat.rrule))
    return GOOGLE_TEMPLATE + "?" + urlencode(params, quote_via=quote)


def _where(event: Event) -> str:
    if event.location is not None and event.location.text():
        return event.location.text()
    return event.online or ""


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _coordinate(value: float) -> str:
    # Five decimals is about a metre; enough for a door, and the same text in every build.
    return f"{value:.5f}".rstrip("0").rstrip(".")
