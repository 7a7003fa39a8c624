"""What both plugins need: the content loaded once per build, and content problems reported."""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.content import load_content
from generator.formats import relative
from generator.model import Content
from generator.problems import Problem

log = get_plugin_logger("handbook")


def project_root(config: MkDocsConfig) -> Path:
    """Paths in messages are relative to the folder of mkdocs.yml, as `handbook check` prints them."""
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def report(problems: list[Problem]) -> None:
    """One log line per problem; each one counts as an error, so `--strict` fails on it."""
    for problem in sorted(problems):
        log.error(str(problem))


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
        content = load_content(Path(config.docs_dir), project_root(config))
        report(content.problems)
        _loaded[id(config)] = (config, content)
    return _loaded[id(config)][1]


def replace_file(files: Files, file: File) -> None:
    """Add a generated file, taking the place of any file at the same path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def leave_out_unsafe(files: Files, content: Content, config: MkDocsConfig) -> None:
    """Take out of the build the files whose problems say it must not convert them (Markdown that
    would take it minutes: `generator.markdown_cost`); the problems still fail the build."""
    unsafe = {problem.path for problem in content.problems if problem.leave_out}
    if not unsafe:
        return
    root = project_root(config)
    for file in files:
        if file.abs_src_path and relative(Path(file.abs_src_path), root) in unsafe:
            file.inclusion = InclusionLevel.EXCLUDED
