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
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from .model import GROUP_KINDS, SCALES, STATUSES
from .problems import Problem, Reporter
from .yamlfile import line_of_item, line_of_key, load, read_text

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
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

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _mapping(name: str, doc: str, *fields: Field, required: bool = False) -> Field:
    return Field(name, "mapping", doc, required=required, fields=fields)


LOCATION = _mapping(
    "location", "Where people meet in person.",
    Field("name", "text", "The name of the place, like `Newtown Community Centre`."),
    Field("address", "text", "Its street address, as a visitor would type it into a map."),
    Field("geo", "geo", "Latitude and longitude, for the map link."),
)

ORGANIZER = _mapping(
    "organizer", "Who to ask about the gathering.",
    Field("name", "text", "Their name.", required=True),
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
    Field("title", "text", "Its own title."),
    Field("description", "markdown", "Its own description."),
)

REPEAT = _mapping(
    "repeat", "Makes the event a series.",
    Field("every", "choice", "How often: each day, week, month or year.", allowed=FREQUENCIES),
    Field("interval", "integer", "Every how many days, weeks, months or years (default 1).", minimum=1),
    Field("on", "list", "Weekdays for a weekly series; `first thursday`, `last friday` or a day number "
          "for a monthly one. Without it, the day of `start`.",
          items=Field("day", "day"), one_or_many=True),
    Field("until", "when", "The last day of the series, included (or a local date and time)."),
    Field("count", "integer", "How many occurrences in all (instead of `until`).", minimum=1),
    Field("except", "list", "Dates of occurrences that do not happen.",
          items=Field("date", "date"), one_or_many=True),
    Field("changes", "list", "Occurrences that differ from the rest.", items=CHANGE),
    Field("rrule", "rrule", "For power users, instead of `every`, `interval` and `on`: an RFC 5545 "
          "RRULE value such as `FREQ=MONTHLY;BYDAY=1TH`."),
)

EVENT = _mapping(
    "event", "A gathering: `content/events/**/<slug>.yml`; the slug is the file name.",
    Field("title", "text", "What the gathering is called.", required=True),
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
          one_or_many=True),
    Field("tags", "list", "Words to filter by, like `newcomers-welcome`.", items=Field("tag", "slug"),
          one_or_many=True),
    ORGANIZER,
    Field("description", "markdown", "More about the gathering, in Markdown."),
)

GROUP = _mapping(
    "group", "A crew, congregation or network: `content/groups/<slug>.yml`; the slug is the file name.",
    Field("name", "text", "The group's name.", required=True),
    Field("kind", "choice", "What sort of group it is.", required=True, allowed=GROUP_KINDS),
    Field("summary", "text", "One sentence about the group.", required=True),
    Field("timezone", "timezone", "Where its clocks are; the default for its events.", required=True),
    Field("where", "text", "The neighbourhood or town, like `Newtown, Wellington`."),
    Field("part_of", "slug", "The congregation this crew belongs to."),
    Field("open_to_newcomers", "boolean", "Whether newcomers may simply turn up."),
    Field("contact", "link", "How to get in touch: a web page or a mailto: link."),
)

PATTERN = _mapping(
    "pattern", "The front matter of `content/patterns/<slug>.md`; the slug is the file name.",
    Field("title", "text", "The pattern's name.", required=True),
    Field("summary", "text", "The pattern in one sentence.", required=True),
    Field("scale", "choice", "The scale it works at.", required=True, allowed=SCALES),
    Field("tags", "list", "Words to filter by.", items=Field("tag", "slug"), one_or_many=True),
    Field("related", "list", "Slugs of related patterns.", items=Field("pattern", "slug"), one_or_many=True),
    # Page options that MkDocs and Material for MkDocs read from any page's front matter:
    Field("hide", "list", "Parts of the page to hide.", one_or_many=True,
          items=Field("part", "choice", allowed=("navigation", "toc", "footer", "feedback", "path", "tags"))),
    _mapping("search", "How search treats the page.",
             Field("exclude", "boolean", "Leave the page out of search."),
             Field("boost", "number", "Rank the page higher (above 1) or lower (below 1).")),
    Field("status", "text", "A badge in the navigation, such as `new` or `deprecated`."),
)

STEP = _mapping(
    "step", "One step of a path: a pattern, and what to do with it at that point.",
    Field("pattern", "slug", "The pattern of this step: the name of a file in content/patterns/, "
          "without `.md`.", required=True),
    Field("do", "text", "What to do at this step, in a sentence or two.", required=True),
    Field("when", "text", "When in the sequence, like `before the first meeting` or `every meeting`."),
)

PATH = _mapping(
    "path", "The front matter of `content/paths/<slug>.md`, a sequence of patterns to practise in order; "
            "the slug is the file name.",
    Field("title", "text", "The path's name, like `Start a crew`.", required=True),
    Field("summary", "text", "Who the path is for and where it leads, in one sentence.", required=True),
    Field("steps", "list", "The steps, in the order to take them.", required=True, items=STEP),
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


def data_files(folder: Path, base: Path, problems: list[Problem], *, nested: bool) -> list[Path]:
    """The `.yml` files of a folder, sorted; a `.yaml` file (or, unless `nested`, a file in a
    subfolder) would be ignored by everything else, so it is reported rather than skipped."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if path.suffix == ".yaml":
            problems.append(Problem(relative(path, base), 1, "the file name ends in `.yaml`",
                                    f"rename it to `{path.stem}.yml`"))
        elif path.suffix == ".yml" and len(parts) > 1 and not nested:
            problems.append(Problem(relative(path, base), 1, f"`{folder.name}/` takes no subfolders",
                                    f"move the file to `{relative(folder, base)}/{path.name}`"))
        elif path.suffix == ".yml":
            found.append(path)
    return found


def load_file(path: Path, spec: Field, report: Reporter) -> dict | None:
    """Read, parse and check one file against its format; None when it has any problem."""
    before = len(report.problems)
    try:
        raw = path.read_bytes()
    except OSError as err:
        report.error(1, f"cannot read the file: {err.strerror or err}")
        return None
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
                     f"rename it to `{slugify(slug)}{path.suffix}`: lowercase letters, digits and hyphens")
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
        else:
            report.error(line, f"`{name}` must be a mapping, not {describe(value)}",
                         "put its keys on the following lines, indented: " + ", ".join(field.keys))
        return
    if kind == "list":
        if isinstance(value, list):  # an empty list is fine: templates write `tags: []`
            for index, item in enumerate(value):
                _check_value(item, field.items, report, line_of_item(value, index, 0), f"{name}[{index + 1}]")
        elif field.one_or_many and not isinstance(value, dict):
            _check_value(value, field.items, report, line, name)
        else:
            report.error(line, f"`{name}` must be a list, not {describe(value)}", f"write it like `[a, b]`")
        return
    problem = scalar_problem(value, field)
    if problem:
        report.error(line, f"`{name}` {problem[0]}", problem[1])


def scalar_problem(value: Any, field: Field) -> tuple[str, str] | None:
    """(message, hint) when a single value does not have the kind the field expects."""
    kind = field.kind
    if kind in ("text", "markdown", "slug", "choice", "duration", "timezone", "url", "link", "email", "rrule"):
        if not isinstance(value, str):
            hint = "put it in quotes" if kind in ("text", "markdown") else f"write {KINDS[kind]}"
            if kind == "duration" and isinstance(value, int) and not isinstance(value, bool):
                hint = f"give the unit: `{value}h` or `{value}m`"
            return f"must be {_article(kind)}, not {describe(value)}", hint
        text = value.strip()
        if not text and kind != "markdown":
            return "is empty", f"give it {KINDS[kind]}, or remove the line"
        if kind == "text" and "\n" in text:
            return "must be a single line", "use `description` for longer text"
        if kind == "slug" and not SLUG_RE.match(text):
            return (f"`{text}` is not a slug", f"slugs are lowercase words joined by hyphens, like `{slugify(text)}`")
        if kind == "choice" and text not in field.allowed:
            return (f"must be one of {', '.join(f'`{a}`' for a in field.allowed)}, not `{text}`",
                    did_you_mean(text, field.allowed))
        if kind == "duration" and (not DURATION_RE.match(text) or not any(DURATION_RE.match(text).groups())):
            return f"`{text}` is not a duration", "write it like `2h`, `90m` or `1h30m`"
        if kind == "timezone":
            return timezone_problem(text)
        if kind == "url" and not is_web_url(text):
            return f"`{text}` is not a web address", "links must start with https:// (or http://)"
        if kind == "link" and not (is_web_url(text) or is_mailto(text)):
            return f"`{text}` is not a web address or mailto: link", "write `https://...` or `mailto:name@example.org`"
        if kind == "email" and not EMAIL_RE.match(text):
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


def is_web_url(text: str) -> bool:
    return bool(re.match(r"^https?://[^\s/?#@]+\.[^\s/?#]*[^\s]*$", text) or
                re.match(r"^https?://localhost(:\d+)?(/\S*)?$", text))


def is_mailto(text: str) -> bool:
    return text.startswith("mailto:") and bool(EMAIL_RE.match(text[len("mailto:"):].split("?")[0]))


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-slug"


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _article(kind: str) -> str:
    return {"text": "text", "markdown": "text", "choice": "a word", "slug": "a slug"}.get(kind, KINDS[kind].split(" like")[0])


# ---------------------------------------------------------------------------------------------
# JSON Schema, for editors with a YAML language server and for documentation

_PATTERNS = {
    "slug": SLUG_RE.pattern,
    "date": r"^\d{4}-\d{2}-\d{2}$",
    "when": r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$",
    "duration": r"^(?=\d)(\d+d)?(\d+h)?(\d+m)?$",
    "timezone": r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$",
    "url": r"^https?://\S+$",
    "link": r"^(https?://|mailto:)\S+$",
    "email": EMAIL_RE.pattern,
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
        out.update(type="object", additionalProperties=False,
                   properties={f.name: _schema(f) for f in field.fields})
        required = [f.name for f in field.fields if f.required]
        if required:
            out["required"] = required
    elif kind == "list":
        array = {"type": "array", "items": _schema(field.items)}
        if field.one_or_many:
            out["anyOf"] = [_schema(field.items), array]
        else:
            out.update(array)
    elif kind in ("text", "markdown"):
        out.update(type="string")
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
    return out
