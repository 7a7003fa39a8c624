"""What both plugins need: the content loaded once per build, and content problems reported."""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.content.formats import relative
from generator.content.imported import Settings as CalendarSettings
from generator.content.imported import offline_from_environment
from generator.content.load import load_content
from generator.core import clock
from generator.core.model import Content
from generator.core.problems import Problem

log = get_plugin_logger("handbook")


def project_root(config: MkDocsConfig) -> Path:
    """Paths in messages are relative to the folder of mkdocs.yml, as `handbook check` prints them."""
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def report(problems: list[Problem]) -> None:
    """One log line per problem; each one counts as an error, so `--strict` fails on it."""
    for problem in sorted(problems):
        log.error(str(problem))


def report_warnings(warnings: list[Problem], strict: bool) -> None:
    """Problems with the groups' calendar feeds: warnings (which `mkdocs build --strict` fails on)
    when the editors ask for it (`calendars_strict`), else information that does not fail it."""
    for problem in sorted(warnings):
        (log.warning if strict else log.info)(f"{problem}")


def fail_if(problems: list[Problem]) -> None:
    if problems:
        raise PluginError(f"{len(problems)} problem(s) in the content; see the lines above")


def safe_title(text: str) -> str:
    """Material prints page titles and descriptions without escaping: escape them on the way in."""
    return html.escape(text, quote=True)


_loaded: dict[int, tuple[MkDocsConfig, Content]] = {}


def content_for(config: MkDocsConfig) -> Content:
    """The content of this build, loaded and reported once, whichever plugin asks first.

    `mkdocs serve` loads a fresh config for every rebuild, so a new config means new content.
    """
    cached = _loaded.get(id(config))
    if cached is None or cached[0] is not config:
        _loaded.clear()
        content = load_content(Path(config.docs_dir), project_root(config), calendar_settings(config))
        report(content.problems)
        report_warnings(content.warnings, _calendar_option(config, "calendars_strict", False))
        _loaded[id(config)] = (config, content)
    return _loaded[id(config)][1]


def calendar_settings(config: MkDocsConfig) -> CalendarSettings:
    """How this build imports the groups' calendars: the calendar plugin's options."""
    option = functools.partial(_calendar_option, config)
    return CalendarSettings(
        root=project_root(config), now=clock.now(),
        offline=option("calendars_offline", False) or offline_from_environment(),
        timeout=option("calendars_timeout", CalendarSettings.timeout),
        max_bytes=option("calendars_max_mb", CalendarSettings.max_bytes // 1_000_000) * 1_000_000,
        past_days=option("past_days", CalendarSettings.past_days), site_url=config.site_url or "")


def _calendar_option(config: MkDocsConfig, name: str, default):
    plugin = config.plugins.get("handbook-calendar")
    return plugin.config.get(name, default) if plugin is not None else default


def replace_file(files: Files, file: File) -> None:
    """Add a generated file, taking the place of any file at the same path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def stop_before_unsafe_walk(config: MkDocsConfig) -> None:
    """Stop the build, before MkDocs walks the docs folder, when the walk would follow a link to a
    folder (anywhere on the machine, or round in a loop) or has no end in sight. MkDocs' own walk
    follows links and no plugin event comes between it and the files it finds."""
    hazards = content_for(config).walk_hazards
    if hazards:
        raise PluginError(f"{len(hazards)} link(s) to folders or oversized folders in the content: MkDocs would "
                          "walk them; the build stops here (see the lines above)")


def keep_to_content(files: Files, config: MkDocsConfig) -> None:
    """Take out of the build every file of the docs folder that the content walk did not accept
    for publishing: links, pipes, files of other types, files where the build writes. MkDocs would
    otherwise copy each of them to the site as it is. Each has been reported (`content.files`).

    A docs file keeps MkDocs from adding the theme's file of the same path (that is how a site
    overrides the theme): once a refused one is out, the theme's files are offered again."""
    published = content_for(config).published
    docs = os.path.abspath(config.docs_dir)
    refused = [file for file in files if file.generated_by is None and file.src_dir is not None
               and os.path.abspath(file.src_dir) == docs and file.src_uri not in published]
    for file in refused:
        files.remove(file)
    if refused:
        files.add_files_from_theme(config.theme.get_env(), config)


def leave_out_unsafe(files: Files, content: Content, config: MkDocsConfig) -> None:
    """Take out of the build the files whose problems say it must not convert them (Markdown that
    would take it minutes: `generator.content.markdown_cost`); the problems still fail the build."""
    unsafe = {problem.path for problem in content.problems if problem.leave_out}
    if not unsafe:
        return
    root = project_root(config)
    for file in files:
        if file.abs_src_path and relative(Path(file.abs_src_path), root) in unsafe:
            file.inclusion = InclusionLevel.EXCLUDED
