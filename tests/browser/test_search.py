"""Search as a reader uses it: open Material's search, type (Material listens to keyup, so the
keys are pressed, not filled in), read the results, follow one.

The words come from the content itself; each test first checks that its word is still where it
says, so a rewritten pattern fails here with a clear message instead of testing nothing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitebuild import ROOT

pytestmark = pytest.mark.browser

PATTERN = "dinner-table"
# Listings repeat what the pages they list say; search leads to those pages instead.
LISTINGS = re.compile(r"^/(patterns/(tags/.*|map/)?|paths/|groups/|events/(\d{4}/.*|groups/.*|tags/.*|areas/.*|past/)?)$")
DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
PATTERN_SOURCE = ROOT / "content" / "patterns" / f"{PATTERN}.md"
TOP = 3  # "first or near the top": among the first three pages listed


def front_matter_and_body(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return front, body


def open_search(page):
    """Wide screens show the search box in the header; narrow ones a magnifier that opens it."""
    box = page.locator(".md-search__input")
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
        page.wait_for_function("document.getElementById('__search').checked")
        box.focus()
    else:
        box.click()


def search(page, query: str) -> list[str]:
    """Type `query` into the search box; the paths of the pages listed, best first."""
    open_search(page)
    box = page.locator(".md-search__input")
    box.press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__item", state="attached")
    # The worker answers each keystroke; wait until the list stops changing.
    previous, stable_since = None, time.monotonic()
    while time.monotonic() - stable_since < 0.6:
        current = page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item > a.md-search-result__link",
            "links => links.map(link => link.href)",
        )
        if current != previous:
            previous, stable_since = current, time.monotonic()
        time.sleep(0.1)
    return [urlsplit(href).path for href in previous]


def search_from_home(new_page, device: str, query: str) -> list[str]:
    """A fresh reader on `device` opens the home page and searches `query`."""
    page = new_page(**DEVICES[device])
    page.goto("/")
    return search(page, query)


def assert_nothing_found(page, query: str):
    open_search(page)
    page.locator(".md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__meta").filter(has_text=re.compile("No matching", re.I)).wait_for()
    assert page.locator(".md-search-result__item").count() == 0


def assert_near_top(paths: list[str], wanted: str, query: str):
    assert wanted in paths[:TOP], f"searching {query!r}: {wanted} is not among the first {TOP} results {paths[:8]}"


@pytest.mark.parametrize("part, word, start", [("summary", "companions", "/"), ("body", "projector", "/patterns/"),
                                              ("tags", "food", "/")])
def test_a_word_from_a_part_of_a_pattern_finds_it(page, part, word, start):
    front, body = front_matter_and_body(PATTERN_SOURCE)
    text = body if part == "body" else re.search(rf"^{part}:.*$", front, re.M).group(0)
    assert re.search(rf"\b{word}\b", text), f"{PATTERN_SOURCE} no longer has {word!r} in its {part}"
    page.goto(start)
    assert_near_top(search(page, word), f"/patterns/{PATTERN}/", word)


def test_an_events_title_finds_the_event(page):
    page.goto("/events/")
    title = page.locator(".hb-entry__title a", has_text="Peckham Rye").first.inner_text().strip()
    assert title, "the agenda no longer lists the Peckham Rye walk"
    assert_near_top(search(page, title), "/events/peckham-rye-walk/", title)


def test_a_result_leads_to_the_page_it_names(page):
    page.goto("/")
    search(page, "projector")
    first = page.locator(".md-search-result__list > .md-search-result__item > a.md-search-result__link").first
    listed_title = first.locator("h1").inner_text().strip()
    first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/patterns/{PATTERN}/"
    assert page.locator("article h1").first.inner_text().strip() == listed_title


def test_search_works_on_a_phone(new_page):
    page = new_page(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page.goto("/")
    assert_near_top(search(page, "projector"), f"/patterns/{PATTERN}/", "projector on a phone")


def test_a_query_that_matches_nothing_says_so(page):
    page.goto("/")
    assert_nothing_found(page, "xylophonequartz")


def yaml_text(relative: str) -> str:
    return (ROOT / "content" / relative).read_text(encoding="utf-8")


# What a reader who comes for a practice types, and the pattern that answers it.
PRACTICES = [("start a crew", "crew"), ("crew", "crew"), ("dinner", "dinner-table")]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("query, slug", PRACTICES)
def test_the_words_of_a_practice_find_its_pattern_before_gatherings_and_listings(new_page, device, query, slug):
    front, _ = front_matter_and_body(ROOT / "content" / "patterns" / f"{slug}.md")
    title = re.search(r"^title: (.*)$", front, re.M).group(1)
    assert query.split()[-1] in title.lower(), f"the pattern {slug} is no longer titled with {query!r}: {title}"
    paths = search_from_home(new_page, device, query)
    assert_near_top(paths, f"/patterns/{slug}/", f"{query} on a {device}")
    listed = [path for path in paths if LISTINGS.match(path)]
    assert not listed, f"searching {query!r} lists listing pages, not the pages they list: {listed}"


def test_a_short_word_matches_only_itself(page):
    """`a` is not the beginning of every word: alone it finds nothing, and in a query it changes nothing."""
    page.goto("/")
    assert_nothing_found(page, "a")
    page.goto("/")
    with_a = search(page, "start a crew")
    page.goto("/")
    assert with_a == search(page, "start crew")


@pytest.mark.parametrize("device", DEVICES)
def test_a_groups_name_finds_the_group_first(new_page, device):
    # "Circle" is also in three patterns' titles: the group's own name must still come first.
    assert re.search(r"^name: Online Circle$", yaml_text("groups/online-circle.yml"), re.M)
    paths = search_from_home(new_page, device, "Online Circle")
    assert paths[0] == "/groups/online-circle/", f"searching 'Online Circle' on a {device}: {paths[:5]}"


@pytest.mark.parametrize("device", DEVICES)
def test_a_place_finds_its_group_and_gatherings_first(new_page, device):
    assert re.search(r"^where: Peckham, London$", yaml_text("groups/peckham-crew.yml"), re.M)
    paths = search_from_home(new_page, device, "Peckham")
    assert paths[0] == "/groups/peckham-crew/", f"searching 'Peckham' on a {device}: {paths[:5]}"
    # Every Peckham gathering comes before the patterns whose stories mention the park.
    gatherings = [i for i, path in enumerate(paths) if path.startswith("/events/peckham-")]
    patterns = [i for i, path in enumerate(paths) if path.startswith("/patterns/")]
    assert len(gatherings) >= 4 and (not patterns or max(gatherings) < min(patterns)), paths


def test_an_address_finds_the_gatherings_held_there(page):
    """Colombo Street is only in the gatherings' addresses: they are the results, a gathering first."""
    assert "Corner of Colombo and Rintoul" in yaml_text("events/wellington/newtown-long-table-dinner.yml")
    page.goto("/")
    paths = search(page, "Colombo")
    assert paths and paths[0].startswith("/events/"), paths


def test_snippets_keep_apart_the_words_the_page_shows_apart(page):
    """The venue's name and its address are on two lines of the page: the result says "main hall Corner"."""
    dinner = yaml_text("events/wellington/newtown-long-table-dinner.yml")
    assert re.search(r"name: .*main hall\n", dinner) and "address: Corner of" in dinner
    page.goto("/")
    search(page, "Colombo")
    result = page.locator(".md-search-result__item", has=page.locator('a[href*="events/newtown-long-table-dinner/"]'))
    text = result.first.inner_text()
    assert re.search(r"main hall\s+Corner", text), text
    assert not re.search(r"Newtown Crewcrew|hallCorner", text), text
