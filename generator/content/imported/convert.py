"""A group's feed, read (`read`), as Events of that group: what an event file would have given.

* A VEVENT with an RRULE becomes a series: the RRULE (checked as a hand-written `repeat.rrule`
  is, `rrules`), EXDATEs as `except`, each RECURRENCE-ID override as a `changes` entry. A
  series the site's model cannot hold as it is (RDATE, several RRULEs, a rule with more than one
  occurrence a day, a DTSTART that is not one of its rule's days) is expanded by
  `recurring_ical_events` instead, and each occurrence in the site's window becomes an event of
  its own, with a UID made from the series' UID and its date.
* The UID is kept (so a member subscribed to both the group's feed and ours sees one event),
  unless it is unusable (empty, huge, or one the site's own events use).
* Times keep their zone (an IANA name; Outlook's Windows names mapped by `read.zone_name`);
  floating times and dates are in the group's zone; a single event in UTC is shown in the
  group's zone (the same instant). A zone with no IANA name is replaced by the group's (the same
  instant), and the editor told.
* Thousands of past events: singles that ended before the site's window (`past_days`) are left
  out, and a series that started before it starts again at its first occurrence inside it (its
  COUNT, exceptions and changes adjusted), so a weekly meeting since 2012 is not 700 dates old.
  At most `limits.MAX_IMPORTED_EVENTS` events are kept, the earliest first.
* Text goes through `text`: the same rules as YAML values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from ...core import limits, recurrence
from ...core.model import CalendarLink, Change, Event, Group, Imported, Location, Repeat
from .. import rrules
from . import components, text
from .read import zone_name

UTC = timezone.utc
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # when a feed says nothing of changes (see history)
_EXPANDED_PER_SERIES = 200  # occurrences of one series that cannot stay a series


@dataclass(frozen=True)
class Options:
    now: datetime
    past_days: int = 365  # the site's window into the past (the calendar plugin's `past_days`)
    reserved_uid_suffix: str = ""  # "@<site domain>": UIDs of the site's own events
    max_events: int = limits.MAX_IMPORTED_EVENTS

    @property
    def cutoff(self) -> datetime:
        return self.now - timedelta(days=self.past_days)


@dataclass
class Converted:
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was repaired or left out, for warnings


class _Skip(Exception):
    """An event of the feed that cannot be imported; the message says why."""


def convert(calendar: icalendar.Calendar, group: Group, link: CalendarLink, options: Options) -> Converted:
    out = Converted()
    trimmed, skipped, filtered = 0, [], 0
    for uid, (master, overrides) in components.by_uid(calendar, out.notes).items():
        if len(out.events) >= 2 * options.max_events:
            out.notes.append(f"the feed has more than {2 * options.max_events:,} events to show; the rest of "
                             "the feed is not read")
            break
        head = master if master is not None else overrides[0]
        if not components.wanted(head, link):
            filtered += 1
            continue
        try:
            found = _Converter(group, link, options, uid, out).events(master, overrides)
        except _Skip as skip:
            skipped.append(str(skip))
            continue
        trimmed += not found
        out.events.extend(found)
    if skipped:
        out.notes.append(f"{len(skipped)} event(s) left out: " + "; ".join(sorted(set(skipped))[:3]))
    out.events.sort(key=lambda event: (recurrence.to_utc(event.start, event.timezone), event.slug))
    if len(out.events) > options.max_events:
        out.notes.append(f"the feed has {len(out.events):,} events in the site's window; the first "
                         f"{options.max_events:,} are kept")
        del out.events[options.max_events:]
    return out










class _Converter:
    """One UID's VEVENTs into Events."""

    def __init__(self, group: Group, link: CalendarLink, options: Options, uid: str, out: Converted):
        self.group, self.link, self.options, self.uid, self.out = group, link, options, uid, out
        self.group_zone = ZoneInfo(group.timezone)
        if options.reserved_uid_suffix and uid.lower().endswith(options.reserved_uid_suffix.lower()):
            raise _Skip(f"the UID `{text.shorten(uid, 60)}` is one of this site's own")

    def events(self, master, overrides: list) -> list[Event]:
        if master is None:  # overrides whose series is not in the feed: each one on its own
            return [event for index, override in enumerate(overrides)
                    for event in self.single(override, self.uid if len(overrides) == 1 else
                                             f"{self.uid}/{components.stamp(override['RECURRENCE-ID'].dt)}")]
        if "RRULE" not in master:
            return self.single(master, self.uid)
        return self.series(master, overrides)

    # -- one event --------------------------------------------------------------------------

    def single(self, component, uid: str) -> list[Event]:
        start, end, zone = self.times(component, series=False)
        if recurrence.to_utc(end, zone.key) < self.options.cutoff:
            return []  # ended before the site's window
        return [self.event(component, uid, start, end, zone, None, [component])]

    def event(self, component, uid: str, start, end, zone: ZoneInfo, repeat: Repeat | None,
              sources: list) -> Event:
        values = self.values(component)
        return Event(
            slug=components.slug(self.group.slug, uid), path=self.group.path,
            title=values["title"] or f"Gathering of {text.short_line(self.group.name, limits.MAX_NAME)}",
            group=self.group.slug, start=start, end=end, timezone=zone.key, status=values["status"],
            repeat=repeat, location=values["location"], online=values["online"],
            patterns=self.link.patterns, tags=self.link.tags, description=values["description"],
            imported=Imported(uid=uid, feed=self.link.url, modified=self.modified(sources)))

    def values(self, component) -> dict:
        status = str(component.get("STATUS", "")).strip().lower()
        location_text = component.get("LOCATION", "")
        online = None
        for name in ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL"):
            online = online or text.web_address(components.first(component.get(name)))
        address = text.place(location_text)
        if address and text.web_address(address) and not online:  # a meeting link given as the place
            online, address = text.web_address(address), ""
        geo = components.geo(component.get("GEO"))
        html_description = components.first(component.get("X-ALT-DESC"))
        if html_description is not None and str(getattr(html_description, "params", {}).get("FMTTYPE", "")).lower() == "text/html":
            description = text.description(html_description, is_html=True, more=components.first(component.get("URL")))
        else:
            description = text.description(component.get("DESCRIPTION", ""), more=components.first(component.get("URL")))
        return {
            "title": text.title(component.get("SUMMARY", "")),
            "status": status if status in ("tentative", "cancelled") else "confirmed",
            "location": Location(address=address, geo=geo) if address else None,
            "online": online,
            "description": description,
        }

    def modified(self, sources: list) -> datetime:
        """When the source last changed, for DTSTAMP and SEQUENCE: LAST-MODIFIED, else CREATED,
        else DTSTAMP (Google writes the time of the export there); never after now."""
        found = []
        for component in sources:
            for name in ("LAST-MODIFIED", "CREATED", "DTSTAMP"):
                value = getattr(component.get(name), "dt", None)
                if isinstance(value, datetime):
                    found.append(value if value.tzinfo else value.replace(tzinfo=UTC))
                    break
        moment = max(found, default=SEQUENCE_EPOCH).astimezone(UTC)
        return min(moment, self.options.now).replace(microsecond=0)

    # -- times ------------------------------------------------------------------------------

    def times(self, component, series: bool) -> tuple:
        """(start, end, zone): aware datetimes in `zone` or dates, end exclusive."""
        try:
            raw_start = component.start
            raw_end = component.end
        except (icalendar.IncompleteComponent, icalendar.InvalidCalendar, ValueError, TypeError, KeyError):
            raise _Skip("an event without a start") from None
        zone = self.zone(raw_start, series)
        start = self.local(raw_start, zone)
        if isinstance(start, datetime):
            end = self.local(raw_end, zone) if isinstance(raw_end, datetime) else start
            end = max(end, start)
        else:
            end = raw_end.date() if isinstance(raw_end, datetime) else raw_end
            if not isinstance(end, date) or end <= start:
                end = start + timedelta(days=1)
        self.check_span(start, end)
        return start, end, zone

    def zone(self, start, series: bool) -> ZoneInfo:
        if not isinstance(start, datetime) or start.tzinfo is None:
            return self.group_zone  # a date, or a floating time: the group's clock
        name = zone_name(start)
        if name is None:
            self.note(f"a time zone with no standard name ({text.shorten(str(start.tzname()), 40)}) was read "
                      f"as {self.group.timezone}")
            return self.group_zone
        if name in ("UTC", "Etc/UTC") and not series:
            return self.group_zone  # the same instant, on the clock readers use
        return ZoneInfo(name)

    @staticmethod
    def local(when, zone: ZoneInfo):
        if not isinstance(when, datetime):
            return when
        if when.tzinfo is None:  # floating; a skipped or doubled hour read as RFC 5545 says
            return when.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
        return when.astimezone(zone)

    def check_span(self, start, end) -> None:
        years = (start.year, end.year)
        if not all(limits.FIRST_YEAR <= year <= limits.LAST_YEAR for year in years):
            raise _Skip(f"an event in the year {start.year}")
        if components.naive(end) - components.naive(start) > timedelta(days=limits.MAX_DAYS):
            raise _Skip(f"an event longer than {limits.MAX_DAYS} days")

    def note(self, message: str) -> None:
        if message not in self.out.notes:
            self.out.notes.append(message)

    # -- series -----------------------------------------------------------------------------

    def series(self, master, overrides: list) -> list[Event]:
        start, end, zone = self.times(master, series=True)
        rule_text = self.rule_text(master, start, zone)
        if rule_text is None:
            return self.expanded(master, overrides)
        length = components.naive(end) - components.naive(start)
        try:
            rule = recurrence.rule_for(rule_text, start)
            first = rule.after(components.naive(start), inc=True)
        except (ValueError, TypeError, KeyError, IndexError):
            return self.expanded(master, overrides)
        if first != components.naive(start):
            return self.expanded(master, overrides)
        start, rule_text, rule = self.trimmed(start, rule_text, rule, length, zone)
        if start is None:
            return []  # every occurrence ended before the window
        end = self.local(components.naive(start) + length, zone) if isinstance(start, datetime) else start + length
        exceptions = self.exceptions(master, rule, start, zone)
        changes, apart = self.changes(overrides, rule, start, zone, exceptions, length)
        repeat = Repeat(rrule=rule_text, exceptions=tuple(exceptions), changes=tuple(changes))
        series = self.event(master, self.uid, start, end, zone, repeat, [master, *overrides])
        return [series] + [event for override in apart
                           for event in self.single(override, f"{self.uid}/{components.stamp(override['RECURRENCE-ID'].dt)}")]

    def rule_text(self, master, start, zone: ZoneInfo) -> str | None:
        """The RRULE as the site writes it (UNTIL as RFC 5545 wants it), or None when the series
        cannot be one of the site's."""
        value = master.get("RRULE")
        if isinstance(value, list) or "RDATE" in master or "EXRULE" in master:
            return None
        try:
            rule = rrules.parse(value.to_ical().decode("ascii"))
        except (rrules.RuleError, UnicodeDecodeError, AttributeError, ValueError):
            return None
        parts = [(name, part) for name, part in rule.parts if name not in ("UNTIL", "COUNT", "WKST")
                 or (name == "WKST" and part != "MO")]
        if rule.until is not None:
            until = components.until(rule.until, start, zone)
            if until is None:
                return None
            parts.append(("UNTIL", until))
        if rule.count is not None:
            parts.append(("COUNT", str(rule.count)))
        return ";".join(f"{name}={part}" for name, part in parts)

    def trimmed(self, start, rule_text: str, rule, length: timedelta, zone: ZoneInfo):
        """The series from its first occurrence that ends inside the window (its COUNT less the
        occurrences before); (None, ...) when none does."""
        cutoff = components.naive(self.options.cutoff.astimezone(zone)) - length
        if components.naive(start) >= cutoff:
            return start, rule_text, rule
        first = rule.after(cutoff, inc=True)
        if first is None:
            return None, rule_text, rule
        parts = rule_text.split(";")
        count = next((int(part[6:]) for part in parts if part.startswith("COUNT=")), None)
        if count is not None:
            before = sum(1 for _ in rule.between(components.naive(start), first, inc=False)) + 1
            parts = [part if not part.startswith("COUNT=") else f"COUNT={count - before}" for part in parts]
            rule_text = ";".join(parts)
        new_start = self.local(first, zone) if isinstance(start, datetime) else first.date()
        return new_start, rule_text, recurrence.rule_for(rule_text, new_start)

    def exceptions(self, master, rule, start, zone: ZoneInfo) -> list[date]:
        found = set()
        for when in components.dates(master.get("EXDATE")):
            day = components.day(when, zone)
            if day >= components.day(start, zone) and recurrence.occurrence_on(rule, day) is not None:
                found.add(day)
        if len(found) > limits.MAX_EXCEPTIONS:
            self.note(f"a series has {len(found)} EXDATEs; the first {limits.MAX_EXCEPTIONS} are kept")
        return sorted(found)[:limits.MAX_EXCEPTIONS]

    def changes(self, overrides: list, rule, start, zone: ZoneInfo, exceptions: list[date],
                length: timedelta) -> tuple[list[Change], list]:
        """Each override of an occurrence as a change; overrides of no occurrence of the rule are
        returned apart (they become events of their own)."""
        found: dict[date, Change] = {}
        apart = []
        for override in overrides:
            day = components.day(override["RECURRENCE-ID"].dt, zone)
            if day < components.day(start, zone) or day in exceptions or day in found:
                continue  # before the window, removed by an EXDATE, or a second override
            if recurrence.occurrence_on(rule, day) is None:
                apart.append(override)
                continue
            try:
                new_start, new_end, _ = self.times(override, series=True)
            except _Skip:
                continue
            if isinstance(new_start, datetime) != isinstance(start, datetime):
                continue  # an all-day override of a timed series (or the reverse): not one of its dates
            new_start, new_end = self.local(new_start, zone), self.local(new_end, zone)
            values = self.values(override)
            found[day] = Change(date=day, start=new_start, end=new_end, status=values["status"],
                                location=values["location"], online=values["online"],
                                title=values["title"] or None, description=values["description"])
        if len(found) > limits.MAX_CHANGES:
            self.note(f"a series has {len(found)} changed occurrences; the first {limits.MAX_CHANGES} are kept")
        return [found[day] for day in sorted(found)][:limits.MAX_CHANGES], apart

    def expanded(self, master, overrides: list) -> list[Event]:
        """A series the site cannot hold as one, as its occurrences in the window, each an event."""
        calendar = icalendar.Calendar()
        for component in [master, *overrides]:
            calendar.add_component(component)
        horizon = self.options.now + timedelta(days=2 * 366)
        try:
            # Lazily, and no further than needed: a rule may have an occurrence every second.
            occurrences = list(islice(recurring_ical_events.of(calendar).after(self.options.cutoff),
                                      _EXPANDED_PER_SERIES + 1))
        except Exception as err:  # the library's many errors for malformed series: one line, not a traceback
            raise _Skip(f"a series that cannot be expanded ({type(err).__name__})") from None
        if len(occurrences) > _EXPANDED_PER_SERIES:
            self.note(f"a series has more than {_EXPANDED_PER_SERIES} occurrences to show, which cannot be "
                      "kept as one series; the first are kept")
        found = []
        for occurrence in occurrences[:_EXPANDED_PER_SERIES]:
            if recurrence.to_utc(components.start_of(occurrence), self.group.timezone) < horizon:
                found += self.single(occurrence, f"{self.uid}/{components.stamp(components.start_of(occurrence))}")
        return found

















