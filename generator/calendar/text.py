"""Dates, times and repeat rules in words, the way the calendar pages print them.

Always in the event's own time zone, named as a reader names it, because a reader in another
zone must be able to tell: "Thursday 3 December 2026, 19:00–21:00 NZDT (Auckland time)". English names are
spelled out here rather than taken from the system locale, so every build prints the same.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..core.clock_changes import GAP, OVERLAP, kind, resolve

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_RRULE_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second last"}
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def long_date(day: date) -> str:
    """Thursday 3 December 2026"""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """Thu 3 Dec"""
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def zone_abbreviation(moment: datetime) -> str:
    """NZDT, GMT, CEST...; zones without a letter abbreviation get UTC+13 style names."""
    abbreviation = moment.strftime("%Z")
    if not abbreviation or abbreviation[0] in "+-":
        offset = moment.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        hours, rest = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return abbreviation


def zone_name(zone: str) -> str:
    """A zone as a reader names it: `America/New_York` -> "New York time"; UTC stays "UTC"."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    if zone.startswith("Etc/") or city in ("UTC", "GMT", "UCT", "Zulu", "Universal"):
        return "UTC" if city in ("UTC", "UCT", "Zulu", "Universal") else zone
    return f"{city} time"


def local(moment: date | datetime, zone: str) -> date | datetime:
    """A time as the clock on the wall of `zone` shows it; dates stay dates."""
    if isinstance(moment, datetime):
        return moment.astimezone(ZoneInfo(zone))
    return moment


def last_day(start: date | datetime, end: date | datetime, zone: str) -> date:
    """The last calendar day an occurrence touches, in its zone (ends are exclusive)."""
    if isinstance(start, datetime):
        finish = local(end, zone)
        day = finish.date()
        # Ending exactly at midnight does not touch the next day.
        if finish.time() == datetime.min.time() and day > local(start, zone).date():
            day -= timedelta(days=1)
        return max(day, local(start, zone).date())
    return max(start, end - timedelta(days=1))


def time_range(start: date | datetime, end: date | datetime, zone: str) -> str:
    """The time part: "19:00–21:00 NZDT", "All day", "Until Sunday 14 March 15:00 NZDT"..."""
    if not isinstance(start, datetime):
        return "All day"
    begin, finish = local(start, zone), local(end, zone)
    if begin.date() == last_day(start, end, zone):
        first, second = zone_abbreviation(begin), zone_abbreviation(finish)
        if first == second:
            return f"{clock(begin)}–{clock(finish)} {first}"
        return f"{clock(begin)} {first} – {clock(finish)} {second}"
    return f"{clock(begin)} {zone_abbreviation(begin)} – {short_date(finish.date())} {clock(finish)} {zone_abbreviation(finish)}"


def date_range(start: date | datetime, end: date | datetime, zone: str) -> str:
    """The day or days: "Thursday 3 December 2026" or "Friday 12 – Sunday 14 March 2027"."""
    first = local(start, zone)
    first_day = first.date() if isinstance(first, datetime) else first
    final = last_day(start, end, zone)
    if final == first_day:
        return long_date(first_day)
    if isinstance(start, datetime):  # a timed event over several days: time_range names the end
        return long_date(first_day)
    if (first_day.year, first_day.month) == (final.year, final.month):
        return f"{WEEKDAYS[first_day.weekday()]} {first_day.day} – {long_date(final)}"
    if first_day.year == final.year:
        return f"{WEEKDAYS[first_day.weekday()]} {first_day.day} {MONTHS[first_day.month - 1]} – {long_date(final)}"
    return f"{long_date(first_day)} – {long_date(final)}"


def when(start: date | datetime, end: date | datetime, zone: str) -> str:
    """Both together, with the zone's name: what an event page says under "When"."""
    days = date_range(start, end, zone)
    if not isinstance(start, datetime):
        return days if last_day(start, end, zone) != start else f"{days}, all day"
    return f"{days}, {time_range(start, end, zone)} ({zone_name(zone)})"


def clock_change(series_start: date | datetime, start: date | datetime, zone: str) -> str:
    """Why one date of a series that starts at `series_start` shows the time it does, when the
    clocks change that night: its time is skipped (the gathering moves by the gap) or comes twice
    (it is the first). "" on any other date. `core.clock_changes` decides; this says it.

    >>> from datetime import datetime, timezone
    >>> clock_change(datetime(2026, 11, 1, 1, 30), datetime(2027, 3, 28, 1, 30, tzinfo=timezone.utc), "Europe/London")
    'the clocks go forward that night and skip 01:30, so it starts at 02:30'
    >>> clock_change(datetime(2026, 11, 1, 1, 30), datetime(2027, 10, 31, 0, 30, tzinfo=timezone.utc), "Europe/London")
    'the clocks go back that night and show 01:30 twice: this is the first, before they go back'
    """
    if not isinstance(series_start, datetime) or not isinstance(start, datetime):
        return ""
    tz = ZoneInfo(zone)
    shown = local(start, zone)
    nominal = datetime.combine(shown.date(), local(series_start, zone).time())
    what = kind(nominal, tz)
    if what is None or resolve(nominal, tz) != shown:
        return ""  # no change that night, or a date given another time by a `changes` entry
    if what == GAP:
        return f"the clocks go forward that night and skip {nominal:%H:%M}, so it starts at {clock(shown)}"
    if what == OVERLAP:
        return f"the clocks go back that night and show {nominal:%H:%M} twice: this is the first, before they go back"
    return ""


def describe_rule(rrule: str, start: date | datetime, zone: str) -> str:
    """A repeat rule in words: "Every week on Thursday, until 25 March 2027".

    Covers what the file format can say (every/interval/on/until/count); a raw RRULE beyond
    that is shown as it is rather than described wrongly.
    """
    parts = {}
    for item in rrule.removeprefix("RRULE:").split(";"):
        key, _, value = item.partition("=")
        parts[key.strip().upper()] = value.strip().upper()
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"}
    unit = _UNITS.get(parts.get("FREQ", ""))
    days = _days(parts.get("BYDAY", ""))
    if unit is None or set(parts) - known or days is None:
        return f"Repeats ({rrule})"
    interval = int(parts.get("INTERVAL", "1") or 1)
    words = f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"
    if unit == "week":
        weekdays = [WEEKDAYS[d] for n, d in days] or [WEEKDAYS[_day_of(start, zone).weekday()]]
        words += " on " + _join(weekdays)
    elif unit == "month":
        if days:
            words += " on the " + _join(f"{_ORDINALS.get(n, str(n))} {WEEKDAYS[d]}" if n else WEEKDAYS[d]
                                        for n, d in days)
        else:
            day_numbers = parts.get("BYMONTHDAY") or str(_day_of(start, zone).day)
            words += " on day " + _join(day_numbers.split(","))
    elif unit == "year":
        first = _day_of(start, zone)
        words += f" on {first.day} {MONTHS[first.month - 1]}"
    elif days:
        words += ", on " + _join(WEEKDAYS[d] for _, d in days)
    if parts.get("UNTIL"):
        words += f", until {long_date(_until_day(parts['UNTIL'], zone))}"
    elif parts.get("COUNT"):
        count = int(parts["COUNT"])
        words += ", once" if count == 1 else f", {count} times"
    return words


def _days(byday: str) -> list[tuple[int, int]] | None:
    """BYDAY=1TH,-1FR as [(1, 3), (-1, 4)]; None when it cannot be read."""
    found = []
    for item in filter(None, byday.split(",")):
        code, number = item[-2:], item[:-2]
        if code not in _RRULE_DAYS:
            return None
        try:
            found.append((int(number) if number not in ("", "+") else 0, _RRULE_DAYS[code]))
        except ValueError:
            return None
    return found


def _day_of(start: date | datetime, zone: str) -> date:
    moment = local(start, zone)
    return moment.date() if isinstance(moment, datetime) else moment


def _until_day(value: str, zone: str) -> date:
    if "T" not in value:
        return datetime.strptime(value[:8], "%Y%m%d").date()
    moment = datetime.strptime(value.rstrip("Z")[:15], "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        moment = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone))
    return moment.date()


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
