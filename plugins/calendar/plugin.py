"""The calendar plugin: turns groups and events into the agenda, month grids, event and group
pages. The pages are made by `generator.pages.calendar` and assembled with their front matter by
`generator.site.sources`; this module only hands them to MkDocs. The gatherings on each pattern
page come with the pattern's view, and those on the home page with the home page's
(`generator.site.views`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.core.problems import Problem
from generator.site import sources
from generator.site.options import CalendarOptions
from plugins.shared import (
    HandbookPlugin,
    add_part,
    add_script,
    calendar_for,
    check_options,
    content_for,
    fail_if,
    keep_to_content,
    settings_for,
)

from .config import CalendarConfig


class CalendarPlugin(HandbookPlugin[CalendarConfig]):
    def __init__(self):
        self.problems: list[Problem] = []

    def on_config(self, config: MkDocsConfig):
        if self.config.enabled:
            check_options("handbook-calendar", self, CalendarOptions)
            # Every listing of gatherings may carry the reader's own time (see localtime.js).
            add_script(config, sources.CALENDAR_SCRIPT)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)  # the YAML behind groups and events becomes pages, not files
        self.problems = list(content.problems)  # reserved slugs among them: the loaders refuse those
        add_part(files, config, sources.calendar_part(calendar_for(config), settings_for(config)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The home page: the next gatherings a newcomer can come to (`generator.site.sources`)."""
        if not self.config.enabled or page.file.src_uri != sources.HOME_PAGE or page.file.generated_by is not None:
            return markdown
        augmented = sources.written_page(page.file.src_uri, page.meta, markdown, content_for(config),
                                         settings_for(config), calendar_for(config))
        if augmented is not None:
            page.meta = augmented.meta
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)
