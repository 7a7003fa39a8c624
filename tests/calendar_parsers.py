"""The calendar apps' parsers, run over a feed: each gives the occurrences it expands.

| parser | used by | how it runs here |
| --- | --- | --- |
| `recurring-ical-events` (on `icalendar`) | Open Web Calendar, Home Assistant's ideas of it | in this process |
| libical | Evolution, GNOME Calendar, Cyrus | Debian's libical through `/usr/bin/python3` and GObject introspection |
| ical.js | Thunderbird, Nextcloud's web calendar | node, with `ical.js` from package.json |

The last two run as one long-lived process each (tests/parsers/), fed one calendar a line, so
expanding every feed a test builds costs milliseconds, not a process start each. Every parser
answers in one form: a set of (uid, start, end, status, summary), timed values in UTC as
`2026-11-26T12:00:00Z`, all-day values as dates, status in lower case.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import recurring_ical_events

UTC = timezone.utc
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SYSTEM_PYTHON = "/usr/bin/python3"

Occurrence = tuple  # (uid, start, end, status, summary)


def stamp(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise AssertionError(f"a floating time came out of a feed: {value}")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


class _Worker:
    """One long-lived parser process: a JSON request a line in, a JSON answer a line out."""

    def __init__(self, command: list[str]):
        self.command = command
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def ask(self, request: dict) -> dict:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                require_parsers()
                self.process = subprocess.Popen(self.command, cwd=ROOT, stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, text=True, encoding="utf-8")
                atexit.register(self.close)
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"{self.command[-1]} stopped without answering")
        answer = json.loads(line)
        if "error" in answer:
            raise AssertionError(f"{self.command[-1]}: {answer['error']}")
        return answer

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)


def _libical_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    done = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                          capture_output=True)
    return done.returncode == 0


def _icaljs_available() -> bool:
    return shutil.which("node") is not None and (ROOT / "node_modules/ical.js/package.json").is_file()


LIBICAL = _Worker([SYSTEM_PYTHON, str(HERE / "parsers/libical_expand.py")])
ICALJS = _Worker(["node", str(HERE / "parsers/icaljs_expand.mjs")])


def require_parsers() -> None:
    """Fail (never skip) when a parser is missing: .ci/run installs both."""
    assert _libical_available(), "libical is missing: apt-get install python3-gi gir1.2-ical-3.0"
    assert _icaljs_available(), "ical.js is missing: npm ci"


def _window(start: datetime, end: datetime) -> dict:
    return {"start": stamp(start), "end": stamp(end)}


def libical(data: bytes, start: datetime, end: datetime) -> tuple[set[Occurrence], list[str]]:
    """libical's occurrences, and what its restriction check (and parser) says is wrong."""
    answer = LIBICAL.ask({"ics": data.decode("utf-8"), **_window(start, end)})
    return {tuple(o) for o in answer["occurrences"]}, answer["restrictions"]


def icaljs(data: bytes, start: datetime, end: datetime) -> set[Occurrence]:
    answer = ICALJS.ask({"ics": data.decode("utf-8"), **_window(start, end)})
    return {tuple(o) for o in answer["occurrences"]}


def recurring(data: bytes, start: datetime, end: datetime) -> set[Occurrence]:
    calendar = icalendar.Calendar.from_ical(data)
    found = set()
    for occurrence in recurring_ical_events.of(calendar).between(start, end):
        found.add((str(occurrence["UID"]), stamp(occurrence["DTSTART"].dt), stamp(occurrence["DTEND"].dt),
                   str(occurrence.get("STATUS", "")).lower(), str(occurrence.get("SUMMARY", ""))))
    return found


def every_parser(data: bytes, start: datetime, end: datetime) -> dict[str, set[Occurrence]]:
    """What each parser expands in [start, end), by parser name."""
    return {"recurring-ical-events": recurring(data, start, end),
            "libical": libical(data, start, end)[0],
            "ical.js": icaljs(data, start, end)}


def without_all_day_outside(found: set[Occurrence], start: datetime, end: datetime) -> set[Occurrence]:
    """Parsers differ on whether an all-day event touching the window's edge is in it (its day
    is in some zone): keep the all-day ones whose days lie well inside, so sets compare."""
    low, high = start.date().isoformat(), end.date().isoformat()
    return {o for o in found if "T" in o[1] or (o[1] > low and o[2] < high)}


def zone_times(parser: str, vtimezone: bytes, instants: list[int], walls: list[str]) -> dict:
    """How a parser reads one VTIMEZONE: {"walls": the local time of each UTC instant (seconds),
    "instants": the UTC instant of each local wall time ("YYYY-MM-DDTHH:MM:SS")}."""
    worker = {"libical": LIBICAL, "ical.js": ICALJS}[parser]
    return worker.ask({"vtimezone": vtimezone.decode("utf-8"), "instants": instants, "walls": walls})
