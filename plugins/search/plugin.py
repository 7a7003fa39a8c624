"""The search plugin: what Material's search indexes, and how much each part of a page counts.

Material's own `search` plugin builds the index; this one runs around it. Before it reads a page,
words that the page shows apart are made to stay apart in the text it indexes; after it has
written the index, each section under a heading is weighted below the page's top
(`generator.pages.search_index` says why). The kinds of page (pattern, path, group, gathering, listing)
get their `search:` setting where they are made, from `generator.pages.search_index`.
"""

from __future__ import annotations

import json
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from generator.pages.search_index import space_visual_breaks, weigh_sections

from .config import SearchConfig

INDEX = os.path.join("search", "search_index.json")  # where Material's search plugin writes it


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    @event_priority(100)  # before Material's search, which indexes the page in this event
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and page.content:
            page.content = space_visual_breaks(page.content)
        return context

    @event_priority(-100)  # after Material's search has written the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        path = os.path.join(config.site_dir, INDEX)
        if not os.path.isfile(path):  # Material's search is off
            return
        with open(path, encoding="utf-8") as file:
            index = json.load(file)
        with open(path, "w", encoding="utf-8") as file:
            json.dump(weigh_sections(index), file, separators=(",", ":"))  # as Material writes it
