"""The patterns plugin: checks every pattern, renders pattern pages with their links, and adds
the scale index, tag pages and the pattern map. It also holds the build's wall for every page an
editor writes (`untrusted`): front matter, titles and markup the check did not pass stay out."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.core.problems import Problem, problem_path
from generator.site import sources
from plugins.shared import (
    HandbookPlugin,
    add_part,
    calendar_for,
    content_for,
    fail_if,
    keep_to_content,
    leave_out_unsafe,
    project_root,
    report,
    settings_for,
)

from . import untrusted
from .config import PatternsConfig


class PatternsPlugin(HandbookPlugin[PatternsConfig]):
    def __init__(self):
        self.problems = []
        self.reported_paths: set[str] = set()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)
        self.problems = list(content.problems)
        self.reported_paths = {problem.path for problem in content.problems}
        leave_out_unsafe(files, content, config)
        add_part(files, config, sources.patterns_part(content, settings_for(config)))
        return files

    @event_priority(100)  # first: no plugin reads page.meta before the unchecked keys are gone
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or not untrusted.is_from_editor(page):
            return markdown
        checked = content_for(config).front_matter.get(page.file.src_uri)
        self._add(untrusted.limit_meta(page, checked, self._path(page, config)))
        # A pattern page: its summary, and the view data its template shows (`generator.site`).
        settings = settings_for(config)
        if posixpath.dirname(page.file.src_uri) != settings.patterns.folder:
            return markdown
        augmented = sources.written_page(page.file.src_uri, page.meta, markdown, content_for(config), settings,
                                         calendar_for(config))
        if augmented is None:
            return markdown
        page.meta = augmented.meta
        page.title = augmented.meta["title"]
        return augmented.markdown

    @event_priority(-100)  # last: the HTML every other plugin has finished with
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or not untrusted.is_from_editor(page):
            return html
        path = self._path(page, config)
        page.content = html
        self._add(untrusted.clean_content(page, path, already_reported=path in self.reported_paths))
        return page.content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)

    def _add(self, problems: list[Problem]) -> None:
        report(problems)
        self.problems += problems
        self.reported_paths |= {problem.path for problem in problems}

    @staticmethod
    def _path(page: Page, config: MkDocsConfig) -> str:
        return problem_path(Path(config.docs_dir, page.file.src_uri), project_root(config))
