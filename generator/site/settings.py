"""What the site's sources depend on besides the content: the few settings of mkdocs.yml and the
options of each handbook plugin (None where mkdocs.yml does not enable it)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from ..content import imported
from ..core.urls import Urls
from ..pages.page_html import HeadingStyle, UnsupportedTocOption
from ..project import UsageError
from .options import (
    PLUGINS,
    CalendarOptions,
    EditorsOptions,
    FeedsOptions,
    GlossaryOptions,
    PathsOptions,
    PatternsOptions,
    SearchOptions,
    WayfindingOptions,
)


@dataclass(frozen=True)
class Settings:
    site_url: str = ""
    site_name: str = ""
    use_directory_urls: bool = True
    repo_url: str = ""
    edit_uri: str = ""
    root: Path | None = None  # the folder of mkdocs.yml, which content paths are relative to
    docs_dir: Path | None = None  # for edit links to the folder a generated page is made from
    headings: HeadingStyle = HeadingStyle()
    patterns: PatternsOptions | None = None
    paths: PathsOptions | None = None
    glossary: GlossaryOptions | None = None
    calendar: CalendarOptions | None = None
    feeds: FeedsOptions | None = None
    editors: EditorsOptions | None = None
    search: SearchOptions | None = None
    wayfinding: WayfindingOptions | None = None
    organisers_email: str = ""  # extra.organisers_email: where the proposal form sends an organiser without an account

    @property
    def urls(self) -> Urls:
        return Urls(use_directory_urls=self.use_directory_urls, site_url=self.site_url)


def import_settings(settings: Settings, now: datetime) -> imported.Settings:
    """How this build imports the groups' own calendars: the calendar plugin's options (its
    defaults when it does not run), with `HANDBOOK_CALENDARS=offline` honoured."""
    options = settings.calendar or CalendarOptions()
    return imported.Settings(
        root=settings.root or Path.cwd(), now=now,
        offline=options.calendars_offline or imported.offline_from_environment(),
        timeout=options.calendars_timeout, max_bytes=options.calendars_max_mb * 1_000_000,
        past_days=options.past_days, site_url=settings.site_url)


def from_mkdocs_yml(data: dict, root: Path | None = None, docs_dir: Path | None = None) -> Settings:
    """The settings of a mkdocs.yml read as plain YAML (`project.mkdocs_yml`)."""
    enabled = {}
    for entry in data.get("plugins") or []:
        name, given = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name in PLUGINS:
            known = {f.name for f in fields(PLUGINS[name])}
            options = PLUGINS[name](**{k: v for k, v in (given or {}).items() if k in known})
            if options.enabled:
                enabled[name.removeprefix("handbook-")] = options
    return Settings(
        site_url=data.get("site_url") or "", site_name=data.get("site_name") or "",
        use_directory_urls=data.get("use_directory_urls", True), repo_url=data.get("repo_url") or "",
        organisers_email=str((data.get("extra") or {}).get("organisers_email") or ""),
        root=root, docs_dir=docs_dir, edit_uri=data.get("edit_uri") or _default_edit_uri(data.get("repo_url") or ""),
        headings=_headings(data),
        **enabled)


def _headings(data: dict) -> HeadingStyle:
    try:
        return HeadingStyle.from_toc_options(toc_options(data.get("markdown_extensions") or []))
    except UnsupportedTocOption as err:
        raise UsageError(f"mkdocs.yml: {err}") from None


def toc_options(extensions: list) -> dict | None:
    """The `toc` extension's options, or None when it is not used (no permalinks)."""
    for entry in extensions:
        name, given = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name in ("toc", "markdown.extensions.toc"):
            return given or {}
    return None


def _default_edit_uri(repo_url: str) -> str:
    # MkDocs' default for the two hosts it knows.
    if "github.com" in repo_url:
        return "edit/master/docs/"
    if "bitbucket.org" in repo_url:
        return "src/default/docs/"
    return ""
