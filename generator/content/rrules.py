"""A hand-written `repeat.rrule`, read strictly: one RFC 5545 RRULE value (section 3.3.10), and
nothing else.

dateutil, which expands the rules, reads more than that: it splits its input at spaces and line
breaks and takes `RDATE:`, `EXDATE:` and `DTSTART:` lines after the rule, so a value like
`FREQ=WEEKLY;BYDAY=TU RDATE:20270101` would add a date to the pages and put a broken RRULE in every
feed. So the value is parsed here, part by part, each part's value checked against the RFC's
grammar and ranges (and `limits`), then written out again in the one canonical form and compared
with what the file says: anything the parse did not account for shows up as a difference, and the
message says how to write the rule.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

from ..core.limits import FIRST_YEAR, LAST_YEAR, MAX_COUNT, MAX_INTERVAL

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PARTS = ("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
         "COUNT", "UNTIL")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_ALLOWED = re.compile(r"[A-Za-z0-9=;,+-]*")
_NUMBER = re.compile(r"([+-]?)([0-9]{1,3})")
_WEEKDAY_NUMBER = re.compile(r"([+-]?)([0-9]{1,2})?([A-Z]{2})")
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")
_SMUGGLED = re.compile(r"RDATE|EXDATE|EXRULE|DTSTART|RRULE", re.IGNORECASE)
HINT = "see RFC 5545, section 3.3.10"


class RuleError(ValueError):
    """A value that is not one RRULE; carries the message and a hint for the editor."""

    def __init__(self, message: str, hint: str = HINT):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Rule:
    """A checked RRULE: its parts in the order written (values canonical), UNTIL and COUNT read."""

    parts: tuple[tuple[str, str], ...]
    until: date | datetime | None = None  # a date, a naive local time, or an aware UTC time
    count: int | None = None

    @property
    def freq(self) -> str:
        return dict(self.parts)["FREQ"]

    def text(self) -> str:
        return ";".join(f"{name}={value}" for name, value in self.parts)


def parse(value: str) -> Rule:
    """The rule in `value`, or RuleError saying what is wrong with it."""
    text = value.strip()
    body = text[len("RRULE:"):] if text[:6].upper() == "RRULE:" else text
    odd = _ALLOWED.fullmatch(body) is None
    if odd or _SMUGGLED.search(body):
        smuggled = _SMUGGLED.search(body)
        if smuggled:
            raise RuleError(f"holds `{smuggled.group(0).upper()}`: it takes one RRULE value and nothing else",
                            "dates that do not happen go in `repeat.except`, moved ones in `repeat.changes`")
        position = next(i for i, c in enumerate(body) if not _ALLOWED.fullmatch(c))
        raise RuleError(f"has {_character(body[position])} at character {position + 1 + len(text) - len(body)}: "
                        "an RRULE value is parts like `FREQ=WEEKLY` joined by `;`, with no spaces",
                        "write it like `FREQ=MONTHLY;BYDAY=1TH`")
    found: dict[str, str] = {}
    for piece in body.split(";"):
        name, sep, raw = piece.partition("=")
        name = name.upper()
        if not piece:
            raise RuleError("has an empty part (`;;`, or `;` at an end)", "write it like `FREQ=MONTHLY;BYDAY=1TH`")
        if not sep or not name or not raw:
            raise RuleError(f"part `{piece}` is not NAME=VALUE", "like `FREQ=MONTHLY;BYDAY=1TH`")
        if name in _TIME_PARTS:
            raise RuleError(f"cannot use {name}", "occurrences are known by their date, so a series has at most one a day")
        if name not in PARTS:
            close = difflib.get_close_matches(name, PARTS, n=1)
            raise RuleError(f"has an unknown part `{name}`", f"did you mean `{close[0]}`?" if close else HINT)
        if name in found:
            raise RuleError(f"gives {name} twice", "keep one")
        found[name] = raw.upper()
    freq = found.get("FREQ")
    if freq not in FREQUENCIES:
        raise RuleError("needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY" + (f", not {freq}" if freq else ""),
                        "a series has at most one occurrence a day" if freq else "like `FREQ=MONTHLY;BYDAY=1TH`")
    if "UNTIL" in found and "COUNT" in found:
        raise RuleError("gives both UNTIL and COUNT", "keep one: RFC 5545 allows only one")
    parts = tuple((name, _value(name, raw, freq, found)) for name, raw in found.items())
    rule = Rule(parts, until=_until(found["UNTIL"]) if "UNTIL" in found else None,
                count=int(found["COUNT"]) if "COUNT" in found else None)
    if rule.text() != body.upper():
        # Every character was read above; what differs is only how it is written (`01`, `+1TH`).
        raise RuleError(f"is not written the way RFC 5545 writes it: write `{rule.text()}`", "")
    return rule


def _value(name: str, raw: str, freq: str, parts: dict[str, str]) -> str:
    """The canonical form of one part's value; RuleError if it is not one."""
    if name == "FREQ":
        return raw
    if name in ("INTERVAL", "COUNT"):
        highest = MAX_INTERVAL if name == "INTERVAL" else MAX_COUNT
        if not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= highest:
            raise RuleError(f"{name} must be a whole number from 1 to {highest:,}, not {raw[:20]}",
                            "a series must move on, and end within the years the calendar takes"
                            if name == "INTERVAL" else "or leave COUNT out for a series without an end")
        return str(int(raw))
    if name == "UNTIL":
        return raw  # read by _until; its form is checked there
    if name == "WKST":
        if raw not in WEEKDAYS:
            raise RuleError(f"WKST must be a weekday (MO ... SU), not {raw}")
        return raw
    if name == "BYSETPOS" and not any(key.startswith("BY") and key != "BYSETPOS" for key in parts):
        raise RuleError("BYSETPOS needs another BY... part to pick from", "like `FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1`")
    if name == "BYWEEKNO" and freq != "YEARLY":
        raise RuleError("BYWEEKNO is only for FREQ=YEARLY")
    if name == "BYYEARDAY" and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        raise RuleError(f"BYYEARDAY cannot be used with FREQ={freq}")
    if name == "BYMONTHDAY" and freq == "WEEKLY":
        raise RuleError("BYMONTHDAY cannot be used with FREQ=WEEKLY", "use FREQ=MONTHLY")
    items = raw.split(",")
    if len(set(items)) != len(items):
        twice = next(item for item in items if items.count(item) > 1)
        raise RuleError(f"{name} gives {twice} twice", "keep one")
    return ",".join(_item(name, item, freq, parts) for item in items)


_RANGES = {"BYMONTHDAY": (31, True), "BYYEARDAY": (366, True), "BYWEEKNO": (53, True), "BYMONTH": (12, False),
           "BYSETPOS": (366, True)}


def _item(name: str, item: str, freq: str, parts: dict[str, str]) -> str:
    if name == "BYDAY":
        match = _WEEKDAY_NUMBER.fullmatch(item)
        if match is None or match.group(3) not in WEEKDAYS:
            raise RuleError(f"BYDAY `{item}` is not a weekday like TH, 1TH or -1FR")
        sign, number, day = match.groups()
        if number is None:
            return day
        if not 1 <= int(number) <= 53:
            raise RuleError(f"BYDAY `{item}`: the number before the weekday is from 1 to 53 (or -1 to -53)")
        if freq not in ("MONTHLY", "YEARLY") or (freq == "YEARLY" and "BYWEEKNO" in parts):
            raise RuleError(f"BYDAY `{item}` has a number, which only FREQ=MONTHLY or YEARLY (without BYWEEKNO) takes",
                            "write the weekday alone")
        return f"{'-' if sign == '-' else ''}{int(number)}{day}"
    highest, signed = _RANGES[name]
    match = _NUMBER.fullmatch(item)
    if match is None or (match.group(1) and not signed) or not 1 <= int(match.group(2)) <= highest:
        span = f"1 to {highest}" + (f" or -1 to -{highest}" if signed else "")
        raise RuleError(f"{name} `{item}` is not a number from {span}")
    return f"{'-' if match.group(1) == '-' else ''}{int(match.group(2))}"


def _until(raw: str) -> date | datetime:
    match = _UNTIL.fullmatch(raw)
    hint = "write UNTIL=20270325, UNTIL=20270325T235959Z, or use `repeat.until`"
    if match is None:
        raise RuleError("has an UNTIL that is not a date or a UTC time", hint)
    year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups()[:6])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleError(f"has an UNTIL in {year}, outside the years {FIRST_YEAR} to {LAST_YEAR}", hint)
    try:
        if hour is None:
            return date(year, month, day)
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise RuleError("has an UNTIL that is not a real date and time", hint) from None
    return moment.replace(tzinfo=timezone.utc) if match.group(7) else moment


def _character(char: str) -> str:
    names = {" ": "a space", "\n": "a line break", "\t": "a tab", ":": "a colon"}
    return names.get(char, f"`{char}`" if char.isprintable() else f"the character U+{ord(char):04X}")
