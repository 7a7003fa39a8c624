"""The calendar's generated pages, as Markdown documents for MkDocs to render and search to index.

Each page body is HTML rendered by Jinja2 with autoescaping on, so every text from a group or
event file is escaped unless it went through `descriptions.render`; Markdown headings between
the HTML blocks give the pages a table of contents. Links are relative to the page they are on
(MkDocs does not rewrite links inside raw HTML). What the theme needs around a page (its title,
JSON-LD, feed link) travels in `GeneratedPage` for the plugin to hand over.
The package: `model` (the calendar computed once per build), `agenda_pages` (the listings),
`entry_pages` (an event's and a group's page, the list of groups), `render` (the templates).
"""

from __future__ import annotations

from ...calendar import agenda
from .agenda_pages import (
    agenda_page,
    area_filter_page,
    day_page_of,
    grid_of,
    group_filter_page,
    month_page,
    past_page,
    tag_filter_page,
)
from .entry_pages import event_page_of, group_page_of, groups_index
from .model import Calendar, GeneratedPage, Options, pattern_gatherings
from .render import subscribe_html

__all__ = [
    "Calendar", "GeneratedPage", "Options", "agenda_page", "all_pages", "area_filter_page", "day_page_of",
    "event_page_of", "group_filter_page", "group_page_of", "groups_index", "month_page", "past_page",
    "pattern_gatherings", "subscribe_html", "tag_filter_page",
]


def all_pages(calendar: Calendar) -> list[GeneratedPage]:
    content = calendar.content
    pages = [agenda_page(calendar), past_page(calendar), groups_index(calendar)]
    grids = [grid_of(calendar, year, month) for year, month in calendar.window.months()]
    pages += [month_page(calendar, grid) for grid in grids]
    pages += [day_page_of(calendar, cell) for grid in grids for cell in grid.crowded]
    pages += [group_filter_page(calendar, slug) for slug in sorted(content.groups)]
    pages += [tag_filter_page(calendar, tag) for tag in agenda.all_tags(content.events.values())]
    pages += [area_filter_page(calendar, slug) for slug in sorted(calendar.areas)]
    # No slug takes a listing's address: the loaders refuse those (`core.urls.RESERVED_SLUGS`).
    pages += [event_page_of(calendar, content.events[slug]) for slug in sorted(content.events)]
    pages += [group_page_of(calendar, content.groups[slug]) for slug in sorted(content.groups)]
    return pages
