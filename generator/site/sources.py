"""The site's sources: every page the handbook generates, as Markdown with its front matter, and
every file it adds (feeds, the pattern map, QR codes, schemas), each part made by one function.
The MkDocs plugins hand each part to MkDocs (`plugins/shared.add_part`); `handbook export` writes
all of them into a folder that any Material-compatible engine builds with its search alone. One
code path for both, so the exported site cannot drift from the plugin build.

A hand-written page that the handbook augments (a pattern, a path) goes through `written_page`,
again for both.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from ..calendar.agenda import Window
from ..content import schemas
from ..content.glossary import PAGE as GLOSSARY_PAGE
from ..content.glossary import glossary_page
from ..content.paths import FOLDER as PATHS_FOLDER
from ..content.patterns import PatternGraph
from ..core.markdown_text import html_text
from ..core.model import Content
from ..core.problems import problem_path
from ..core.urls import link
from ..feeds import build as feeds
from ..feeds import published as live
from ..feeds.history import History, read_history
from ..feeds.published import Published
from ..feeds.vevents import Site
from ..pages import calendar as calendar_pages
from ..pages import cards as pattern_cards
from ..pages import paths as path_pages
from ..pages import patterns as pattern_pages
from ..pages import propose, reference, search_index, subscribe
from ..pages.page_html import Body
from ..pages.pattern_map import render_svg
from .settings import Settings
from .views import PatternView, home_view, pattern_view

# The script of the subscribe page's copy buttons, which the feeds add to `extra_javascript`.
FEEDS_SCRIPT = "assets/javascripts/copy.js"
# The script that gives every listing of gatherings the reader's own time, added with the calendar.
CALENDAR_SCRIPT = "assets/javascripts/localtime.js"
# How search ranks the calendar's own pages (`generator.pages.search_index`), by their template.
SEARCH_KINDS = {"event.html": search_index.EVENT, "group.html": search_index.GROUP}
HOME_PAGE = "index.md"


@dataclass(frozen=True)
class Page:
    """A page: where it lives in the docs folder, its front matter and its Markdown."""

    path: str  # like `events/crew-night.md`
    markdown: str
    meta: dict = field(default_factory=dict)  # what the theme reads: title (escaped), template, hb_* ...
    in_nav: bool = True  # False: reached by links only, never listed in the navigation
    edit_url: str | None = None  # the page behind "edit this page"; None: no link
    body: Body | None = None  # the finished HTML of `markdown`, when the handbook made it

    def text(self) -> str:
        """The page as a Markdown file with front matter (joined with any the Markdown opens with)."""
        meta = dict(self.meta)
        # Always said, "" for no link: an engine without our plugins would make one from the
        # page's path, where no file is (the theme's partials/actions.html reads this).
        meta["edit_url"] = self.edit_url or ""
        if not meta:
            return self.markdown
        if self.markdown.startswith("---\n"):
            return front_matter(meta).removesuffix("---\n\n") + self.markdown.removeprefix("---\n")
        return front_matter(meta) + self.markdown


@dataclass(frozen=True)
class StaticFile:
    path: str
    data: str | bytes


@dataclass
class Part:
    pages: list[Page] = field(default_factory=list)
    files: list[StaticFile] = field(default_factory=list)


def front_matter(meta: dict) -> str:
    if not meta:
        return ""
    # PyYAML, as MkDocs reads front matter with it: it quotes what YAML 1.1 would read as another
    # type (`19:00`, `on`), so that every engine reads the text back as it was.
    return "---\n" + yaml.safe_dump(_plain(meta), sort_keys=False, allow_unicode=True, width=4096) + "---\n\n"


def _plain(value):
    """Data as YAML writes it: str for any str (Markup included), lists for tuples."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


# ---------------------------------------------------------------------------------------------
# The parts, one per plugin


def patterns_part(content: Content, settings: Settings) -> Part:
    """The scale index, the tags index and a page per tag, the pattern map, the card deck."""
    folder = settings.patterns.folder
    graph = graph_of(content)
    urls = settings.urls
    # Each page's edit link goes to the folder of the patterns it is made from.
    edit = folder_edit_url(f"{folder}/index.md", settings)
    part = Part(pages=[
        Page(f"{folder}/index.md", pattern_pages.scale_index(graph), edit_url=edit),
        Page(f"{folder}/tags/index.md", pattern_pages.tags_index(graph), edit_url=edit),
    ])
    for tag, tagged in graph.by_tag().items():
        # One page per tag is too many for the navigation: they are reached from the tags index.
        part.pages.append(Page(f"{folder}/tags/{tag}.md", pattern_pages.tag_listing(tag, tagged), in_nav=False,
                               edit_url=edit))
    # The map is raw SVG, which no engine rewrites: its links are made relative here.
    svg_path, page_path = f"{folder}/map.svg", f"{folder}/map.md"
    page_url = urls.page(page_path)

    def href_from(where: str):
        return lambda slug: link(urls.page(f"{folder}/{slug}.md"), where)

    part.files.append(StaticFile(svg_path, render_svg(graph, href_from(svg_path), standalone=True)))
    map_page = pattern_pages.map_page(render_svg(graph, href_from(page_url)), link(svg_path, page_url), graph)
    part.pages.append(Page(page_path, map_page, edit_url=edit))
    _add_deck(part, graph, settings)
    return part


def _add_deck(part: Part, graph: PatternGraph, settings: Settings) -> None:
    """The printable card deck, and the QR code of each card when the site's address is known."""
    urls, folder = settings.urls, settings.patterns.folder
    deck_url = urls.page(pattern_cards.PAGE)
    site_url = settings.site_url.rstrip("/")

    def url(slug: str) -> str:
        return urls.page(f"{folder}/{slug}.md")

    def qr(slug: str) -> str | None:
        if not site_url:
            return None
        path = pattern_cards.qr_file(slug)
        part.files.append(StaticFile(path, pattern_cards.qr_svg(f"{site_url}/{url(slug)}")))
        return link(path, deck_url)

    def address(slug: str) -> str:
        return f"{site_url.split('://', 1)[-1]}/{url(slug)}" if site_url else f"/{url(slug)}"

    cards = pattern_cards.cards_for(graph, lambda slug: link(url(slug), deck_url), address, qr)
    part.pages.append(Page(pattern_cards.PAGE, pattern_cards.deck_page(cards),
                           edit_url=folder_edit_url(pattern_cards.PAGE, settings)))


def paths_part(content: Content, settings: Settings) -> Part:
    return Part(pages=[Page(path_pages.INDEX_PAGE, path_pages.paths_index(content.paths, content.patterns),
                            edit_url=folder_edit_url(path_pages.INDEX_PAGE, settings))])


def glossary_part(content: Content, settings: Settings) -> Part:
    return Part(pages=[Page(GLOSSARY_PAGE, glossary_page(content.glossary, content.patterns),
                            edit_url=folder_edit_url(GLOSSARY_PAGE, settings))])


def calendar_of(content: Content, settings: Settings, now: datetime) -> calendar_pages.Calendar:
    options = settings.calendar
    window = Window(now, options.horizon_days, options.past_days)
    return calendar_pages.Calendar.build(content, window, settings.urls, calendar_pages.Options(
        horizon_days=options.horizon_days, past_days=options.past_days, series_dates=options.series_dates,
        group_past=options.group_past, pattern_gatherings=options.pattern_gatherings,
        listing_limit=options.listing_limit, day_limit=options.day_limit, filter_groups=options.filter_groups,
        subscribe_page=settings.feeds is not None, headings=settings.headings))


def calendar_part(calendar: calendar_pages.Calendar, settings: Settings) -> Part:
    part = Part()
    for page in calendar_pages.all_pages(calendar):
        # Material prints the title and description without escaping them: escape on the way in.
        meta = {"title": html_text(page.title), "description": html_text(page.description),
                "template": page.template, "hb_calendar": dict(page.theme)}
        if page.hide:
            meta["hide"] = list(page.hide)
        # Listings (agenda, month grids, filters, the list of groups) repeat what the event and
        # group pages say: one search hit per gathering or group, on its own page.
        kind = SEARCH_KINDS.get(page.template) if page.searchable else search_index.LISTING
        if kind:
            meta["search"] = search_index.setting(kind)
        edit = file_edit_url(page.source, settings) if page.source else folder_edit_url(page.src_uri, settings)
        part.pages.append(Page(page.src_uri, page.markdown, meta, in_nav=page.in_nav, edit_url=edit, body=page.body))
    return part


def feeds_part(content: Content, settings: Settings, now: datetime, history: History,
               published: dict[str, Published] | None) -> Part:
    """Every feed, and the subscribe page that lists them."""
    site = Site(settings.site_url, settings.site_name, settings.use_directory_urls)
    options = settings.feeds
    built = feeds.build(content, site, now, history, feeds.Options(
        past_days=options.past_days, cancelled_days=options.cancelled_days, refresh=options.refresh), published)
    part = Part(files=[StaticFile(path, data) for path, data in built.files.items()])
    for path, markdown in subscribe.pages(built.feeds, content, site).items():
        # Made from the events, not from a file anyone could edit: no edit link.
        part.pages.append(Page(path, markdown, in_nav=path == subscribe.PAGE))
    return part


def feed_history(root: Path, docs_dir: Path, content: Content, now: datetime) -> History:
    """The git history of the event files, which SEQUENCE and LAST-MODIFIED come from."""
    events_folder = os.path.relpath((docs_dir / "events").resolve(), root.resolve())
    return read_history(root, [event.path for event in content.events.values()], now, events_folder)


def previous_feed(root: Path, settings: Settings):
    """What the live feed says (`previous_feed` in mkdocs.yml), if it was downloaded."""
    path = root / settings.feeds.previous_feed if settings.feeds and settings.feeds.previous_feed else None
    return live.read(path.read_bytes()) if path is not None and path.is_file() else None


def schemas_part(settings: Settings) -> Part:
    return Part(files=[StaticFile(f"{schemas.FOLDER}/{name}", text)
                       for name, text in schemas.all_schema_texts(settings.site_url).items()])


def form_data_part(content: Content, settings: Settings) -> Part:
    """What the proposal form at /contribute/propose/ loads (`generator.pages.propose`): the groups,
    patterns, zones and code host in `schemas/propose.json`, and each gathering's values in
    `schemas/events/<slug>.json` for its "suggest a change"."""
    form = propose.Settings(repo_url=settings.repo_url, edit_uri=settings.edit_uri,
                            organisers_email=settings.organisers_email, site_url=settings.site_url,
                            content_folder=problem_path(settings.docs_dir, settings.root))
    # Site-relative: the form fetches them from the site it is on, `mkdocs serve` included.
    urls = {kind: f"{schemas.FOLDER}/{schemas.file_name(kind)}" for kind in ("event", "group")}
    part = Part(files=[StaticFile(f"{schemas.FOLDER}/{propose.DATA_FILE}",
                                  propose.to_json(propose.form_data(content, form, urls)))])
    part.files += [StaticFile(f"{schemas.FOLDER}/{name}", text)
                   for name, text in propose.event_files(content, settings.root).items()]
    return part


# ---------------------------------------------------------------------------------------------
# Hand-written pages the handbook augments


@dataclass(frozen=True)
class Augmented:
    """A hand-written page after the handbook's additions."""

    meta: dict
    markdown: str


def written_page(src_uri: str, meta: dict, markdown: str, content: Content, settings: Settings,
                 calendar: calendar_pages.Calendar | None) -> Augmented | None:
    """A pattern page with its summary and view data, a path page with its steps, the home page
    with the next gatherings; None for any other page, which is published as written."""
    if src_uri == HOME_PAGE:
        return Augmented({**meta, "hb_home": home_view(calendar).as_meta()}, markdown) if calendar else None
    folder, name = posixpath.split(src_uri)
    slug = name[:-3] if name.endswith(".md") else None
    if slug is None:
        return None
    if settings.patterns and folder == settings.patterns.folder and slug in content.patterns:
        view = pattern_view_of(slug, content, settings, calendar)
        pattern = content.patterns[slug]
        # The summary goes into the Markdown (not just the template) so search indexes it.
        lead = f'<p class="hb-summary">{html_text(pattern.summary)}</p>\n\n'
        return Augmented({**meta, "template": "pattern.html", "description": html_text(pattern.summary),
                          "title": html_text(pattern.title), "hb_pattern": view.as_meta(),
                          "search": search_index.setting(search_index.PATTERN, meta.get("search"))}, lead + markdown)
    if settings.paths and folder == PATHS_FOLDER and slug in content.paths:
        path = content.paths[slug]
        return Augmented({**meta, "title": html_text(path.title), "description": html_text(path.summary),
                          "search": search_index.setting(search_index.PATH, meta.get("search"))},
                         path_pages.path_page(path, content.patterns, markdown))
    return None


_graphs: dict[int, tuple[Content, PatternGraph]] = {}


def pattern_view_of(slug: str, content: Content, settings: Settings,
                    calendar: calendar_pages.Calendar | None) -> PatternView:
    return pattern_view(content.patterns[slug], graph_of(content), content, settings.urls, settings.patterns.folder,
                        settings.paths is not None, calendar)


def graph_of(content: Content) -> PatternGraph:
    """The pattern graph of this build's content, built once for the index pages and every
    pattern page's view."""
    cached = _graphs.get(id(content))
    if cached is None or cached[0] is not content:
        _graphs.clear()
        _graphs[id(content)] = cached = (content, PatternGraph.build(content.patterns))
    return cached[1]


def schema_url(kind: str, settings: Settings) -> str:
    """Where the site publishes the JSON Schema of a format (the Contribute pages link it)."""
    return f"{(settings.site_url or '/').rstrip('/')}/{schemas.FOLDER}/{schemas.file_name(kind)}"


def contribute_markers(markdown: str, settings: Settings) -> tuple[str, list[str]]:
    """The Contribute pages' `<!-- handbook:fields KIND -->` and `<!-- handbook:template KIND -->`
    markers filled from the formats; also the markers that name no format."""
    if "handbook:" not in markdown:
        return markdown, []
    return reference.expand(markdown, lambda kind: schema_url(kind, settings))


# ---------------------------------------------------------------------------------------------
# Edit links


def file_edit_url(source: str, settings: Settings) -> str | None:
    """The code host's editor for a content file (`content/events/x.yml`, from the project root),
    made as MkDocs makes a page's: repo_url, edit_uri, then the path inside the docs folder."""
    if not settings.repo_url or not settings.edit_uri or settings.docs_dir is None or settings.root is None:
        return None
    inside = os.path.relpath(settings.root / source, settings.docs_dir).replace(os.sep, "/")
    return settings.repo_url.rstrip("/") + "/" + settings.edit_uri.strip("/") + "/" + inside


def folder_edit_url(src_uri: str, settings: Settings) -> str | None:
    """The code host's page for the nearest existing folder of `src_uri` inside the docs folder:
    `patterns/tags/trust.md` -> `.../tree/main/content/patterns/`. That is where the files the
    page is made from live, and where the code host's web editor opens or adds one."""
    if not settings.repo_url or not settings.edit_uri:
        return None
    folder = posixpath.dirname(src_uri)
    while folder and settings.docs_dir is not None and not (settings.docs_dir / folder).is_dir():
        folder = posixpath.dirname(folder)
    if not folder:
        return None
    parts = settings.edit_uri.split("/")
    # GitHub and Gitea say `edit/<branch>/...` for a file, GitLab `-/edit/<branch>/...`; a folder is
    # shown under `tree` instead.
    if "edit" in parts:
        parts[parts.index("edit")] = "tree"
    return settings.repo_url.rstrip("/") + "/" + "/".join(parts).strip("/") + f"/{folder}/"
