"""The calendar as the pages see it: the occurrences of the build's window, indexed once by group,
pattern, tag and area, and the options that bound every listing."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from ...calendar import agenda
from ...calendar.agenda import Item, Window
from ...core.areas import ONLINE, area_slug, areas_of
from ...core.model import Content, Group
from ...core.urls import Urls
from ..page_html import Body, HeadingStyle, markdown_of


@dataclass(frozen=True)
class Options:
    horizon_days: int = 90
    past_days: int = 365
    series_dates: int = 8  # next dates listed on a series' page
    series_next: int = 3  # next dates listed with a series on its group's page
    group_past: int = 12  # past gatherings listed on a group's page
    pattern_gatherings: int = 5
    # Gatherings listed on the agenda, the past page, each filter page and each group page: a
    # page listing every gathering would grow with the calendar (MBs at thousands of events);
    # the month grids and the feeds have the rest.
    listing_limit: int = 30
    # Gatherings shown in one day of a month's grid; a busier day links a page of its own.
    day_limit: int = 4
    # Past this many groups, the agenda's group filters and /groups/ list congregations, networks
    # and lone crews, and a congregation's filter page and card add its crews: a chip for every
    # group on every filter page made bytes grow with groups x groups.
    filter_groups: int = 20
    headings: HeadingStyle = HeadingStyle()  # as the `toc` extension in mkdocs.yml writes them
    subscribe_page: bool = True  # the site has /subscribe/ (the feeds plugin writes it) to link to


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs should think the page lives, like `events/crew-night.md`
    title: str  # plain text; the plugin escapes it for the theme
    description: str  # plain text, for the meta description
    body: Body  # the page's HTML and headings; `markdown` gives the same as Markdown
    template: str  # theme template
    source: str | None = None  # the content file behind the page, as `Event.path` gives it
    in_nav: bool = False  # listings readers start from may go in the nav; the rest never
    searchable: bool = True
    hide: tuple[str, ...] = ()  # parts of the theme's page frame to leave out, as Material's `hide`
    theme: dict = field(default_factory=dict)  # for the template: jsonld, feed; strings already safe

    @functools.cached_property
    def markdown(self) -> str:
        return markdown_of(self.body)


@dataclass(frozen=True)
class Calendar:
    """Everything the pages are made from, computed once per build."""

    content: Content
    window: Window
    urls: Urls
    options: Options
    upcoming: tuple[Item, ...]
    past: tuple[Item, ...]  # newest first
    grid_items: tuple[Item, ...]  # every occurrence of the months with a grid

    @classmethod
    def build(cls, content: Content, window: Window, urls: Urls, options: Options = Options()) -> Calendar:
        events = [content.events[slug] for slug in sorted(content.events)]
        months = window.months()
        first, last = months[0], months[-1]
        grid_start = datetime(first[0], first[1], 1, tzinfo=timezone.utc) - timedelta(days=2)
        grid_end = datetime(last[0] + (last[1] == 12), last[1] % 12 + 1, 1, tzinfo=timezone.utc) + timedelta(days=2)
        return cls(
            content=content, window=window, urls=urls, options=options,
            upcoming=tuple(agenda.items(agenda.upcoming(events, window), content, urls)),
            past=tuple(agenda.items(agenda.past(events, window), content, urls, newest_first=True)),
            grid_items=tuple(agenda.items(agenda.occurrences_between(events, grid_start, grid_end), content, urls)),
        )

    def upcoming_of(self, groups: frozenset[str]) -> list[Item]:
        """The upcoming items of these groups, in agenda order."""
        return _select(self._upcoming_by_group, groups)

    def past_of(self, groups: frozenset[str]) -> list[Item]:
        return _select(self._past_by_group, groups)

    def upcoming_practising(self, pattern: str) -> list[Item]:
        return _select(self._upcoming_by_pattern, (pattern,))

    def upcoming_tagged(self, tag: str) -> list[Item]:
        return _select(self._upcoming_by_tag, (tag,))

    def upcoming_in(self, area: str) -> list[Item]:
        """The upcoming items of an area (by slug), as its feed holds them (`areas.area_of`)."""
        return _select(self._upcoming_by_area, (area,))

    @functools.cached_property
    def areas(self) -> dict[str, str]:
        """Every area with a gathering, by slug: the name as the files write it."""
        return areas_of(self.content)

    # Indexes made once, so that each group's or pattern's page does not scan the whole calendar
    # (which made the calendar's cost grow with groups x gatherings).
    @functools.cached_property
    def _upcoming_by_group(self) -> dict[str, list[tuple[int, Item]]]:
        return _index(self.upcoming, lambda entry: (entry.occurrence.event.group,))

    @functools.cached_property
    def _past_by_group(self) -> dict[str, list[tuple[int, Item]]]:
        return _index(self.past, lambda entry: (entry.occurrence.event.group,))

    @functools.cached_property
    def _upcoming_by_pattern(self) -> dict[str, list[tuple[int, Item]]]:
        return _index(self.upcoming, lambda entry: entry.occurrence.event.patterns)

    @functools.cached_property
    def _upcoming_by_tag(self) -> dict[str, list[tuple[int, Item]]]:
        return _index(self.upcoming, lambda entry: entry.tags)

    @functools.cached_property
    def _upcoming_by_area(self) -> dict[str, list[tuple[int, Item]]]:
        return _index(self.upcoming, lambda entry: (area_slug(entry.area.text),) if entry.area else ())

    @functools.cached_property
    def parent_of(self) -> dict[str, str | None]:
        """Each group's congregation, or None."""
        return {slug: g.part_of for slug, g in self.content.groups.items()}

    @functools.cached_property
    def crews_of(self) -> dict[str, list[Group]]:
        """Each group's crews, by name; every group has an entry."""
        groups = self.content.groups
        found: dict[str, list[Group]] = {slug: [] for slug in groups}
        for group in sorted(groups.values(), key=lambda g: g.name.lower()):
            if group.part_of in found:
                found[group.part_of].append(group)
        return found

    @functools.cached_property
    def filter_counts(self) -> tuple[list[dict], list[dict], list[dict]]:
        """Every group, tag and area with its number of upcoming gatherings; the same on every filter
        page, so counted once (a site with many groups and tags would otherwise count them per page)."""
        content, urls = self.content, self.urls
        group_counts: dict[str, int] = {}
        tag_counts: dict[str, int] = {tag: 0 for tag in agenda.all_tags(content.events.values())}
        parents = self.parent_of
        for entry in self.upcoming:
            slug = entry.occurrence.event.group
            for holder in dict.fromkeys([slug, parents.get(slug)]):
                if holder is not None:
                    group_counts[holder] = group_counts.get(holder, 0) + 1
            for tag in entry.tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
        groups = [{"slug": g.slug, "text": g.name, "url": urls.group_filter(g.slug), "count": group_counts.get(g.slug, 0)}
                  for g in sorted(content.groups.values(), key=lambda g: g.name.lower())]
        tags = [{"text": tag, "url": urls.tag_filter(tag), "count": n} for tag, n in sorted(tag_counts.items())]
        # Places by name, Online last: it is not a place on the way to the others.
        areas = [{"slug": slug, "text": name, "url": urls.area_filter(slug), "count": len(self.upcoming_in(slug))}
                 for slug, name in sorted(self.areas.items(), key=lambda pair: (pair[1] == ONLINE, pair[1].lower()))]
        return groups, tags, areas


def _index(entries, keys) -> dict[str, list[tuple[int, Item]]]:
    found: dict[str, list[tuple[int, Item]]] = {}
    for position, entry in enumerate(entries):
        for key in dict.fromkeys(keys(entry)):
            found.setdefault(key, []).append((position, entry))
    return found


def _select(index: dict[str, list[tuple[int, Item]]], keys) -> list[Item]:
    found = [pair for key in keys for pair in index.get(key, ())]
    found.sort(key=lambda pair: pair[0])
    return [entry for _, entry in found]


def pattern_gatherings(calendar: Calendar, slug: str) -> list[Item]:
    """The next gathering of each event that practises a pattern, soonest first."""
    return agenda.next_per_event(calendar.upcoming_practising(slug), calendar.options.pattern_gatherings)
