"""A page whose HTML the calendar made: MkDocs shows it without running Markdown over it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.pages.page_html import Body, toc_tokens


class HtmlPage(Page):
    """A generated page given to MkDocs as finished HTML and table of contents.

    Python-Markdown would only pass the calendar's HTML through, at about 3 ms a page. The
    page still has its Markdown (`page.markdown`), and if a plugin changes it in
    `on_page_markdown`, the page is rendered from Markdown as any other page is.
    """

    def __init__(self, file: File, config: MkDocsConfig, body: Body, markdown: str):
        super().__init__(None, file, config)
        self.body = body
        self.source_markdown = markdown  # what `page.markdown` will be unless a plugin changes it

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown != self.source_markdown:
            super().render(config, files)
            return
        self.content = self.body.html
        self.toc = get_toc(toc_tokens(self.body))
        self._title_from_render = None
        self.present_anchor_ids = self.body.anchor_ids
        self.links_to_anchors = {}
