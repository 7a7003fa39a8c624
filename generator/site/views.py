"""What the theme shows around a pattern page's body, as typed data: its scale, tags, related
patterns, the paths it is a step of and the next gatherings practising it. Every text is already
escaped for HTML. Front matter holds it as plain data (`as_meta`), for MkDocs and for `export`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..content.paths import FOLDER as PATHS_FOLDER
from ..content.paths import paths_through
from ..content.patterns import PatternGraph
from ..core.markdown_text import html_text
from ..core.model import Content, Pattern
from ..core.urls import Urls
from ..pages import paths as path_pages
from ..pages.calendar import Calendar, pattern_gatherings


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
    title: str
    url: str
    date: str
    date_text: str
    time: str
    group: str
    place: str
    series: bool
    cancelled: bool
    tentative: bool


@dataclass(frozen=True)
class CalendarLinks:
    feed_url: str
    agenda_url: str
    horizon_days: int


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
        referenced_by=tuple(card(p) for p in graph.referencing(pattern.slug)),
        paths=_paths(pattern.slug, content, urls) if with_paths else (),
        gatherings=_gatherings(pattern.slug, calendar) if calendar else (),
        calendar=CalendarLinks(urls.pattern_feed(pattern.slug), urls.agenda(), calendar.window.horizon_days)
        if calendar else None,
    )


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


def _gatherings(slug: str, calendar: Calendar) -> tuple[Gathering, ...]:
    return tuple(Gathering(
        title=html_text(item.title), url=item.url, date=item.day.isoformat(),
        date_text=html_text(item.short_date), time=html_text(item.time_text), group=html_text(item.group.text),
        place=html_text(item.place or ("online" if item.online else "")),
        series=item.occurrence.event.repeat is not None, cancelled=item.cancelled, tentative=item.tentative,
    ) for item in pattern_gatherings(calendar, slug))
