"""The paths plugin: a page for each path in `paths/` (its steps in order, each linked to its
pattern), the list of paths at `paths/index.md` ("Start here"), and on every pattern page the
paths it is a step of. The pages are written by `generator.pages.paths`."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.content.paths import FOLDER, paths_through
from generator.core.markdown_text import html_text
from generator.pages import paths as path_pages
from generator.pages import search_index
from plugins.shared import content_for, fail_if, replace_file, safe_title

from .config import PathsConfig


class PathsPlugin(BasePlugin[PathsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.content = None
        self.files: Files | None = None
        self.serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(40)  # after the patterns plugin's files, before the calendar's
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.content = content_for(config)
        self.files = files
        index = path_pages.paths_index(self.content.paths, self.content.patterns)
        replace_file(files, File.generated(config, path_pages.INDEX_PAGE, content=index))
        return files

    @event_priority(-40)  # after the patterns plugin has described the pattern pages
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.content is None:
            return markdown
        path = self._path_of(page)
        if path is not None:
            page.title = safe_title(path.title)
            page.meta["title"] = page.title
            page.meta["description"] = safe_title(path.summary)
            page.meta["search"] = search_index.setting(search_index.PATH, page.meta.get("search"))
            return path_pages.path_page(path, self.content.patterns, markdown)
        hb = page.meta.get("hb_pattern")
        if isinstance(hb, dict) and hb.get("slug"):
            hb["paths"] = [{
                "title": html_text(through.title),
                "url": f"{self._url(through.slug)}#{path_pages.step_anchor(numbers[0])}",
                "steps": html_text(_steps_text(numbers, len(through.steps))),
            } for through, numbers in paths_through(self.content.paths, hb["slug"])]
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving and self.content is not None:
            fail_if(self.content.problems)

    def _path_of(self, page: Page):
        folder, name = posixpath.split(page.file.src_uri)
        if folder != FOLDER or not name.endswith(".md") or page.file.generated_by is not None:
            return None
        return self.content.paths.get(name[:-3])

    def _url(self, slug: str) -> str:
        return self.files.get_file_from_path(f"{FOLDER}/{slug}.md").url


def _steps_text(numbers: list[int], total: int) -> str:
    """`step 3 of 10`, or `steps 2 and 7 of 10` for a pattern the path comes back to."""
    if len(numbers) == 1:
        return f"step {numbers[0]} of {total}"
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f"steps {listed} of {total}"
