"""Listings a reader can scan: where a long list stops and how it goes on, and a series once.

A listing stops at `limit` gatherings; the page says to which day it lists, and goes on with the
month page of the first gathering left out (a month page lists every gathering of its month). On a group's page a series is one line, with its rule in
words and its next dates, rather than every week's copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import text as calendar_text
from .agenda import Item, Month, by_month


@dataclass(frozen=True)
class Cut:
    months: list[Month]  # what the page lists
    shown: int
    total: int
    last_day: date | None  # the last day listed when some are left out, else None
    continue_month: tuple[int, int] | None  # the month page that lists the first left out

    @property
    def last_day_text(self) -> str:
        return calendar_text.long_date(self.last_day) if self.last_day else ""


def cut(entries: list[Item], limit: int) -> Cut:
    """The first `limit` entries (in date order), and where the rest are."""
    if len(entries) <= limit:
        return Cut(by_month(entries), len(entries), len(entries), None, None)
    shown, following = entries[:limit], entries[limit]
    return Cut(by_month(shown), limit, len(entries), shown[-1].day, (following.day.year, following.day.month))


@dataclass(frozen=True)
class Series:
    """A repeating event on one line: what, how often, and its next dates."""

    slug: str
    url: str
    title: str
    rule: str  # "Every week on Thursday"
    time_text: str  # of its next date: "19:00–21:00 NZDT"
    zone_name: str
    first: Item  # its next date, for what the row says about place, group and who may come
    dates: tuple[Item, ...]  # its next dates, at most the number asked for


def split_series(entries: list[Item], dates: int) -> tuple[list[Item], list[Series]]:
    """The entries of one-off events as they are, and each series once (in order of its next
    date) with its first `dates` dates."""
    one_offs: list[Item] = []
    by_slug: dict[str, list[Item]] = {}
    for entry in entries:
        if entry.occurrence.event.repeat is None:
            one_offs.append(entry)
        else:
            by_slug.setdefault(entry.slug, []).append(entry)
    series = []
    for slug, found in by_slug.items():  # dicts keep the order of first appearance: by next date
        event = found[0].occurrence.event
        series.append(Series(
            slug=slug, url=found[0].url, title=event.title,
            rule=calendar_text.describe_rule(event.repeat.rrule, event.start, event.timezone),
            time_text=found[0].time_text, zone_name=found[0].zone_name, first=found[0],
            dates=tuple(found[:dates])))
    return one_offs, series
