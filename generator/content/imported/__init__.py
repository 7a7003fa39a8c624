"""Groups that keep their own calendar: a group's `calendar` feed, imported as its gatherings.

At each build (and `handbook check`) every group's feed is fetched (`fetch`: bounded in time
and size), read (`read`: icalendar, x-wr-timezone), and turned into Events of that group
(`convert`: recurring-ical-events where a series must be expanded; `text`: the same rules as
YAML values). The last good copy of each feed is kept (`cache`), so that a feed that is down,
slow, huge or broken costs a warning and yesterday's copy, never the build; an offline build
reads the cache alone, and with the cache and SOURCE_DATE_EPOCH fixed two builds are identical.

Problems with a feed are warnings (`Imported.warnings`), each at the line of `calendar` in the
group's file: a feed belongs to someone else, and its being down is not a mistake in the
content. `Imported.problems` holds the mistakes that are in the file (a pattern that does not
exist), which are errors as any other.

Kept light: this module imports no iCalendar library; `convert` and `read` are imported only
when some group has a calendar, so `handbook check` of a site without one stays fast.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ...core import limits
from ...core.model import Event, Group
from ...core.problems import Problem
from ...core.urls import uid_domain
from ..formats import did_you_mean, feed_address
from .cache import FOLDER, Cache, Copy
from .fetch import Fetched, FetchError, fetch


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder: the cache is `.cache/calendars/` in it
    now: datetime  # the build's "now" (SOURCE_DATE_EPOCH): which events are past
    offline: bool = False  # read the cache alone, fetch nothing
    timeout: float = limits.IMPORT_TIMEOUT_SECONDS
    max_bytes: int = limits.IMPORT_MAX_BYTES
    past_days: int = 365  # the site's window into the past: older events are not imported
    site_url: str = ""  # the site's address: a feed may not take the UIDs of the site's own events

    @property
    def cache(self) -> Cache:
        return Cache(self.root / FOLDER)


@dataclass
class Imported:
    events: dict[str, Event] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # mistakes in the group files
    warnings: list[Problem] = field(default_factory=list)  # feeds that could not be (fully) used


def import_calendars(groups: dict[str, Group], pattern_slugs: set[str], settings: Settings,
                     taken: set[str] = frozenset()) -> Imported:
    """The events of every group's feed, by slug. `taken`: the slugs of the event files."""
    result = Imported()
    linked = [groups[slug] for slug in sorted(groups) if groups[slug].calendar is not None]
    linked = [group for group in linked if _patterns_ok(group, pattern_slugs, result.problems)]
    if not linked:
        return result
    sources = _sources(linked, settings)
    uids: dict[str, str] = {}  # UID -> the group that has it: the first, in order of slug
    for group in linked:
        for event in _events(group, sources[group.slug], settings, result.warnings):
            other = uids.setdefault(event.imported.uid.lower(), group.slug)
            if other != group.slug or event.slug in result.events or event.slug in taken:
                _warn(result.warnings, group, f"an event (UID `{event.imported.uid[:60]}`) is also in the calendar "
                      f"of `{other}` or an event file, and is shown once")
                continue
            result.events[event.slug] = event
    return result


def _patterns_ok(group: Group, pattern_slugs: set[str], problems: list[Problem]) -> bool:
    unknown = [slug for slug in group.calendar.patterns if slug not in pattern_slugs]
    for slug in unknown:
        problems.append(Problem(group.path, group.calendar.line, f"`calendar.patterns`: unknown pattern `{slug}`",
                                did_you_mean(slug, pattern_slugs) or "patterns are the files in content/patterns/"))
    return not unknown


@dataclass(frozen=True)
class _Source:
    fetched: Fetched | None = None  # what the feed sent (body None: not modified)
    error: str = ""  # why it sent nothing usable
    cached: Copy | None = None


def _sources(groups: list[Group], settings: Settings) -> dict[str, _Source]:
    """Each group's fetched feed and cached copy; the fetches run side by side."""
    cache = settings.cache

    def one(group: Group) -> _Source:
        cached = cache.read(group.slug, group.calendar.url)
        if settings.offline:
            return _Source(error="is not fetched (building offline)", cached=cached)
        try:
            return _Source(fetch(group.calendar.url, settings.timeout, settings.max_bytes,
                                 cached.etag if cached else "", cached.last_modified if cached else ""),
                           cached=cached)
        except FetchError as err:
            return _Source(error=str(err), cached=cached)

    with ThreadPoolExecutor(max_workers=min(8, len(groups))) as pool:
        return dict(zip([g.slug for g in groups], pool.map(one, groups)))


def _events(group: Group, source: _Source, settings: Settings, warnings: list[Problem]) -> list[Event]:
    """The group's events from the fresh feed if it is good, else from the cached copy."""
    from .read import ReadError  # iCalendar libraries: only when some group has a calendar

    fresh = source.fetched.body if source.fetched is not None else None
    if source.fetched is not None and fresh is None and source.cached is not None:
        fresh = source.cached.body  # 304 Not Modified: the copy is the feed
    problem = source.error
    if fresh is not None:
        try:
            events, notes = _convert(fresh, group, settings)
        except ReadError as err:
            problem = str(err)
        else:
            if not settings.offline:
                fetched = datetime.now(timezone.utc).replace(microsecond=0)
                settings.cache.write(group.slug, group.calendar.url, Copy(fresh, fetched, source.fetched.etag,
                                                                          source.fetched.last_modified))
            for note in notes:
                _warn(warnings, group, note)
            return events
    if source.cached is None:
        _warn(warnings, group, f"the feed {problem}, and no copy of it is cached: none of its events are on the site")
        return []
    try:
        events, notes = _convert(source.cached.body, group, settings)
    except ReadError as err:
        _warn(warnings, group, f"the feed {problem}, and its cached copy {err}: none of its events are on the site")
        return []
    when = f"{source.cached.fetched:%Y-%m-%d %H:%M} UTC"
    if not settings.offline:
        _warn(warnings, group, f"the feed {problem}; the copy fetched {when} is used")
    for note in notes:
        _warn(warnings, group, note)
    return events


def _convert(raw: bytes, group: Group, settings: Settings) -> tuple[list[Event], list[str]]:
    from .convert import Options, convert
    from .read import ReadError, read

    options = Options(now=settings.now, past_days=settings.past_days,
                      reserved_uid_suffix=_reserved_uid_suffix(settings.site_url))
    calendar = read(raw)
    try:
        converted = convert(calendar, group, group.calendar, options)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as err:
        # A feed is untrusted input: what the libraries choke on is a broken feed, not a broken build.
        raise ReadError(f"could not be converted ({type(err).__name__}: {str(err)[:120]})") from None
    return converted.events, converted.notes


def _reserved_uid_suffix(site_url: str) -> str:
    if not site_url:  # no site address (a check without mkdocs.yml): no UIDs of its own to guard
        return ""
    return f"@{uid_domain(site_url)}"


def offline_from_environment() -> bool:
    """`HANDBOOK_CALENDARS=offline`: build from the cached copies alone, for any build or check."""
    return os.environ.get("HANDBOOK_CALENDARS", "").strip().lower() == "offline"


def _warn(warnings: list[Problem], group: Group, message: str) -> None:
    address = feed_address(group.calendar.url)
    shown = address if len(address) <= 80 else address[:79] + "…"
    warnings.append(Problem(group.path, group.calendar.line, f"calendar of `{group.slug}` ({shown}): {message}"))
