"""The kinds of value a field takes, one object each, holding all that is known of the kind: how
it is described (in messages, the JSON Schema and the field reference on the Contribute pages),
how one value of it is checked, and its fragment of the JSON Schema.

A kind checks one value on its own: its type, its length, its characters, the form of its words
(a slug, a duration, a time zone). What a value means in its file (a time in the event's zone, a
weekday of a series) is checked by the loaders once the shape is right. Lists and mappings hold
other values: `shape` walks them; their kinds only describe them.

What the check accepts, the schema accepts: a schema may be looser than the check (it cannot look
up time zones or count the cost of Markdown), never stricter, or an editor would mark a good file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ...core import limits
from .. import markdown_cost, markdown_links
from .messages import describe, did_you_mean, number, suggested_slug
from .texts import character_problem, feed_address, is_email, is_mailto, is_web_url, timezone_problem

if TYPE_CHECKING:
    from .fields import Field

ValueProblem = tuple[str, str]  # (message, hint); the message follows the field's name: "`title` is empty"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DURATION_RE = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "last")
FREQUENCIES = ("day", "week", "month", "year")


def _years_pattern(first: int, last: int) -> str:
    """A regular expression for the years first to last: whole centuries as `19\\d\\d`."""
    parts = []
    for century in range(first // 100, last // 100 + 1):
        low, high = max(first, century * 100), min(last, century * 100 + 99)
        whole = low == century * 100 and high == century * 100 + 99
        parts += [rf"{century}\d\d"] if whole else [str(year) for year in range(low, high + 1)]
    return "(" + "|".join(parts) + ")"


_YEARS = _years_pattern(limits.FIRST_YEAR, limits.LAST_YEAR)


@dataclass(frozen=True)
class Kind:
    name: str
    description: str  # what a value looks like in the file, like "a date like `2026-12-03`"

    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        """(message, hint) when one value is not of this kind; None when it is."""
        raise AssertionError(f"{self.name} values are checked by `shape`")

    def schema(self, field: Field) -> dict:
        """The JSON Schema of a value of this kind in `field` (the field adds its description)."""
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Kinds whose values are strings: every one is bounded (see `limits`), refuses characters no
# content needs, and is not empty unless it is Markdown.


@dataclass(frozen=True)
class Text(Kind):
    max_length: int | None = None  # the kind's own bound; None: each field gives its own
    pattern: str | None = None  # the schema's regular expression for the text

    multiline = False  # line breaks allowed
    wrong_type_hint = ""  # when the value is not a string; by default "write <description>"
    too_long_hint = ""  # by default "write <description>"

    @property
    def article(self) -> str:
        """The kind in "must be ..., not the number 3"."""
        return self.description.split(" like")[0]

    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if not isinstance(value, str):
            return f"must be {self.article}, not {describe(value)}", self.hint_for_wrong_type(value)
        # The length first: every check after it, and the message, then work on a bounded text.
        if len(value) > field.max_length:
            return (f"is {len(value):,} characters long; at most {field.max_length:,} are allowed",
                    self.too_long_hint or f"write {self.description}")
        text = value.strip()
        odd = character_problem(text, multiline=self.multiline)
        if odd:
            return odd
        if not text and not self.multiline:
            return "is empty", f"give it {self.description}, or remove the line"
        return self.text_problem(text, value, field)

    def hint_for_wrong_type(self, value: Any) -> str:
        return self.wrong_type_hint or f"write {self.description}"

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        """What is wrong with the stripped text, once it is a string of fit length and characters."""
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "string", "pattern": self.pattern, "maxLength": field.max_length}


@dataclass(frozen=True)
class OneLine(Text):
    wrong_type_hint = "put it in quotes"
    too_long_hint = "shorten it"

    @property
    def article(self) -> str:
        return "text"

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        if "\n" in text:
            return "must be a single line", "use `description` for longer text"
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "string", "maxLength": field.max_length, "minLength": 1, "pattern": r"^[^\n]*\n?$"}


@dataclass(frozen=True)
class Markdown(OneLine):
    multiline = True

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        cost = markdown_cost.problem(value)
        if cost:
            return f"has {cost.message} (line {cost.line} of the text)", cost.hint
        dropped = markdown_links.first_dropped_link(value)
        if dropped:
            return f"has {dropped.message}", dropped.hint
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "string", "maxLength": field.max_length}


@dataclass(frozen=True)
class Slug(Text):
    @property
    def article(self) -> str:
        return "a slug"

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        if not SLUG_RE.match(text):
            return (f"`{text}` is not a slug",
                    f"slugs are lowercase words joined by hyphens, like `{suggested_slug(text)}`")
        return None


@dataclass(frozen=True)
class Choice(Text):
    @property
    def article(self) -> str:
        return "a word"

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        if text not in field.allowed:
            return (f"must be one of {', '.join(f'`{a}`' for a in field.allowed)}, not `{text}`",
                    did_you_mean(text, field.allowed))
        return None

    def schema(self, field: Field) -> dict:
        return {"enum": list(field.allowed)}


@dataclass(frozen=True)
class Duration(Text):
    def hint_for_wrong_type(self, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return f"give the unit: `{value}h` or `{value}m`"
        return super().hint_for_wrong_type(value)

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        match = DURATION_RE.match(text)
        if not match or not any(match.groups()):
            return f"`{text}` is not a duration", "write it like `2h`, `90m` or `1h30m`"
        return None


@dataclass(frozen=True)
class TimeZone(Text):
    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        return timezone_problem(text)


@dataclass(frozen=True)
class Address(Text):
    """A link or an email address, read by a parser (`texts`) rather than by the schema's pattern."""

    accepts: Callable[[str], bool] = bool  # the test of `texts` the text must pass
    refusal: ValueProblem = ("", "")  # (message with `{text}`, hint)

    def text_problem(self, text: str, value: str, field: Field) -> ValueProblem | None:
        if not self.accepts(text):
            return self.refusal[0].format(text=text), self.refusal[1]
        return None


# ---------------------------------------------------------------------------------------------
# Kinds whose values YAML reads as something else than a string.


@dataclass(frozen=True)
class Boolean(Kind):
    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if not isinstance(value, bool):
            return f"must be `true` or `false`, not {describe(value)}", "YAML 1.2 reads `yes`/`no`/`on`/`off` as text"
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Integer(Kind):
    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {describe(value)}", ""
        if field.minimum is not None and value < field.minimum:
            return f"must be at least {field.minimum}, not {value}", ""
        if field.maximum is not None and value > field.maximum:
            return f"must be at most {field.maximum:,}, not {number(value)}", ""
        return None

    def schema(self, field: Field) -> dict:
        bounds = {"minimum": field.minimum, "maximum": field.maximum}
        return {"type": "integer", **{key: bound for key, bound in bounds.items() if bound is not None}}


@dataclass(frozen=True)
class Number(Kind):
    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number, not {describe(value)}", ""
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "number"}


@dataclass(frozen=True)
class Date(Kind):
    """A date, as YAML reads it or as text; `content.events` reads the text."""

    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if isinstance(value, datetime) or not isinstance(value, (date, str)):
            return f"must be a date like `2026-12-03`, not {describe(value)}", ""
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "string", "pattern": rf"^{_YEARS}-\d{{2}}-\d{{2}}$"}


@dataclass(frozen=True)
class When(Kind):
    """A date, or a date and time, as YAML reads it or as text; `content.events` reads the text."""

    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if not isinstance(value, (date, str)):
            return f"must be a date and time, not {describe(value)}", "write it like `2026-12-03 19:00`"
        return None

    def schema(self, field: Field) -> dict:
        return {"type": "string", "pattern": rf"^{_YEARS}-\d{{2}}-\d{{2}}([T ]\d{{1,2}}:\d{{2}}(:\d{{2}})?)?$"}


@dataclass(frozen=True)
class Day(Kind):
    """A day of a series: a weekday, or its position in the month, or a day number; `content.events`
    reads which, because that depends on how often the series repeats."""

    def problem(self, value: Any, field: Field) -> ValueProblem | None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return f"must be a weekday or a day number, not {describe(value)}", "write `thursday`, `first thursday` or `15`"
        return None

    def schema(self, field: Field) -> dict:
        return {"anyOf": [
            {"type": "string", "pattern": rf"^(({'|'.join(ORDINALS)}) )?({'|'.join(WEEKDAYS)})$"},
            {"type": "integer", "minimum": 1, "maximum": 31}]}


@dataclass(frozen=True)
class Geo(Kind):
    def problem(self, value: Any, field: Field) -> ValueProblem | None:
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

    def schema(self, field: Field) -> dict:
        return {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": [
            {"type": "number", "minimum": -90, "maximum": 90},
            {"type": "number", "minimum": -180, "maximum": 180}]}


# ---------------------------------------------------------------------------------------------
# Kinds that hold other values (walked by `shape`)


@dataclass(frozen=True)
class List(Kind):
    def schema(self, field: Field) -> dict:
        array = {"type": "array", "items": field.items.schema(), "maxItems": field.max_items}
        return {"anyOf": [field.items.schema(), array]} if field.one_or_many else array


@dataclass(frozen=True)
class Mapping(Kind):
    def schema(self, field: Field) -> dict:
        out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                               "properties": {f.name: f.schema() for f in field.fields}}
        required = [f.name for f in field.fields if f.required]
        if required:
            out["required"] = required
        if field.shorthand is not None:  # the one value alone, or the mapping
            return {"anyOf": [field.field(field.shorthand).schema(), out]}
        return out


# Every kind, by the name a field declares it with, in the order the field reference lists them.
KIND: dict[str, Kind] = {kind.name: kind for kind in (
    OneLine("text", "one line of text"),
    Markdown("markdown", "Markdown text"),
    Slug("slug", "a slug: lowercase letters, digits and hyphens, like `newtown-crew`", limits.MAX_SLUG,
         SLUG_RE.pattern),
    Choice("choice", "one of a fixed set of words", limits.MAX_WORD),
    Boolean("boolean", "`true` or `false`"),
    Integer("integer", "a whole number"),
    Number("number", "a number"),
    Date("date", "a date like `2026-12-03`"),
    When("when", "a date and time like `2026-12-03 19:00`, or a date alone for all day"),
    Duration("duration", "a duration like `2h`, `90m` or `1h30m`", limits.MAX_DURATION_TEXT,
             r"^(?=\d)(\d+d)?(\d+h)?(\d+m)?$"),
    TimeZone("timezone", "an IANA time zone like `Europe/London`", limits.MAX_WORD,
             r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"),
    Address("url", "a web address starting with https:// or http://", limits.MAX_URL, r"^https?://\S+$",
            is_web_url, ("`{text}` is not a web address", "links must start with https:// (or http://)")),
    Address("link", "a web address (https://...) or an email link (mailto:...)", limits.MAX_URL,
            r"^(https?://|mailto:)\S+$", lambda text: is_web_url(text) or is_mailto(text),
            ("`{text}` is not a web address or mailto: link", "write `https://...` or `mailto:name@example.org`")),
    Address("feed", "the address of a calendar feed, starting with https:// (or webcal://)", limits.MAX_URL,
            r"^(https?|webcals?)://\S+$", lambda text: is_web_url(feed_address(text)),
            ("`{text}` is not the address of a calendar feed",
             "copy the public address (https://... or webcal://...) from the calendar's sharing settings")),
    # Dot-separated labels, each without a dot: a pattern that cannot backtrack in an editor either.
    # Looser than `is_email`, never stricter.
    Address("email", "an email address", limits.MAX_EMAIL, r'^[^@\s<>"]+@[^@\s<>".]+(\.[^@\s<>".]+)+$',
            is_email, ("`{text}` is not an email address", "write it like `name@example.org`")),
    Geo("geo", "[latitude, longitude], like `[-41.3119, 174.7786]`"),
    Day("day", "a weekday (`thursday`), `first thursday`, `last friday` or a day of the month (1-31)"),
    # Read strictly, with its own messages, by `content.rrules`.
    Text("rrule", "an RFC 5545 RRULE value, like `FREQ=MONTHLY;BYDAY=1TH`", limits.MAX_RRULE,
          r"^(RRULE:)?FREQ=[A-Z]+(;[A-Z]+=[^;\s]+)*$"),
    List("list", "a list"),
    Mapping("mapping", "a mapping of keys to values"),
)}

# What a value of each kind looks like, by name: for messages and the field reference.
KINDS = {name: kind.description for name, kind in KIND.items()}
