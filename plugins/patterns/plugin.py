"""The patterns plugin: checks every pattern, renders pattern pages with their links, and adds
the scale index, tag pages and the pattern map. It also holds the build's wall for every page an
editor writes (`untrusted`): front matter, titles and markup the check did not pass stay out."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.content.formats import relative
from generator.content.patterns import PatternGraph
from generator.core.markdown_text import html_text
from generator.core.problems import Problem
from generator.pages import cards as pattern_cards
from generator.pages import patterns as pattern_pages
from generator.pages import search_index
from generator.pages.pattern_map import render_svg
from plugins.shared import (
    content_for,
    fail_if,
    keep_to_content,
    leave_out_unsafe,
    project_root,
    replace_file,
    report,
    safe_title,
    stop_before_unsafe_walk,
)

from . import untrusted
from .config import PatternsConfig


class PatternsPlugin(BasePlugin[PatternsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.graph: PatternGraph | None = None
        self.files: Files | None = None
        self.problems = []
        self.reported_paths: set[str] = set()
        self.serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            stop_before_unsafe_walk(config)

    @event_priority(50)  # before the calendar plugin, which links gatherings to patterns
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)
        self.problems = list(content.problems)
        self.reported_paths = {problem.path for problem in content.problems}
        leave_out_unsafe(files, content, config)
        self.graph = PatternGraph.build(content.patterns)
        self._add_generated(files, config)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        graph = self.graph
        folder = self.config.folder
        self.files = files
        pages = {
            f"{folder}/index.md": pattern_pages.scale_index(graph),
            f"{folder}/tags/index.md": pattern_pages.tags_index(graph),
        }
        for src_uri, markdown in pages.items():
            replace_file(files, File.generated(config, src_uri, content=markdown))
        for tag, tagged in graph.by_tag().items():
            # One page per tag is too many for the navigation: they are reached from the tags index.
            replace_file(files, File.generated(config, f"{folder}/tags/{tag}.md",
                                           content=pattern_pages.tag_listing(tag, tagged),
                                           inclusion=InclusionLevel.NOT_IN_NAV))
        # The map is raw SVG, which MkDocs does not rewrite: its links are made relative here.
        svg_file = File.generated(config, f"{folder}/map.svg", content="")
        page_file = File.generated(config, f"{folder}/map.md", content="")

        def href_from(where: File):
            return lambda slug: get_relative_url(self._url(slug), where.url)

        standalone = render_svg(graph, href_from(svg_file), standalone=True)
        inline = render_svg(graph, href_from(page_file))
        svg_url = get_relative_url(svg_file.url, page_file.url)
        replace_file(files, File.generated(config, svg_file.src_uri, content=standalone))
        replace_file(files, File.generated(config, page_file.src_uri, content=pattern_pages.map_page(inline, svg_url, graph)))
        self._add_deck(files, config)

    def _add_deck(self, files: Files, config: MkDocsConfig) -> None:
        """The printable card deck, and the QR code of each card when the site's address is known."""
        deck = File.generated(config, pattern_cards.PAGE, content="")
        site_url = (config.site_url or "").rstrip("/")

        def qr(slug: str) -> str | None:
            if not site_url:
                return None
            svg = File.generated(config, pattern_cards.qr_file(slug), content=pattern_cards.qr_svg(f"{site_url}/{self._url(slug)}"))
            replace_file(files, svg)
            return get_relative_url(svg.url, deck.url)

        def address(slug: str) -> str:
            return f"{site_url.split('://', 1)[-1]}/{self._url(slug)}" if site_url else f"/{self._url(slug)}"

        cards = pattern_cards.cards_for(self.graph, lambda slug: get_relative_url(self._url(slug), deck.url), address, qr)
        replace_file(files, File.generated(config, deck.src_uri, content=pattern_cards.deck_page(cards)))

    @event_priority(100)  # first: no plugin reads page.meta before the unchecked keys are gone
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.enabled and untrusted.is_from_editor(page):
            checked = content_for(config).front_matter.get(page.file.src_uri)
            self._add(untrusted.limit_meta(page, checked, self._path(page, config)))
        pattern = self._pattern_of(page)
        if pattern is None:
            return markdown
        # The summary goes into the Markdown (not just the template) so search indexes it.
        lead = f'<p class="hb-summary">{html_text(pattern.summary)}</p>\n\n'
        page.meta["template"] = "pattern.html"
        page.meta["description"] = safe_title(pattern.summary)
        page.title = safe_title(pattern.title)
        page.meta["title"] = page.title
        page.meta["hb_pattern"] = self._view(pattern, page)
        page.meta["search"] = search_index.setting(search_index.PATTERN, page.meta.get("search"))
        return lead + markdown

    @event_priority(-100)  # last: the HTML every other plugin has finished with
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or not untrusted.is_from_editor(page):
            return html
        path = self._path(page, config)
        page.content = html
        self._add(untrusted.clean_content(page, path, already_reported=path in self.reported_paths))
        return page.content

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        pattern = self._pattern_of(page)
        if pattern is not None:
            # Material's partials/tags.html renders `tags`; we point each tag at our tag page.
            context["tags"] = [{"name": tag, "url": self._url(f"tags/{tag}")} for tag in pattern.tags]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)

    def _add(self, problems: list[Problem]) -> None:
        report(problems)
        self.problems += problems
        self.reported_paths |= {problem.path for problem in problems}

    @staticmethod
    def _path(page: Page, config: MkDocsConfig) -> str:
        return relative(Path(config.docs_dir, page.file.src_uri), project_root(config))

    def _pattern_of(self, page: Page):
        if not self.config.enabled or self.graph is None:
            return None
        folder, name = posixpath.split(page.file.src_uri)
        slug = name[:-3] if name.endswith(".md") else None
        if folder != self.config.folder or slug is None:
            return None
        return self.graph.patterns.get(slug)

    def _url(self, name: str) -> str:
        """The site URL of `patterns/<name>.md`, whatever `use_directory_urls` says."""
        return self.files.get_file_from_path(f"{self.config.folder}/{name}.md").url

    def _view(self, pattern, page: Page) -> dict:
        """What the pattern template shows around the page body; every text already escaped."""
        def entry(p):
            return {"title": html_text(p.title), "summary": html_text(p.summary),
                    "url": self._url(p.slug), "scale": p.scale}
        return {
            "slug": pattern.slug,
            "scale": pattern.scale,
            "scale_url": f"{self._url('index')}#{pattern.scale}",
            "related": [entry(p) for p in self.graph.related(pattern.slug)],
            "referenced_by": [entry(p) for p in self.graph.referencing_only(pattern.slug)],
            "gatherings": [],  # filled by the calendar plugin
        }

