"""The glossary plugin: the Glossary page, made from `glossary/terms.md`, and that file kept out of
the site. The tooltips themselves come from Markdown extensions configured in mkdocs.yml:
`abbr`, and `pymdownx.snippets` appending the terms file to every page; the theme's
`assets/javascripts/glossary.js` shows them. Here a term is marked only where a page first mentions it.

Snippets reads its files relative to the folder MkDocs was started in; this plugin makes the
configured `base_path` relative to mkdocs.yml instead, so a build started elsewhere
(`mkdocs build -f project/mkdocs.yml`) still finds the glossary, and says plainly when the file
to append is missing. Snippets is there for the glossary only: a `--8<--` line in a page is
reported with the content's problems (`generator.content.glossary.check_snippet_lines`) and shown as
text rather than followed.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.content.glossary import (
    SOURCE,
    first_mentions_only,
    inert_snippet_lines,
    without_abbreviations_in_code_links_or_headings,
)
from generator.site import sources
from plugins.shared import HandbookPlugin, add_part, content_for, fail_if, project_root, settings_for

from .config import GlossaryConfig

SNIPPETS = "pymdownx.snippets"


class GlossaryPlugin(HandbookPlugin[GlossaryConfig]):
    def __init__(self):
        self.problems = []

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        options = config.mdx_configs.get(SNIPPETS)
        if not options:
            return config
        root = project_root(config)
        bases = options.get("base_path", ["."])
        options["base_path"] = [os.path.join(root, base) for base in ([bases] if isinstance(bases, str) else bases)]
        for name in options.get("auto_append", []):
            if not any(os.path.isfile(os.path.join(base, name)) for base in options["base_path"]):
                raise PluginError(f"mkdocs.yml: {SNIPPETS} appends `{name}` to every page, but there is no such file in "
                                  + " or ".join(os.path.relpath(base, root) for base in options["base_path"]))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        self.problems = content.problems
        source = files.get_file_from_path(SOURCE)
        if source is not None:
            # Appended to every page for the tooltips; on its own it is not a page.
            source.inclusion = InclusionLevel.EXCLUDED
        add_part(files, config, sources.glossary_part(content, settings_for(config)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or "8<" not in markdown:
            return markdown
        return inert_snippet_lines(markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        return first_mentions_only(without_abbreviations_in_code_links_or_headings(html))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and not self.serving:
            fail_if(self.problems)
