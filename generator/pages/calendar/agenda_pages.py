"""The listings: the agenda and its filters by group, tag and place, the past, the month grids
and the pages of days too busy for their cell. None is indexed by search: each gathering is
found on its own page."""

from __future__ import annotations

from datetime import timedelta

from ...calendar import agenda, listings
from ...calendar import text as calendar_text
from ...calendar.agenda import Item
from ...calendar.month_grid import WEEKDAY_NAMES, Cell, Grid, month_grid
from ...core.areas import ONLINE, in_words
from ...core.urls import day_page
from ..page_html import Body
from .model import Calendar, GeneratedPage
from .render import feed_theme, render, subscribe


def agenda_page(calendar: Calendar) -> GeneratedPage:
    src = "events/index.md"
    body = _filter_body(calendar, src, "Gatherings", list(calendar.upcoming), active=None,
                        what="gatherings", feed=calendar.urls.all_feed(), feed_name="every gathering",
                        empty=f"Nothing is planned for the next {calendar.window.horizon_days} days yet.")
    return GeneratedPage(src, "Gatherings", "Upcoming gatherings of crews and congregations.", body,
                         "calendar.html", in_nav=True, searchable=False, theme=feed_theme(calendar, "feeds/all.ics", "All gatherings"))


def past_page(calendar: Calendar) -> GeneratedPage:
    src = "events/past/index.md"
    body = render("agenda.html.j2", calendar, src, title="Past gatherings", view="past",
                   **_past_listing(calendar, list(calendar.past)), filters=None, subscribe=None,
                   lead=f"Gatherings of the last {calendar.window.past_days} days, the most recent first.",
                   empty="No gatherings in this time.")
    return GeneratedPage(src, "Past gatherings", "Gatherings that have taken place.", body, "calendar.html",
                         in_nav=True, searchable=False)


def group_filter_page(calendar: Calendar, slug: str) -> GeneratedPage:
    src = f"events/groups/{slug}/index.md"
    group = calendar.content.groups[slug]
    members = agenda.family(slug, calendar.content.groups)
    crews = " and its crews" if len(members) > 1 else ""
    body = _filter_body(calendar, src, f"Gatherings: {group.name}", calendar.upcoming_of(members),
                        active=("group", slug), what=f"gatherings of {group.name}{crews}",
                        feed=calendar.urls.group_feed(slug), feed_name=group.name,
                        empty=f"{group.name} has nothing planned for the next {calendar.window.horizon_days} days.",
                        group=group)
    return GeneratedPage(src, f"Gatherings: {group.name}", f"Upcoming gatherings of {group.name}.", body,
                         "calendar.html", searchable=False,
                         theme=feed_theme(calendar, calendar.urls.group_feed(slug), group.name))


def tag_filter_page(calendar: Calendar, tag: str) -> GeneratedPage:
    src = f"events/tags/{tag}/index.md"
    feed = calendar.urls.tag_feed(tag)
    body = _filter_body(calendar, src, f"Gatherings tagged “{tag}”", calendar.upcoming_tagged(tag),
                        active=("tag", tag), what=f"gatherings tagged “{tag}”", feed=feed,
                        feed_name=f"gatherings tagged “{tag}”",
                        empty=f"Nothing tagged “{tag}” in the next {calendar.window.horizon_days} days.")
    return GeneratedPage(src, f"Gatherings tagged {tag}", f"Upcoming gatherings tagged {tag}.", body,
                         "calendar.html", searchable=False, theme=feed_theme(calendar, feed, f"Gatherings tagged {tag}"))


def area_filter_page(calendar: Calendar, slug: str) -> GeneratedPage:
    src = f"events/areas/{slug}/index.md"
    name = calendar.areas[slug]
    feed = calendar.urls.area_feed(slug)
    title = "Gatherings online" if name == ONLINE else f"Gatherings in {name}"
    body = _filter_body(calendar, src, title, calendar.upcoming_in(slug), active=("area", slug),
                        what=f"gatherings {in_words(name)}", feed=feed, feed_name=title[0].lower() + title[1:],
                        empty=f"Nothing planned {in_words(name)} for the next {calendar.window.horizon_days} days.")
    return GeneratedPage(src, title, f"Upcoming gatherings {in_words(name)}.", body, "calendar.html",
                         searchable=False, theme=feed_theme(calendar, feed, title))


def _filter_body(calendar: Calendar, src: str, title: str, entries: list[Item], active: tuple[str, str] | None,
                 what: str, feed: str, feed_name: str, empty: str, **context) -> Body:
    """The agenda, whole or filtered: what it lists in words, its feed first, then the listing."""
    listed = listings.cut(entries, calendar.options.listing_limit)
    horizon = calendar_text.long_date((calendar.window.end - timedelta(seconds=1)).date())
    if not entries:
        lead = ""
    elif listed.last_day:
        lead = (f"{what[0].upper()}{what[1:]} from today to {listed.last_day_text}: the first {listed.shown} "
                f"of the {listed.total} planned up to {horizon}.")
    else:
        lead = f"All {listed.total} {what} planned from today to {horizon}."
        if listed.total == 1:
            lead = f"The one {what.replace('gatherings', 'gathering', 1)} planned from today to {horizon}."
    return render("agenda.html.j2", calendar, src, title=title, view="upcoming" if active is None else "filter",
                   months=listed.months, cut=listed, filters=_filters(calendar, active=active),
                   lead=lead + " Times are those of the place where each one happens.",
                   subscribe=subscribe(calendar, feed, feed_name), empty=empty, **context)


def _past_listing(calendar: Calendar, entries: list[Item]) -> dict:
    """The latest `listing_limit` past entries by month, and the month pages that list the rest."""
    limit = calendar.options.listing_limit
    shown, rest = entries[:limit], entries[limit:]
    more = None
    if rest:
        more = {"text": f"These are the latest {len(shown)} of {len(entries)} gatherings. "
                        "The month pages list every one:",
                "months": agenda.by_month(rest)}
    return {"months": agenda.by_month(shown), "more": more, "cut": None}


def grid_of(calendar: Calendar, year: int, month: int) -> Grid:
    return month_grid(year, month, calendar.grid_items, calendar.window.months(), calendar.options.day_limit)


def month_page(calendar: Calendar, grid: Grid) -> GeneratedPage:
    src = f"events/{grid.year:04d}/{grid.month:02d}/index.md"
    body = render("month.html.j2", calendar, src, grid=grid, weekdays=WEEKDAY_NAMES)
    # A grid has no headings to list: give the table of contents' column to the table.
    return GeneratedPage(src, grid.title, f"Gatherings in {grid.title}.", body, "calendar.html", searchable=False,
                         hide=("toc",))


def day_page_of(calendar: Calendar, cell: Cell) -> GeneratedPage:
    """Every gathering of a day too busy for its cell in the month's grid."""
    day = cell.day
    src = day_page(day)
    title = calendar_text.long_date(day)
    body = render("day.html.j2", calendar, src, title=title, day=day, items=[e.item for e in cell.entries])
    return GeneratedPage(src, title, f"Gatherings on {title}.", body, "calendar.html", searchable=False,
                         hide=("toc",))


def _filters(calendar: Calendar, active: tuple[str, str] | None) -> dict:
    groups, tags, areas = calendar.filter_counts
    crews: list[dict] = []
    if len(groups) > calendar.options.filter_groups:
        parent_of = calendar.parent_of
        family = None
        if active is not None and active[0] == "group":
            family = parent_of.get(active[1]) or active[1]
        crews = [f for f in groups if family is not None and parent_of.get(f["slug"]) == family]
        groups = [f for f in groups if not parent_of.get(f["slug"])]
    return {
        "areas": [{**f, "active": active == ("area", f["slug"])} for f in areas],
        "groups": [{**f, "active": active == ("group", f["slug"])} for f in groups],
        "crews": [{**f, "active": active == ("group", f["slug"])} for f in crews],
        "tags": [{**f, "active": active == ("tag", f["text"])} for f in tags],
        "any_active": active is not None,
    }
