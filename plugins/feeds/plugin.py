"""The feeds plugin: writes the iCalendar feeds and the subscribe page. The feeds are made by
`generator.feeds.build` (through `generator.site.sources`); this module reads the configuration, the git history, and hands MkDocs files."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from generator.core import clock
from generator.core.serving import HEADERS_FILE, headers_file
from generator.site import sources
from generator.site.options import FeedsOptions
from plugins.shared import (
    HandbookPlugin,
    add_part,
    add_script,
    check_options,
    content_for,
    keep_to_content,
    project_root,
    settings_for,
)

from .config import FeedsConfig

log = get_plugin_logger("handbook-feeds")


class FeedsPlugin(HandbookPlugin[FeedsConfig]):
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        check_options("handbook-feeds", self, FeedsOptions)
        if not config.site_url:
            raise PluginError("handbook-feeds: set `site_url` in mkdocs.yml; feeds and their links need "
                              "the site's public address")
        add_script(config, sources.FEEDS_SCRIPT)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)
        now = clock.now()
        root = project_root(config)
        history = sources.feed_history(root, Path(config.docs_dir), content, now)
        if not history.complete:
            required = self.config.require_history or os.environ.get("HANDBOOK_REQUIRE_HISTORY") == "1"
            message = (f"git history is incomplete ({history.reason}): SEQUENCE and LAST-MODIFIED "
                       "fall back to the build time")
            if required:
                raise PluginError(f"handbook-feeds: {message}")
            log.info(message)
        add_part(files, config, sources.feeds_part(content, settings_for(config), now, history, self._published(root, config)))
        return files

    def _published(self, root: Path, config: MkDocsConfig):
        settings = settings_for(config)
        if settings.feeds.previous_feed and not (root / settings.feeds.previous_feed).is_file():
            log.info(f"no previous feed at {root / settings.feeds.previous_feed}: SEQUENCE comes from git history alone")
        return sources.previous_feed(root, settings)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # GitHub Pages runs Jekyll unless told not to, and Jekyll may not serve every file as is.
        Path(config.site_dir, ".nojekyll").write_bytes(b"")
        # The type and charset of the feeds, for the hosts that read `_headers` (see `serving`).
        Path(config.site_dir, HEADERS_FILE).write_bytes(headers_file())

