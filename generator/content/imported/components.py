"""What a feed's VEVENTs hold, read one value at a time: their UIDs (grouped with their
RECURRENCE-ID overrides), categories, dates and times as the site's model takes them, places on
a map. Each reader takes what a feed may send, broken or not, and never raises."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import icalendar

from ...core import limits
from ...core.model import CalendarLink
from . import text

UTC = timezone.utc
MAX_UID = 255


def by_uid(calendar: icalendar.Calendar, notes: list[str]) -> dict[str, tuple]:
    """Each UID's master VEVENT and its RECURRENCE-ID overrides, in the order of the feed."""
    found: dict[str, tuple] = {}
    duplicates = 0
    for component in calendar.walk("VEVENT"):
        uid = uid_of(component)
        master, overrides = found.get(uid, (None, []))
        if "RECURRENCE-ID" in component:
            overrides.append(component)
        elif master is None:
            master = component
        else:
            duplicates += 1  # the same UID twice: the first one counts
        found[uid] = (master, overrides)
    if duplicates:
        notes.append(f"{duplicates} event(s) repeat the UID of an earlier one and are left out")
    return found


def uid_of(component) -> str:
    raw = str(component.get("UID", ""))
    cleaned = " ".join(text.visible(raw).split())
    if cleaned and len(cleaned) <= MAX_UID:
        return cleaned
    # No usable UID: one made from what identifies the event, stable from build to build.
    basis = raw if raw.strip() else f"{component.get('DTSTART').to_ical() if 'DTSTART' in component else ''}" \
                                     f"{component.get('SUMMARY', '')}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32] + "@imported"


def wanted(component, link: CalendarLink) -> bool:
    if not link.categories and not link.keywords:
        return True
    categories = {text.short_line(c, limits.MAX_WORD).casefold() for c in categories_of(component)}
    if categories & {c.casefold() for c in link.categories}:
        return True
    title = text.short_line(component.get("SUMMARY", ""), limits.MAX_TITLE).casefold()
    return any(word.casefold() in title for word in link.keywords)


def categories_of(component) -> list[str]:
    try:
        return [str(c) for c in component.categories]
    except (AttributeError, TypeError, ValueError):
        return []


def until(until, start, zone: ZoneInfo) -> str | None:
    """UNTIL as RFC 5545 wants it: a date for an all-day series, else a UTC time; a date
    includes that whole local day."""
    if not isinstance(start, datetime):
        return f"{(until.date() if isinstance(until, datetime) else until):%Y%m%d}"
    if isinstance(until, datetime) and until.tzinfo is not None:
        moment = until
    elif isinstance(until, datetime):
        moment = until.replace(tzinfo=zone)
    else:
        moment = datetime.combine(until, time(23, 59, 59), tzinfo=zone)
    if moment.astimezone(UTC) < start.astimezone(UTC):
        return None  # a series that ends before it starts: let the library make sense of it
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def slug(group: str, uid: str) -> str:
    """Stable for as long as the UID is: an edit of the title in the feed keeps the page's address."""
    return f"{group[:60].rstrip('-')}-{hashlib.sha256(uid.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def stamp(when) -> str:
    if isinstance(when, datetime):
        moment = when.astimezone(UTC) if when.tzinfo else when
        return moment.strftime("%Y%m%dT%H%M%S") + ("Z" if when.tzinfo else "")
    return when.strftime("%Y%m%d")


def start_of(component):
    start = component.start
    return start if not isinstance(start, datetime) or start.tzinfo else start.replace(tzinfo=UTC)


def dates(value) -> list:
    """The dates and times of an EXDATE (one property, or a list of them)."""
    found = []
    for prop in value if isinstance(value, list) else [value] if value is not None else []:
        for item in getattr(prop, "dts", []):
            found.append(item.dt)
    return found


def day(when, zone: ZoneInfo) -> date:
    if isinstance(when, datetime):
        return (when.astimezone(zone) if when.tzinfo else when).date()
    return when


def naive(when) -> datetime:
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    return datetime.combine(when, time())


def first(value):
    return value[0] if isinstance(value, list) and value else value


def geo(value) -> tuple[float, float] | None:
    try:
        latitude, longitude = float(value.latitude), float(value.longitude)
    except (AttributeError, TypeError, ValueError):
        return None
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    return None
