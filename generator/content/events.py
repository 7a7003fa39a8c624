"""Loading events: `content/events/**/<slug>.yml`, one gathering or series per file.

The shape of a file is checked against `formats.EVENT`; this module checks what the values mean:
the group and the patterns it names, its place, and its times in the event's zone (`times`); a
series is read by `series`. A file with any problem is left out, and every problem is said.

A series' later occurrences that land on a time the clocks skip or repeat follow RFC 5545
(see `clock_changes`), and `handbook check` warns about them (`clock_warnings`).
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..core.model import Event, Group, Location, Organizer, Repeat
from ..core.problems import Problem, Reporter, problem_path
from ..core.urls import is_reserved
from .files import EVENT as EVENT_FILE
from .files import ContentFiles, scan
from .formats import EVENT, check_slug, did_you_mean, items_of, load_data, markdown_of, text_of
from .series import Series
from .times import UTC, Bad, all_day_span, check_timed_span, localize, parse_duration, parse_when
from .yamlfile import line_of_key


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
        report = Reporter(problem_path(path, base), problems)
        slug_ok = check_slug(path, report, functools.partial(is_reserved, "event"))
        data = load_data(file.raw, EVENT, report)
        event = None
        if data is not None:
            event = EventFile(path.stem, report, data, content_dir, base, groups, pattern_slugs).event()
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


class EventFile:
    """One event file whose shape is right: turns its values into an Event, reporting problems."""

    def __init__(self, slug: str, report: Reporter, data: dict, content_dir: Path, base: Path,
                 groups: dict[str, Group], pattern_slugs: set[str]):
        self.slug, self.report, self.data = slug, report, data
        self.content_dir, self.base = content_dir, base
        self.groups, self.pattern_slugs = groups, pattern_slugs
        self.elapsed: timedelta | None = None  # the file's `duration`, once read (elapsed time)

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.report.error(line, message, hint)

    def event(self) -> Event | None:
        before = len(self.report.problems)
        data = self.data
        group = self.group()
        zone = ZoneInfo(text_of(data.get("timezone")) or (group.timezone if group else "UTC"))
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
            organizer = Organizer(name=text_of(node["name"]), email=text_of(node.get("email")) or None)
        if len(self.report.problems) > before:
            return None
        return Event(
            slug=self.slug, path=self.report.path, title=text_of(data["title"]), group=group.slug,
            start=start, end=end, timezone=zone.key, status=text_of(data.get("status")) or "confirmed",
            repeat=repeat, location=location, online=text_of(data.get("online")) or None,
            patterns=patterns, tags=tuple(dict.fromkeys(text_of(t) for t, _ in items_of(data, "tags"))),
            organizer=organizer, description=markdown_of(data.get("description")),
            duration=self.elapsed if isinstance(start, datetime) else None,
            open_to_newcomers=data.get("open_to_newcomers"))

    # -- group, patterns, location ------------------------------------------------------------

    def group(self) -> Group | None:
        slug = text_of(self.data["group"])
        if slug in self.groups:
            return self.groups[slug]
        line = line_of_key(self.data, "group")
        group_file = self.content_dir / "groups" / f"{slug}.yml"
        if group_file.is_file():
            self.error(line, f"group `{slug}` has problems", f"fix {problem_path(group_file, self.base)} first")
        else:
            self.error(line, f"unknown group `{slug}`",
                       did_you_mean(slug, self.groups) or f"groups are the files in {self._folder('groups')}/")
        return None

    def patterns(self) -> tuple[str, ...]:
        found = []
        for value, line in items_of(self.data, "patterns"):
            slug = text_of(value)
            if slug in self.pattern_slugs:
                found.append(slug)
                continue
            pattern_file = self.content_dir / "patterns" / f"{slug}.md"
            if pattern_file.is_file():
                self.error(line, f"pattern `{slug}` has problems", f"fix {problem_path(pattern_file, self.base)} first")
            else:
                self.error(line, f"unknown pattern `{slug}`",
                           did_you_mean(slug, self.pattern_slugs) or f"patterns are the files in {self._folder('patterns')}/")
        return tuple(dict.fromkeys(found))

    def location(self, node: dict, name: str, line: int) -> Location | None:
        place, address = text_of(node.get("name")), text_of(node.get("address"))
        if not place and not address:
            self.error(line, f"`{name}` needs a `name` or an `address`", "people need to know where to go")
            return None
        geo = node.get("geo")
        return Location(name=place, address=address,
                        geo=(float(geo[0]), float(geo[1])) if geo is not None else None)

    def _folder(self, name: str) -> str:
        return problem_path(self.content_dir / name, self.base)

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
        length = self.duration(data)
        if len(self.report.problems) > before:
            return None, None
        try:
            if not isinstance(start, datetime):
                return all_day_span(start, end, length)
            return self.timed_span(data, start, end, length, zone)
        except Bad as bad:
            self.error(line_of_key(data, bad.key), bad.message, bad.hint)
            return None, None

    def duration(self, data: dict) -> timedelta | None:
        if "duration" not in data:
            return None
        line = line_of_key(data, "duration")
        if "end" in data:
            self.error(line, "give `end` or `duration`, not both", "keep one")
            return None
        try:
            return parse_duration(str(data["duration"]))
        except Bad as bad:
            self.error(line, f"`duration` {bad.message}", bad.hint)
            return None

    def timed_span(self, data: dict, start: datetime, end: Any, length: timedelta | None,
                   zone: ZoneInfo) -> tuple[Any, Any]:
        # A start the clocks skip is said together with a missing or all-day end.
        aware_start = self.local(start, zone, line_of_key(data, "start"), "start")
        if end is not None and not isinstance(end, datetime):
            raise Bad("`end` is a date but `start` has a time", f"write it like `{end:%Y-%m-%d} {start:%H:%M}`",
                      key="end")
        if end is None and length is None:
            raise Bad("a timed event needs `end` or `duration`",
                      f"add `end: {start + timedelta(hours=2):%Y-%m-%d %H:%M}` or `duration: 2h`", key="start")
        if aware_start is None:
            return None, None
        if length is not None:
            self.elapsed = length
            return aware_start, (aware_start.astimezone(UTC) + length).astimezone(zone)
        aware_end = self.local(end, zone, line_of_key(data, "end"), "end")
        if aware_end is None:
            return None, None
        check_timed_span(start, end, aware_start, aware_end)
        return aware_start, aware_end

    def repeat(self, node: dict, start: date | datetime, zone: ZoneInfo) -> Repeat | None:
        return Series(self, node, start, zone).repeat()
