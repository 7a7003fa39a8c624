"""The patterns plugin: checks every pattern, renders pattern pages with their links, and adds
the scale index, tag pages and the pattern map."""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import pattern_pages
from generator.markdown_text import html_text
from generator.pattern_map import render_svg
from generator.patterns import PatternGraph
from plugins.shared import content_for, fail_if, safe_title

from .config import PatternsConfig


class PatternsPlugin(BasePlugin[PatternsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.graph: PatternGraph | None = None
        self.problems = []
        self.serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(50)  # before the calendar plugin, which links gatherings to patterns
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        self.problems = content.problems
        self.graph = PatternGraph.build(content.patterns)
        self._add_generated(files, config)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        graph = self.graph
        folder = self.config.folder
        pages = {
            f"{folder}/index.md": pattern_pages.scale_index(graph),
            f"{folder}/tags/index.md": pattern_pages.tags_index(graph),
            f"{folder}/map.md": pattern_pages.map_page(render_svg(graph, href=lambda slug: f"../{slug}/")),
        }
        for tag, tagged in graph.by_tag().items():
            pages[f"{folder}/tags/{tag}.md"] = pattern_pages.tag_listing(tag, tagged)
        for src_uri, markdown in pages.items():
            _replace(files, File.generated(config, src_uri, content=markdown))
        standalone_svg = render_svg(graph, href=lambda slug: f"{slug}/")
        _replace(files, File.generated(config, f"{folder}/map.svg", content=standalone_svg))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pattern = self._pattern_of(page)
        if pattern is None:
            return markdown
        # The summary goes into the Markdown (not just the template) so search indexes it.
        lead = f'<p class="hb-summary">{html_text(pattern.summary)}</p>\n\n'
        page.meta["template"] = page.meta.get("template", "pattern.html")
        page.meta["description"] = safe_title(pattern.summary)
        page.title = safe_title(pattern.title)
        page.meta["title"] = page.title
        page.meta["hb_pattern"] = self._view(pattern, page)
        return lead + markdown

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        pattern = self._pattern_of(page)
        if pattern is not None:
            # Material's partials/tags.html renders `tags`; we point each tag at our tag page.
            context["tags"] = [{"name": tag, "url": f"{self.config.folder}/tags/{tag}/"} for tag in pattern.tags]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)

    def _pattern_of(self, page: Page):
        if not self.config.enabled or self.graph is None:
            return None
        folder, name = posixpath.split(page.file.src_uri)
        slug = name[:-3] if name.endswith(".md") else None
        if folder != self.config.folder or slug is None:
            return None
        return self.graph.patterns.get(slug)

    def _view(self, pattern, page: Page) -> dict:
        """What the pattern template shows around the page body; every text already escaped."""
        def entry(p):
            return {"title": html_text(p.title), "summary": html_text(p.summary),
                    "url": f"{self.config.folder}/{p.slug}/", "scale": p.scale}
        return {
            "slug": pattern.slug,
            "scale": pattern.scale,
            "scale_url": f"{self.config.folder}/#{pattern.scale}",
            "related": [entry(p) for p in self.graph.related(pattern.slug)],
            "referenced_by": [entry(p) for p in self.graph.referencing(pattern.slug)],
            "gatherings": [],  # filled by the calendar plugin
        }


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
