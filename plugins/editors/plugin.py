"""The editors plugin: what helps people change the content.

* Publishes the JSON Schemas of the formats at /schemas/, made from `generator.content.formats` at build
  time; a committed copy under the docs folder (for editors working offline) that no longer
  matches is reported, so it cannot silently drift.
* Beside them, what the proposal form at /contribute/propose/ loads (`generator.pages.propose`): the
  groups, patterns, zones and code host in `schemas/propose.json`, and each gathering's values in
  `schemas/events/<slug>.json` for its "suggest a change".
* Fills the Contribute pages' `<!-- handbook:fields KIND -->` and `<!-- handbook:template KIND -->`
  markers from the formats and the templates of `handbook new`.
* Gives generated pages with no source file of their own (the pattern index, map and tag pages;
  calendar pages that no event file stands behind) an "edit" link to the folder of the files
  they are made from, instead of none or one to a file that does not exist.
* Leaves out of the build a page MkDocs cannot read as text (binary, not UTF-8, a broken link),
  which would otherwise stop the build at that file and hide every other problem. The content
  loader has reported it, as `handbook check` does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.content import schemas
from generator.content.formats import relative
from generator.pages import propose
from plugins.shared import content_for, keep_to_content, project_root, replace_file, stop_before_unsafe_walk

from . import reference
from .config import EditorsConfig

log = get_plugin_logger("handbook-editors")


class EditorsPlugin(BasePlugin[EditorsConfig]):
    supports_multiple_instances = False

    serving = False

    def on_startup(self, *, command, dirty):
        # `mkdocs serve` replaces site_url with its local address, which the schemas' URLs carry:
        # the committed copies are compared with the published ones only in a real build.
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            stop_before_unsafe_walk(config)

    @event_priority(-100)  # after the other plugins have added their generated files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        keep_to_content(files, config)
        self._leave_out_unreadable(files, config)
        if self.config.schemas:
            self._publish_schemas(files, config)
            self._publish_form_data(files, config)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or "handbook:" not in markdown:
            return markdown
        expanded, unknown = reference.expand(markdown, lambda kind: self._schema_url(kind, config))
        for marker in unknown:
            log.warning(f"{page.file.src_uri}: `{marker}` names no format; use pattern, event or group")
        return expanded

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.config.enabled and page.edit_url is None and _edit_link_left_open(page.file):
            page.edit_url = folder_edit_url(page.file.src_uri, config)
        return context

    # -- schemas ------------------------------------------------------------------------------

    def _publish_schemas(self, files: Files, config: MkDocsConfig) -> None:
        for name, text in schemas.all_schema_texts(config.site_url or "").items():
            src_uri = f"{schemas.FOLDER}/{name}"
            committed = files.get_file_from_path(src_uri)
            if committed is not None:
                if not self.serving and committed.content_bytes.decode("utf-8", "replace") != text:
                    log.warning(f"{relative(Path(committed.abs_src_path), project_root(config))} differs from the "
                                "formats in generator/content/formats.py; run `handbook schemas` to rewrite it")
            replace_file(files, File.generated(config, src_uri, content=text))

    def _publish_form_data(self, files: Files, config: MkDocsConfig) -> None:
        content = content_for(config)
        settings = propose.Settings(repo_url=config.repo_url or "", edit_uri=config.edit_uri or "",
                                    organisers_email=str(config.extra.get("organisers_email") or ""),
                                    site_url=config.site_url or "",
                                    content_folder=relative(Path(config.docs_dir), project_root(config)))
        # Site-relative: the form fetches them from the site it is on, `mkdocs serve` included.
        urls = {kind: f"{schemas.FOLDER}/{schemas.file_name(kind)}" for kind in ("event", "group")}
        data = propose.form_data(content, settings, urls)
        replace_file(files, File.generated(config, f"{schemas.FOLDER}/{propose.DATA_FILE}",
                                           content=propose.to_json(data)))
        for name, text in propose.event_files(content, project_root(config)).items():
            replace_file(files, File.generated(config, f"{schemas.FOLDER}/{name}", content=text))

    def _schema_url(self, kind: str, config: MkDocsConfig) -> str:
        base = (config.site_url or "/").rstrip("/")
        return f"{base}/{schemas.FOLDER}/{schemas.file_name(kind)}"

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


def _edit_link_left_open(file: File) -> bool:
    """A generated file whose plugin said nothing about its edit link. Plugins that decide
    (a link to the YAML file, or none at all) assign `file.edit_uri`, which MkDocs keeps on the
    instance; a generated file's default is no link."""
    return file.generated_by is not None and "edit_uri" not in vars(file)


def folder_edit_url(src_uri: str, config: MkDocsConfig) -> str | None:
    """The code host's page for the nearest existing folder of `src_uri` inside the docs folder:
    `patterns/tags/trust.md` -> `.../tree/main/content/patterns/`. That is where the files the
    page is made from live, and where the code host's web editor opens or adds one."""
    if not config.repo_url or not config.edit_uri:
        return None
    folder = posixpath.dirname(src_uri)
    while folder and not Path(config.docs_dir, folder).is_dir():
        folder = posixpath.dirname(folder)
    if not folder:
        return None
    parts = config.edit_uri.split("/")
    # GitHub and Gitea say `edit/<branch>/...` and GitLab `-/edit/<branch>/...` for a file; a
    # folder is shown under `tree` instead.
    if "edit" in parts:
        parts[parts.index("edit")] = "tree"
    base = "/".join(parts)
    return config.repo_url.rstrip("/") + "/" + base.strip("/") + f"/{folder}/"
