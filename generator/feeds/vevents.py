"""One event as iCalendar: its VEVENT, and one more VEVENT for each changed occurrence.

A series is one VEVENT with an RRULE, the occurrences that do not happen as EXDATE, and each
`changes` entry as a VEVENT with the same UID and a RECURRENCE-ID naming the occurrence it
replaces (RFC 5545, 3.8.4.4): this is how every calendar app expects a series, and it keeps the
feed small. The occurrences themselves come from `recurrence`, the code that draws the pages.
A date on which a change of the clocks would make apps read the series differently is written
out the same way (`clock_overrides`), and no time is ever written as a local time the clocks
skip or repeat (such a time is written in UTC), so every app shows what the pages show.

A cancelled gathering says so in its title too ("Cancelled: ..."), and is marked free: Outlook
shows no STATUS at all, and reads busy-ness from X-MICROSOFT-CDO-BUSYSTATUS and TRANSP.

Each event is written straight to bytes (`feeds.lines`), once per build, with nothing from the
clock or chance in it (no `Event.new()`, which adds a random UID and the current time), so the
same content always gives the same bytes and every feed joins the same bytes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..core import recurrence, urls
from ..core.clock_changes import writable
from ..core.model import Event, Group, Occurrence
from ..core.newcomers import MEMBERS_ONLY, open_to_newcomers
from ..core.safe_html import safe_link
from ..core.urls import Urls
from . import lines
from .clock_overrides import pinned, regular
from .history import Revision
from .text import clean, collapsed, description
from .timezones import utc_like

UTC = timezone.utc
CANCELLED_PREFIX = "Cancelled: "  # before a cancelled gathering's title, for apps that ignore STATUS


@dataclass(frozen=True)
class Site:
    """The public address of the site, which UIDs and links are made from."""

    url: str  # site_url, with its trailing slash
    name: str = ""
    directory_urls: bool = True  # MkDocs' use_directory_urls: pages at x/ rather than x.html

    def __post_init__(self):
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"the site URL must be an absolute http(s) address, not {self.url!r}")
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    @functools.cached_property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @functools.cached_property
    def uid_domain(self) -> str:
        return urls.uid_domain(self.url)

    @functools.cached_property
    def urls(self) -> Urls:
        """The site's addresses (`core.urls`): every link in a feed is made from them."""
        return Urls(self.directory_urls, self.url)

    def absolute(self, path: str) -> str:
        """The absolute URL of a page or a file from its path in `core.urls`, like `events/x/`."""
        return self.urls.absolute(path)


def uid(event: Event, site: Site) -> str:
    """Stable for as long as the event file keeps its name (the slug), whatever else changes; an
    imported event keeps the UID its own calendar gives it."""
    if event.imported is not None:
        return event.imported.uid
    return f"{event.slug}@{site.uid_domain}"


def event_page(event: Event, site: Site) -> str:
    return site.absolute(site.urls.event(event.slug))


def components(event: Event, site: Site, revision: Revision, group: Group | None, last_year: int) -> bytes:
    """The event's VEVENT, followed by one per changed occurrence and one per date a change of
    the clocks makes apps read differently, up to the end of `last_year` (in order of date)."""
    shared = _Shared.of(event, site, revision, group)
    first = _as_occurrence(event)
    if event.repeat is None:
        return _vevent(event, first, shared)
    in_utc = shared.in_utc
    rule = recurrence.rule_for(event.repeat.rrule, event.start)
    series = [lines.line("RRULE", _rrule(event))]
    exdates = [_original_start(event, rule, day) for day in sorted(event.repeat.exceptions)]
    exdates = [when for when in exdates if when is not None]
    if exdates:
        series.append(lines.line("EXDATE", *reversed(lines.whens(exdates, in_utc))))
    # DTEND minus DTSTART is the length apps give every date; when a change of the clocks falls
    # inside the first gathering, that difference means different things to different apps, so
    # the series says DURATION (the same on every ordinary date), and the first date, like every
    # date near a change, is written out (`pinned`).
    length = None if regular(first) else recurrence.length_of(event)
    found = [_vevent(event, first, shared, series, length=length)]
    overrides: dict[date, bytes] = {}
    for change_date, occurrence in _changed(event, rule):
        original = _original_start(event, rule, change_date)
        recurrence_id = lines.line("RECURRENCE-ID", *reversed(lines.when(original, in_utc)))
        overrides[change_date] = _vevent(event, occurrence, shared, [recurrence_id])
    for pin in pinned(event, last_year):
        original = pin.nominal.replace(tzinfo=ZoneInfo(event.timezone))
        recurrence_id = lines.line("RECURRENCE-ID", *reversed(lines.when(original, in_utc)))
        overrides[pin.nominal.date()] = _vevent(event, pin.occurrence, shared, [recurrence_id])
    return b"".join(found + [overrides[day] for day in sorted(overrides)])


@dataclass(frozen=True)
class _Shared:
    """What a series and its changed occurrences have in common, written once."""

    head: bytes  # BEGIN to SEQUENCE
    tail: bytes  # URL to END
    footer: str  # the end of every DESCRIPTION: who hosts it, whom to ask, the page
    in_utc: bool  # times written as UTC ("Z") rather than with a TZID

    @classmethod
    def of(cls, event: Event, site: Site, revision: Revision, group: Group | None) -> _Shared:
        line = lines.line
        stamp = lines.utc(revision.modified)
        head = [b"BEGIN:VEVENT\r\n", line("UID", lines.text(uid(event, site))), line("DTSTAMP", stamp),
                line("SEQUENCE", str(revision.sequence))]
        tail = [line("URL", lines.uri(event_page(event, site)))]
        if event.tags:
            tail.append(line("CATEGORIES", lines.texts(event.tags)))
        organizer = event.organizer
        if organizer is not None and organizer.email:
            name = collapsed(organizer.name)
            tail.append(line("ORGANIZER", lines.uri("mailto:" + organizer.email),
                             f";CN={lines.param(name)}" if name else ""))
        tail += [line("LAST-MODIFIED", stamp), b"END:VEVENT\r\n"]
        footer = []
        if not open_to_newcomers(event, group):
            footer.append(MEMBERS_ONLY + (f": for the members of {collapsed(group.name)}." if group else "."))
        if group is not None:
            footer.append(f"Hosted by {collapsed(group.name)}.")
        if organizer is not None:
            contact = f" <{organizer.email}>" if organizer.email else ""
            footer.append(f"Organiser: {collapsed(organizer.name)}{contact}")
        footer.append(f"Details: {event_page(event, site)}")
        return cls(b"".join(head), b"".join(tail), clean("\n".join(footer)), utc_like(event.timezone))


def _vevent(event: Event, occurrence: Occurrence, shared: _Shared, extra: list[bytes] = (),
            length: timedelta | None = None) -> bytes:
    """One VEVENT; with `length`, DURATION takes the place of DTEND."""
    line = lines.line
    out = [shared.head]
    out.append(line("DTSTART", *reversed(_time(occurrence.start, event, shared.in_utc))))
    if length is None:
        out.append(line("DTEND", *reversed(_time(occurrence.end, event, shared.in_utc))))
    else:
        out.append(line("DURATION", lines.duration(length)))
    out += extra
    out.append(line("STATUS", occurrence.status.upper()))
    title = collapsed(occurrence.title)
    if occurrence.cancelled:
        title = CANCELLED_PREFIX + title
    if title:  # libical drops a property without a value as a parse error
        out.append(line("SUMMARY", lines.text(title)))
    if occurrence.cancelled or event.all_day:
        # A day out does not make the whole day busy, nor does a gathering that is off.
        out.append(line("TRANSP", "TRANSPARENT"))
    if occurrence.cancelled:
        out.append(line("X-MICROSOFT-CDO-BUSYSTATUS", "FREE"))
    online = safe_link(occurrence.online)
    place = occurrence.location
    where = collapsed(place.text()) if place is not None else ""
    if where or online:
        # Apps link the LOCATION of an online-only gathering, and show it where people look.
        out.append(line("LOCATION", lines.text(where or online)))
    if place is not None and place.geo is not None:
        out.append(line("GEO", f"{float(place.geo[0])};{float(place.geo[1])}"))
    if online:
        # RFC 7986's place for a video or phone link; apps that ignore it still have the
        # LOCATION (online-only) and the DESCRIPTION.
        out.append(line("CONFERENCE", lines.uri(online), ";VALUE=URI;LABEL=Join online"))
    parts = [description(occurrence.description)] if occurrence.description.strip() else []
    if online:
        parts.append(f"Join online: {clean(online)}")
    parts.append(shared.footer)
    out.append(line("DESCRIPTION", lines.text("\n\n".join([part for part in parts if part]))))
    out.append(shared.tail)
    return b"".join(out)


def _as_occurrence(event: Event) -> Occurrence:
    return Occurrence(event=event, start=event.start, end=event.end, status=event.status,
                      title=event.title, location=event.location, online=event.online,
                      description=event.description)


def _rrule(event: Event) -> str:
    """The RRULE value, with UNTIL of the type RFC 5545 asks: a date for all-day series, else UTC.

    The loader already writes it so; this keeps an Event built any other way from breaking it."""
    text = event.repeat.rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:"):]
    parts = [part.split("=", 1) for part in text.split(";") if "=" in part]
    return ";".join(f"{name.upper()}={_until(value, event) if name.upper() == 'UNTIL' else value}"
                    for name, value in parts)


def _until(value: str, event: Event) -> str:
    day = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    if event.all_day:
        return lines.when(day)[1]
    if len(value) == 8:  # a date alone includes that whole local day
        local = datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(event.timezone))
    else:
        clock = time(int(value[9:11]), int(value[11:13]), int(value[13:15]))
        zone = UTC if value.upper().endswith("Z") else ZoneInfo(event.timezone)
        local = datetime.combine(day, clock, tzinfo=zone)
    return lines.utc(local)


def _original_start(event: Event, rule, day: date) -> date | datetime | None:
    """The start the rule gives on `day`, as DTSTART has it (same type, same zone): what EXDATE
    and RECURRENCE-ID must name for apps to match them with an occurrence."""
    naive = recurrence.occurrence_on(rule, day)
    if naive is None:
        return None
    if event.all_day:
        return naive.date()
    return naive.replace(tzinfo=ZoneInfo(event.timezone))


def _changed(event: Event, rule) -> list[tuple[date, Occurrence]]:
    """Each changed occurrence with its original date, from the same expansion as the pages."""
    zone = ZoneInfo(event.timezone)
    skipped = set(event.repeat.exceptions)
    wanted = {change.date for change in event.repeat.changes
              if change.date not in skipped and recurrence.occurrence_on(rule, change.date) is not None}
    if not wanted:
        return []
    days = list(wanted) + [_day(when, zone) for change in event.repeat.changes
                           for when in (change.start, change.end) if when is not None]
    # One window around every change (a change may move its occurrence anywhere).
    low = datetime.combine(min(days) - timedelta(days=2), time(), tzinfo=UTC)
    high = datetime.combine(max(days) + timedelta(days=3), time(), tzinfo=UTC)
    found = {}
    for occurrence in recurrence.occurrences(event, low, high):
        original = _day(occurrence.recurrence_id, zone) if occurrence.changed else None
        if original in wanted:
            found[original] = occurrence
    return sorted(found.items())


def _day(when: date | datetime, zone: ZoneInfo) -> date:
    return when.astimezone(zone).date() if isinstance(when, datetime) else when


def _time(when: date | datetime, event: Event, in_utc: bool) -> tuple[str, str]:
    """(parameters, value) of a start or end: local with its TZID, unless the clocks skip or
    repeat that local time, which apps read in different ways: then in UTC."""
    local = _in_zone(when, event)
    return lines.when(local, in_utc or (isinstance(local, datetime) and not writable(local)))


def _in_zone(when: date | datetime, event: Event) -> date | datetime:
    """Dates stay dates; times are written in the event's own zone (TZID), never floating."""
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise ValueError(f"{event.path}: a time without a zone reached the feed ({when})")
        return when.astimezone(ZoneInfo(event.timezone))
    return when
