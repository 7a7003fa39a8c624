"""Whatever an event, group or pattern file holds, the loaders answer with problems, never an
exception: random bytes, random text, YAML-looking token soup, and random structures written
as YAML, including ones built from the real keys and plausible values so that the checks of
times, series and links are reached. Every problem names the file and a line inside it, and a
file without problems is loaded (nothing is silently dropped).

The loaders are called directly, for speed; a few runs of `handbook check` show the command
line behaves the same.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from sitebuild import FIXTURES

from generator.content.events import load_events
from generator.content.groups import load_groups
from generator.content.patterns import load_patterns

FIXTURE = FIXTURES / "calendar" / "content"
# HANDBOOK_FUZZ_EXAMPLES=5000 for a longer hunt than the test suite's.
EXAMPLES = int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Workspace:
    """One content folder reused by every example: the fixture's groups and patterns, and a
    slot for the file under test."""

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="fuzz-"))
        self.content = self.base / "content"
        shutil.copytree(FIXTURE / "groups", self.content / "groups")
        shutil.copytree(FIXTURE / "patterns", self.content / "patterns")
        (self.content / "events").mkdir()
        self.groups, problems = load_groups(self.content, self.base)
        assert problems == []
        self.patterns = {"check-in", "crew", "dinner-table"}

    def load(self, kind: str, raw: bytes):
        """Load one file of `kind` holding `raw`; return (its problems, whether it loaded)."""
        slot = {"event": "events/fuzz.yml", "group": "groups/fuzz.yml", "pattern": "patterns/fuzz.md"}[kind]
        path = self.content / slot
        path.write_bytes(raw)
        try:
            if kind == "event":
                loaded, problems = load_events(self.content, self.base, self.groups, self.patterns)
            elif kind == "group":
                loaded, problems = load_groups(self.content, self.base)
            else:
                loaded, problems = load_patterns(self.content, self.base)
        finally:
            path.unlink()
        mine = [p for p in problems if p.path == f"content/{slot}"]
        assert mine == problems, "a problem in one file was blamed on another"
        return mine, "fuzz" in loaded


WORKSPACE = Workspace()
KINDS = st.sampled_from(["event", "group", "pattern"])


def assert_answered(kind: str, raw: bytes) -> None:
    problems, loaded = WORKSPACE.load(kind, raw)
    lines = max(1, raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1))
    for problem in problems:
        assert 1 <= problem.line <= lines, str(problem)
        assert problem.message and "\n" not in str(problem), str(problem)
    assert loaded != bool(problems), "a file with no problem must load, a file with one must not"


# -- raw input ------------------------------------------------------------------------------


@SETTINGS
@given(kind=KINDS, raw=st.binary(max_size=400))
def test_random_bytes(kind, raw):
    assert_answered(kind, raw)


@SETTINGS
@given(kind=KINDS, text=st.text(max_size=300))
def test_random_text(kind, text):
    assert_answered(kind, text.encode("utf-8"))


YAMLISH = st.lists(st.sampled_from([
    "title", "group", "start", "repeat", "on", "every", "changes", "except", "location", "geo", "name",
    "kind", "timezone", "part_of", "scale", "related", "tags", ":", ": ", "- ", "-", "\n", "\n  ", "\n    ",
    "\t", "[", "]", "{", "}", ",", "#", "'", '"', "|", ">", "&a", "*a", "!!python/object:os.system", "!tag",
    "!!binary", "!!set", "!!omap", "!!timestamp", "<<: *a", "? ", "%YAML 1.1\n", "---", "...", "\ufeff", "\r\n",
    "2027-02-04", "2027-02-30", "19:00", "2027-02-04 19:00", "2027-02-04T19:00:00Z", "24:00", "1_000", "0x1F",
    "0o17", ".inf", "-.nan", "~", "null", "yes", "true", "1e999", "9" * 30, "hackney-crew", "thursday",
    "first thursday", "week", "Europe/London", "FREQ=WEEKLY;BYDAY=TH", "[51.5, -0.1]", "\x00", "\x85", "\u2028",
]), max_size=40).map("".join)


@SETTINGS
@given(kind=KINDS, text=YAMLISH)
def test_yaml_token_soup(kind, text):
    assert_answered(kind, text.encode("utf-8"))
    if kind == "pattern":
        assert_answered(kind, f"---\n{text}\n---\n## Problem\n\n## Solution\n".encode())


# -- structures written as YAML ---------------------------------------------------------------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.dates().map(str), st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
    st.sampled_from(["2027-02-04", "2027-02-04 19:00", "2h", "90m", "0m", "1d", "Europe/London", "europe/london",
                     "Pacific/Auckland", "thursday", "first thursday", "last friday", "fifth monday", "32",
                     "week", "month", "day", "year", "FREQ=MONTHLY;BYDAY=1TH", "FREQ=WEEKLY;UNTIL=20270101",
                     "FREQ=YEARLY;BYMONTH=13", "FREQ=DAILY;COUNT=0", "RRULE:FREQ=WEEKLY;INTERVAL=0",
                     "https://example.org", "mailto:a@example.org", "javascript:alert(1)", "hackney-crew",
                     "newtown-crew", "wellington-congregation", "check-in", "crew", "confirmed", "cancelled"]),
)
KEYS = st.sampled_from([
    "title", "group", "start", "end", "duration", "timezone", "status", "repeat", "location", "online",
    "patterns", "tags", "organizer", "description", "every", "interval", "on", "until", "count", "except",
    "changes", "rrule", "date", "name", "address", "geo", "email", "kind", "summary", "where", "part_of",
    "open_to_newcomers", "contact", "scale", "related", "hide", "search", "typo"])
STRUCTURES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)), max_leaves=25)


def dump(data) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


@SETTINGS
@given(kind=KINDS, data=STRUCTURES)
def test_random_structures(kind, data):
    text = dump(data)
    raw = (f"---\n{text}---\n## Problem\n\n## Solution\n" if kind == "pattern" else text).encode("utf-8")
    assert_answered(kind, raw)


# Events that get past the shape check, so that times, zones and series are exercised: mostly
# sound values (a Thursday start, a weekly series on Thursdays), with a few wrong ones mixed in.
DAYS = st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 4, 30)).map(str)
THURSDAYS = st.integers(0, 16).map(lambda weeks: str(date(2027, 1, 7) + timedelta(weeks=weeks)))


def mostly(good: list, bad: list) -> st.SearchStrategy:
    return st.sampled_from(good * 4 + bad)


REPEATS = st.fixed_dictionaries({"every": mostly(["week", "month"], ["day", "year", "fortnight"])}, optional={
    "interval": mostly([1, 2], [0, -1, 5]),
    "on": st.one_of(mostly(["thursday", "first thursday"], ["last friday", "thursdy", 7, 31, 0]),
                    st.lists(mostly(["thursday", "first thursday"], ["monday", "second tuesday", 1, 29]), max_size=3)),
    "until": mostly(["2027-04-29", "2027-06-30"], ["2026-01-01", "2027-03-28 01:30", "2027-06-30 20:00"]),
    "count": st.integers(0, 20),
    "except": st.lists(st.one_of(THURSDAYS, DAYS), max_size=3),
    "changes": st.lists(st.fixed_dictionaries(
        {"date": st.one_of(THURSDAYS, DAYS)},
        optional={"start": mostly(["2027-02-11 18:00"], ["2027-02-11", "2027-03-28 01:30"]),
                  "end": mostly(["2027-02-11 21:30"], ["2027-02-10 20:00", "2027-02-12"]),
                  "status": mostly(["cancelled", "tentative"], ["moved"]),
                  "location": st.fixed_dictionaries({}, optional={"name": st.text(max_size=5)})}), max_size=3),
})
RRULES = st.sampled_from(["FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYDAY=1TH", "FREQ=MONTHLY;BYMONTHDAY=7",
                          "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;COUNT=3",
                          "FREQ=MONTHLY;BYSETPOS=1;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;UNTIL=20260101T000000Z",
                          "FREQ=WEEKLY;UNTIL=20270401", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR"])
TIMINGS = st.sampled_from(
    [{"start": "2027-01-07 19:00", "duration": "2h"}, {"start": "2027-01-07 19:00", "end": "2027-01-07 21:00"},
     {"start": "2027-01-07"}, {"start": "2027-01-07", "end": "2027-01-09"}, {"start": "2027-01-07", "duration": "3d"}] * 3
    + [{"start": "2027-01-07 19:00"}, {"start": "2027-03-28 01:30", "duration": "1h"},
       {"start": "2026-10-25 01:30", "duration": "1h"}, {"start": "2027-01-07 23:30", "duration": "25h"},
       {"start": "2027-01-07 19:00", "end": "2027-01-07 18:00"}, {"start": "2027-02-29"},
       {"start": "2027-01-07", "duration": "90m"}, {"start": "2027-01-07 19:00", "duration": "0m"}])
EVENTS = st.builds(
    lambda base, timing, extra: {**base, **timing, **extra},
    base=st.fixed_dictionaries({"title": st.just("A gathering"),
                                "group": mostly(["hackney-crew", "newtown-crew"], ["gracia-network", "nobody"])}),
    timing=TIMINGS,
    extra=st.fixed_dictionaries({}, optional={
        "timezone": mostly(["Europe/London", "Pacific/Auckland"], ["Australia/Lord_Howe", "UTC", "Mars/Olympus"]),
        "repeat": st.one_of(REPEATS, REPEATS, st.fixed_dictionaries({"rrule": RRULES}, optional={
            "until": mostly(["2027-04-29"], ["2026-01-01"]), "count": st.integers(0, 5)})),
        "location": st.fixed_dictionaries({}, optional={"name": st.just("Hall"),
                                                        "geo": st.lists(st.floats(-200, 200), max_size=3)}),
        "patterns": st.lists(mostly(["crew", "check-in"], ["nope"]), max_size=3),
        "status": mostly(["confirmed", "cancelled"], ["canceled"]),
        "online": mostly(["https://meet.example.org/x"], ["ftp://x", ""])}))


@settings(max_examples=2 * EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=EVENTS)
def test_plausible_events(event):
    assert_answered("event", dump(event).encode("utf-8"))


# -- the command line -----------------------------------------------------------------------


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(st.binary(max_size=200), YAMLISH.map(str.encode), STRUCTURES.map(dump).map(str.encode)))
def test_handbook_check_answers_without_a_traceback(raw):
    project = WORKSPACE.base
    (project / "content/events/fuzz.yml").write_bytes(raw)
    (project / "content/patterns/fuzz.md").write_bytes(b"---\n" + raw + b"\n---\n## Problem\n## Solution\n")
    try:
        done = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(project)],
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    finally:
        (project / "content/events/fuzz.yml").unlink()
        (project / "content/patterns/fuzz.md").unlink()
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    for line in done.stdout.splitlines():
        assert line.startswith(("content/events/fuzz.yml:", "content/patterns/fuzz.md:")), line
