"""A month as a grid of weeks (Monday first), each day with the gatherings on it.

A gathering over several days appears on each of them, marked as continuing after the first.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from . import calendar_text as text
from .agenda import Item, sort_key


@dataclass(frozen=True)
class Entry:
    item: Item
    continued: bool  # the gathering began on an earlier day


@dataclass(frozen=True)
class Cell:
    day: date | None  # None for the days of the neighbouring months that pad the first and last week
    entries: tuple[Entry, ...] = ()

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
    def title(self) -> str:
        return text.month_name(self.year, self.month)

    @property
    def previous_title(self) -> str:
        return text.month_name(*self.previous) if self.previous else ""

    @property
    def next_title(self) -> str:
        return text.month_name(*self.next) if self.next else ""


WEEKDAY_NAMES = text.WEEKDAYS


def month_grid(year: int, month: int, entries: list[Item], months: list[tuple[int, int]]) -> Grid:
    """The grid of one month; `entries` may hold other months' items too, `months` are those with pages."""
    weeks = []
    touching = [e for e in entries if e.day <= date(year, month, calendar.monthrange(year, month)[1])
                and e.last_day >= date(year, month, 1)]
    touching.sort(key=sort_key)
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Cell(None))
                continue
            cells.append(Cell(day, tuple(Entry(e, continued=e.day < day) for e in touching
                                         if e.day <= day <= e.last_day)))
        weeks.append(tuple(cells))
    position = months.index((year, month)) if (year, month) in months else None
    previous = months[position - 1] if position else None
    following = months[position + 1] if position is not None and position + 1 < len(months) else None
    count = sum(1 for e in touching if (e.day.year, e.day.month) == (year, month))
    return Grid(year, month, tuple(weeks), previous, following, count)
