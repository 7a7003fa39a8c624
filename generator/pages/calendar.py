"""The calendar's generated pages, as Markdown documents for MkDocs to render and search to index.

Each page body is HTML rendered by Jinja2 with autoescaping on, so every text from a group or
event file is escaped unless it went through `descriptions.render`; Markdown headings between
the HTML blocks give the pages a table of contents. Links are relative to the page they are on
(MkDocs does not rewrite links inside raw HTML). What the theme needs around a page (its title,
JSON-LD, feed link) travels in `GeneratedPage` for the plugin to hand over.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..calendar import agenda, listings
from ..calendar import text as calendar_text
from ..calendar.agenda import Item, Window
from ..calendar.month_grid import WEEKDAY_NAMES, Cell, Grid, month_grid
from ..content import descriptions
from ..core.areas import ONLINE, area_slug, areas_of, in_words
from ..core.model import Content, Event, Group
from ..core.newcomers import MEMBERS_ONLY, open_to_newcomers
from ..core.safe_html import safe_link
from ..core.urls import (
    PROPOSE_PAGE,
    RESERVED_EVENT_SLUGS,
    RESERVED_GROUP_SLUGS,
    Urls,
    day_page,
    event_page,
    group_page,
    relative,
)
from . import event_links, jsonld
from .page_html import Body, Headings, HeadingStyle, markdown_of

TEMPLATES = Path(__file__).parent / "calendar_templates"
KIND_TITLES = {"congregation": "Congregations", "crew": "Crews", "network": "Networks"}


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
    listing_limit: int = 50
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


def all_pages(calendar: Calendar) -> list[GeneratedPage]:
    content = calendar.content
    pages = [agenda_page(calendar), past_page(calendar), groups_index(calendar)]
    grids = [_grid(calendar, year, month) for year, month in calendar.window.months()]
    pages += [month_page(calendar, grid) for grid in grids]
    pages += [day_page_of(calendar, cell) for grid in grids for cell in grid.crowded]
    pages += [group_filter_page(calendar, slug) for slug in sorted(content.groups)]
    pages += [tag_filter_page(calendar, tag) for tag in agenda.all_tags(content.events.values())]
    pages += [area_filter_page(calendar, slug) for slug in sorted(calendar.areas)]
    # A reserved slug would overwrite a listing; the plugin reports it as a problem instead.
    pages += [event_page_of(calendar, content.events[slug]) for slug in sorted(content.events)
              if slug not in RESERVED_EVENT_SLUGS]
    pages += [group_page_of(calendar, content.groups[slug]) for slug in sorted(content.groups)
              if slug not in RESERVED_GROUP_SLUGS]
    return pages


# ---------------------------------------------------------------------------------------------
# Listings


def agenda_page(calendar: Calendar) -> GeneratedPage:
    src = "events/index.md"
    body = _filter_body(calendar, src, "Gatherings", list(calendar.upcoming), active=None,
                        what="gatherings", feed=calendar.urls.all_feed(), feed_name="every gathering",
                        empty=f"Nothing is planned for the next {calendar.window.horizon_days} days yet.")
    return GeneratedPage(src, "Gatherings", "Upcoming gatherings of crews and congregations.", body,
                         "calendar.html", in_nav=True, searchable=False, theme=_feed(calendar, "feeds/all.ics", "All gatherings"))


def past_page(calendar: Calendar) -> GeneratedPage:
    src = "events/past/index.md"
    body = _render("agenda.html.j2", calendar, src, title="Past gatherings", view="past",
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
                         theme=_feed(calendar, calendar.urls.group_feed(slug), group.name))


def tag_filter_page(calendar: Calendar, tag: str) -> GeneratedPage:
    src = f"events/tags/{tag}/index.md"
    feed = calendar.urls.tag_feed(tag)
    body = _filter_body(calendar, src, f"Gatherings tagged “{tag}”", calendar.upcoming_tagged(tag),
                        active=("tag", tag), what=f"gatherings tagged “{tag}”", feed=feed,
                        feed_name=f"gatherings tagged “{tag}”",
                        empty=f"Nothing tagged “{tag}” in the next {calendar.window.horizon_days} days.")
    return GeneratedPage(src, f"Gatherings tagged {tag}", f"Upcoming gatherings tagged {tag}.", body,
                         "calendar.html", searchable=False, theme=_feed(calendar, feed, f"Gatherings tagged {tag}"))


def area_filter_page(calendar: Calendar, slug: str) -> GeneratedPage:
    src = f"events/areas/{slug}/index.md"
    name = calendar.areas[slug]
    feed = calendar.urls.area_feed(slug)
    title = "Gatherings online" if name == ONLINE else f"Gatherings in {name}"
    body = _filter_body(calendar, src, title, calendar.upcoming_in(slug), active=("area", slug),
                        what=f"gatherings {in_words(name)}", feed=feed, feed_name=title[0].lower() + title[1:],
                        empty=f"Nothing planned {in_words(name)} for the next {calendar.window.horizon_days} days.")
    return GeneratedPage(src, title, f"Upcoming gatherings {in_words(name)}.", body, "calendar.html",
                         searchable=False, theme=_feed(calendar, feed, title))


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
    return _render("agenda.html.j2", calendar, src, title=title, view="upcoming" if active is None else "filter",
                   months=listed.months, cut=listed, filters=_filters(calendar, active=active),
                   lead=lead + " Times are those of the place where each one happens.",
                   subscribe=_subscribe(calendar, feed, feed_name), empty=empty, **context)


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


def _subscribe(calendar: Calendar, feed: str, name: str) -> dict:
    """The one-step subscription to a feed: webcal for calendar apps, https to copy, the file."""
    urls = calendar.urls
    return {"name": name, "webcal": urls.webcal(feed), "https": urls.absolute(feed), "ics": feed,
            "steps": urls.subscribe() + "#how-to-subscribe" if calendar.options.subscribe_page else None}


def subscribe_html(calendar: Calendar, src_uri: str, feed: str, name: str) -> Markup:
    """The subscribe block for a page made elsewhere (a pattern's), with links from `src_uri`."""
    body = _render("subscribe.html.j2", calendar, src_uri, subscribe=_subscribe(calendar, feed, name))
    return Markup(body.html)


def _grid(calendar: Calendar, year: int, month: int) -> Grid:
    return month_grid(year, month, calendar.grid_items, calendar.window.months(), calendar.options.day_limit)


def month_page(calendar: Calendar, grid: Grid) -> GeneratedPage:
    src = f"events/{grid.year:04d}/{grid.month:02d}/index.md"
    body = _render("month.html.j2", calendar, src, grid=grid, weekdays=WEEKDAY_NAMES)
    # A grid has no headings to list: give the table of contents' column to the table.
    return GeneratedPage(src, grid.title, f"Gatherings in {grid.title}.", body, "calendar.html", searchable=False,
                         hide=("toc",))


def day_page_of(calendar: Calendar, cell: Cell) -> GeneratedPage:
    """Every gathering of a day too busy for its cell in the month's grid."""
    day = cell.day
    src = day_page(day)
    title = calendar_text.long_date(day)
    body = _render("day.html.j2", calendar, src, title=title, day=day, items=[e.item for e in cell.entries])
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


# ---------------------------------------------------------------------------------------------
# One event


def event_page_of(calendar: Calendar, event: Event) -> GeneratedPage:
    content, urls, window = calendar.content, calendar.urls, calendar.window
    src = event_page(event.slug)
    group = content.groups.get(event.group)
    dates = agenda.series_dates(event, window, calendar.options.series_dates if event.repeat else 1)
    shown = agenda.items(dates, content, urls)
    featured = shown[0] if shown else None
    ended = not dates or agenda.utc_end(dates[0]) <= window.now
    page_url = urls.absolute(urls.event(event.slug))
    group_url = urls.absolute(urls.group(event.group))
    data = [jsonld.event_data(occ, group, page_url, group_url) for occ in dates]
    script = jsonld.script_text(data[0] if len(data) == 1 else data) if data else ""
    location = event.location
    # No "add to calendar" for what will not happen; a series goes to Google only when Google's
    # link can carry all of it (it has no way to say which dates are off or moved).
    offer = event.status != "cancelled" and not ended
    series_whole = event.repeat is None or not (event.repeat.exceptions or event.repeat.changes)
    body = _render(
        "event.html.j2", calendar, src, event=event, group=group, featured=featured, ended=ended,
        offer=offer, google=offer and series_whole,
        series_subscribe=_subscribe(calendar, urls.event_ics(event.slug), event.title) if event.repeat else None,
        members_only=not open_to_newcomers(event, group), zone_name=calendar_text.zone_name(event.timezone),
        when=calendar_text.when(featured.occurrence.start, featured.occurrence.end, event.timezone) if featured else "",
        rule=calendar_text.describe_rule(event.repeat.rrule, event.start, event.timezone) if event.repeat else "",
        first_when=calendar_text.when(event.start, event.end, event.timezone),
        dates=shown if event.repeat else [], location=location, map_url=event_links.map_link(location),
        online=safe_link(event.online),
        organizer_email=safe_link(f"mailto:{event.organizer.email}") if event.organizer and event.organizer.email else None,
        patterns=[content.patterns[slug] for slug in event.patterns if slug in content.patterns],
        ics_url=urls.event_ics(event.slug), google_url=event_links.google_calendar_link(event, page_url),
    )
    summary = descriptions.one_line(event.description)
    meta = f"{featured.date_text}, {group.name if group else event.group}" if featured else event.title
    return GeneratedPage(
        src, event.title, descriptions.shorten(f"{meta}. {summary}" if summary else meta), body, "event.html",
        source=event.path, searchable=True,
        theme={**_feed(calendar, urls.event_ics(event.slug), event.title), "jsonld": Markup(script)})


# ---------------------------------------------------------------------------------------------
# Groups


def group_page_of(calendar: Calendar, group: Group) -> GeneratedPage:
    """A group: its feed first, then its own next gatherings (each series once), then its crews
    with their series in a line each, then its crews' other gatherings, and the past folded."""
    content, urls, options = calendar.content, calendar.urls, calendar.options
    src = group_page(group.slug)
    own_upcoming = calendar.upcoming_of(frozenset([group.slug]))
    own, own_series = listings.split_series(own_upcoming, options.series_next)
    crews = calendar.crews_of[group.slug]
    crew_items = calendar.upcoming_of(frozenset(crew.slug for crew in crews)) if crews else []
    crew_one_offs, crew_series = listings.split_series(crew_items, options.series_next)
    series_of = {crew.slug: [one for one in crew_series if one.first.occurrence.event.group == crew.slug]
                 for crew in crews}
    own_cut = listings.cut(own, options.listing_limit)
    crew_cut = listings.cut(crew_one_offs, options.listing_limit)
    past = calendar.past_of(agenda.family(group.slug, content.groups))
    body = _render(
        "group.html.j2", calendar, src, group=group, crews=crews,
        parent=content.groups.get(group.part_of) if group.part_of else None,
        contact=safe_link(group.contact),
        subscribe=_subscribe(calendar, urls.group_feed(group.slug), group.name),
        own=own_cut, own_series=own_series, crew_cut=crew_cut, series_of=series_of,
        past=past[: options.group_past], past_total=len(past),
        area_url=urls.area_filter(area_slug(group.area)) if group.area and area_slug(group.area) in calendar.areas else None,
        zone_name=calendar_text.zone_name(group.timezone),
    )
    return GeneratedPage(src, group.name, group.summary, body, "group.html", source=group.path,
                         theme=_feed(calendar, urls.group_feed(group.slug), group.name))


def groups_index(calendar: Calendar) -> GeneratedPage:
    src = "groups/index.md"
    groups = calendar.content.groups
    # Past `filter_groups` groups, a crew of a congregation is listed on its congregation's card
    # (and page) only, so that this page grows with the congregations rather than every crew.
    compact = len(groups) > calendar.options.filter_groups
    sections = []
    for kind in ("congregation", "crew", "network"):
        members = sorted((g for g in groups.values() if g.kind == kind and not (compact and g.part_of in groups)),
                         key=lambda g: g.name.lower())
        if members:
            title = "Crews not part of a congregation" if compact and kind == "crew" else KIND_TITLES[kind]
            sections.append({"title": title, "groups": members})
    body = _render(
        "groups.html.j2", calendar, src, sections=sections,
        next_of={slug: _first(calendar.upcoming_of(agenda.family(slug, groups))) for slug in groups},
        crews_of=calendar.crews_of, parents=groups)
    return GeneratedPage(src, "Groups", "The crews, congregations and networks that hold gatherings.", body,
                         "group.html", in_nav=True, searchable=False)


# ---------------------------------------------------------------------------------------------
# Pattern pages


def pattern_gatherings(calendar: Calendar, slug: str) -> list[Item]:
    """The next gathering of each event that practises a pattern, soonest first."""
    return agenda.next_per_event(calendar.upcoming_practising(slug), calendar.options.pattern_gatherings)


# ---------------------------------------------------------------------------------------------
# Rendering


def _render(template: str, calendar: Calendar, src_uri: str, **context) -> Body:
    here = calendar.urls.page(src_uri)
    headings = Headings(calendar.options.headings)
    html = _environment().get_template(template).render(
        here=here, urls=calendar.urls, window=calendar.window, content=calendar.content, heading=headings,
        has_propose_page=PROPOSE_PAGE in calendar.content.published, **context)
    return Body(html.strip(), tuple(headings.found))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["rel"] = _rel
    env.filters["markdown"] = lambda text: Markup(descriptions.render(text or ""))
    env.globals["short_date"] = calendar_text.short_date
    env.globals["month_name"] = calendar_text.month_name
    env.globals["MEMBERS_ONLY"] = MEMBERS_ONLY
    return env


@jinja2.pass_context
def _rel(context, path: str) -> str:
    return relative(path, context["here"])


def _feed(calendar: Calendar, path: str, title: str) -> dict:
    return {"feed_url": path, "feed_title": escape(title)}


def _first(entries: list[Item]) -> Item | None:
    return entries[0] if entries else None
