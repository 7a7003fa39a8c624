"""The paths plugin: a page for each path in `paths/` (its steps in order, each linked to its
pattern) and the list of paths at `paths/index.md` ("Start here"). The pages are written by
`generator.pages.paths`; the pattern pages name their paths through `generator.site.views`."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.content.paths import FOLDER
from generator.site import sources
from plugins.shared import HandbookPlugin, add_part, content_for, fail_if, settings_for

from .config import PathsConfig


class PathsPlugin(HandbookPlugin[PathsConfig]):
    def __init__(self):
        self.content = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.content = content_for(config)
        add_part(files, config, sources.paths_part(self.content, settings_for(config)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A path page: its title, summary, introduction and steps (`generator.site.sources`)."""
        if (not self.config.enabled or self.content is None or page.file.generated_by is not None
                or posixpath.dirname(page.file.src_uri) != FOLDER):
            return markdown
        augmented = sources.written_page(page.file.src_uri, page.meta, markdown, self.content,
                                         settings_for(config), None)
        if augmented is None:
            return markdown
        page.meta = augmented.meta
        page.title = augmented.meta["title"]
        return augmented.markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving and self.content is not None:
            fail_if(self.content.problems)
