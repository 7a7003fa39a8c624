"""The page of one event (its next date or the dates of its series, JSON-LD, add-to-calendar
links) and of one group (its feed first, its gatherings, its crews), and the list of groups."""

from __future__ import annotations

from markupsafe import Markup

from ...calendar import agenda, listings
from ...calendar import text as calendar_text
from ...content import descriptions
from ...core.areas import area_slug
from ...core.model import Event, Group
from ...core.newcomers import open_to_newcomers
from ...core.safe_html import safe_link
from ...core.urls import event_page, group_page
from .. import event_links, jsonld
from .model import Calendar, GeneratedPage
from .render import feed_theme, first_of, render, subscribe

KIND_TITLES = {"congregation": "Congregations", "crew": "Crews", "network": "Networks"}


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
    body = render(
        "event.html.j2", calendar, src, event=event, group=group, featured=featured, ended=ended,
        offer=offer, google=offer and series_whole,
        series_subscribe=subscribe(calendar, urls.event_ics(event.slug), event.title) if event.repeat else None,
        members_only=not open_to_newcomers(event, group), zone_name=calendar_text.zone_name(event.timezone),
        when=calendar_text.when(featured.occurrence.start, featured.occurrence.end, event.timezone) if featured else "",
        rule=calendar_text.describe_rule(event.repeat.rrule, event.start, event.timezone) if event.repeat else "",
        first_when=calendar_text.when(event.start, event.end, event.timezone),
        dates=shown if event.repeat else [], location=location, map_url=event_links.map_link(location),
        online=safe_link(event.online), group_contact=safe_link(group.contact) if group else None,
        organizer_email=safe_link(f"mailto:{event.organizer.email}") if event.organizer and event.organizer.email else None,
        patterns=[content.patterns[slug] for slug in event.patterns if slug in content.patterns],
        ics_url=urls.event_ics(event.slug), google_url=event_links.google_calendar_link(event, page_url),
    )
    summary = descriptions.one_line(event.description)
    meta = f"{featured.date_text}, {group.name if group else event.group}" if featured else event.title
    return GeneratedPage(
        src, event.title, descriptions.shorten(f"{meta}. {summary}" if summary else meta), body, "event.html",
        source=event.path, searchable=True,
        theme={**feed_theme(calendar, urls.event_ics(event.slug), event.title), "jsonld": Markup(script)})


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
    body = render(
        "group.html.j2", calendar, src, group=group, crews=crews,
        parent=content.groups.get(group.part_of) if group.part_of else None,
        contact=safe_link(group.contact),
        subscribe=subscribe(calendar, urls.group_feed(group.slug), group.name),
        own=own_cut, own_series=own_series, crew_cut=crew_cut, series_of=series_of,
        past=past[: options.group_past], past_total=len(past),
        area_url=urls.area_filter(area_slug(group.area)) if group.area and area_slug(group.area) in calendar.areas else None,
        zone_name=calendar_text.zone_name(group.timezone),
    )
    return GeneratedPage(src, group.name, group.summary, body, "group.html", source=group.path,
                         theme=feed_theme(calendar, urls.group_feed(group.slug), group.name))


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
    body = render(
        "groups.html.j2", calendar, src, sections=sections,
        next_of={slug: first_of(calendar.upcoming_of(agenda.family(slug, groups))) for slug in groups},
        crews_of=calendar.crews_of, parents=groups)
    return GeneratedPage(src, "Groups", "The crews, congregations and networks that hold gatherings.", body,
                         "group.html", in_nav=True, searchable=False)
