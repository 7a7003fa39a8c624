"""A first visit and finding one's way back: the home page, the calendar's one name, breadcrumbs
on the pages outside the menu, and the pages that were hard to read on a phone."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}


def test_the_home_page_shows_where_to_start_the_next_gatherings_and_the_subscribe_link_without_script(new_page):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto("/")
    next_ones = page.locator(".hb-home-next .hb-gathering a")
    assert 1 <= next_ones.count() <= 4
    for href in next_ones.evaluate_all("links => links.map(a => a.href)"):
        assert re.fullmatch(r"/events/[a-z0-9-]+/", urlsplit(href).path), href
    page.locator(".hb-home-next a", has_text="Subscribe").click()
    assert urlsplit(page.url).path == "/subscribe/"
    page.goto("/")
    page.locator("article a", has_text="Start a crew").first.click()
    assert urlsplit(page.url).path == "/paths/start-a-crew/"


def test_the_calendar_has_one_name_in_the_menu_the_title_and_the_home_page(page):
    page.goto("/")
    assert page.locator(".md-nav--primary .md-nav__link", has_text=re.compile(r"^\s*Calendar\s*$")).count() == 0
    assert page.locator(".md-nav--primary .md-nav__link", has_text=re.compile(r"^\s*Gatherings\s*$")).count() >= 1
    page.locator(".hb-home-head a", has_text="Gatherings").click()
    assert page.locator("article h1").first.inner_text().strip() == "Gatherings"


@pytest.mark.parametrize("path, crumbs", [
    ("/events/newtown-thursday-crew/", ["Home", "Gatherings"]),
    ("/groups/newtown-crew/", ["Home", "Groups"]),
    ("/patterns/crew/", ["Home", "Patterns"]),
    ("/patterns/tags/food/", ["Home", "Patterns", "Tags"]),
])
def test_pages_outside_the_menu_have_breadcrumbs_back_to_their_section(page, path, crumbs):
    page.goto(path)
    links = page.locator(".md-path__link")
    assert [text.strip() for text in links.all_inner_texts()] == crumbs
    links.last.click()
    assert urlsplit(page.url).path == "/" + path.strip("/").rsplit("/", 1)[0] + "/"


def test_the_pattern_map_on_a_phone_says_it_scrolls_and_lists_the_patterns(new_page):
    page = new_page(**PHONE)
    page.goto("/patterns/map/")
    hint = page.locator(".hb-map-hint")
    assert hint.is_visible() and "sideways" in hint.inner_text()
    hint.locator("a").click()
    listed = page.locator(".hb-map-list a")
    assert listed.count() == page.locator("svg.hb-map a").count() and listed.first.is_visible()
    desktop = new_page()
    desktop.goto("/patterns/map/")
    assert not desktop.locator(".hb-map-hint").is_visible()


def test_the_field_tables_read_as_cards_on_a_phone(new_page):
    page = new_page(**PHONE)
    page.goto("/contribute/events/")
    cells = page.locator(".hb-fields td:nth-child(4)")
    assert cells.count() > 10
    widths = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
    assert min(widths) > 250, f"'what it means' is squeezed on a 360 px phone: {min(widths)} px"
