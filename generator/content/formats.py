"""The file formats, declared once: every key of a group, an event and a pattern's front matter.

Each format is a tree of `Field`s. The loaders check a file against it (`check`: unknown keys with
a "did you mean" hint, required keys, the kind of each value), and `json_schema` turns the same
tree into a JSON Schema for editors. What a value *means* (times in a zone, weekdays, an RRULE)
is checked by the loaders after the shape is right.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..core import limits
from ..core.model import GROUP_KINDS, SCALES, STATUSES
from ..core.problems import Reporter
from ..core.urls import slugify
from . import markdown_cost, markdown_links
from .yamlfile import line_of_item, line_of_key, load, read_text

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DURATION_RE = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "last")
FREQUENCIES = ("day", "week", "month", "year")

# kind -> what a value of that kind looks like in the file (used in messages and the schema)
KINDS = {
    "text": "one line of text",
    "markdown": "Markdown text",
    "slug": "a slug: lowercase letters, digits and hyphens, like `newtown-crew`",
    "choice": "one of a fixed set of words",
    "boolean": "`true` or `false`",
    "integer": "a whole number",
    "number": "a number",
    "date": "a date like `2026-12-03`",
    "when": "a date and time like `2026-12-03 19:00`, or a date alone for all day",
    "duration": "a duration like `2h`, `90m` or `1h30m`",
    "timezone": "an IANA time zone like `Europe/London`",
    "url": "a web address starting with https:// or http://",
    "link": "a web address (https://...) or an email link (mailto:...)",
    "feed": "the address of a calendar feed, starting with https:// (or webcal://)",
    "email": "an email address",
    "geo": "[latitude, longitude], like `[-41.3119, 174.7786]`",
    "day": "a weekday (`thursday`), `first thursday`, `last friday` or a day of the month (1-31)",
    "rrule": "an RFC 5545 RRULE value, like `FREQ=MONTHLY;BYDAY=1TH`",
    "list": "a list",
    "mapping": "a mapping of keys to values",
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of KINDS
    doc: str = ""
    required: bool = False
    allowed: tuple[str, ...] = ()  # for "choice"
    items: Field | None = None  # for "list"
    fields: tuple[Field, ...] = ()  # for "mapping"
    one_or_many: bool = False  # a "list" that also takes a single item
    minimum: int | None = None  # for "integer"
    maximum: int | None = None  # for "integer"
    max_length: int | None = None  # characters, for text kinds (see `limits`); the kind's own by default
    max_items: int | None = None  # for "list"
    shorthand: str | None = None  # for "mapping": the key a single value stands for (`calendar: URL`)

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        # Every value from content is bounded (see `limits`): text by its length, lists by items.
        if self.kind in _TEXT_KINDS and self.max_length is None:
            object.__setattr__(self, "max_length", _KIND_MAX_LENGTH[self.kind])
        assert self.kind != "list" or self.max_items is not None, self.name

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


# The kinds whose values are strings, and the length of those that have one whatever the field.
_TEXT_KINDS = ("text", "markdown", "slug", "choice", "duration", "timezone", "url", "link", "email", "rrule", "feed")
_KIND_MAX_LENGTH = {"slug": limits.MAX_SLUG, "choice": limits.MAX_WORD, "duration": limits.MAX_DURATION_TEXT,
                    "timezone": limits.MAX_WORD, "url": limits.MAX_URL, "link": limits.MAX_URL, "feed": limits.MAX_URL,
                    "email": limits.MAX_EMAIL, "rrule": limits.MAX_RRULE}


def _mapping(name: str, doc: str, *fields: Field, required: bool = False, shorthand: str | None = None) -> Field:
    return Field(name, "mapping", doc, required=required, fields=fields, shorthand=shorthand)


LOCATION = _mapping(
    "location", "Where people meet in person.",
    Field("name", "text", "The name of the place, like `Newtown Community Centre`.", max_length=limits.MAX_NAME),
    Field("address", "text", "Its street address, as a visitor would type it into a map.",
          max_length=limits.MAX_ADDRESS),
    Field("geo", "geo", "Latitude and longitude, for the map link."),
)

ORGANIZER = _mapping(
    "organizer", "Who to ask about the gathering.",
    Field("name", "text", "Their name.", required=True, max_length=limits.MAX_NAME),
    Field("email", "email", "An address people may write to."),
)

CHANGE = _mapping(
    "change", "One occurrence that differs from the rest, found by its original date.",
    Field("date", "date", "The date the occurrence would have had without the change.", required=True),
    Field("start", "when", "Its new start, in the event's time zone."),
    Field("end", "when", "Its new end (for an all-day event: its last day, inclusive)."),
    Field("status", "choice", "`cancelled` keeps it on the calendar, marked cancelled.", allowed=STATUSES),
    LOCATION,
    Field("online", "url", "Its own online link."),
    Field("title", "text", "Its own title.", max_length=limits.MAX_TITLE),
    Field("description", "markdown", "Its own description.", max_length=limits.MAX_DESCRIPTION),
)

REPEAT = _mapping(
    "repeat", "Makes the event a series.",
    Field("every", "choice", "How often: each day, week, month or year.", allowed=FREQUENCIES),
    Field("interval", "integer", "Every how many days, weeks, months or years (default 1).", minimum=1,
          maximum=limits.MAX_INTERVAL),
    Field("on", "list", "Weekdays for a weekly series; `first thursday`, `last friday` or a day number "
          "for a monthly one. Without it, the day of `start`.",
          items=Field("day", "day"), one_or_many=True, max_items=31),
    Field("until", "when", "The last day of the series, included (or a local date and time)."),
    Field("count", "integer", "How many occurrences in all (instead of `until`).", minimum=1,
          maximum=limits.MAX_COUNT),
    Field("except", "list", "Dates of occurrences that do not happen.",
          items=Field("date", "date"), one_or_many=True, max_items=limits.MAX_EXCEPTIONS),
    Field("changes", "list", "Occurrences that differ from the rest.", items=CHANGE, max_items=limits.MAX_CHANGES),
    Field("rrule", "rrule", "For power users, instead of `every`, `interval` and `on`: an RFC 5545 "
          "RRULE value such as `FREQ=MONTHLY;BYDAY=1TH`."),
)

EVENT = _mapping(
    "event", "A gathering: `content/events/**/<slug>.yml`; the slug is the file name.",
    Field("title", "text", "What the gathering is called.", required=True, max_length=limits.MAX_TITLE),
    Field("group", "slug", "The group holding it: the name of a file in content/groups/.", required=True),
    Field("start", "when", "Local time in the event's time zone; a date alone means all day.", required=True),
    Field("end", "when", "When it ends; for an all-day event, its last day (inclusive)."),
    Field("duration", "duration", "How long it lasts, instead of `end`: `2h`, `90m`, `1h30m`."),
    Field("timezone", "timezone", "The time zone of `start` and `end`; by default the group's."),
    Field("status", "choice", "Whether it is happening (default `confirmed`).", allowed=STATUSES),
    REPEAT,
    LOCATION,
    Field("online", "url", "The link to join online."),
    Field("patterns", "list", "Slugs of the patterns it practises.", items=Field("pattern", "slug"),
          one_or_many=True, max_items=limits.MAX_PATTERNS),
    Field("tags", "list", "Words to filter by, like `newcomers-welcome`.", items=Field("tag", "slug"),
          one_or_many=True, max_items=limits.MAX_TAGS),
    ORGANIZER,
    Field("description", "markdown", "More about the gathering, in Markdown.", max_length=limits.MAX_DESCRIPTION),
    Field("open_to_newcomers", "boolean", "Whether newcomers may simply turn up; by default what the group "
          "says. Listings mark a gathering that is not open as \"Members only\"."),
)

CALENDAR = _mapping(
    "calendar", "A public calendar feed the group already keeps (its address, or a mapping with `url` and "
                "options): its events are imported at each build as the group's gatherings.",
    Field("url", "feed", "The feed's public address, as Google Calendar, Nextcloud or Outlook shows it.",
          required=True),
    Field("patterns", "list", "Slugs of the patterns every imported gathering practises.",
          items=Field("pattern", "slug"), one_or_many=True, max_items=limits.MAX_PATTERNS),
    Field("tags", "list", "Tags every imported gathering carries.", items=Field("tag", "slug"),
          one_or_many=True, max_items=limits.MAX_TAGS),
    Field("categories", "list", "Import only the events with one of these categories (or keywords).",
          items=Field("category", "text", max_length=limits.MAX_WORD), one_or_many=True,
          max_items=limits.MAX_TAGS),
    Field("keywords", "list", "Import only the events with one of these words in the title (or categories).",
          items=Field("keyword", "text", max_length=limits.MAX_WORD), one_or_many=True,
          max_items=limits.MAX_TAGS),
    shorthand="url",
)

GROUP = _mapping(
    "group", "A crew, congregation or network: `content/groups/<slug>.yml`; the slug is the file name.",
    Field("name", "text", "The group's name.", required=True, max_length=limits.MAX_TITLE),
    Field("kind", "choice", "What sort of group it is.", required=True, allowed=GROUP_KINDS),
    Field("summary", "text", "One sentence about the group.", required=True, max_length=limits.MAX_SUMMARY),
    Field("timezone", "timezone", "Where its clocks are; the default for its events.", required=True),
    Field("where", "text", "The neighbourhood or town, like `Newtown, Wellington`.", max_length=limits.MAX_NAME),
    Field("part_of", "slug", "The congregation this crew belongs to."),
    Field("open_to_newcomers", "boolean", "Whether newcomers may simply turn up."),
    Field("contact", "link", "How to get in touch: a web page or a mailto: link."),
    Field("area", "text", "The place a reader looks for: a town, city or region like `Wellington`, or "
          "`Online`. The agenda filters by it; gatherings with only an online link count as `Online`.",
          max_length=limits.MAX_AREA),
    CALENDAR,
)

# Page options that MkDocs and Material for MkDocs read from any page's front matter and that
# content may set. Material prints some of its other keys without escaping (`author`, `subtitle`,
# a redirect's `location`) or takes them as a file name (`icon`); `template` picks any of the
# theme's templates (redirect.html among them), which is a decision about code, not content.
# `status` is printed inside a class attribute, hence the fixed words Material knows.
# The theme's templates made for an ordinary page (the code of conduct adds where to report a
# problem, the proposal page its form); any other template is code's choice, never a page's.
PAGE_TEMPLATES = ("conduct.html", "propose.html")

PAGE_OPTIONS = (
    Field("hide", "list", "Parts of the page to hide.", one_or_many=True, max_items=6,
          items=Field("part", "choice", allowed=("navigation", "toc", "footer", "feedback", "path", "tags"))),
    _mapping("search", "How search treats the page.",
             Field("exclude", "boolean", "Leave the page out of search."),
             Field("boost", "number", "Rank the page higher (above 1) or lower (below 1).")),
    Field("status", "choice", "A badge in the navigation.", allowed=("new", "deprecated")),
)

PATTERN = _mapping(
    "pattern", "The front matter of `content/patterns/<slug>.md`; the slug is the file name.",
    Field("title", "text", "The pattern's name.", required=True, max_length=limits.MAX_TITLE),
    Field("summary", "text", "The pattern in one sentence.", required=True, max_length=limits.MAX_SUMMARY),
    Field("scale", "choice", "The scale it works at.", required=True, allowed=SCALES),
    Field("tags", "list", "Words to filter by.", items=Field("tag", "slug"), one_or_many=True,
          max_items=limits.MAX_TAGS),
    Field("related", "list", "Slugs of related patterns.", items=Field("pattern", "slug"), one_or_many=True,
          max_items=limits.MAX_PATTERNS),
    *PAGE_OPTIONS,
)

PAGE = _mapping(
    "page", "The front matter of any other Markdown page of the site (`content/**/*.md`).",
    Field("title", "text", "The page's title, in the navigation and the browser's tab.", max_length=limits.MAX_TITLE),
    Field("description", "text", "One sentence about the page, for search engines and link previews.",
          max_length=limits.MAX_SUMMARY),
    Field("template", "choice", "A layout of the theme's made for ordinary pages.", allowed=PAGE_TEMPLATES),
    *PAGE_OPTIONS,
)

STEP = _mapping(
    "step", "One step of a path: a pattern, and what to do with it at that point.",
    Field("pattern", "slug", "The pattern of this step: the name of a file in content/patterns/, "
          "without `.md`.", required=True),
    Field("do", "text", "What to do at this step, in a sentence or two.", required=True,
          max_length=limits.MAX_SUMMARY),
    Field("when", "text", "When in the sequence, like `before the first meeting` or `every meeting`.",
          max_length=limits.MAX_NAME),
)

PATH = _mapping(
    "path", "The front matter of `content/paths/<slug>.md`, a sequence of patterns to practise in order; "
            "the slug is the file name.",
    Field("title", "text", "The path's name, like `Start a crew`.", required=True, max_length=limits.MAX_TITLE),
    Field("summary", "text", "Who the path is for and where it leads, in one sentence.", required=True,
          max_length=limits.MAX_SUMMARY),
    Field("steps", "list", "The steps, in the order to take them.", required=True, items=STEP,
          max_items=limits.MAX_STEPS),
)


# ---------------------------------------------------------------------------------------------
# Reading the files of a format


def relative(path: Path, base: Path) -> str:
    """A path as problems show it: relative to the project root, with forward slashes. Links are
    not followed: a linked file is reported where the editor sees it."""
    absolute, root = os.path.abspath(path), _absolute(os.fspath(base))
    if absolute.startswith(root + os.sep):  # the usual case, without relpath's slower walk
        return absolute[len(root) + 1:].replace(os.sep, "/")
    return Path(os.path.relpath(absolute, root)).as_posix()


@functools.lru_cache(maxsize=16)
def _absolute(path: str) -> str:
    return os.path.abspath(path)


def load_data(raw: bytes | None, spec: Field, report: Reporter) -> dict | None:
    """Parse and check one file's bytes against its format; None when it has any problem (or
    could not be read, which the content walk has reported)."""
    if raw is None:
        return None
    before = len(report.problems)
    text = read_text(raw, report)
    if text is None:
        return None
    data = load(text, report)
    if len(report.problems) > before:
        return None
    if data is None:
        required = [f"`{f.name}`" for f in spec.fields if f.required]
        report.error(1, "the file is empty", "it needs at least " + ", ".join(required))
        return None
    return data if check(data, spec, report) else None


def check_slug(path: Path, report: Reporter, reserved: Callable[[str], bool] = lambda slug: False) -> bool:
    """The file name is the slug, which goes into URLs: lowercase words joined by hyphens."""
    slug = path.stem
    if not SLUG_RE.match(slug):
        report.error(1, f"the file name `{path.name}` is not a slug",
                     f"rename it to `{suggested_slug(slug)}{path.suffix}`: lowercase letters, digits and hyphens")
        return False
    if reserved(slug):
        report.error(1, f"`{slug}` cannot be a slug here: the site uses that address for something else",
                     "rename the file")
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Checking a loaded file against a format


def check(data: Any, spec: Field, report: Reporter) -> bool:
    """Check the shape of a loaded YAML document; report every problem; True when there was none."""
    before = len(report.problems)
    if not isinstance(data, dict):
        report.error(1, f"expected a mapping of keys such as `{spec.fields[0].name}:`, found {describe(data)}",
                     f"start each line with a key: {', '.join(f'`{k}`' for k in spec.keys[:4])}, ...")
    else:
        _check_mapping(data, spec, report, line=1, where="")
    return len(report.problems) == before


def _check_mapping(data: dict, spec: Field, report: Reporter, line: int, where: str) -> None:
    for key in data:
        if not isinstance(key, str) or spec.field(key) is None:
            known = spec.keys
            report.error(line_of_key(data, key), f"unknown key `{where}{key}`",
                         did_you_mean(str(key), known) or "known keys: " + ", ".join(f"`{k}`" for k in known))
    for field in spec.fields:
        if field.required and field.name not in data:
            report.error(line, f"`{where}{field.name}` is missing", _lower_first(field.doc).rstrip("."))
    for key, value in data.items():
        field = spec.field(key) if isinstance(key, str) else None
        if field is not None and (value is None or field.kind in ("mapping", "list") or scalar_problem(value, field)):
            # Only a value that may have a problem needs its line (the lookup is the slow part).
            _check_value(value, field, report, line_of_key(data, key), f"{where}{key}")


def _check_value(value: Any, field: Field, report: Reporter, line: int, name: str) -> None:
    kind = field.kind
    if value is None:
        report.error(line, f"`{name}` has no value", f"give it {KINDS[kind]}, or remove the line")
        return
    if kind == "mapping":
        if isinstance(value, dict):
            _check_mapping(value, field, report, line, f"{name}.")
        elif field.shorthand is not None:
            _check_value(value, field.field(field.shorthand), report, line, name)
        else:
            report.error(line, f"`{name}` must be a mapping, not {describe(value)}",
                         "put its keys on the following lines, indented: " + ", ".join(field.keys))
        return
    if kind == "list":
        if isinstance(value, list) and len(value) > field.max_items:
            report.error(line, f"`{name}` has {len(value)} items; at most {field.max_items} are allowed",
                         "shorten the list")
        elif isinstance(value, list):  # an empty list is fine: templates write `tags: []`
            for index, item in enumerate(value):
                _check_value(item, field.items, report, line_of_item(value, index, 0), f"{name}[{index + 1}]")
        elif field.one_or_many and not isinstance(value, dict):
            _check_value(value, field.items, report, line, name)
        else:
            report.error(line, f"`{name}` must be a list, not {describe(value)}", "write it like `[a, b]`")
        return
    problem = scalar_problem(value, field)
    if problem:
        report.error(line, f"`{name}` {problem[0]}", problem[1])


def scalar_problem(value: Any, field: Field) -> tuple[str, str] | None:
    """(message, hint) when a single value does not have the kind the field expects."""
    kind = field.kind
    if kind in _TEXT_KINDS:
        if not isinstance(value, str):
            hint = "put it in quotes" if kind in ("text", "markdown") else f"write {KINDS[kind]}"
            if kind == "duration" and isinstance(value, int) and not isinstance(value, bool):
                hint = f"give the unit: `{value}h` or `{value}m`"
            return f"must be {_article(kind)}, not {describe(value)}", hint
        # The length first: every check after it, and the message, then work on a bounded text.
        if len(value) > field.max_length:
            return (f"is {len(value):,} characters long; at most {field.max_length:,} are allowed",
                    "shorten it" if kind in ("text", "markdown") else f"write {KINDS[kind]}")
        text = value.strip()
        odd = character_problem(text, multiline=kind == "markdown")
        if odd:
            return odd
        if not text and kind != "markdown":
            return "is empty", f"give it {KINDS[kind]}, or remove the line"
        if kind == "text" and "\n" in text:
            return "must be a single line", "use `description` for longer text"
        if kind == "markdown":
            cost = markdown_cost.problem(value)
            if cost:
                return f"has {cost.message} (line {cost.line} of the text)", cost.hint
            dropped = markdown_links.first_dropped_link(value)
            if dropped:
                return f"has {dropped.message}", dropped.hint
        if kind == "slug" and not SLUG_RE.match(text):
            return (f"`{text}` is not a slug", f"slugs are lowercase words joined by hyphens, like `{suggested_slug(text)}`")
        if kind == "choice" and text not in field.allowed:
            return (f"must be one of {', '.join(f'`{a}`' for a in field.allowed)}, not `{text}`",
                    did_you_mean(text, field.allowed))
        if kind == "duration" and (not DURATION_RE.match(text) or not any(DURATION_RE.match(text).groups())):
            return f"`{text}` is not a duration", "write it like `2h`, `90m` or `1h30m`"
        if kind == "timezone":
            return timezone_problem(text)
        if kind == "url" and not is_web_url(text):
            return f"`{text}` is not a web address", "links must start with https:// (or http://)"
        if kind == "feed" and not is_web_url(feed_address(text)):
            return (f"`{text}` is not the address of a calendar feed",
                    "copy the public address (https://... or webcal://...) from the calendar's sharing settings")
        if kind == "link" and not (is_web_url(text) or is_mailto(text)):
            return f"`{text}` is not a web address or mailto: link", "write `https://...` or `mailto:name@example.org`"
        if kind == "email" and not is_email(text):
            return f"`{text}` is not an email address", "write it like `name@example.org`"
        return None
    if kind == "boolean":
        if not isinstance(value, bool):
            return f"must be `true` or `false`, not {describe(value)}", "YAML 1.2 reads `yes`/`no`/`on`/`off` as text"
        return None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {describe(value)}", ""
        if field.minimum is not None and value < field.minimum:
            return f"must be at least {field.minimum}, not {value}", ""
        if field.maximum is not None and value > field.maximum:
            return f"must be at most {field.maximum:,}, not {_number(value)}", ""
        return None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number, not {describe(value)}", ""
        return None
    if kind == "date":
        if isinstance(value, datetime) or not isinstance(value, (date, str)):
            return f"must be a date like `2026-12-03`, not {describe(value)}", ""
        return None
    if kind == "when":
        if not isinstance(value, (date, str)):
            return f"must be a date and time, not {describe(value)}", "write it like `2026-12-03 19:00`"
        return None
    if kind == "day":
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return f"must be a weekday or a day number, not {describe(value)}", "write `thursday`, `first thursday` or `15`"
        return None
    if kind == "geo":
        return geo_problem(value)
    raise AssertionError(kind)


# Characters no text in content needs, each of which breaks something: lone surrogates (a YAML
# escape like `"\ud83d"`, half of an emoji) cannot be written as UTF-8 at all; control characters
# are invisible, and some end a line for one reader and not another; the bidirectional controls
# show the text around them reversed or hidden ("Trojan Source"). Tabs and, in Markdown, line
# breaks are fine.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def character_problem(text: str, multiline: bool = False) -> tuple[str, str] | None:
    """(message, hint) when text holds a character no content needs (see above)."""
    if text.isprintable():
        return None  # the common case, quickly: every character above is unprintable
    found = _SURROGATE.search(text)
    if found:
        return (f"holds half a character (U+{ord(found.group(0)):04X}), from an escape like `\\ud83d`",
                "write the character itself, or both halves of it in one escape like `\\U0001F600`")
    found = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text)
    if found and found.group(0) == "\n":
        return None  # a line break in one-line text: said by the caller, as ever
    if found:
        return (f"holds the invisible control character U+{ord(found.group(0)):04X}",
                "remove it: it would be hidden, or turn the text around it")
    return None


def geo_problem(value: Any) -> tuple[str, str] | None:
    hint = "write `[latitude, longitude]` in degrees, like `[-41.3119, 174.7786]`"
    if not isinstance(value, list) or len(value) != 2:
        return f"must be [latitude, longitude], not {describe(value)}", hint
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value):
        return "must be two numbers", hint
    lat, lon = value
    if not -90 <= lat <= 90:
        return f"latitude {lat} is not between -90 and 90", hint
    if not -180 <= lon <= 180:
        return f"longitude {lon} is not between -180 and 180", hint
    return None


def timezone_problem(name: str) -> tuple[str, str] | None:
    if name in available_timezones():
        return None
    close = [z for z in available_timezones() if z.lower() == name.lower()]
    close = close or difflib.get_close_matches(name, sorted(available_timezones()), n=3, cutoff=0.6)
    hint = "time zones look like `Europe/London`"
    if close:
        hint += "; did you mean " + " or ".join(f"`{z}`" for z in close) + "?"
    return f"`{name}` is not a time zone", hint


@functools.cache
def available_timezones() -> frozenset[str]:
    # Checking the name against the list (rather than trying ZoneInfo) keeps it case-sensitive on
    # every file system, so `europe/london` fails on a laptop the same way as in CI.
    return frozenset(zoneinfo.available_timezones())


# Addresses are read by a parser (`urllib.parse`) and checked part by part, never by one regular
# expression over the whole text: a pattern with parts that can each take the same characters
# backtracks, and a 6 KB address of dotted labels took minutes.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_LABEL_PUNCTUATION = frozenset("-_")
_ATEXT = frozenset("!#$%&'*+-/=?^_`{|}~")  # RFC 5322's characters of an address, besides letters and digits


def is_web_url(text: str) -> bool:
    """An absolute http(s) address with a host name (with a dot, or `localhost`), and no spaces."""
    if len(text) > limits.MAX_URL or not text.startswith(("http://", "https://")) or _SPACE_OR_CONTROL.search(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    if "@" in parts.netloc or not parts.hostname:
        return False
    return parts.hostname == "localhost" or is_host_name(parts.hostname.removesuffix("."))


def feed_address(text: str) -> str:
    """The https:// address of a feed given as webcal:// (or webcals://), as calendar apps offer it."""
    for scheme in ("webcal://", "webcals://"):
        if text[:len(scheme)].lower() == scheme:
            return "https://" + text[len(scheme):]
    return text


def is_host_name(host: str) -> bool:
    """Dotted labels of letters (any script), digits, hyphens and underscores, as DNS allows."""
    labels = host.split(".")
    return (len(host) <= 253 and len(labels) > 1
            and all(0 < len(label) <= 63 and all(c.isalnum() or c in _LABEL_PUNCTUATION for c in label)
                    for label in labels))


def is_email(text: str) -> bool:
    """`name@example.org`: dot-separated words of RFC 5322's characters (any script) before the
    `@`, a host name after it, within RFC 5321's lengths."""
    if len(text) > limits.MAX_EMAIL or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    return (0 < len(local) <= limits.MAX_EMAIL_LOCAL
            and all(word and all(c.isalnum() or c in _ATEXT for c in word) for word in local.split("."))
            and is_host_name(domain))


def is_mailto(text: str) -> bool:
    return (len(text) <= limits.MAX_URL and text.startswith("mailto:")
            and is_email(text[len("mailto:"):].split("?")[0]))


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def suggested_slug(text: str) -> str:
    """The slug to suggest for a name that is not one (the rule of `handbook new`)."""
    return slugify(text) or "my-slug"


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int):
        return f"the number {_number(value)}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, datetime):
        return f"the date and time {value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text `{value.strip()[:40]}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _number(value: int) -> str:
    """A whole number for a message; one of thousands of digits is not worth quoting in full."""
    return f"{value:,}" if abs(value) < 10**30 else "a number of more than 30 digits"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _article(kind: str) -> str:
    return {"text": "text", "markdown": "text", "choice": "a word", "slug": "a slug"}.get(kind, KINDS[kind].split(" like")[0])


# ---------------------------------------------------------------------------------------------
# JSON Schema, for editors with a YAML language server and for documentation

def _years_pattern(first: int, last: int) -> str:
    """A regular expression for the years first to last: whole centuries as `19\\d\\d`."""
    parts = []
    for century in range(first // 100, last // 100 + 1):
        low, high = max(first, century * 100), min(last, century * 100 + 99)
        whole = low == century * 100 and high == century * 100 + 99
        parts += [rf"{century}\d\d"] if whole else [str(year) for year in range(low, high + 1)]
    return "(" + "|".join(parts) + ")"


_YEARS = _years_pattern(limits.FIRST_YEAR, limits.LAST_YEAR)
_PATTERNS = {
    "slug": SLUG_RE.pattern,
    "date": rf"^{_YEARS}-\d{{2}}-\d{{2}}$",
    "when": rf"^{_YEARS}-\d{{2}}-\d{{2}}([T ]\d{{1,2}}:\d{{2}}(:\d{{2}})?)?$",
    "duration": r"^(?=\d)(\d+d)?(\d+h)?(\d+m)?$",
    "timezone": r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$",
    "url": r"^https?://\S+$",
    "link": r"^(https?://|mailto:)\S+$",
    "feed": r"^(https?|webcals?)://\S+$",
    # Dot-separated labels, each without a dot: a pattern that cannot backtrack in an editor either.
    # Looser than `is_email`, never stricter: what the check accepts, the schema accepts.
    "email": r'^[^@\s<>"]+@[^@\s<>".]+(\.[^@\s<>".]+)+$',
    "rrule": r"^(RRULE:)?FREQ=[A-Z]+(;[A-Z]+=[^;\s]+)*$",
}


def json_schema(spec: Field) -> dict:
    """A JSON Schema (2020-12) for a format, on the text of the file (dates and times as strings)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.name}
    schema.update(_schema(spec))
    return schema


def _schema(field: Field) -> dict:
    kind = field.kind
    out: dict[str, Any] = {"description": field.doc} if field.doc else {}
    if kind == "mapping":
        mapping = {"type": "object", "additionalProperties": False,
                   "properties": {f.name: _schema(f) for f in field.fields}}
        required = [f.name for f in field.fields if f.required]
        if required:
            mapping["required"] = required
        if field.shorthand is not None:
            out["anyOf"] = [_schema(field.field(field.shorthand)), mapping]
        else:
            out.update(mapping)
    elif kind == "list":
        array = {"type": "array", "items": _schema(field.items), "maxItems": field.max_items}
        if field.one_or_many:
            out["anyOf"] = [_schema(field.items), array]
        else:
            out.update(array)
    elif kind in ("text", "markdown"):
        out.update(type="string", maxLength=field.max_length)
        if kind == "text":
            out.update(minLength=1, pattern=r"^[^\n]*\n?$")
    elif kind == "choice":
        out["enum"] = list(field.allowed)
    elif kind == "boolean":
        out["type"] = "boolean"
    elif kind == "number":
        out["type"] = "number"
    elif kind == "integer":
        out["type"] = "integer"
        if field.minimum is not None:
            out["minimum"] = field.minimum
        if field.maximum is not None:
            out["maximum"] = field.maximum
    elif kind == "geo":
        out.update(type="array", minItems=2, maxItems=2, prefixItems=[
            {"type": "number", "minimum": -90, "maximum": 90},
            {"type": "number", "minimum": -180, "maximum": 180}])
    elif kind == "day":
        out["anyOf"] = [
            {"type": "string", "pattern": rf"^(({'|'.join(ORDINALS)}) )?({'|'.join(WEEKDAYS)})$"},
            {"type": "integer", "minimum": 1, "maximum": 31}]
    else:
        out.update(type="string", pattern=_PATTERNS[kind])
        if field.max_length is not None:
            out["maxLength"] = field.max_length
    return out
