"""The wayfinding plugin: every page outside the navigation (a pattern, a gathering, a group, a
tag, a month) is placed under the navigation item whose address holds its own, so that the menu
highlights that section and Material's breadcrumbs (`navigation.path`) lead back to it:
/events/newtown-thursday-crew/ sits under Gatherings (/events/), /patterns/tags/food/ under
Tags (/patterns/tags/), which is under Patterns.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import WayfindingConfig


class WayfindingPlugin(BasePlugin[WayfindingConfig]):
    supports_multiple_instances = False

    @event_priority(-100)  # after any plugin that changes the navigation
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        places = places_in(nav)
        in_nav = {id(page) for page in nav.pages}
        for file in files.documentation_pages():
            page = file.page
            if page is None or id(page) in in_nav or page.is_homepage:
                continue
            page.parent = nearest(page.url, places)
        return nav


def places_in(nav: Navigation) -> dict[str, Page | Section]:
    """Each address of the navigation and the item it stands for: a section's index page stands
    for the section (Material's `navigation.indexes`), any other page for itself."""
    places: dict[str, Page | Section] = {}
    for page in nav.pages:
        if page.is_homepage:
            continue
        section = page.parent
        is_index = section is not None and section.children and section.children[0] is page and page.is_index
        places.setdefault(page.url, section if is_index else page)
    return places


def nearest(url: str, places: dict[str, Page | Section]) -> Page | Section | None:
    """The item whose address is the longest folder above `url`, or None at the top."""
    parts = url.rstrip("/").split("/")[:-1]
    while parts:
        place = places.get("/".join(parts) + "/")
        if place is not None:
            return place
        parts.pop()
    return None
