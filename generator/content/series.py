"""Reading `repeat`, which makes an event a series: `every`, `interval` and `on` (or a hand-written
`rrule`), `until` or `count`, and the dates of `except` and `changes`, which must be dates of the
series. The result is an RFC 5545 RRULE, with UNTIL in UTC for timed series.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..core.limits import LAST_YEAR, MAX_DAYS
from ..core.model import Change, Repeat
from ..core.recurrence import endless_rule_for, nearest_occurrence, occurrence_on, rule_for
from . import rrules
from .formats import ORDINALS, WEEKDAYS, did_you_mean, items_of, markdown_of, text_of
from .times import TOO_LONG_HINT, UTC, Bad, naive, parse_date
from .yamlfile import line_of_key

if TYPE_CHECKING:
    from .events import EventFile

_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_WEEKDAY_CODES = {name: name[:2].upper() for name in WEEKDAYS}
_WEEKDAY_ABBREVIATIONS = {name[:3]: code for name, code in _WEEKDAY_CODES.items()}
_ORDINAL_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}

Parts = list[tuple[str, str]]  # the RRULE's NAME=value parts, in order


class Series:
    """The `repeat` mapping of one event file whose start is known; problems go to the file."""

    def __init__(self, file: EventFile, node: dict, start: date | datetime, zone: ZoneInfo):
        self.file, self.node, self.start, self.zone = file, node, start, zone
        self.all_day = not isinstance(start, datetime)

    def repeat(self) -> Repeat | None:
        before = len(self.file.report.problems)
        found = self.rule_parts()
        if found is None:
            return None
        parts, until, count = found
        until, count = self.until_and_count(until, count)
        if parts is None or len(self.file.report.problems) > before:
            return None
        text = self.ruletext_of(parts, until, count)
        rule = self.expandable(text, count) if text is not None else None
        if rule is None:
            return None
        exceptions = self.exceptions(rule)
        changes = self.changes(rule, exceptions)
        if len(self.file.report.problems) > before:
            return None
        return Repeat(rrule=text, exceptions=tuple(exceptions), changes=tuple(changes))

    def rule_parts(self) -> tuple[Parts | None, Any, Any] | None:
        """The parts of the rule (None when wrong), and the UNTIL and COUNT of a hand-written one;
        None when nothing more is worth checking."""
        node = self.node
        if "rrule" in node:
            clash = [key for key in ("every", "interval", "on") if key in node]
            if clash:
                self.file.error(line_of_key(node, "rrule"), f"`repeat.rrule` replaces `repeat.{clash[0]}`",
                                "keep one or the other")
                return None
            return self.raw_rrule() or (None, None, None)
        if "every" not in node:
            self.file.error(line_of_key(self.file.data, "repeat"), "`repeat` needs `every`",
                            "say how often: `every: week` (or day, month, year)")
            return None, None, None
        return self.every(), None, None

    def until_and_count(self, until: Any, count: Any) -> tuple[Any, Any]:
        """`until` and `count`, from the keys or from the hand-written rule, given once at most."""
        node = self.node
        if "until" in node:
            if until is not None:
                self.file.error(line_of_key(node, "until"), "`repeat.until` and UNTIL in `repeat.rrule` both given",
                                "keep one")
            until = self.file.when(node, "until", "repeat.until")
        if "count" in node:
            if count is not None:
                self.file.error(line_of_key(node, "count"), "`repeat.count` and COUNT in `repeat.rrule` both given",
                                "keep one")
            count = node["count"]
        if until is not None and count is not None:
            later = max(line_of_key(node, "until"), line_of_key(node, "count"))
            self.file.error(later, "`repeat.until` and `repeat.count` exclude each other", "keep one")
        return until, count

    def ruletext_of(self, parts: Parts, until: Any, count: Any) -> str | None:
        if until is not None:
            until_part = self.until(until, line_of_key(self.node, "until" if "until" in self.node else "rrule"))
            if until_part is None:
                return None
            parts.append(("UNTIL", until_part))
        if count is not None:
            parts.append(("COUNT", str(count)))
        return ";".join(f"{name}={value}" for name, value in parts)

    def expandable(self, text: str, count: Any) -> Any:
        """The rule, when it can be expanded, starts on its first occurrence and ends by the last
        year allowed; None otherwise."""
        node, start = self.node, self.start
        rule_line = line_of_key(node, "rrule") if "rrule" in node else line_of_key(self.file.data, "repeat")
        try:
            rule = rule_for(text, start)
            # The series without COUNT, which ends by the last year allowed: what it can reach.
            endless = endless_rule_for(text, start)
            first = endless.after(naive(start), inc=True)
        except (ValueError, TypeError, KeyError, IndexError) as err:
            self.file.error(rule_line, f"`repeat.rrule` is not a rule that can be expanded: {err}",
                            "see RFC 5545, section 3.3.10, or use `every` and `on`")
            return None
        if first != naive(start):
            # RFC 5545 leaves a series undefined when its start is not one of its occurrences,
            # and calendar apps disagree about it: refuse it rather than guess.
            hint = f"start the series on its first occurrence, {first:%Y-%m-%d}" if first else "check `repeat`"
            self.file.error(line_of_key(self.file.data, "start"),
                            f"`start` ({naive(start):%A %Y-%m-%d}) is not one of the days the series repeats on", hint)
            return None
        if count is not None and sum(1 for _ in islice(endless.xafter(first, count=count, inc=True), count)) < count:
            self.file.error(line_of_key(node, "count" if "count" in node else "rrule"),
                            f"a series of {count:,} occurrences would go on past {LAST_YEAR}",
                            "give a smaller count, or `until`")
            return None
        return rule

    def every(self) -> Parts | None:
        node = self.node
        every = text_of(node["every"])
        parts = [("FREQ", _FREQ[every])]
        if node.get("interval", 1) > 1:
            parts.append(("INTERVAL", str(node["interval"])))
        if "on" not in node:
            if every == "week":  # RFC 5545's default too, but readers of the feed see it said
                parts.append(("BYDAY", WEEKDAYS[self.start.weekday()][:2].upper()))
            return parts
        if every in ("day", "year"):
            self.file.error(line_of_key(node, "on"),
                            f"`repeat.on` is for weekly and monthly series, not `every: {every}`",
                            "remove it: the series repeats on the day of `start`")
            return None
        days = self.on_days(every)
        return None if days is None else parts + days

    def on_days(self, every: str) -> Parts | None:
        """The BYDAY or BYMONTHDAY part that `on` says, for a weekly or monthly series."""
        days, monthdays, ok = [], [], True
        for value, line in items_of(self.node, "on"):
            try:
                if every == "week":
                    days.append(_weekly_day(value))
                elif isinstance(value, int):
                    monthdays.append(_monthday(value))
                else:
                    days.append(_monthly_day(value))
            except Bad as bad:
                self.file.error(line, bad.message, bad.hint)
                ok = False
        if not ok:
            return None
        if days and monthdays:
            self.file.error(line_of_key(self.node, "on"), "`repeat.on` mixes weekdays and day numbers",
                            "a monthly series takes one or the other; make two events for both")
            return None
        parts = []
        if days:
            parts.append(("BYDAY", ",".join(dict.fromkeys(days))))
        if monthdays:
            parts.append(("BYMONTHDAY", ",".join(str(d) for d in dict.fromkeys(monthdays))))
        return parts

    def raw_rrule(self) -> tuple[list[tuple[str, str]], Any, Any] | None:
        """The parts of a hand-written RRULE, with its UNTIL and COUNT read out to be rewritten."""
        try:
            rule = rrules.parse(text_of(self.node["rrule"]))
        except rrules.RuleError as err:
            self.file.error(line_of_key(self.node, "rrule"), f"`repeat.rrule` {err.message}", err.hint)
            return None
        parts = [(name, value) for name, value in rule.parts if name not in ("UNTIL", "COUNT")]
        ordered = [part for part in parts if part[0] == "FREQ"] + [part for part in parts if part[0] != "FREQ"]
        return ordered, rule.until, rule.count

    def until(self, until: date | datetime, line: int) -> str | None:
        """The RRULE UNTIL value: a DATE for all-day series, otherwise a UTC time (RFC 5545)."""
        if not isinstance(self.start, datetime):
            if isinstance(until, datetime):
                self.file.error(line, "`repeat.until` must be a date for an all-day event", "write it like `2027-03-25`")
                return None
            if until < self.start:
                self.file.error(line, f"`repeat.until` {until} is before `start` {self.start}", "the series would never happen")
                return None
            return f"{until:%Y%m%d}"
        if isinstance(until, datetime) and until.tzinfo is not None:  # UTC, from a raw RRULE
            moment = until
        elif isinstance(until, datetime):
            moment = self.file.local(until, self.zone, line, "repeat.until")
            if moment is None:
                return None
        else:
            # A date includes that whole local day.
            moment = datetime.combine(until, time(23, 59, 59)).replace(tzinfo=self.zone)
        if moment.astimezone(UTC) < self.start.astimezone(UTC):
            self.file.error(line, f"`repeat.until` is before `start` {naive(self.start):%Y-%m-%d %H:%M}",
                            "the series would never happen")
            return None
        return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"

    def exceptions(self, rule: Any) -> list[date]:
        found = []
        for value, line in items_of(self.node, "except"):
            day = self.occurrence_date(value, line, "repeat.except", rule)
            if day is not None:
                found.append(day)
        return sorted(set(found))

    def occurrence_date(self, value: Any, line: int, name: str, rule: Any) -> date | None:
        try:
            day = parse_date(value)
        except Bad as bad:
            self.file.error(line, f"`{name}` {bad.message}", bad.hint)
            return None
        if occurrence_on(rule, day) is None:
            nearest = nearest_occurrence(rule, day)
            self.file.error(line, f"`{name}` {day} is not a date of the series",
                            f"the nearest occurrence is on {nearest:%A %Y-%m-%d}" if nearest else "")
            return None
        return day

    def changes(self, rule: Any, exceptions: Any) -> list[Change]:
        found: dict[date, Change] = {}
        for index, (item, _) in enumerate(items_of(self.node, "changes")):
            name = f"repeat.changes[{index + 1}]"
            day = self.occurrence_date(item["date"], line_of_key(item, "date"), f"{name}.date", rule)
            if day is None:
                continue
            if day in found:
                self.file.error(line_of_key(item, "date"), f"`{name}` changes {day} a second time", "merge the two changes")
                continue
            if day in exceptions:
                self.file.error(line_of_key(item, "date"), f"`{name}` changes {day}, which `repeat.except` removes",
                                "an occurrence is either removed or changed")
                continue
            if set(item) == {"date"}:
                self.file.error(line_of_key(item, "date"), f"`{name}` changes nothing",
                                "give a new start, end, status, location, online, title or description")
                continue
            change = self.change(item, name, day, rule)
            if change is not None:
                found[day] = change
        return [found[day] for day in sorted(found)]

    def change(self, item: dict, name: str, day: date, rule: Any) -> Change | None:
        before = len(self.file.report.problems)
        new = self.changed_times(item, name)
        if len(self.file.report.problems) > before:
            return None
        original = occurrence_on(rule, day)
        new_start = new.get("start") or (original.date() if self.all_day else original.replace(tzinfo=self.zone))
        if "end" in new and naive(new["end"]) <= naive(new_start):
            self.file.error(line_of_key(item, "end"), f"`{name}.end` is not after its start",
                            "an occurrence ends after it starts" + (" (`end` is its last day)" if self.all_day else ""))
            return None
        if "end" in new and naive(new["end"]) - naive(new_start) > timedelta(days=MAX_DAYS):
            self.file.error(line_of_key(item, "end"), f"`{name}.end` makes the occurrence last more than {MAX_DAYS} days",
                            TOO_LONG_HINT)
            return None
        location = None
        if "location" in item:
            location = self.file.location(item["location"], f"{name}.location", line_of_key(item, "location"))
            if location is None:
                return None
        return Change(date=day, start=new.get("start"), end=new.get("end"),
                      status=text_of(item.get("status")) or None, location=location,
                      online=text_of(item.get("online")) or None,
                      title=text_of(item.get("title")) or None,
                      description=markdown_of(item["description"]) if "description" in item else None)

    def changed_times(self, item: dict, name: str) -> dict[str, Any]:
        """The new `start` and `end` of a change, end exclusive for all-day events."""
        new: dict[str, Any] = {}
        for key in ("start", "end"):
            if key not in item:
                continue
            line = line_of_key(item, key)
            value = self.file.when(item, key, f"{name}.{key}")
            if value is None:
                continue
            if self.all_day and isinstance(value, datetime):
                self.file.error(line, f"`{name}.{key}` has a time but the event is all day", "write a date alone")
            elif not self.all_day and not isinstance(value, datetime):
                self.file.error(line, f"`{name}.{key}` is a date but the event has times",
                                f"write it like `{value:%Y-%m-%d} {naive(self.start):%H:%M}`")
            elif self.all_day:
                new[key] = value + timedelta(days=1) if key == "end" else value
            else:
                new[key] = self.file.local(value, self.zone, line, f"{name}.{key}")
        return new


def _weekly_day(value: Any) -> str:
    if isinstance(value, int):
        raise Bad(f"`repeat.on` takes weekdays in a weekly series, not the number {value}",
                  "write `on: [thursday]`, or use `every: month` for a day of the month")
    word = str(value).strip().lower()
    if len(word.split()) == 2:
        raise Bad(f"`{word}` in `repeat.on` is for a monthly series", "use `every: month`, or write the weekday alone")
    return _weekday(word)


def _monthly_day(value: Any) -> str:
    words = str(value).strip().lower().split()
    if len(words) == 1 and _weekday_or_none(words[0]):
        raise Bad(f"`{words[0]}` alone in a monthly series would be every {words[0]} of the month",
                  f"say which: `first {words[0]}` ... `last {words[0]}`; or use `every: week`")
    if len(words) != 2:
        raise Bad(f"cannot read `{value}` in `repeat.on`", "write `first thursday`, `last friday` or a day number like 15")
    if words[0] not in _ORDINAL_NUMBERS:
        raise Bad(f"unknown position `{words[0]}` in `repeat.on`",
                  did_you_mean(words[0], ORDINALS) or "use first, second, third, fourth, fifth or last")
    return f"{_ORDINAL_NUMBERS[words[0]]}{_weekday(words[1])}"


def _monthday(value: int) -> int:
    if not 1 <= value <= 31:
        raise Bad(f"day {value} in `repeat.on` is not a day of the month", "use a number from 1 to 31")
    return value


def _weekday(word: str) -> str:
    code = _weekday_or_none(word)
    if code is None:
        raise Bad(f"unknown weekday `{word}` in `repeat.on`",
                  did_you_mean(word, WEEKDAYS) or "weekdays are " + ", ".join(WEEKDAYS))
    return code


def _weekday_or_none(word: str) -> str | None:
    word = word.lower()
    return _WEEKDAY_CODES.get(word) or _WEEKDAY_CODES.get(word.removesuffix("s")) or _WEEKDAY_ABBREVIATIONS.get(word)


