"""The feeds plugin: writes the iCalendar feeds and the subscribe page. The feeds are made by
`generator.feeds.build`; this module reads the configuration, the git history, and hands MkDocs files."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.core import clock
from generator.core.serving import HEADERS_FILE, headers_file
from generator.feeds import build as feeds
from generator.feeds import published
from generator.feeds.history import read_history
from generator.feeds.vevents import Site
from generator.pages import subscribe
from plugins.shared import content_for, keep_to_content, project_root, replace_file, stop_before_unsafe_walk

from .config import FeedsConfig

log = get_plugin_logger("handbook-feeds")
COPY_SCRIPT = "assets/javascripts/copy.js"


class FeedsPlugin(BasePlugin[FeedsConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        for name in ("past_days", "cancelled_days", "refresh_hours"):
            if self.config[name] < 1:
                raise PluginError(f"handbook-feeds: `{name}` must be at least 1, not {self.config[name]}")
        if not config.site_url:
            raise PluginError("handbook-feeds: set `site_url` in mkdocs.yml; feeds and their links need "
                              "the site's public address")
        if COPY_SCRIPT not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(COPY_SCRIPT)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            stop_before_unsafe_walk(config)

    @event_priority(-75)  # after the patterns and calendar plugins
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        content = content_for(config)
        keep_to_content(files, config)
        now = clock.now()
        root = project_root(config)
        events_folder = os.path.relpath(Path(config.docs_dir, "events").resolve(), root)
        history = read_history(root, [event.path for event in content.events.values()], now, events_folder)
        if not history.complete:
            required = self.config.require_history or os.environ.get("HANDBOOK_REQUIRE_HISTORY") == "1"
            message = (f"git history is incomplete ({history.reason}): SEQUENCE and LAST-MODIFIED "
                       "fall back to the build time")
            if required:
                raise PluginError(f"handbook-feeds: {message}")
            log.info(message)
        site = Site(config.site_url, config.site_name, config.use_directory_urls)
        options = feeds.Options(past_days=self.config.past_days, cancelled_days=self.config.cancelled_days,
                                refresh=timedelta(hours=self.config.refresh_hours))
        built = feeds.build(content, site, now, history, options, self._published(root))
        for path, data in built.files.items():
            replace_file(files, File.generated(config, path, content=data))
        for src_uri, markdown in subscribe.pages(built.feeds, content, site).items():
            main = src_uri == subscribe.PAGE
            page = File.generated(config, src_uri, content=markdown,
                                  inclusion=InclusionLevel.UNDEFINED if main else InclusionLevel.NOT_IN_NAV)
            page.edit_uri = None  # made from the events, not from a file anyone could edit
            replace_file(files, page)
        return files

    def _published(self, root: Path):
        if not self.config.previous_feed:
            return None
        path = root / self.config.previous_feed
        if not path.is_file():
            log.info(f"no previous feed at {path}: SEQUENCE comes from git history alone")
            return None
        return published.read(path.read_bytes())

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # GitHub Pages runs Jekyll unless told not to, and Jekyll may not serve every file as is.
        Path(config.site_dir, ".nojekyll").write_bytes(b"")
        # The type and charset of the feeds, for the hosts that read `_headers` (see `serving`).
        Path(config.site_dir, HEADERS_FILE).write_bytes(headers_file())

