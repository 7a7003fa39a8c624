"""Loading events: `content/events/**/<slug>.yml`, one gathering or series per file.

The shape of a file is checked against `formats.EVENT`; this module checks what the values mean:
times in the event's zone, the series rule, and the dates of exceptions and changes.

Times that a daylight-saving change makes impossible or ambiguous (01:30 on the night clocks go
forward or back, in a zone that changes at 01:00 or 02:00) are refused in `start`, `end`,
`until` (as a date and time) and in changes, with the reason: a reader cannot tell which hour
was meant. Later occurrences of a series that land on such a time follow RFC 5545 (see
`clock_changes`), and `handbook check` warns about them (`clock_warnings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.limits import FIRST_YEAR, LAST_YEAR, MAX_DAYS
from ..core.model import Change, Event, Group, Location, Organizer, Repeat
from ..core.problems import Problem, Reporter
from ..core.recurrence import endless_rule_for, nearest_occurrence, occurrence_on, rule_for
from . import rrules
from .files import EVENT as EVENT_FILE
from .files import ContentFiles, scan
from .formats import DURATION_RE, EVENT, ORDINALS, WEEKDAYS, check_slug, did_you_mean, load_data, relative
from .yamlfile import line_of_item, line_of_key

UTC = timezone.utc
WHEN_HINT = "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"
TOO_LONG_HINT = "a gathering lasts hours or days; for one that comes back, use `repeat`"
_WHEN_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_OFFSET_RE = re.compile(r"\d[ \t]*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_WEEKDAY_CODES = {name: name[:2].upper() for name in WEEKDAYS}
_WEEKDAY_ABBREVIATIONS = {name[:3]: code for name, code in _WEEKDAY_CODES.items()}
_ORDINAL_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}


def reserved_slug(slug: str) -> bool:
    """Slugs whose /events/<slug>/ address the calendar uses itself (the agenda, past events,
    month grids)."""
    return slug in ("index", "past") or slug.isdigit()


def load_events(content_dir: Path, base: Path, groups: dict[str, Group], pattern_slugs: set[str],
                files: ContentFiles | None = None) -> tuple[dict[str, Event], list[Problem]]:
    """Every valid event by slug, and a problem for everything wrong. A file with a problem is
    left out and said so; the others still load. `files` is the content folder's walk
    (`content.files.scan`), whose own refusals its caller reports."""
    problems: list[Problem] = []  # load_content reports the walk's refusals, once for every folder
    if files is None:  # on its own, the loader reports those of its folder
        files = scan(content_dir, base)
        problems = files.problems_in("events", base)
    by_slug: dict[str, list[tuple[Reporter, Event | None]]] = {}
    for file in files.of_kind(EVENT_FILE):
        path = file.path
        report = Reporter(relative(path, base), problems)
        slug_ok = check_slug(path, report, reserved_slug)
        data = load_data(file.raw, EVENT, report)
        event = None
        if data is not None:
            event = _EventFile(path.stem, report, data, content_dir, base, groups, pattern_slugs).event()
        by_slug.setdefault(path.stem, []).append((report, event if slug_ok else None))

    events = {}
    for slug, entries in sorted(by_slug.items()):
        if len(entries) > 1:
            for report, _ in entries:
                others = ", ".join(other.path for other, _ in entries if other is not report)
                report.error(1, f"the slug `{slug}` is also used by {others}",
                             "the file name is the event's address, so it must be unique across folders: rename one")
        elif entries[0][1] is not None:
            events[slug] = entries[0][1]
    return events, sorted(problems)


class Bad(ValueError):
    """A value that cannot be read; carries the message and a hint for the editor."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def parse_when(value: Any) -> date | datetime:
    """A date, or a naive local date and time, from YAML (a date, a timestamp or a string), in
    the years `limits` allows."""
    when = _when(value)
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise Bad(f"is in the year {when.year}, outside the years {FIRST_YEAR} to {LAST_YEAR}",
                  "a gathering on this calendar happens in these years: check the year")
    return when


def _when(value: Any) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise Bad("has a UTC offset", "write the local time without `Z` or an offset; `timezone` gives the zone")
        return datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _WHEN_RE.fullmatch(text)
    if match is None:
        if _OFFSET_RE.search(text) and text[:4].isdigit():
            raise Bad(f"`{text}` has a UTC offset", "write the local time without `Z` or an offset; `timezone` gives the zone")
        raise Bad(f"is not a date or a date and time: `{text}`", WHEN_HINT)
    year, month, day, hour, minute, second = (int(g) if g is not None else None for g in match.groups())
    try:
        if hour is None:
            return date(year, month, day)
        return datetime(year, month, day, hour, minute, second or 0)
    except ValueError:
        raise Bad(f"`{text}` is not a real date and time", WHEN_HINT) from None


def parse_date(value: Any) -> date:
    when = parse_when(value)
    if isinstance(when, datetime):
        raise Bad(f"must be a date alone, not `{when:%Y-%m-%d %H:%M}`", "write it like `2026-12-24`")
    return when


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """The aware datetime for a wall-clock time, refusing times a clock change skips or repeats."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise Bad(f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks go forward at that time",
                  "choose a time outside the change")
    raise Bad(f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key}: the clocks go back at that time",
              "choose a time outside the change")


def parse_duration(text: str) -> timedelta:
    match = DURATION_RE.fullmatch(text.strip())
    if match is None or not any(match.groups()):
        raise Bad(f"`{text[:40]}` is not a duration", "write it like `2h`, `90m` or `1h30m`")
    days, hours, minutes = (int(g or 0) for g in match.groups())
    # Whole minutes in Python's integers first: a timedelta of that many digits would overflow.
    total = (days * 24 + hours) * 60 + minutes
    if not total:
        raise Bad("must be longer than zero", "write it like `2h`")
    if total > MAX_DAYS * 24 * 60:
        raise Bad(f"`{text[:40]}` is longer than {MAX_DAYS} days", TOO_LONG_HINT)
    return timedelta(minutes=total)


class _EventFile:
    """One event file whose shape is right: turns its values into an Event, reporting problems."""

    def __init__(self, slug: str, report: Reporter, data: dict, content_dir: Path, base: Path,
                 groups: dict[str, Group], pattern_slugs: set[str]):
        self.slug, self.report, self.data = slug, report, data
        self.content_dir, self.base = content_dir, base
        self.groups, self.pattern_slugs = groups, pattern_slugs
        self.duration: timedelta | None = None  # the file's `duration`, once read

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.report.error(line, message, hint)

    def event(self) -> Event | None:
        before = len(self.report.problems)
        data = self.data
        group = self.group()
        zone = ZoneInfo(_text(data.get("timezone")) or (group.timezone if group else "UTC"))
        start, end = self.times(data, zone)
        repeat = None
        if "repeat" in data and start is not None:
            repeat = self.repeat(data["repeat"], start, zone)
        location = self.location(data["location"], "location", line_of_key(data, "location")) \
            if "location" in data else None
        patterns = self.patterns()
        organizer = None
        if "organizer" in data:
            node = data["organizer"]
            organizer = Organizer(name=_text(node["name"]), email=_text(node.get("email")) or None)
        if len(self.report.problems) > before:
            return None
        return Event(
            slug=self.slug, path=self.report.path, title=_text(data["title"]), group=group.slug,
            start=start, end=end, timezone=zone.key, status=_text(data.get("status")) or "confirmed",
            repeat=repeat, location=location, online=_text(data.get("online")) or None,
            patterns=patterns, tags=tuple(dict.fromkeys(_text(t) for t, _ in _items(data, "tags"))),
            organizer=organizer, description=_markdown(data.get("description")),
            duration=self.duration if isinstance(start, datetime) else None,
            open_to_newcomers=data.get("open_to_newcomers"))

    # -- group, patterns, location ------------------------------------------------------------

    def group(self) -> Group | None:
        slug = _text(self.data["group"])
        if slug in self.groups:
            return self.groups[slug]
        line = line_of_key(self.data, "group")
        group_file = self.content_dir / "groups" / f"{slug}.yml"
        if group_file.is_file():
            self.error(line, f"group `{slug}` has problems", f"fix {relative(group_file, self.base)} first")
        else:
            self.error(line, f"unknown group `{slug}`",
                       did_you_mean(slug, self.groups) or f"groups are the files in {self._folder('groups')}/")
        return None

    def patterns(self) -> tuple[str, ...]:
        found = []
        for value, line in _items(self.data, "patterns"):
            slug = _text(value)
            if slug in self.pattern_slugs:
                found.append(slug)
                continue
            pattern_file = self.content_dir / "patterns" / f"{slug}.md"
            if pattern_file.is_file():
                self.error(line, f"pattern `{slug}` has problems", f"fix {relative(pattern_file, self.base)} first")
            else:
                self.error(line, f"unknown pattern `{slug}`",
                           did_you_mean(slug, self.pattern_slugs) or f"patterns are the files in {self._folder('patterns')}/")
        return tuple(dict.fromkeys(found))

    def location(self, node: dict, name: str, line: int) -> Location | None:
        place, address = _text(node.get("name")), _text(node.get("address"))
        if not place and not address:
            self.error(line, f"`{name}` needs a `name` or an `address`", "people need to know where to go")
            return None
        geo = node.get("geo")
        return Location(name=place, address=address,
                        geo=(float(geo[0]), float(geo[1])) if geo is not None else None)

    def _folder(self, name: str) -> str:
        return relative(self.content_dir / name, self.base)

    # -- start and end ------------------------------------------------------------------------

    def when(self, node: dict, key: str, name: str) -> date | datetime | None:
        try:
            return parse_when(node[key])
        except Bad as bad:
            self.error(line_of_key(node, key), f"`{name}` {bad.message}", bad.hint)
            return None

    def local(self, naive: datetime, zone: ZoneInfo, line: int, name: str) -> datetime | None:
        try:
            return localize(naive, zone)
        except Bad as bad:
            self.error(line, f"`{name}` {bad.message}", bad.hint)
            return None

    def times(self, data: dict, zone: ZoneInfo) -> tuple[Any, Any]:
        """(start, end) of the event, end exclusive for all-day events; (None, None) if wrong."""
        before = len(self.report.problems)
        start = self.when(data, "start", "start")
        end = self.when(data, "end", "end") if "end" in data else None
        end_line, duration_line = line_of_key(data, "end"), line_of_key(data, "duration")
        length = None
        if "end" in data and "duration" in data:
            self.error(duration_line, "give `end` or `duration`, not both", "keep one")
        elif "duration" in data:
            try:
                length = parse_duration(str(data["duration"]))
            except Bad as bad:
                self.error(duration_line, f"`duration` {bad.message}", bad.hint)
        if len(self.report.problems) > before:
            return None, None

        if not isinstance(start, datetime):
            if isinstance(end, datetime):
                self.error(end_line, "`end` has a time but `start` is a date",
                           "give both a time, or neither for an all-day event")
                return None, None
            if length is not None:
                if length.seconds or length.microseconds:
                    self.error(duration_line, "an all-day event lasts whole days",
                               "write `duration: 2d`, or `end:` with its last day, or give `start` a time")
                    return None, None
                return start, start + timedelta(days=length.days)
            if end is not None and end < start:
                self.error(end_line, f"`end` {end} is before `start` {start}",
                           "for an all-day event `end` is its last day")
                return None, None
            if end is not None and (end - start).days + 1 > MAX_DAYS:
                self.error(end_line, f"`end` makes the event last more than {MAX_DAYS} days", TOO_LONG_HINT)
                return None, None
            return start, (end or start) + timedelta(days=1)  # the file's last day -> exclusive end

        start_line = line_of_key(data, "start")
        aware_start = self.local(start, zone, start_line, "start")
        if end is not None and not isinstance(end, datetime):
            self.error(end_line, "`end` is a date but `start` has a time",
                       f"write it like `{end:%Y-%m-%d} {start:%H:%M}`")
            return None, None
        if end is None and length is None:
            self.error(start_line, "a timed event needs `end` or `duration`",
                       f"add `end: {start + timedelta(hours=2):%Y-%m-%d %H:%M}` or `duration: 2h`")
            return None, None
        if aware_start is None:
            return None, None
        if length is not None:
            self.duration = length
            return aware_start, (aware_start.astimezone(UTC) + length).astimezone(zone)
        aware_end = self.local(end, zone, end_line, "end")
        if aware_end is None:
            return None, None
        if aware_end <= aware_start:
            self.error(end_line, f"`end` {end:%Y-%m-%d %H:%M} is not after `start` {start:%Y-%m-%d %H:%M}",
                       "an event ends after it starts")
            return None, None
        if aware_end - aware_start > timedelta(days=MAX_DAYS):
            self.error(end_line, f"`end` makes the event last more than {MAX_DAYS} days", TOO_LONG_HINT)
            return None, None
        return aware_start, aware_end

    # -- the series ---------------------------------------------------------------------------

    def repeat(self, node: dict, start: Any, zone: ZoneInfo) -> Repeat | None:
        before = len(self.report.problems)
        repeat_line = line_of_key(self.data, "repeat")
        if "rrule" in node:
            clash = [key for key in ("every", "interval", "on") if key in node]
            if clash:
                self.error(line_of_key(node, "rrule"), f"`repeat.rrule` replaces `repeat.{clash[0]}`",
                           "keep one or the other")
                return None
            parts, until, count = self.raw_rrule(node) or (None, None, None)
        elif "every" not in node:
            self.error(repeat_line, "`repeat` needs `every`", "say how often: `every: week` (or day, month, year)")
            parts = until = count = None
        else:
            parts = self.every(node, start)
            until = count = None

        if "until" in node:
            if until is not None:
                self.error(line_of_key(node, "until"), "`repeat.until` and UNTIL in `repeat.rrule` both given", "keep one")
            until = self.when(node, "until", "repeat.until")
        if "count" in node:
            if count is not None:
                self.error(line_of_key(node, "count"), "`repeat.count` and COUNT in `repeat.rrule` both given", "keep one")
            count = node["count"]
        if until is not None and count is not None:
            later = max(line_of_key(node, "until"), line_of_key(node, "count"))
            self.error(later, "`repeat.until` and `repeat.count` exclude each other", "keep one")
        if parts is None or len(self.report.problems) > before:
            return None
        if until is not None:
            until_part = self.until(until, start, zone, line_of_key(node, "until" if "until" in node else "rrule"))
            if until_part is None:
                return None
            parts.append(("UNTIL", until_part))
        if count is not None:
            parts.append(("COUNT", str(count)))

        text = ";".join(f"{name}={value}" for name, value in parts)
        rule_line = line_of_key(node, "rrule") if "rrule" in node else repeat_line
        try:
            rule = rule_for(text, start)
            # The series without COUNT, which ends by the last year allowed: what it can reach.
            endless = endless_rule_for(text, start)
            first = endless.after(_naive(start), inc=True)
        except (ValueError, TypeError, KeyError, IndexError) as err:
            self.error(rule_line, f"`repeat.rrule` is not a rule that can be expanded: {err}",
                       "see RFC 5545, section 3.3.10, or use `every` and `on`")
            return None
        if first != _naive(start):
            # RFC 5545 leaves a series undefined when its start is not one of its occurrences,
            # and calendar apps disagree about it: refuse it rather than guess.
            hint = f"start the series on its first occurrence, {first:%Y-%m-%d}" if first else "check `repeat`"
            self.error(line_of_key(self.data, "start"),
                       f"`start` ({_naive(start):%A %Y-%m-%d}) is not one of the days the series repeats on", hint)
            return None
        if count is not None and sum(1 for _ in islice(endless.xafter(first, count=count, inc=True), count)) < count:
            self.error(line_of_key(node, "count" if "count" in node else "rrule"),
                       f"a series of {count:,} occurrences would go on past {LAST_YEAR}",
                       "give a smaller count, or `until`")
            return None

        exceptions = self.exceptions(node, rule)
        changes = self.changes(node, rule, start, zone, exceptions)
        if len(self.report.problems) > before:
            return None
        return Repeat(rrule=text, exceptions=tuple(exceptions), changes=tuple(changes))

    def every(self, node: dict, start: Any) -> list[tuple[str, str]] | None:
        every = _text(node["every"])
        parts = [("FREQ", _FREQ[every])]
        if node.get("interval", 1) > 1:
            parts.append(("INTERVAL", str(node["interval"])))
        if "on" not in node:
            if every == "week":  # RFC 5545's default too, but readers of the feed see it said
                parts.append(("BYDAY", WEEKDAYS[start.weekday()][:2].upper()))
            return parts
        if every in ("day", "year"):
            self.error(line_of_key(node, "on"), f"`repeat.on` is for weekly and monthly series, not `every: {every}`",
                       "remove it: the series repeats on the day of `start`")
            return None
        days, monthdays, ok = [], [], True
        for value, line in _items(node, "on"):
            try:
                if every == "week":
                    days.append(_weekly_day(value))
                elif isinstance(value, int):
                    monthdays.append(_monthday(value))
                else:
                    days.append(_monthly_day(value))
            except Bad as bad:
                self.error(line, bad.message, bad.hint)
                ok = False
        if not ok:
            return None
        if days and monthdays:
            self.error(line_of_key(node, "on"), "`repeat.on` mixes weekdays and day numbers",
                       "a monthly series takes one or the other; make two events for both")
            return None
        if days:
            parts.append(("BYDAY", ",".join(dict.fromkeys(days))))
        if monthdays:
            parts.append(("BYMONTHDAY", ",".join(str(d) for d in dict.fromkeys(monthdays))))
        return parts

    def raw_rrule(self, node: dict) -> tuple[list[tuple[str, str]], Any, Any] | None:
        """The parts of a hand-written RRULE, with its UNTIL and COUNT read out to be rewritten."""
        try:
            rule = rrules.parse(_text(node["rrule"]))
        except rrules.RuleError as err:
            self.error(line_of_key(node, "rrule"), f"`repeat.rrule` {err.message}", err.hint)
            return None
        parts = [(name, value) for name, value in rule.parts if name not in ("UNTIL", "COUNT")]
        ordered = [part for part in parts if part[0] == "FREQ"] + [part for part in parts if part[0] != "FREQ"]
        return ordered, rule.until, rule.count

    def until(self, until: date | datetime, start: Any, zone: ZoneInfo, line: int) -> str | None:
        """The RRULE UNTIL value: a DATE for all-day series, otherwise a UTC time (RFC 5545)."""
        if not isinstance(start, datetime):
            if isinstance(until, datetime):
                self.error(line, "`repeat.until` must be a date for an all-day event", "write it like `2027-03-25`")
                return None
            if until < start:
                self.error(line, f"`repeat.until` {until} is before `start` {start}", "the series would never happen")
                return None
            return f"{until:%Y%m%d}"
        if isinstance(until, datetime) and until.tzinfo is not None:  # UTC, from a raw RRULE
            moment = until
        elif isinstance(until, datetime):
            moment = self.local(until, zone, line, "repeat.until")
            if moment is None:
                return None
        else:
            # A date includes that whole local day.
            moment = datetime.combine(until, time(23, 59, 59)).replace(tzinfo=zone)
        if moment.astimezone(UTC) < start.astimezone(UTC):
            self.error(line, f"`repeat.until` is before `start` {_naive(start):%Y-%m-%d %H:%M}",
                       "the series would never happen")
            return None
        return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"

    def exceptions(self, node: dict, rule: Any) -> list[date]:
        found = []
        for value, line in _items(node, "except"):
            day = self.occurrence_date(value, line, "repeat.except", rule)
            if day is not None:
                found.append(day)
        return sorted(set(found))

    def occurrence_date(self, value: Any, line: int, name: str, rule: Any) -> date | None:
        try:
            day = parse_date(value)
        except Bad as bad:
            self.error(line, f"`{name}` {bad.message}", bad.hint)
            return None
        if occurrence_on(rule, day) is None:
            nearest = nearest_occurrence(rule, day)
            self.error(line, f"`{name}` {day} is not a date of the series",
                       f"the nearest occurrence is on {nearest:%A %Y-%m-%d}" if nearest else "")
            return None
        return day

    def changes(self, node: dict, rule: Any, start: Any, zone: ZoneInfo, exceptions: Any) -> list[Change]:
        found: dict[date, Change] = {}
        all_day = not isinstance(start, datetime)
        for index, (item, _) in enumerate(_items(node, "changes")):
            name = f"repeat.changes[{index + 1}]"
            day = self.occurrence_date(item["date"], line_of_key(item, "date"), f"{name}.date", rule)
            if day is None:
                continue
            if day in found:
                self.error(line_of_key(item, "date"), f"`{name}` changes {day} a second time", "merge the two changes")
                continue
            if day in exceptions:
                self.error(line_of_key(item, "date"), f"`{name}` changes {day}, which `repeat.except` removes",
                           "an occurrence is either removed or changed")
                continue
            if set(item) == {"date"}:
                self.error(line_of_key(item, "date"), f"`{name}` changes nothing",
                           "give a new start, end, status, location, online, title or description")
                continue
            change = self.change(item, name, day, rule, start, zone, all_day)
            if change is not None:
                found[day] = change
        return [found[day] for day in sorted(found)]

    def change(self, item: dict, name: str, day: date, rule: Any, start: Any, zone: ZoneInfo,
               all_day: bool) -> Change | None:
        before = len(self.report.problems)
        new = {}
        for key in ("start", "end"):
            if key not in item:
                continue
            line = line_of_key(item, key)
            value = self.when(item, key, f"{name}.{key}")
            if value is None:
                continue
            if all_day and isinstance(value, datetime):
                self.error(line, f"`{name}.{key}` has a time but the event is all day", "write a date alone")
            elif not all_day and not isinstance(value, datetime):
                self.error(line, f"`{name}.{key}` is a date but the event has times",
                           f"write it like `{value:%Y-%m-%d} {_naive(start):%H:%M}`")
            elif all_day:
                new[key] = value + timedelta(days=1) if key == "end" else value
            else:
                new[key] = self.local(value, zone, line, f"{name}.{key}")
        if len(self.report.problems) > before:
            return None
        original = occurrence_on(rule, day)
        new_start = new.get("start") or (original.date() if all_day else original.replace(tzinfo=zone))
        if "end" in new and _naive(new["end"]) <= _naive(new_start):
            self.error(line_of_key(item, "end"), f"`{name}.end` is not after its start",
                       "an occurrence ends after it starts" + (" (`end` is its last day)" if all_day else ""))
            return None
        if "end" in new and _naive(new["end"]) - _naive(new_start) > timedelta(days=MAX_DAYS):
            self.error(line_of_key(item, "end"), f"`{name}.end` makes the occurrence last more than {MAX_DAYS} days",
                       TOO_LONG_HINT)
            return None
        location = None
        if "location" in item:
            location = self.location(item["location"], f"{name}.location", line_of_key(item, "location"))
            if location is None:
                return None
        return Change(date=day, start=new.get("start"), end=new.get("end"),
                      status=_text(item.get("status")) or None, location=location,
                      online=_text(item.get("online")) or None,
                      title=_text(item.get("title")) or None,
                      description=_markdown(item["description"]) if "description" in item else None)


def _weekly_day(value: Any) -> str:
    if isinstance(value, int):
        raise Bad(f"`repeat.on` takes weekdays in a weekly series, not the number {value}",
                  "write `on: [thursday]`, or use `every: month` for a day of the month")
    word = str(value).strip().lower()
    if len(word.split()) == 2:
        raise Bad(f"`{word}` in `repeat.on` is for a monthly series", "use `every: month`, or write the weekday alone")
    return _weekday(word)


def _monthly_day(value: Any) -> str:
    words = str(value).strip().lower().split()
    if len(words) == 1 and _weekday_or_none(words[0]):
        raise Bad(f"`{words[0]}` alone in a monthly series would be every {words[0]} of the month",
                  f"say which: `first {words[0]}` ... `last {words[0]}`; or use `every: week`")
    if len(words) != 2:
        raise Bad(f"cannot read `{value}` in `repeat.on`", "write `first thursday`, `last friday` or a day number like 15")
    if words[0] not in _ORDINAL_NUMBERS:
        raise Bad(f"unknown position `{words[0]}` in `repeat.on`",
                  did_you_mean(words[0], ORDINALS) or "use first, second, third, fourth, fifth or last")
    return f"{_ORDINAL_NUMBERS[words[0]]}{_weekday(words[1])}"


def _monthday(value: int) -> int:
    if not 1 <= value <= 31:
        raise Bad(f"day {value} in `repeat.on` is not a day of the month", "use a number from 1 to 31")
    return value


def _weekday(word: str) -> str:
    code = _weekday_or_none(word)
    if code is None:
        raise Bad(f"unknown weekday `{word}` in `repeat.on`",
                  did_you_mean(word, WEEKDAYS) or "weekdays are " + ", ".join(WEEKDAYS))
    return code


def _weekday_or_none(word: str) -> str | None:
    word = word.lower()
    return _WEEKDAY_CODES.get(word) or _WEEKDAY_CODES.get(word.removesuffix("s")) or _WEEKDAY_ABBREVIATIONS.get(word)


def _items(node: dict, key: str) -> Iterator[tuple[Any, int]]:
    """The items of a list field (or its single value) with their lines."""
    if key not in node:
        return
    value = node[key]
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield item, line_of_item(value, index)
    else:
        yield value, line_of_key(node, key)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _markdown(value: Any) -> str:
    return "" if value is None else str(value).strip("\n").rstrip()


def _naive(when: date | datetime) -> datetime:
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    return datetime.combine(when, time())
