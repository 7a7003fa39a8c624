"""A month as a grid of weeks (Monday first), each day with the gatherings on it.

A gathering over several days appears on each of them, marked as continuing after the first.
A day shows at most `day_limit` gatherings; the rest are counted, and the day gets a page of its
own listing all of them, so a month's page does not grow with a busier calendar.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from . import text
from .agenda import Item, sort_key


@dataclass(frozen=True)
class Entry:
    item: Item
    continued: bool  # the gathering began on an earlier day


@dataclass(frozen=True)
class Cell:
    day: date | None  # None for the days of the neighbouring months that pad the first and last week
    entries: tuple[Entry, ...] = ()  # every gathering on the day
    limit: int | None = None  # how many of them the grid shows

    @property
    def shown(self) -> tuple[Entry, ...]:
        return self.entries if self.limit is None else self.entries[: self.limit]

    @property
    def more(self) -> int:
        """Gatherings left out of the grid, for the day's own page."""
        return len(self.entries) - len(self.shown)

    @property
    def weekday(self) -> str:
        return text.WEEKDAYS[self.day.weekday()] if self.day else ""


@dataclass(frozen=True)
class Grid:
    year: int
    month: int
    weeks: tuple[tuple[Cell, ...], ...]
    previous: tuple[int, int] | None  # the neighbouring months that have a grid page
    next: tuple[int, int] | None
    count: int  # occurrences starting this month

    @property
    def crowded(self) -> list[Cell]:
        """The days with more gatherings than the grid shows: each gets a page."""
        return [cell for week in self.weeks for cell in week if cell.more]

    @property
    def title(self) -> str:
        return text.month_name(self.year, self.month)

    @property
    def previous_title(self) -> str:
        return text.month_name(*self.previous) if self.previous else ""

    @property
    def next_title(self) -> str:
        return text.month_name(*self.next) if self.next else ""


WEEKDAY_NAMES = text.WEEKDAYS


def month_grid(year: int, month: int, entries: list[Item], months: list[tuple[int, int]],
               day_limit: int | None = None) -> Grid:
    """The grid of one month; `entries` may hold other months' items too, `months` are those with pages."""
    first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    touching = sorted((e for e in entries if e.day <= last and e.last_day >= first), key=sort_key)
    on_day: dict[date, list[Entry]] = {}
    for item in touching:
        day = max(item.day, first)
        while day <= min(item.last_day, last):
            on_day.setdefault(day, []).append(Entry(item, continued=item.day < day))
            day += timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(tuple(Cell(day, tuple(on_day.get(day, ())), day_limit) if day.month == month else Cell(None)
                           for day in week))
    position = months.index((year, month)) if (year, month) in months else None
    previous = months[position - 1] if position else None
    following = months[position + 1] if position is not None and position + 1 < len(months) else None
    count = sum(1 for e in touching if (e.day.year, e.day.month) == (year, month))
    return Grid(year, month, tuple(weeks), previous, following, count)
