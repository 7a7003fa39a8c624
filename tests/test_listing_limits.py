"""Listing pages stay small however big the calendar grows: the agenda, the past page, the filter
pages and the group pages list at most `listing_limit` gatherings and point to the month pages,
which list every one. The indexes that make group and pattern listings fast give the same
lists as scanning the whole calendar."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.calendar import agenda
from generator.calendar.agenda import Window
from generator.content.load import load_content
from generator.core.urls import Urls
from generator.pages.calendar import Calendar, Options, all_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import DEFAULT_EPOCH, Size, write_handbook  # noqa: E402

LIMIT = 15
DAY_LIMIT = 2


@pytest.fixture(scope="module")
def calendar(tmp_path_factory):
    root = write_handbook(tmp_path_factory.mktemp("big"), Size(10, 400)).root
    content = load_content(root / "content", root)
    assert not content.problems
    window = Window(datetime.fromtimestamp(DEFAULT_EPOCH, tz=timezone.utc), 90, 365)
    return Calendar.build(content, window, Urls(use_directory_urls=True, site_url="https://example.org/"),
                          Options(listing_limit=LIMIT, day_limit=DAY_LIMIT))


@pytest.fixture(scope="module")
def pages(calendar):
    return {page.src_uri: page for page in all_pages(calendar)}


def url_of(calendar, src_uri: str, href: str) -> str:
    """The site path a link on a page leads to."""
    here = calendar.urls.page(src_uri)
    return (Path("/site") / here / href).resolve().relative_to("/site").as_posix()


def target_of(calendar, src_uri: str, href: str) -> str:
    return url_of(calendar, src_uri, href) + "/index.md"


def listed(page) -> list:
    # A group page lists its own gatherings first, then its crews' (each list cut at the limit),
    # and its past gatherings folded away.
    upcoming = page.markdown.split('<details class="hb-fold"')[0]
    own, _, crews = upcoming.partition("## Other gatherings of its crews")
    longest = max(own, crews, key=lambda part: part.count('<li class="hb-entry'))
    return BeautifulSoup(longest, "html.parser").select("li.hb-entry")


def busiest_tag(calendar) -> str:
    return max(agenda.all_tags(calendar.content.events.values()),
               key=lambda tag: len(agenda.for_tag(list(calendar.upcoming), tag)))


@pytest.mark.parametrize("src_uri", ["events/index.md", "events/past/index.md", "events/tags/BUSIEST/index.md",
                                     "events/groups/congregation-000/index.md", "groups/congregation-000.md"])
def test_a_long_listing_shows_the_limit_and_links_every_month_of_the_rest(calendar, pages, src_uri):
    src_uri = src_uri.replace("BUSIEST", busiest_tag(calendar))
    page = pages[src_uri]
    assert len(listed(page)) == LIMIT
    more = BeautifulSoup(page.markdown, "html.parser").select_one("p.hb-more")
    assert more is not None and f"{LIMIT} of " in more.get_text()
    # Each link goes to a month page that exists, relative to where the page is served.
    for link in more.select("a"):
        assert target_of(calendar, src_uri, link["href"]) in pages


def test_the_past_page_keeps_the_most_recent(calendar, pages):
    days = [item.select_one("time")["datetime"] for item in listed(pages["events/past/index.md"])]
    assert days == sorted(days, reverse=True)
    assert days[0] == calendar.past[0].day.isoformat()


def test_indexed_group_pattern_and_tag_lists_equal_a_full_scan(calendar):
    groups = calendar.content.groups
    for slug in groups:
        members = agenda.family(slug, groups)
        assert calendar.upcoming_of(members) == agenda.for_groups(list(calendar.upcoming), members)
        assert calendar.past_of(members) == agenda.for_groups(list(calendar.past), members)
    for slug in calendar.content.patterns:
        assert calendar.upcoming_practising(slug) == agenda.for_pattern(list(calendar.upcoming), slug)
    for tag in agenda.all_tags(calendar.content.events.values()):
        assert calendar.upcoming_tagged(tag) == agenda.for_tag(list(calendar.upcoming), tag)


def test_a_busy_day_in_a_month_grid_shows_the_limit_and_links_a_page_with_all_of_it(calendar, pages):
    """Every gathering of a month reaches the reader: in its cell, or on the page of its day."""
    crowded = 0
    for year, month in calendar.window.months():
        src = f"events/{year:04d}/{month:02d}/index.md"
        grid = BeautifulSoup(pages[src].markdown, "html.parser")
        for cell in grid.select("td.hb-month__day--busy"):
            shown = cell.select("li.hb-month__entry")
            more = cell.select_one("li.hb-month__more a")
            assert len(shown) <= DAY_LIMIT
            if more is None:
                continue
            crowded += 1
            day_src = target_of(calendar, src, more["href"])
            day_page = BeautifulSoup(pages[day_src].markdown, "html.parser")
            listed_links = [url_of(calendar, day_src, a["href"])
                            for a in day_page.select("li.hb-entry .hb-entry__title a")]
            hidden = int(more.get_text().split()[0])
            assert len(listed_links) == len(shown) + hidden
            assert listed_links[:len(shown)] == [url_of(calendar, src, li.a["href"]) for li in shown]
            day = more["href"].rstrip("/").split("/")[-1]
            assert day_page.h1.get_text().split()[1] == str(int(day))
    assert crowded > 10  # the synthetic calendar has busy days


def test_only_busy_days_have_a_page_of_their_own(calendar, pages):
    day_pages = [src for src in pages if src.count("/") == 4 and src.startswith("events/20")]
    assert day_pages
    for src in day_pages:
        assert len(BeautifulSoup(pages[src].markdown, "html.parser").select("li.hb-entry")) > DAY_LIMIT


def filter_rows(page) -> dict[str, list[str]]:
    """Each row of filter chips on an agenda page: its label and the chips' texts (counts dropped)."""
    rows = {}
    for row in BeautifulSoup(page.markdown, "html.parser").select("nav.hb-filters p.hb-filters__row"):
        label = row.select_one(".hb-filters__label").get_text()
        rows[label] = [a.get_text(" ").rsplit(" ", 1)[0].strip() for a in row.select("a.hb-filter")]
    return rows


@pytest.fixture(scope="module")
def many_groups_pages(calendar):
    """The same calendar with `filter_groups` below its number of groups."""
    many = Calendar.build(calendar.content, calendar.window, calendar.urls,
                          Options(listing_limit=LIMIT, filter_groups=3))
    return {page.src_uri: page for page in all_pages(many)}


def test_with_many_groups_the_filters_list_congregations_and_a_congregations_crews(calendar, pages,
                                                                                   many_groups_pages):
    groups = calendar.content.groups
    top = {g.name for g in groups.values() if not g.part_of}
    congregation = next(g for g in groups.values() if g.kind == "congregation")
    crews = sorted((g for g in groups.values() if g.part_of == congregation.slug), key=lambda g: g.name.lower())
    assert len(groups) > 3 and crews

    agenda_rows = filter_rows(many_groups_pages["events/index.md"])
    assert set(agenda_rows["Group"]) == {"All"} | top and "Crew" not in agenda_rows
    for slug in (congregation.slug, crews[0].slug):
        rows = filter_rows(many_groups_pages[f"events/groups/{slug}/index.md"])
        assert set(rows["Group"]) == {"All"} | top
        assert rows["Crew"] == [crew.name for crew in crews]
    active = BeautifulSoup(many_groups_pages[f"events/groups/{crews[0].slug}/index.md"].markdown, "html.parser") \
        .select("a.hb-filter--active")
    assert [a.get_text(" ").rsplit(" ", 1)[0].strip() for a in active] == [crews[0].name]
    # Under the threshold every group has its chip on the agenda.
    assert set(filter_rows(pages["events/index.md"])["Group"]) == {"All"} | {g.name for g in groups.values()}


def test_with_many_groups_the_groups_page_lists_crews_on_their_congregations_card(calendar, pages,
                                                                                    many_groups_pages):
    index = BeautifulSoup(many_groups_pages["groups/index.md"].markdown, "html.parser")
    groups = calendar.content.groups
    cards = {card.a.get_text(): card for card in index.select("ul.hb-group-cards > li")}
    assert set(cards) == {g.name for g in groups.values() if g.part_of not in groups}
    for group in groups.values():
        if group.part_of in groups:
            card = cards[groups[group.part_of].name]
            crews_line = next(small.get_text() for small in card.select("small") if "Crews:" in small.get_text())
            assert group.name in crews_line
    # Under the threshold every group has a card.
    full = BeautifulSoup(pages["groups/index.md"].markdown, "html.parser")
    assert len(full.select("ul.hb-group-cards > li")) == len(groups)
