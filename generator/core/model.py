"""The domain: patterns, groups, events and the occurrences a calendar shows.

Times: a timed event's `start` and `end` are timezone-aware datetimes in the event's own zone
(wall-clock time there, whatever the season). An all-day event has `date` values and, unlike the
file format (where `end` is the last day, inclusive), an *exclusive* `end`, as iCalendar has it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

SCALES = ("self", "partner", "crew", "congregation", "network")
GROUP_KINDS = ("crew", "congregation", "network")
STATUSES = ("confirmed", "tentative", "cancelled")

When = "date | datetime"  # a date for all-day events, an aware datetime otherwise


@dataclass(frozen=True)
class Pattern:
    slug: str
    path: str  # source file, relative to the project root (for errors and "edit this page")
    title: str
    summary: str
    scale: str
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    body: str = ""  # the Markdown after the front matter


@dataclass(frozen=True)
class CalendarLink:
    """A public iCalendar feed a group already keeps, whose events the build imports
    (`generator.imported`)."""

    url: str  # as the group file gives it (webcal:// is fetched as https://)
    line: int = 1  # of `calendar` in the group's file: where warnings about the feed point
    patterns: tuple[str, ...] = ()  # what every imported gathering practises ...
    tags: tuple[str, ...] = ()  # ... and is tagged with
    categories: tuple[str, ...] = ()  # import only events with one of these CATEGORIES ...
    keywords: tuple[str, ...] = ()  # ... or one of these words in the title (both empty: all)


@dataclass(frozen=True)
class Group:
    slug: str
    path: str
    name: str
    kind: str
    summary: str
    timezone: str
    where: str = ""
    part_of: str | None = None  # slug of the congregation this crew belongs to
    open_to_newcomers: bool = False
    contact: str | None = None
    area: str = ""  # the place a reader filters by (see `areas`); "" when the group names none
    calendar: CalendarLink | None = None


@dataclass(frozen=True)
class Location:
    name: str = ""
    address: str = ""
    geo: tuple[float, float] | None = None  # latitude, longitude

    def text(self) -> str:
        return ", ".join(part for part in (self.name, self.address) if part)


@dataclass(frozen=True)
class Organizer:
    name: str
    email: str | None = None


@dataclass(frozen=True)
class Change:
    """One occurrence of a series that differs from the rest, keyed by its original date."""

    date: date
    start: date | datetime | None = None
    end: date | datetime | None = None  # exclusive, as for Event
    status: str | None = None
    location: Location | None = None
    online: str | None = None
    title: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Repeat:
    rrule: str  # the RFC 5545 RRULE value (without DTSTART), built from every/on/... or given raw
    exceptions: tuple[date, ...] = ()  # original dates of occurrences that do not happen
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Imported:
    """Where an imported event came from: its own UID (kept, so that subscribers of both feeds
    see one event) and when its source last changed (the feeds' DTSTAMP and SEQUENCE)."""

    uid: str
    feed: str  # the group's `calendar` address
    modified: datetime  # UTC


@dataclass(frozen=True)
class Event:
    slug: str
    path: str
    title: str
    group: str  # group slug
    start: date | datetime
    end: date | datetime  # exclusive for all-day events
    timezone: str
    status: str = "confirmed"
    repeat: Repeat | None = None
    location: Location | None = None
    online: str | None = None
    patterns: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    organizer: Organizer | None = None
    description: str = ""  # Markdown
    # The file's `duration`, for a timed event that gives one: time that passes, on every date
    # of a series. None when the file gives `end`: then each date ends as much later on the
    # clock (see `clock_changes`).
    duration: timedelta | None = None
    imported: Imported | None = None  # for an event from a group's `calendar`; its `path` is the group's
    open_to_newcomers: bool | None = None  # None: as the group says (see `newcomers.open_to_newcomers`)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass(frozen=True)
class Occurrence:
    """One gathering on the calendar: an event, or one date of a series with its changes applied."""

    event: Event
    start: date | datetime
    end: date | datetime  # exclusive for all-day occurrences
    status: str
    title: str
    location: Location | None = None
    online: str | None = None
    description: str = ""
    recurrence_id: date | datetime | None = None  # the original start, for an occurrence of a series
    changed: bool = False  # this occurrence has a `changes` entry

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass
class Content:
    """Everything loaded from a content folder, plus every problem found on the way."""

    patterns: dict[str, Pattern] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    paths: dict = field(default_factory=dict)  # slug -> paths.PatternPath
    glossary: tuple = ()  # glossary.Term, in the order of the file
    problems: list = field(default_factory=list)  # list[Problem]
    # Problems with the groups' calendar feeds: reported, never failing `check` (see `content.imported`).
    warnings: list = field(default_factory=list)  # list[Problem]
    # What the build needs to publish no more than was checked (see `content.files`):
    # src_uri -> the front matter keys the check read from that Markdown file (None: refused);
    front_matter: dict = field(default_factory=dict)  # dict[str, frozenset[str] | None]
    # the files of the content folder MkDocs may publish (every other one is left out);
    published: frozenset = frozenset()  # frozenset[str]
    # refused entries MkDocs' own walk of the folder would follow: the build stops before it.
    walk_hazards: list = field(default_factory=list)  # list[Problem]
