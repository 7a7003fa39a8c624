"""Warnings for editors: the dates ahead on which a series' time is one the clocks skip or repeat.

`handbook check` refuses such a time as `start` or `end` (a reader could not tell which hour
was meant), but a weekly 01:30 is fine on most dates and meets a change only now and then. On
those dates the site follows RFC 5545 (see `clock_changes`): the gathering moves by the gap, or
takes the first of the two times. That is a definite answer, so it is a warning, not an error:
an error would also make a check that passed yesterday fail today, only because "now" moved a
day closer to a change, blocking pull requests about anything else. The warning names the date,
the time the site shows, and the way to choose another (a `changes` entry for that date).

Warned about: the dates from now to a year ahead (every subscriber's calendar shows them, and a
year sees each of a zone's changes once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core import recurrence
from ..core.clock_changes import GAP, changes_between, kind
from ..core.model import Content, Event
from . import text as calendar_text

AHEAD = timedelta(days=366)
_START_KEY = re.compile(r"^start\s*:")


@dataclass(frozen=True, order=True)
class Warning:
    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: warning: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


def clock_warnings(content: Content, root: Path, now: datetime) -> list[Warning]:
    found = []
    for slug in sorted(content.events):
        event = content.events[slug]
        found += _event_warnings(event, _start_line(root / event.path), now, now + AHEAD)
    return found  # by event, then by date


def _event_warnings(event: Event, line: int, start: datetime, end: datetime) -> list[Warning]:
    if event.repeat is None or event.all_day:
        return []
    zone = ZoneInfo(event.timezone)
    found: dict[datetime, Warning] = {}
    for at in changes_between(event.timezone, start.astimezone(zone).year, end.astimezone(zone).year):
        if not start <= at < end:
            continue
        for nominal, occurrence in recurrence.unchanged_between(event, at - timedelta(hours=3), at + timedelta(hours=3)):
            what = kind(nominal, zone)
            if what is None or nominal in found:
                continue
            shown = calendar_text.time_range(occurrence.start, occurrence.end, event.timezone)
            day = calendar_text.long_date(nominal.date())
            if what == GAP:
                message = (f"on {day} the series' {nominal:%H:%M} does not exist in {event.timezone} (the clocks "
                           f"go forward): the gathering is shown {shown}, moved by the change")
            else:
                message = (f"on {day} the series' {nominal:%H:%M} happens twice in {event.timezone} (the clocks "
                           f"go back): the gathering is shown at the first, {shown}")
            hint = (f"to choose another time that day, add a `repeat.changes` entry with "
                    f"`date: {nominal:%Y-%m-%d}` and a new `start`")
            found[nominal] = Warning(event.path, line, message, hint)
    return [found[key] for key in sorted(found)]


def _start_line(path: Path) -> int:
    """The line of the file's `start` key (the time to change), or 1."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if _START_KEY.match(line):
            return number
    return 1
