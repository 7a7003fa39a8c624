"""The editors plugin: what helps people change the content.

* Publishes the JSON Schemas of the formats at /schemas/, made from `generator.content.formats` at build
  time; a committed copy under the docs folder (for editors working offline) that no longer
  matches is reported, so it cannot silently drift.
* Beside them, what the proposal form at /contribute/propose/ loads (`generator.pages.propose`): the
  groups, patterns, zones and code host in `schemas/propose.json`, and each gathering's values in
  `schemas/events/<slug>.json` for its "suggest a change".
* Fills the Contribute pages' `<!-- handbook:fields KIND -->` and `<!-- handbook:template KIND -->`
  markers from the formats and the templates of `handbook new` (`generator.pages.reference`).
* Leaves out of the build a page MkDocs cannot read as text (binary, not UTF-8, a broken link),
  which would otherwise stop the build at that file and hide every other problem. The content
  loader has reported it, as `handbook check` does.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.core.problems import problem_path
from generator.site import sources
from plugins.shared import (
    HandbookPlugin,
    add_part,
    content_for,
    edit_links,
    keep_to_content,
    project_root,
    settings_for,
)

from .config import EditorsConfig

log = get_plugin_logger("handbook-editors")


class EditorsPlugin(HandbookPlugin[EditorsConfig]):
    files: Files | None = None

    @event_priority(-100)  # after the other plugins have added their generated files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.files = files
        keep_to_content(files, config)
        self._leave_out_unreadable(files, config)
        if self.config.schemas:
            self._publish_schemas(files, config)
            self._publish_form_data(files, config)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or "handbook:" not in markdown:
            return markdown
        expanded, unknown = sources.contribute_markers(markdown, settings_for(config))
        for marker in unknown:
            log.warning(f"{page.file.src_uri}: `{marker}` names no format; use pattern, event or group")
        return expanded

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        # A generated page's edit link, from the site's sources (a folder, or the YAML behind it).
        if self.config.enabled and page.file.generated_by is not None and page.edit_url is None:
            page.edit_url = edit_links(self.files).get(page.file.src_uri) if self.files is not None else None
        return context

    # -- schemas ------------------------------------------------------------------------------

    def _publish_schemas(self, files: Files, config: MkDocsConfig) -> None:
        part = sources.schemas_part(settings_for(config))
        for schema in part.files:
            committed = files.get_file_from_path(schema.path)
            if committed is not None:
                # `mkdocs serve` puts its local address in site_url, which the schemas' URLs carry:
                # the committed copies are compared with the published ones in a real build only.
                if not self.serving and committed.content_bytes.decode("utf-8", "replace") != schema.data:
                    log.warning(f"{problem_path(Path(committed.abs_src_path), project_root(config))} differs from the "
                                "formats in generator/content/formats/; run `handbook schemas` to rewrite it")
        add_part(files, config, part)

    def _publish_form_data(self, files: Files, config: MkDocsConfig) -> None:
        add_part(files, config, sources.form_data_part(content_for(config), settings_for(config)))

    # -- unreadable pages ---------------------------------------------------------------------

    def _leave_out_unreadable(self, files: Files, config: MkDocsConfig) -> None:
        # `load_content` has reported each of them (patterns with their format, other pages
        # by `pages.load_pages`), as `handbook check` does; here they only leave the build.
        content_for(config)
        for file in files.documentation_pages():
            if file.generated_by is None and file.abs_src_path and not _readable(Path(file.abs_src_path)):
                file.inclusion = InclusionLevel.EXCLUDED


def _readable(path: Path) -> bool:
    """Whether MkDocs can read the page as text."""
    if not path.is_file():  # a broken link, or a pipe that would never finish reading
        return False
    try:
        path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return True
