"""What the plugins share: the content loaded once per build, content problems reported, and the
site's sources (`generator/site`) handed to MkDocs."""

from __future__ import annotations

import html
import os
from dataclasses import fields
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.content.imported import Settings as CalendarSettings
from generator.content.load import load_content
from generator.core import clock
from generator.core.model import Content
from generator.core.problems import Problem, problem_path
from generator.pages.calendar import Calendar
from generator.pages.page_html import HeadingStyle, UnsupportedTocOption, toc_tokens
from generator.site import sources
from generator.site.options import PLUGINS, problems_of
from generator.site.settings import Settings, import_settings

log = get_plugin_logger("handbook")


class HandbookPlugin(BasePlugin):
    """What every plugin of the handbook does around its own work: it knows whether `mkdocs serve`
    runs it (content problems then do not stop the server), and it stops a build whose walk of
    the docs folder would be unsafe before MkDocs starts that walk. Subclass it as
    `HandbookPlugin[TheConfig]`, as MkDocs' own `BasePlugin`."""

    supports_multiple_instances = False
    serving = False

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            stop_before_unsafe_walk(config)


def add_script(config: MkDocsConfig, path: str) -> None:
    """Load a script of the theme on every page (once, whoever asks)."""
    if path not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(path)


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
        calendar = settings_for(config).calendar
        report_warnings(content.warnings, calendar is not None and calendar.calendars_strict)
        _loaded[id(config)] = (config, content)
    return _loaded[id(config)][1]


def calendar_settings(config: MkDocsConfig) -> CalendarSettings:
    """How this build imports the groups' calendars: the calendar plugin's options."""
    return import_settings(settings_for(config), clock.now())


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
        if file.abs_src_path and problem_path(Path(file.abs_src_path), root) in unsafe:
            file.inclusion = InclusionLevel.EXCLUDED


# -- the site's sources, shared by the plugins (generator/site) ------------------------------------


def config_class(options: type) -> type[Config]:
    """The MkDocs config class of a plugin, made from its options in `generator/site/options`,
    where each is declared once with its default and help text."""
    attributes = {}
    for option in fields(options):
        kind = {"bool": bool, "int": int, "str": str}.get(str(option.type).split(" |")[0])
        checked = opt.Type(kind, default=option.default)
        attributes[option.name] = opt.Optional(opt.Type(kind)) if option.default is None else checked
    return type(f"{options.__name__.removesuffix('Options')}Config", (Config,), attributes)


def options_of(plugin: BasePlugin, options: type):
    """A plugin's options as the generator's dataclass."""
    return options(**{option.name: plugin.config[option.name] for option in fields(options)})


def check_options(name: str, plugin: BasePlugin, options: type) -> None:
    problems = problems_of(name, options_of(plugin, options))
    if problems:
        raise PluginError(problems[0])


_settings: dict[int, tuple[MkDocsConfig, Settings]] = {}


def settings_for(config: MkDocsConfig) -> Settings:
    """mkdocs.yml's settings and the options of each handbook plugin that runs in this build."""
    cached = _settings.get(id(config))
    if cached is None or cached[0] is not config:
        _settings.clear()
        _settings[id(config)] = cached = (config, _settings_of(config))
    return cached[1]


def _settings_of(config: MkDocsConfig) -> Settings:
    enabled = {}
    for name, options in PLUGINS.items():
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.enabled:
            enabled[name.removeprefix("handbook-")] = options_of(plugin, options)
    return Settings(site_url=config.site_url or "", site_name=config.site_name,
                    use_directory_urls=config.use_directory_urls, repo_url=config.repo_url or "",
                    edit_uri=config.edit_uri or "", root=project_root(config), docs_dir=Path(config.docs_dir),
                    organisers_email=str(config.extra.get("organisers_email") or ""),
                    headings=_headings(config), **enabled)


def _headings(config: MkDocsConfig) -> HeadingStyle:
    try:
        return HeadingStyle.from_toc_options(toc_options(config))
    except UnsupportedTocOption as err:
        raise PluginError(str(err)) from None


def toc_options(config: MkDocsConfig) -> dict | None:
    """The `toc` extension's options, or None when mkdocs.yml does not use it (no permalinks)."""
    if not any(name in ("toc", "markdown.extensions.toc") for name in config.markdown_extensions
               if isinstance(name, str)):
        return None
    return config.mdx_configs.get("toc") or config.mdx_configs.get("markdown.extensions.toc") or {}


_calendars: dict[int, tuple[MkDocsConfig, Calendar]] = {}


def calendar_for(config: MkDocsConfig) -> Calendar | None:
    """The calendar of this build, made once (None when the calendar plugin does not run)."""
    settings = settings_for(config)
    if settings.calendar is None:
        return None
    cached = _calendars.get(id(config))
    if cached is None or cached[0] is not config:
        _calendars.clear()
        _calendars[id(config)] = cached = (config, sources.calendar_of(content_for(config), settings, clock.now()))
    return cached[1]


_edit_links: dict[int, tuple[Files, dict[str, str]]] = {}


def add_part(files: Files, config: MkDocsConfig, part: sources.Part) -> None:
    """Hand one part of the site's sources to MkDocs: a File for each. A page whose HTML the
    handbook made gets its Page now (`SourcePage`); any other is a Markdown file with its front
    matter, which MkDocs reads as it reads a hand-written one (so mkdocs.yml's nav titles apply)."""
    for static in part.files:
        replace_file(files, File.generated(config, static.path, content=static.data))
    links = edit_links(files)
    for page in part.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown if page.body else page.text(),
                              inclusion=inclusion)
        replace_file(files, file)
        if page.body is not None:
            SourcePage(file, config, page)  # becomes `file.page`, which MkDocs renders
        elif page.edit_url:
            links[page.path] = page.edit_url


def edit_links(files: Files) -> dict[str, str]:
    """The edit links of this build's generated Markdown pages, by path: MkDocs makes a page's
    link from its file's path, which a generated page does not have (see `SourcePage`)."""
    cached = _edit_links.get(id(files))
    if cached is None or cached[0] is not files:
        _edit_links.clear()
        _edit_links[id(files)] = cached = (files, {})
    return cached[1]


class SourcePage(Page):
    """A generated page whose HTML the handbook made (`page.body`): MkDocs shows it without running
    Markdown over it (Python-Markdown would only pass it through, at about 3 ms a page), and takes
    its front matter and edit link from the site's sources. If a plugin changes `page.markdown`,
    the page is rendered as any other."""

    def __init__(self, file: File, config: MkDocsConfig, source: sources.Page):
        super().__init__(None, file, config)
        self.source = source
        self.edit_url = source.edit_url

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.source.markdown
        self.meta = dict(self.source.meta)  # no YAML to parse again, on thousands of calendar pages

    def render(self, config: MkDocsConfig, files: Files) -> None:
        body = self.source.body
        if body is None or self.markdown != self.source.markdown:
            super().render(config, files)
            return
        self.content = body.html
        self.toc = get_toc(toc_tokens(body))
        self.present_anchor_ids = body.anchor_ids
        self.links_to_anchors = {}
