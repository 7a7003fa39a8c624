"""What the theme shows around a pattern page's body, as typed data: its scale, tags, related
patterns, the paths it is a step of and the next gatherings practising it. Every text is already
escaped for HTML. Front matter holds it as plain data (`as_meta`), for MkDocs and for `export`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..calendar.agenda import Item, next_per_event
from ..content.paths import FOLDER as PATHS_FOLDER
from ..content.paths import paths_through
from ..content.patterns import PatternGraph
from ..core.markdown_text import html_text
from ..core.model import Content, Pattern
from ..core.newcomers import MEMBERS_ONLY
from ..core.urls import Urls
from ..pages import paths as path_pages
from ..pages.calendar import Calendar, pattern_gatherings, subscribe_html

HOME_GATHERINGS = 4  # on the home page: enough to show the calendar is alive, short on a phone


@dataclass(frozen=True)
class Tag:
    name: str  # as Material's partials/tags.html reads it
    url: str  # from the site root, as MkDocs' page.url; the theme's `url` filter makes it relative


@dataclass(frozen=True)
class PatternCard:
    title: str
    summary: str
    url: str
    scale: str


@dataclass(frozen=True)
class PathStep:
    title: str
    url: str
    steps: str  # "step 3 of 10"


@dataclass(frozen=True)
class Gathering:
    """One gathering as a line on a pattern page or the home page (`partials/gathering-list.html`)."""

    title: str
    url: str
    date: str
    date_text: str
    time: str
    zone_name: str  # "Auckland time"
    zone: str  # "Pacific/Auckland"
    utc_start: str  # for the reader's own time (localtime.js)
    utc_end: str
    utc_offset: int  # minutes east of UTC on the gathering's clock at the start
    all_day: bool
    group: str
    place: str  # with its area: "Hall, Newtown"; "online"; or ""
    members_only: str  # the badge's text, or "" for a gathering open to newcomers
    series: bool
    cancelled: bool
    tentative: bool


@dataclass(frozen=True)
class CalendarLinks:
    subscribe: str  # the subscribe block, HTML made by the calendar's own templates
    feed_url: str
    agenda_url: str
    horizon_days: int


@dataclass(frozen=True)
class HomeView:
    """What the home page shows under its head: the next gatherings a newcomer can walk into."""

    gatherings: tuple[Gathering, ...]
    agenda_url: str
    horizon_days: int

    def as_meta(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PatternView:
    slug: str
    scale: str
    scale_url: str
    tags: tuple[Tag, ...] = ()
    related: tuple[PatternCard, ...] = ()
    referenced_by: tuple[PatternCard, ...] = ()
    paths: tuple[PathStep, ...] = ()
    gatherings: tuple[Gathering, ...] = ()
    calendar: CalendarLinks | None = None  # None: the calendar is not built

    def as_meta(self) -> dict:
        """Plain lists and mappings, as YAML front matter holds them and Jinja reads them."""
        return asdict(self)


def pattern_view(pattern: Pattern, graph: PatternGraph, content: Content, urls: Urls, folder: str,
                 with_paths: bool, calendar: Calendar | None) -> PatternView:
    def url(name: str) -> str:
        return urls.page(f"{folder}/{name}.md")

    def card(p: Pattern) -> PatternCard:
        return PatternCard(html_text(p.title), html_text(p.summary), url(p.slug), p.scale)

    return PatternView(
        slug=pattern.slug, scale=pattern.scale, scale_url=f"{url('index')}#{pattern.scale}",
        tags=tuple(Tag(html_text(tag), url(f"tags/{tag}")) for tag in pattern.tags),
        related=tuple(card(p) for p in graph.related(pattern.slug)),
        referenced_by=tuple(card(p) for p in graph.referencing_only(pattern.slug)),
        paths=_paths(pattern.slug, content, urls) if with_paths else (),
        gatherings=tuple(map(gathering, pattern_gatherings(calendar, pattern.slug))) if calendar else (),
        calendar=_calendar_links(pattern, folder, calendar) if calendar else None,
    )


def _calendar_links(pattern: Pattern, folder: str, calendar: Calendar) -> CalendarLinks:
    feed = calendar.urls.pattern_feed(pattern.slug)
    subscribe = subscribe_html(calendar, f"{folder}/{pattern.slug}.md", feed,
                               f"the gatherings practising {pattern.title}")
    return CalendarLinks(str(subscribe), feed, calendar.urls.agenda(), calendar.window.horizon_days)


def home_view(calendar: Calendar) -> HomeView:
    # Who may come is the gathering's own (`core.newcomers`): a group's members-only circle may
    # hold an open evening, and an open group a members' meeting.
    open_ones = [item for item in calendar.upcoming if not item.cancelled and not item.members_only]
    return HomeView(tuple(map(gathering, next_per_event(open_ones, HOME_GATHERINGS))), calendar.urls.agenda(),
                    calendar.window.horizon_days)


def _paths(slug: str, content: Content, urls: Urls) -> tuple[PathStep, ...]:
    return tuple(PathStep(html_text(through.title),
                          f"{urls.page(f'{PATHS_FOLDER}/{through.slug}.md')}#{path_pages.step_anchor(numbers[0])}",
                          html_text(steps_text(numbers, len(through.steps))))
                 for through, numbers in paths_through(content.paths, slug))


def steps_text(numbers: list[int], total: int) -> str:
    """`step 3 of 10`, or `steps 2 and 7 of 10` for a pattern the path comes back to."""
    if len(numbers) == 1:
        return f"step {numbers[0]} of {total}"
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f"steps {listed} of {total}"


def gathering(item: Item) -> Gathering:
    place = (", ".join(part for part in (item.place, item.area.text if item.area else "") if part) if item.place
             else ("online" if item.online else ""))
    return Gathering(
        title=html_text(item.title), url=item.url, date=item.day.isoformat(),
        date_text=html_text(item.short_date), time=html_text(item.time_text), zone_name=html_text(item.zone_name),
        zone=html_text(item.zone), utc_start=item.utc_start, utc_end=item.utc_end,
        utc_offset=item.utc_offset,
        all_day=item.occurrence.all_day, group=html_text(item.group.text), place=html_text(place),
        members_only=MEMBERS_ONLY if item.members_only else "", series=item.occurrence.event.repeat is not None,
        cancelled=item.cancelled, tentative=item.tentative)
