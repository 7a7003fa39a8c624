"""Loading group and event files: what editors write becomes the right Event, or one clear line."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.content.events import load_events
from generator.content.formats import EVENT, GROUP, PATTERN, json_schema
from generator.content.groups import load_groups
from generator.core.model import Change, Event, Group, Location, Organizer, Repeat

FIXTURE = Path(__file__).parent / "fixtures" / "calendar"
PATTERNS = {"check-in", "crew", "dinner-table"}
AUCKLAND, LONDON = ZoneInfo("Pacific/Auckland"), ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def fixture_site():
    groups, group_problems = load_groups(FIXTURE / "content", FIXTURE)
    events, event_problems = load_events(FIXTURE / "content", FIXTURE, groups, PATTERNS)
    return groups, events, group_problems + event_problems


def load(tmp_path: Path, files: dict[str, str | bytes]):
    """Load the fixture's groups and patterns plus `files` (paths under content/) from tmp_path."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content" / "groups", content / "groups")
    shutil.copytree(FIXTURE / "content" / "patterns", content / "patterns")
    (content / "events").mkdir()
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    groups, group_problems = load_groups(content, tmp_path)
    events, event_problems = load_events(content, tmp_path, groups, PATTERNS)
    return groups, events, [str(p) for p in sorted(group_problems + event_problems)]


def one_event(tmp_path: Path, text: str) -> Event:
    _, events, problems = load(tmp_path, {"events/e.yml": text})
    assert problems == []
    return events["e"]


# -- what loads ---------------------------------------------------------------------------------


def test_the_fixture_loads_without_problems(fixture_site):
    groups, events, problems = fixture_site
    assert problems == []
    assert sorted(groups) == ["gracia-network", "hackney-crew", "newtown-crew", "wellington-congregation"]
    assert sorted(events) == ["all-day-workshop", "cancelled-picnic", "first-thursday", "hackney-thursdays",
                              "last-friday-circle", "summer-retreat", "thursday-check-in"]


def test_every_group_field_loads(fixture_site):
    groups, _, _ = fixture_site
    assert groups["newtown-crew"] == Group(
        slug="newtown-crew", path="content/groups/newtown-crew.yml", name="Newtown Crew", kind="crew",
        summary="Six neighbours who share a meal and a check-in each week.", timezone="Pacific/Auckland",
        where="Newtown, Wellington", part_of="wellington-congregation", open_to_newcomers=True,
        contact="https://example.org/newtown")
    assert groups["wellington-congregation"].contact == "mailto:hello@example.org"
    assert groups["gracia-network"].open_to_newcomers is False
    assert groups["hackney-crew"].part_of is None and groups["hackney-crew"].contact is None


def test_every_event_field_loads(fixture_site):
    _, events, _ = fixture_site
    expected = Event(
        slug="thursday-check-in", path="content/events/wellington/thursday-check-in.yml",
        title="Thursday crew check-in", group="newtown-crew",
        start=datetime(2026, 12, 3, 19, 0, tzinfo=AUCKLAND), end=datetime(2026, 12, 3, 21, 0, tzinfo=AUCKLAND),
        timezone="Pacific/Auckland", status="confirmed",
        repeat=Repeat(
            # until 2027-03-25 includes that whole day: 23:59:59 NZDT is 10:59:59 UTC
            rrule="FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325T105959Z",
            exceptions=(date(2026, 12, 24),),
            changes=(
                Change(date=date(2027, 1, 7), start=datetime(2027, 1, 7, 18, 0, tzinfo=AUCKLAND),
                       end=datetime(2027, 1, 7, 20, 0, tzinfo=AUCKLAND), title="Early check-in",
                       location=Location(name="Aro Park"), online="https://meet.example.org/newtown-park",
                       description="Bring a rug."),
                Change(date=date(2027, 1, 14), status="cancelled"),
            )),
        location=Location(name="Newtown Community Centre", address="7 Colombo Street, Newtown, Wellington",
                          geo=(-41.3119, 174.7786)),
        online="https://meet.example.org/newtown", patterns=("check-in", "crew"), tags=("newcomers-welcome",),
        organizer=Organizer(name="Aroha", email="aroha@example.org"),
        description="We go round the table: how was your week, what do you need?\n\nTea is on the crew.")
    assert events["thursday-check-in"] == expected
    assert events["thursday-check-in"].start.utcoffset().total_seconds() == 13 * 3600


def test_single_values_are_accepted_where_a_list_is_usual(fixture_site):
    _, events, _ = fixture_site
    first = events["first-thursday"]
    assert first.patterns == ("crew",)
    assert first.repeat.rrule == "FREQ=MONTHLY;BYDAY=1TH;COUNT=6"


def test_all_day_end_is_inclusive_in_the_file_and_exclusive_in_the_model(fixture_site):
    _, events, _ = fixture_site
    retreat = events["summer-retreat"]  # start 2027-01-22, end 2027-01-24 in the file
    assert retreat.all_day
    assert (retreat.start, retreat.end) == (date(2027, 1, 22), date(2027, 1, 25))
    workshop = events["all-day-workshop"]  # no end: one day
    assert (workshop.start, workshop.end) == (date(2027, 2, 6), date(2027, 2, 7))
    assert workshop.organizer == Organizer(name="Jordi")
    assert workshop.tags == ("workshop", "newcomers-welcome")


def test_timezone_defaults_to_the_group_and_can_be_overridden(tmp_path, fixture_site):
    _, events, _ = fixture_site
    assert events["hackney-thursdays"].timezone == "Europe/London"
    assert events["hackney-thursdays"].start == datetime(2027, 3, 4, 19, 0, tzinfo=LONDON)
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-03-04 19:00\nduration: 1h\n"
                                "timezone: America/New_York\n")
    assert event.timezone == "America/New_York"
    assert event.start.tzinfo == ZoneInfo("America/New_York") and event.start.hour == 19


def test_statuses_load(fixture_site):
    _, events, _ = fixture_site
    assert events["cancelled-picnic"].status == "cancelled"
    assert events["last-friday-circle"].status == "tentative"
    assert events["hackney-thursdays"].status == "confirmed"  # the default


@pytest.mark.parametrize("duration, minutes", [("2h", 120), ("90m", 90), ("1h30m", 90), ("1d2h", 26 * 60)])
def test_duration_gives_the_end(tmp_path, duration, minutes):
    event = one_event(tmp_path, f"title: T\ngroup: hackney-crew\nstart: 2027-02-04 19:00\nduration: {duration}\n")
    assert (event.end - event.start).total_seconds() == minutes * 60


def test_duration_is_real_time_across_a_clock_change(tmp_path):
    # 00:30 + 3h on the night London's clocks go forward ends at 04:30 BST, not 03:30
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-03-28 00:30\nduration: 3h\n")
    assert event.end == datetime(2027, 3, 28, 4, 30, tzinfo=LONDON)


def test_all_day_event_with_a_duration_in_days(tmp_path):
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-02-04\nduration: 2d\n")
    assert (event.start, event.end) == (date(2027, 2, 4), date(2027, 2, 6))


@pytest.mark.parametrize("start", ["2026-12-03 19:00", "2026-12-03T19:00", "2026-12-03T19:00:00",
                                   "2026-12-03 19:00:00", "'2026-12-03 19:00'", "2026-12-03  19:00"])
def test_time_spellings(tmp_path, start):
    event = one_event(tmp_path, f"title: T\ngroup: hackney-crew\nstart: {start}\nend: 2026-12-03T21:00\n")
    assert event.start == datetime(2026, 12, 3, 19, 0, tzinfo=LONDON)
    assert event.end == datetime(2026, 12, 3, 21, 0, tzinfo=LONDON)


def test_multi_day_timed_event(tmp_path):
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-05-07 18:00\nend: 2027-05-09 14:00\n")
    assert not event.all_day
    assert event.end - event.start == datetime(2027, 5, 9, 14) - datetime(2027, 5, 7, 18)


@pytest.mark.parametrize("start, repeat, rrule", [
    # an all-day series: `until` is a date
    ("2027-02-06", "repeat: {every: month, until: 2027-06-06}\n", "FREQ=MONTHLY;UNTIL=20270606"),
    # `until` as a local date and time is converted to UTC: 19:00 BST
    ("2027-03-04 19:00", "repeat: {every: week, until: 2027-04-01 19:00}\n", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270401T180000Z"),
    # weekly on several days (named as editors write them, once each) with an interval
    ("2027-03-01 19:00", "repeat:\n  every: week\n  interval: 2\n  on: [Monday, thu, monday]\n  count: 4\n",
     "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4"),
    # monthly on day numbers
    ("2027-03-15 19:00", "repeat: {every: month, on: [15, 1]}\n", "FREQ=MONTHLY;BYMONTHDAY=15,1"),
], ids=["all-day-until", "local-until", "weekly-days-interval", "monthly-day-numbers"])
def test_a_repeat_becomes_its_rrule(tmp_path, start, repeat, rrule):
    duration = "" if len(start) == 10 else "duration: 2h\n"
    event = one_event(tmp_path, f"title: T\ngroup: hackney-crew\nstart: {start}\n{duration}{repeat}")
    assert event.repeat.rrule == rrule


def test_raw_rrule_is_normalised(tmp_path):
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2026-12-25 20:00\nduration: 1h\n"
                                "repeat:\n  rrule: 'RRULE:byday=-1fr;freq=monthly;until=20270625'\n"
                                "  except: [2027-01-29]\n")
    # FREQ first; UNTIL as a date became the whole local day, in UTC (23:59:59 BST = 22:59:59Z)
    assert event.repeat.rrule == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270625T225959Z"
    assert event.repeat.exceptions == (date(2027, 1, 29),)


def test_changes_of_an_all_day_series_use_inclusive_ends(tmp_path):
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-02-06\nend: 2027-02-07\n"
                                "repeat:\n  every: month\n  changes:\n"
                                "    - {date: 2027-03-06, start: 2027-03-13, end: 2027-03-15}\n")
    assert event.end == date(2027, 2, 8)
    assert event.repeat.changes == (Change(date=date(2027, 3, 6), start=date(2027, 3, 13), end=date(2027, 3, 16)),)


def test_empty_lists_are_accepted_as_the_templates_write_them(tmp_path):
    event = one_event(tmp_path, "title: T\ngroup: hackney-crew\nstart: 2027-02-06\npatterns: []\ntags: []\n")
    assert event.patterns == () and event.tags == ()


def test_events_in_nested_folders_load(tmp_path):
    groups, events, problems = load(tmp_path, {
        "events/a/b/deep.yml": "title: T\ngroup: hackney-crew\nstart: 2027-02-06\n"})
    assert problems == [] and events["deep"].path == "content/events/a/b/deep.yml"


# -- what is refused, and how it is said --------------------------------------------------------

GOOD = "title: T\ngroup: hackney-crew\n"
BAD_EVENTS = [
    ("unknown key with a hint", "title: T\ngrop: hackney-crew\nstart: 2027-02-06\n",
     ["e.yml:1: `group` is missing; the group holding it: the name of a file in content/groups/",
      "e.yml:2: unknown key `grop`; did you mean `group`?"]),
    ("unknown key without a close match", GOOD + "start: 2027-02-06\ncolour: red\n",
     ["e.yml:4: unknown key `colour`; known keys: `title`, `group`, `start`, `end`, `duration`, `timezone`, "
      "`status`, `repeat`, `location`, `online`, `patterns`, `tags`, `organizer`, `description`, `open_to_newcomers`"]),
    ("unknown nested key", GOOD + "start: 2027-02-06\nlocation:\n  name: Hall\n  adress: 1 Road\n",
     ["e.yml:6: unknown key `location.adress`; did you mean `address`?"]),
    ("no end or duration", GOOD + "start: 2027-02-04 19:00\n",
     ["e.yml:3: a timed event needs `end` or `duration`; add `end: 2027-02-04 21:00` or `duration: 2h`"]),
    ("end and duration", GOOD + "start: 2027-02-04 19:00\nend: 2027-02-04 20:00\nduration: 1h\n",
     ["e.yml:5: give `end` or `duration`, not both; keep one"]),
    ("end before start", GOOD + "start: 2027-02-04 19:00\nend: 2027-02-04 18:00\n",
     ["e.yml:4: `end` 2027-02-04 18:00 is not after `start` 2027-02-04 19:00; an event ends after it starts"]),
    ("all-day end before start", GOOD + "start: 2027-02-04\nend: 2027-02-03\n",
     ["e.yml:4: `end` 2027-02-03 is before `start` 2027-02-04; for an all-day event `end` is its last day"]),
    ("end is a date, start a time", GOOD + "start: 2027-02-04 19:00\nend: 2027-02-04\n",
     ["e.yml:4: `end` is a date but `start` has a time; write it like `2027-02-04 19:00`"]),
    ("all-day duration in hours", GOOD + "start: 2027-02-04\nduration: 2h\n",
     ["e.yml:4: an all-day event lasts whole days; write `duration: 2d`, or `end:` with its last day, "
      "or give `start` a time"]),
    ("bad duration", GOOD + "start: 2027-02-04 19:00\nduration: 2 hours\n",
     ["e.yml:4: `duration` `2 hours` is not a duration; write it like `2h`, `90m` or `1h30m`"]),
    ("duration without a unit", GOOD + "start: 2027-02-04 19:00\nduration: 2\n",
     ["e.yml:4: `duration` must be a duration, not the number 2; give the unit: `2h` or `2m`"]),
    ("bad time format", GOOD + "start: 4 Feb 2027 7pm\nduration: 2h\n",
     ["e.yml:3: `start` is not a date or a date and time: `4 Feb 2027 7pm`; "
      "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"]),
    ("time alone", GOOD + "start: '19:00'\nduration: 2h\n",
     ["e.yml:3: `start` is not a date or a date and time: `19:00`; "
      "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"]),
    ("impossible date", GOOD + "start: 2027-02-30 19:00\nduration: 2h\n",
     ["e.yml:3: `start` `2027-02-30 19:00` is not a real date and time; "
      "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"]),
    ("UTC offset", GOOD + "start: 2027-02-04T19:00:00Z\nduration: 2h\n",
     ["e.yml:3: `start` has a UTC offset; write the local time without `Z` or an offset; `timezone` gives the zone"]),
    ("time in a DST gap", GOOD + "start: 2027-03-28 01:30\nduration: 2h\n",
     ["e.yml:3: `start` 2027-03-28 01:30 does not exist in Europe/London: the clocks go forward at that time; "
      "choose a time outside the change"]),
    ("ambiguous time", GOOD + "start: 2026-10-25 01:30\nduration: 2h\n",
     ["e.yml:3: `start` 2026-10-25 01:30 happens twice in Europe/London: the clocks go back at that time; "
      "choose a time outside the change"]),
    ("unknown group", "title: T\ngroup: hackney-crw\nstart: 2027-02-04\n",
     ["e.yml:2: unknown group `hackney-crw`; did you mean `hackney-crew`?"]),
    ("unknown group, nothing close", "title: T\ngroup: zzz\nstart: 2027-02-04\n",
     ["e.yml:2: unknown group `zzz`; groups are the files in content/groups/"]),
    ("unknown pattern", GOOD + "start: 2027-02-04\npatterns: [crew, chek-in]\n",
     ["e.yml:4: unknown pattern `chek-in`; did you mean `check-in`?"]),
    ("bad zone", GOOD + "start: 2027-02-04\ntimezone: Europe/Londn\n",
     ["e.yml:4: `timezone` `Europe/Londn` is not a time zone; time zones look like `Europe/London`; "
      "did you mean `Europe/London` or `Europe/Lisbon` or `Europe/Vienna`?"]),
    ("bad status", GOOD + "start: 2027-02-04\nstatus: canceled\n",
     ["e.yml:4: `status` must be one of `confirmed`, `tentative`, `cancelled`, not `canceled`; "
      "did you mean `cancelled`?"]),
    ("online not http", GOOD + "start: 2027-02-04\nonline: javascript:alert(1)\n",
     ["e.yml:4: `online` `javascript:alert(1)` is not a web address; links must start with https:// (or http://)"]),
    ("geo out of range", GOOD + "start: 2027-02-04\nlocation:\n  name: Hall\n  geo: [-41.3, 200]\n",
     ["e.yml:6: `location.geo` longitude 200 is not between -180 and 180; "
      "write `[latitude, longitude]` in degrees, like `[-41.3119, 174.7786]`"]),
    ("geo as text", GOOD + "start: 2027-02-04\nlocation:\n  name: Hall\n  geo: -41.3, 174.7\n",
     ["e.yml:6: `location.geo` must be [latitude, longitude], not the text `-41.3, 174.7`; "
      "write `[latitude, longitude]` in degrees, like `[-41.3119, 174.7786]`"]),
    ("location without name or address", GOOD + "start: 2027-02-04\nlocation:\n  geo: [1, 2]\n",
     ["e.yml:4: `location` needs a `name` or an `address`; people need to know where to go"]),
    ("organizer without name", GOOD + "start: 2027-02-04\norganizer: {email: a@example.org}\n",
     ["e.yml:4: `organizer.name` is missing; their name"]),
    ("tag not a slug", GOOD + "start: 2027-02-04\ntags: [Newcomers Welcome]\n",
     ["e.yml:4: `tags[1]` `Newcomers Welcome` is not a slug; "
      "slugs are lowercase words joined by hyphens, like `newcomers-welcome`"]),
    ("empty value", GOOD + "start: 2027-02-04\ndescription:\n",
     ["e.yml:4: `description` has no value; give it Markdown text, or remove the line"]),
    ("title on two lines", "title: |\n  One\n  Two\ngroup: hackney-crew\nstart: 2027-02-04\n",
     ["e.yml:1: `title` must be a single line; use `description` for longer text"]),
    ("until and count", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  until: 2027-03-04\n  count: 3\n",
     ["e.yml:7: `repeat.until` and `repeat.count` exclude each other; keep one"]),
    ("until before start", GOOD + "start: 2027-02-04 19:00\nduration: 1h\nrepeat: {every: week, until: 2027-01-01}\n",
     ["e.yml:5: `repeat.until` is before `start` 2027-02-04 19:00; the series would never happen"]),
    ("unknown weekday", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  on: [monday, thursdy]\n",
     ["e.yml:6: unknown weekday `thursdy` in `repeat.on`; did you mean `thursday`?"]),
    ("weekday alone in a monthly series", GOOD + "start: 2027-02-04\nrepeat: {every: month, on: thursday}\n",
     ["e.yml:4: `thursday` alone in a monthly series would be every thursday of the month; "
      "say which: `first thursday` ... `last thursday`; or use `every: week`"]),
    ("unknown position", GOOD + "start: 2027-02-04\nrepeat: {every: month, on: frist thursday}\n",
     ["e.yml:4: unknown position `frist` in `repeat.on`; did you mean `first`?"]),
    ("first thursday in a weekly series", GOOD + "start: 2027-02-04\nrepeat: {every: week, on: first thursday}\n",
     ["e.yml:4: `first thursday` in `repeat.on` is for a monthly series; use `every: month`, or write the weekday alone"]),
    ("on in a daily series", GOOD + "start: 2027-02-04\nrepeat: {every: day, on: monday}\n",
     ["e.yml:4: `repeat.on` is for weekly and monthly series, not `every: day`; "
      "remove it: the series repeats on the day of `start`"]),
    ("day 32", GOOD + "start: 2027-02-04\nrepeat: {every: month, on: 32}\n",
     ["e.yml:4: day 32 in `repeat.on` is not a day of the month; use a number from 1 to 31"]),
    ("start not on the series", GOOD + "start: 2027-02-02 19:00\nduration: 1h\nrepeat: {every: week, on: thursday}\n",
     ["e.yml:3: `start` (Tuesday 2027-02-02) is not one of the days the series repeats on; "
      "start the series on its first occurrence, 2027-02-04"]),
    ("repeat without every", GOOD + "start: 2027-02-04\nrepeat:\n  count: 3\n",
     ["e.yml:4: `repeat` needs `every`; say how often: `every: week` (or day, month, year)"]),
    ("interval zero", GOOD + "start: 2027-02-04\nrepeat: {every: week, interval: 0}\n",
     ["e.yml:4: `repeat.interval` must be at least 1, not 0"]),
    ("except not an occurrence", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  except:\n"
                                        "    - 2027-02-11\n    - 2027-02-12\n",
     ["e.yml:8: `repeat.except` 2027-02-12 is not a date of the series; "
      "the nearest occurrence is on Thursday 2027-02-11"]),
    ("except after the end", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  count: 2\n  except: [2027-02-18]\n",
     ["e.yml:7: `repeat.except` 2027-02-18 is not a date of the series; "
      "the nearest occurrence is on Thursday 2027-02-11"]),
    ("change not an occurrence", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  changes:\n"
                                        "    - date: 2027-02-10\n      status: cancelled\n",
     ["e.yml:7: `repeat.changes[1].date` 2027-02-10 is not a date of the series; "
      "the nearest occurrence is on Thursday 2027-02-11"]),
    ("change of an excepted date", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  except: [2027-02-11]\n"
                                          "  changes:\n    - {date: 2027-02-11, status: cancelled}\n",
     ["e.yml:8: `repeat.changes[1]` changes 2027-02-11, which `repeat.except` removes; "
      "an occurrence is either removed or changed"]),
    ("change changing nothing", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  changes:\n"
                                       "    - date: 2027-02-11\n",
     ["e.yml:7: `repeat.changes[1]` changes nothing; "
      "give a new start, end, status, location, online, title or description"]),
    ("change unknown key", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  changes:\n"
                                  "    - date: 2027-02-11\n      statut: cancelled\n",
     ["e.yml:8: unknown key `repeat.changes[1].statut`; did you mean `status`?"]),
    ("change with a time in an all-day series", GOOD + "start: 2027-02-04\nrepeat:\n  every: week\n  changes:\n"
                                                       "    - date: 2027-02-11\n      start: 2027-02-12 10:00\n",
     ["e.yml:8: `repeat.changes[1].start` has a time but the event is all day; write a date alone"]),
    ("change ending before its start", GOOD + "start: 2027-02-04 19:00\nduration: 2h\nrepeat:\n  every: week\n"
                                              "  changes:\n    - date: 2027-02-11\n      end: 2027-02-11 18:00\n",
     ["e.yml:9: `repeat.changes[1].end` is not after its start; an occurrence ends after it starts"]),
    ("rrule with every", GOOD + "start: 2027-02-04\nrepeat: {every: week, rrule: FREQ=WEEKLY}\n",
     ["e.yml:4: `repeat.rrule` replaces `repeat.every`; keep one or the other"]),
    ("rrule with a weekday that is not one", GOOD + "start: 2027-02-04\nrepeat: {rrule: FREQ=MONTHLY;BYDAY=1XX}\n",
     ["e.yml:4: `repeat.rrule` BYDAY `1XX` is not a weekday like TH, 1TH or -1FR; see RFC 5545, section 3.3.10"]),
    ("rrule with an unknown part", GOOD + "start: 2027-02-04\nrepeat: {rrule: FREQ=MONTHLY;BYDAYS=1TH}\n",
     ["e.yml:4: `repeat.rrule` has an unknown part `BYDAYS`; did you mean `BYDAY`?"]),
    ("rrule hourly", GOOD + "start: 2027-02-04\nrepeat: {rrule: FREQ=HOURLY}\n",
     ["e.yml:4: `repeat.rrule` needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, not HOURLY; "
      "a series has at most one occurrence a day"]),
    ("rrule with BYHOUR", GOOD + "start: 2027-02-04\nrepeat: {rrule: 'FREQ=DAILY;BYHOUR=9,17'}\n",
     ["e.yml:4: `repeat.rrule` cannot use BYHOUR; occurrences are known by their date, so a series has at most one a day"]),
    ("rrule COUNT and count", GOOD + "start: 2027-02-04\nrepeat: {rrule: FREQ=WEEKLY;COUNT=3, count: 4}\n",
     ["e.yml:4: `repeat.count` and COUNT in `repeat.rrule` both given; keep one"]),
    ("all-day until with a time", GOOD + "start: 2027-02-04\nrepeat: {every: week, until: 2027-03-04 10:00}\n",
     ["e.yml:4: `repeat.until` must be a date for an all-day event; write it like `2027-03-25`"]),
    ("top level is a list", "- title: T\n",
     ["e.yml:1: expected a mapping of keys such as `title:`, found a list; "
      "start each line with a key: `title`, `group`, `start`, `end`, ..."]),
    ("duplicate key", GOOD + "start: 2027-02-04\ntitle: U\n",
     ["e.yml:4: `title` appears twice; keep one; YAML would silently drop the other"]),
    ("broken YAML", GOOD + "start: 2027-02-04\nlocation: [unclosed\n",
     ["e.yml:4: not valid YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence started on line 4); check the indentation and quote "
      "values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`"]),
    ("empty file", "", ["e.yml:1: the file is empty; it needs at least `title`, `group`, `start`"]),
    ("only a comment", "# to do\n", ["e.yml:1: the file is empty; it needs at least `title`, `group`, `start`"]),
    ("binary junk", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
     ["e.yml:1: file is binary, not text"]),
    ("not UTF-8", b"title: caf\xe9\ngroup: hackney-crew\n",
     ["e.yml:1: file is not valid UTF-8 text; save it as UTF-8"]),
]


@pytest.mark.parametrize("name, text, expected", BAD_EVENTS, ids=[case[0] for case in BAD_EVENTS])
def test_a_bad_event_file_gives_exact_lines_and_is_not_loaded(tmp_path, name, text, expected):
    _, events, problems = load(tmp_path, {"events/e.yml": text})
    assert problems == ["content/events/" + line for line in expected]
    assert "e" not in events


BAD_GROUPS = [
    ("bad kind and zone", "name: X\nkind: crews\nsummary: S\ntimezone: europe/london\n",
     ["x.yml:2: `kind` must be one of `crew`, `congregation`, `network`, not `crews`; did you mean `crew`?",
      "x.yml:4: `timezone` `europe/london` is not a time zone; time zones look like `Europe/London`; "
      "did you mean `Europe/London`?"]),
    ("city instead of zone", "name: X\nkind: crew\nsummary: S\ntimezone: London\n",
     ["x.yml:4: `timezone` `London` is not a time zone; time zones look like `Europe/London`; "
      "did you mean `Europe/London`?"]),
    ("missing keys", "name: X\n",
     ["x.yml:1: `kind` is missing; what sort of group it is",
      "x.yml:1: `summary` is missing; one sentence about the group",
      "x.yml:1: `timezone` is missing; where its clocks are; the default for its events"]),
    ("yes is not a boolean", "name: X\nkind: crew\nsummary: S\ntimezone: Europe/London\nopen_to_newcomers: yes\n",
     ["x.yml:5: `open_to_newcomers` must be `true` or `false`, not the text `yes`; "
      "YAML 1.2 reads `yes`/`no`/`on`/`off` as text"]),
    ("contact not a link", "name: X\nkind: crew\nsummary: S\ntimezone: Europe/London\ncontact: www.example.org\n",
     ["x.yml:5: `contact` `www.example.org` is not a web address or mailto: link; "
      "write `https://...` or `mailto:name@example.org`"]),
    ("part_of a crew", "name: X\nkind: crew\nsummary: S\ntimezone: Europe/London\npart_of: hackney-crew\n",
     ["x.yml:5: `hackney-crew` is a crew, not a congregation; `part_of` names the congregation this crew belongs to"]),
    ("part_of unknown", "name: X\nkind: crew\nsummary: S\ntimezone: Europe/London\npart_of: welington-congregation\n",
     ["x.yml:5: unknown group `welington-congregation`; did you mean `wellington-congregation`?"]),
    ("part_of itself", "name: X\nkind: crew\nsummary: S\ntimezone: Europe/London\npart_of: x\n",
     ["x.yml:5: a group cannot be part of itself; name its congregation"]),
    ("a congregation part_of another",
     "name: X\nkind: congregation\nsummary: S\ntimezone: Europe/London\npart_of: wellington-congregation\n",
     ["x.yml:5: `part_of` is for crews, and `x` is a congregation; a congregation is made of crews; remove the line"]),
]


@pytest.mark.parametrize("name, text, expected", BAD_GROUPS, ids=[case[0] for case in BAD_GROUPS])
def test_a_bad_group_file_gives_exact_lines_and_is_not_loaded(tmp_path, name, text, expected):
    groups, _, problems = load(tmp_path, {"groups/x.yml": text})
    assert problems == ["content/groups/" + line for line in expected]
    assert "x" not in groups


def test_a_crew_of_a_broken_congregation_says_where_to_look(tmp_path):
    groups, events, problems = load(tmp_path, {
        "groups/wellington-congregation.yml": "name: W\nkind: congregation\nsummary: S\ntimezone: Wellington\n",
        "events/e.yml": "title: T\ngroup: wellington-congregation\nstart: 2027-02-04\n"})
    assert problems == [
        "content/events/e.yml:2: group `wellington-congregation` has problems; "
        "fix content/groups/wellington-congregation.yml first",
        "content/groups/newtown-crew.yml:6: group `wellington-congregation` has problems; "
        "fix content/groups/wellington-congregation.yml first",
        "content/groups/wellington-congregation.yml:4: `timezone` `Wellington` is not a time zone; "
        "time zones look like `Europe/London`"]
    assert "newtown-crew" not in groups and "hackney-crew" in groups and events == {}


def test_duplicate_slugs_across_folders_name_both_files(tmp_path):
    text = "title: T\ngroup: hackney-crew\nstart: 2027-02-04\n"
    _, events, problems = load(tmp_path, {"events/a/supper.yml": text, "events/b/supper.yml": text,
                                          "events/other.yml": text})
    hint = "the file name is the event's address, so it must be unique across folders: rename one"
    assert problems == [
        f"content/events/a/supper.yml:1: the slug `supper` is also used by content/events/b/supper.yml; {hint}",
        f"content/events/b/supper.yml:1: the slug `supper` is also used by content/events/a/supper.yml; {hint}"]
    assert sorted(events) == ["other"]


@pytest.mark.parametrize("name, expected", [
    ("events/Thursday Supper.yml", "content/events/Thursday Supper.yml:1: the file name `Thursday Supper.yml` "
     "is not a slug; rename it to `thursday-supper.yml`: lowercase letters, digits and hyphens"),
    ("events/past.yml", "content/events/past.yml:1: `past` cannot be a slug here: "
     "the site uses that address for something else; rename the file"),
    ("events/2027.yml", "content/events/2027.yml:1: `2027` cannot be a slug here: "
     "the site uses that address for something else; rename the file"),
    ("events/supper.yaml", "content/events/supper.yaml:1: the file name ends in `.yaml`; rename it to `supper.yml`"),
    ("groups/sub/x.yml", "content/groups/sub/x.yml:1: `groups/` takes no subfolders; "
     "move the file to `content/groups/x.yml`"),
])
def test_files_that_would_be_missed_are_reported(tmp_path, name, expected):
    groups, events, problems = load(tmp_path, {name: "title: T\ngroup: hackney-crew\nstart: 2027-02-04\n"})
    assert problems == [expected]
    assert len(events) == 0 and len(groups) == 4


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    _, events, problems = load(tmp_path, {
        "events/good.yml": "title: T\ngroup: hackney-crew\nstart: 2027-02-04\n",
        "events/bad.yml": "title: T\ngroup: hackney-crew\nstart: soon\n",
        "events/junk.yml": b"\x00\x01\x02"})
    assert sorted(events) == ["good"]
    assert [p.split(":")[0] for p in problems] == ["content/events/bad.yml", "content/events/junk.yml"]


def test_every_file_ends_up_loaded_or_reported(tmp_path):
    """No file is lost: each event file is either an event or named in a problem."""
    files = {f"events/{case[0].replace(' ', '-').replace(',', '').lower()}.yml": case[1] for case in BAD_EVENTS}
    files["events/fine.yml"] = "title: T\ngroup: hackney-crew\nstart: 2027-02-04\n"
    _, events, problems = load(tmp_path, files)
    reported = {p.split(":")[0] for p in problems}
    for name in files:
        slug = Path(name).stem
        assert (slug in events) != (f"content/{name}" in reported), name


# -- the formats as JSON Schema -----------------------------------------------------------------


def _as_text(node):
    """What a YAML language server sees: dates and times are text."""
    if isinstance(node, dict):
        return {key: _as_text(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_as_text(value) for value in node]
    if isinstance(node, datetime):
        return node.strftime("%Y-%m-%d %H:%M")
    if isinstance(node, date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    return node


def _yaml_files(folder: str) -> list[Path]:
    return sorted((FIXTURE / "content" / folder).rglob("*.yml"))


@pytest.mark.parametrize("spec, folder", [(EVENT, "events"), (GROUP, "groups")])
def test_json_schema_accepts_the_fixture_files(spec, folder):
    schema = json_schema(spec)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = _yaml_files(folder)
    assert files
    for path in files:
        data = _as_text(YAML(typ="safe", pure=True).load(path.read_text()))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


def test_json_schema_of_pattern_front_matter():
    validator = jsonschema.Draft202012Validator(json_schema(PATTERN))
    good = {"title": "Check-in", "summary": "Say how you are.", "scale": "crew", "tags": ["ritual"],
            "related": ["crew"], "hide": ["toc"], "search": {"boost": 2}, "status": "new"}
    assert list(validator.iter_errors(good)) == []
    assert not validator.is_valid({**good, "scale": "planet"})
    assert not validator.is_valid({"title": "Check-in", "scale": "crew"})  # no summary
    assert not validator.is_valid({**good, "hide": ["sidebar"]})


@pytest.mark.parametrize("change", [
    {"titel": "T"},                                  # unknown key
    {"start": "Dec 3"},                              # not a date and time
    {"duration": "2 hours"},
    {"status": "maybe"},
    {"online": "ftp://example.org"},
    {"repeat": {"every": "fortnight"}},
    {"repeat": {"every": "month", "on": ["frist thursday"]}},
    {"location": {"geo": [91, 0]}},
    {"tags": ["Not A Slug"]},
])
def test_json_schema_rejects_what_the_loader_rejects(change):
    validator = jsonschema.Draft202012Validator(json_schema(EVENT))
    good = {"title": "T", "group": "hackney-crew", "start": "2027-02-04 19:00", "duration": "2h"}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, **change}), json.dumps(change)
