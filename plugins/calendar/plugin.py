"""The calendar plugin: turns groups and events into the agenda, month grids, event and group
pages, and lists the gatherings on each pattern page. The pages are made by
`generator.pages.calendar`; this module only hands them to MkDocs."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.calendar.agenda import Window, next_per_event
from generator.core import clock
from generator.core.markdown_text import html_text
from generator.core.newcomers import MEMBERS_ONLY
from generator.core.problems import Problem
from generator.core.urls import RESERVED_EVENT_SLUGS, RESERVED_GROUP_SLUGS, Urls
from generator.pages import search_index
from generator.pages.calendar import Calendar, GeneratedPage, Options, all_pages, pattern_gatherings, subscribe_html
from generator.pages.page_html import HeadingStyle
from plugins.shared import (
    content_for,
    fail_if,
    keep_to_content,
    project_root,
    replace_file,
    report,
    safe_title,
    stop_before_unsafe_walk,
)

from .config import CalendarConfig
from .structure import HtmlPage

LOCALTIME_SCRIPT = "assets/javascripts/localtime.js"
# How search ranks the calendar's own pages (`generator.pages.search_index`), by the template they use.
HOME_GATHERINGS = 4  # on the home page: enough to show the calendar is alive, short on a phone

SEARCH_KINDS = {"event.html": search_index.EVENT, "group.html": search_index.GROUP}


class CalendarPlugin(BasePlugin[CalendarConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.calendar: Calendar | None = None
        self.pages: dict[str, tuple[GeneratedPage, File]] = {}
        self.problems: list[Problem] = []
        self.serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        for name in ("horizon_days", "past_days", "listing_limit", "day_limit", "filter_groups", "calendars_timeout",
                     "calendars_max_mb"):
            if self.config[name] < 1:
                raise PluginError(f"handbook-calendar: `{name}` must be at least 1, not {self.config[name]}")
        # Every listing of gatherings may carry the reader's own time (see localtime.js).
        if LOCALTIME_SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(LOCALTIME_SCRIPT)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            stop_before_unsafe_walk(config)

    @event_priority(-50)  # after the patterns plugin, whose pattern pages the gatherings join
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)  # the YAML behind groups and events becomes pages, not files
        self.problems = list(content.problems) + self._reserved(content)
        window = Window(clock.now(), self.config.horizon_days, self.config.past_days)
        urls = Urls(use_directory_urls=config.use_directory_urls, site_url=config.site_url or "")
        options = Options(horizon_days=self.config.horizon_days, past_days=self.config.past_days,
                          series_dates=self.config.series_dates, group_past=self.config.group_past,
                          pattern_gatherings=self.config.pattern_gatherings,
                          listing_limit=self.config.listing_limit, day_limit=self.config.day_limit,
                          filter_groups=self.config.filter_groups,
                          subscribe_page="handbook-feeds" in config.plugins,
                          headings=HeadingStyle.from_toc_options(_toc_options(config)))
        self.calendar = Calendar.build(content, window, urls, options)
        self.pages = {}
        for page in all_pages(self.calendar):
            file = File.generated(config, page.src_uri, content=page.markdown,
                                  inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV)
            if page.source:
                file.edit_uri = _docs_relative(page.source, config)
            replace_file(files, file)
            HtmlPage(file, config, page.body, page.markdown)  # becomes `file.page`, which MkDocs renders
            self.pages[page.src_uri] = (page, file)
        return files

    @event_priority(-50)  # after the patterns plugin has described the pattern page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.calendar is None:
            return markdown
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and generated[1] is page.file:
            self._describe(page, generated[0])
        elif isinstance(page.meta.get("hb_pattern"), dict):
            self._add_gatherings(page.meta["hb_pattern"])
        elif page.is_homepage:
            page.meta["hb_home"] = self._home()
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)

    def _describe(self, page: Page, generated: GeneratedPage) -> None:
        # Material prints the title and description without escaping them: escape on the way in.
        page.meta["title"] = safe_title(generated.title)
        page.meta["description"] = safe_title(generated.description)
        page.meta["template"] = generated.template
        page.meta["hb_calendar"] = generated.theme
        if generated.hide:
            page.meta["hide"] = list(generated.hide)
        # Listings (agenda, month grids, filters, the list of groups) repeat what the event and group
        # pages say: one search hit per gathering or group, on its own page.
        kind = SEARCH_KINDS.get(generated.template, {}) if generated.searchable else search_index.LISTING
        if kind:
            page.meta["search"] = search_index.setting(kind)

    def _add_gatherings(self, hb: dict) -> None:
        slug = hb.get("slug")
        if not slug:
            return
        urls = self.calendar.urls
        hb["gatherings"] = [_gathering(item) for item in pattern_gatherings(self.calendar, slug)]
        pattern = self.calendar.content.patterns.get(slug)
        title = pattern.title if pattern else slug
        hb["calendar"] = {
            "subscribe": subscribe_html(self.calendar, f"patterns/{slug}.md", urls.pattern_feed(slug),
                                        f"the gatherings practising {title}"),
            "feed_url": urls.pattern_feed(slug),
            "agenda_url": urls.agenda(),
            "horizon_days": self.calendar.window.horizon_days,
        }

    def _home(self) -> dict:
        """For the home page: the next gatherings a newcomer can walk into, one line per event."""
        # Who may come is the gathering's own (`core.newcomers`): a group's members-only circle
        # may hold an open evening, and an open group a members' meeting.
        open_ones = [item for item in self.calendar.upcoming if not item.cancelled and not item.members_only]
        return {
            "gatherings": [_gathering(item) for item in next_per_event(open_ones, HOME_GATHERINGS)],
            "agenda_url": self.calendar.urls.agenda(),
            "horizon_days": self.calendar.window.horizon_days,
        }

    def _reserved(self, content) -> list[Problem]:
        """Slugs whose page would take the address of one of the calendar's own pages."""
        found = [Problem(e.path, 1, f"`{e.slug}` cannot be an event's slug: /events/{e.slug}/ is a page of the calendar",
                         "rename the file") for e in content.events.values() if e.slug in RESERVED_EVENT_SLUGS]
        found += [Problem(g.path, 1, f"`{g.slug}` cannot be a group's slug: /groups/{g.slug}/ is the list of groups",
                          "rename the file") for g in content.groups.values() if g.slug in RESERVED_GROUP_SLUGS]
        report(found)
        return found


def _gathering(item) -> dict:
    """One gathering as a line on a pattern page or the home page; every text escaped."""
    return {
        "title": html_text(item.title),
        "url": item.url,
        "date": item.day.isoformat(),
        "date_text": html_text(item.short_date),
        "time": html_text(item.time_text),
        "group": html_text(item.group.text),
        "place": html_text(", ".join(part for part in (item.place, item.area.text if item.area else "")
                                     if part) if item.place else ("online" if item.online else "")),
        "zone_name": html_text(item.zone_name),
        "zone": html_text(item.zone),
        "utc_start": item.utc_start,
        "utc_end": item.utc_end,
        "all_day": item.occurrence.all_day,
        "members_only": MEMBERS_ONLY if item.members_only else "",
        "series": item.occurrence.event.repeat is not None,
        "cancelled": item.cancelled,
        "tentative": item.tentative,
    }


def _toc_options(config: MkDocsConfig) -> dict | None:
    """The `toc` extension's options, or None when mkdocs.yml does not use it (no permalinks)."""
    if not any(name in ("toc", "markdown.extensions.toc") for name in config.markdown_extensions
               if isinstance(name, str)):
        return None
    return config.mdx_configs.get("toc") or config.mdx_configs.get("markdown.extensions.toc") or {}


def _docs_relative(source: str, config: MkDocsConfig) -> str:
    """Edit links are made from paths inside docs_dir; content paths are from the project root."""
    absolute = os.path.join(project_root(config), source)
    return os.path.relpath(absolute, config.docs_dir).replace(os.sep, "/")
