"""A reader's journeys, end to end in Chromium, on a phone (390x844 and 360 wide) and a desktop:
find a gathering near you next month through "Where", and subscribe to exactly what a page
lists with its first action. The feed a page names is fetched from the served site and read with
icalendar and recurring-ical-events; it must hold the gatherings the page lists, no more, no less.
"""

from __future__ import annotations

import re
import urllib.request
from datetime import datetime, timedelta, timezone

import icalendar
import pytest
import recurring_ical_events
from sitebuild import FIXED_EPOCH

pytestmark = pytest.mark.browser

NOW = datetime.fromtimestamp(int(FIXED_EPOCH), tz=timezone.utc)  # 2026-11-26 12:00 UTC
HORIZON = NOW + timedelta(days=90)  # the calendar plugin's horizon_days in mkdocs.yml
NEXT_MONTH = "2026-12"
HOST = "handbook.microsolidarity.example"

DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone-390": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
                  "has_touch": True},
    "phone-360": {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True,
                  "has_touch": True},
}

# Pages whose first action subscribes to their selection's feed.
SELECTIONS = [
    "/groups/london-congregation/",
    "/groups/newtown-crew/",
    "/events/groups/london-congregation/",
    "/events/areas/london/",
    "/events/areas/online/",
    "/events/tags/food/",
    "/events/",
]


@pytest.mark.parametrize("device", DEVICES)
def test_a_reader_reaches_a_london_gathering_next_month_through_where(new_page, device):
    page = new_page(**DEVICES[device])
    page.goto("/events/")
    where = page.locator(".hb-filters__row", has=page.locator(".hb-filters__label", has_text="Where"))
    london = where.get_by_role("link", name=re.compile(r"^London \d+$"))
    london.scroll_into_view_if_needed()
    london.click()
    page.wait_for_url("**/events/areas/london/")
    assert page.locator("h1").inner_text() == "Gatherings in London"
    assert "London" in page.locator(".hb-cal-lead").inner_text()
    # December's first gathering: its row names the area with the venue, and leads to its page.
    entry = page.locator(f"li.hb-entry:has(time.hb-entry__date[datetime^='{NEXT_MONTH}'])").first
    assert "London" in entry.locator(".hb-entry__meta").inner_text()
    title = entry.locator(".hb-entry__title a").inner_text()
    entry.locator(".hb-entry__title a").click()
    page.wait_for_url(re.compile(r".*/events/[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text() == title
    facts = page.locator(".hb-facts").inner_text()
    assert "London" in facts and ("December 2026" in facts or "Next" in facts)


def _first_action(page):
    """The first button-like control of the page's content, in document order."""
    return page.locator("article .md-button:visible, article button:visible").first


def _feed_occurrences(base_url: str, https_address: str) -> list:
    """The feed's occurrences between now and the horizon, read from the served file."""
    path = https_address.split(HOST, 1)[1]
    with urllib.request.urlopen(base_url + path) as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    assert not calendar.get_missing_tzids()
    return recurring_ical_events.of(calendar).between(NOW, HORIZON)


def _slugs(occurrences) -> set[str]:
    return {str(event["UID"]).split("@", 1)[0] for event in occurrences}


def _listed_events(page) -> set[str]:
    """The event slugs the page lists as coming up (not its past gatherings)."""
    hrefs = page.eval_on_selector_all(
        "article li.hb-entry .hb-entry__title a, article li.hb-series .hb-series__title a",
        "links => links.filter(a => !a.closest('details.hb-fold')).map(a => a.getAttribute('href'))")
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("path", SELECTIONS)
def test_the_first_action_subscribes_to_exactly_what_the_page_lists(new_page, base_url, device, path):
    page = new_page(**DEVICES[device])
    page.goto(path)
    first = _first_action(page)
    href = first.get_attribute("href") or ""
    assert href.startswith(f"webcal://{HOST}/feeds/"), f"{path}: the first action is {first.inner_text()!r} -> {href}"
    assert first.inner_text().startswith("Subscribe")
    # Within reach without scrolling, on a phone as on a desktop.
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= DEVICES[device]["viewport"]["height"]
    https = "https://" + href.removeprefix("webcal://")
    block = page.locator(".hb-subscribe").first
    assert block.locator("button.hb-copy").get_attribute("data-copy") == https
    assert block.locator("button.hb-copy").is_visible()
    assert block.get_by_role("link", name="Steps for each app").is_visible()
    download = block.get_by_role("link", name=re.compile("one-off copy"))
    assert download.get_attribute("href").endswith(href.rsplit("/", 1)[-1])
    listed = _listed_events(page)
    assert listed, f"{path} lists nothing"
    occurrences = _feed_occurrences(base_url, https)
    if page.locator(".hb-more__next").count():
        # A listing cut at its limit says how many there are in all, and goes on to a month page.
        total = int(re.search(r"of the (\d+) planned", page.locator(".hb-cal-lead").inner_text()).group(1))
        assert len(occurrences) == total and listed <= _slugs(occurrences)
    else:
        assert _slugs(occurrences) == listed
        if path.startswith("/events/"):  # an agenda lists every date; a group page each series once
            rows = page.locator("article li.hb-entry").count()
            assert len(occurrences) == rows


def test_copy_link_copies_the_https_address(new_page, base_url):
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/events/areas/london/")
    page.locator(".hb-subscribe button.hb-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.endsWith('/feeds/areas/london.ics'))")
    assert page.evaluate("navigator.clipboard.readText()") == f"https://{HOST}/feeds/areas/london.ics"


def test_members_only_is_said_in_listings_on_the_page_and_in_the_feed(new_page, base_url):
    page = new_page()
    page.goto("/events/areas/london/")
    row = page.locator("li.hb-entry", has=page.get_by_role("link", name="Hackney crew on Tuesdays")).first
    assert "Members only" in row.text_content()  # in words (the badge's capitals are CSS)
    open_row = page.locator("li.hb-entry", has=page.get_by_role("link", name="London congregation, first Thursday")).first
    assert "Members only" not in open_row.text_content()
    page.goto("/events/hackney-tuesday-crew/")
    assert "Members only" in page.locator(".hb-event__who").text_content()
    with urllib.request.urlopen(base_url + "/feeds/areas/london.ics") as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    descriptions = {str(e["UID"]).split("@")[0]: str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")}
    assert "Members only" in descriptions["hackney-tuesday-crew"]
    assert "Members only" not in descriptions["london-first-thursday"]


def test_a_reader_elsewhere_sees_their_own_time_beside_the_gatherings(new_page):
    page = new_page(timezone_id="America/New_York", locale="en-GB")
    page.goto("/events/areas/london/")
    row = page.locator("li.hb-entry", has=page.get_by_role("link", name="London congregation, first Thursday")).first
    assert "London time" in row.inner_text()
    local = row.locator(".hb-localtime")
    local.wait_for(state="visible")
    # 19:00 in London on 3 December is 14:00 in New York.
    assert local.inner_text().startswith("14:00") and "your time (New York)" in local.inner_text()
    # In London itself nothing is added; without script the gathering's own time stays.
    for options in ({"timezone_id": "Europe/London"}, {"java_script_enabled": False, "timezone_id": "America/New_York"}):
        other = new_page(**options)
        other.goto("/events/areas/london/")
        row = other.locator("li.hb-entry", has=other.get_by_role("link", name="London congregation, first Thursday")).first
        assert row.locator(".hb-localtime").is_hidden()
        assert "19:00–21:30 GMT, London time" in row.inner_text()


def test_no_add_to_calendar_for_what_will_not_happen_and_google_only_for_a_whole_series(new_page):
    page = new_page()
    page.goto("/events/hackney-crew-first-meeting/")  # took place in October
    assert page.locator(".hb-addcal, .hb-subscribe").count() == 0
    assert page.get_by_role("link", name=re.compile("Google")).count() == 0
    page.goto("/events/newtown-thursday-crew/")  # a series with a date off at Christmas
    assert page.get_by_role("link", name=re.compile("Google")).count() == 0
    assert page.locator(".hb-subscribe__main").get_attribute("href").endswith("/events/newtown-thursday-crew.ics")
    page.goto("/events/london-epping-forest-day/")  # one day, ahead
    assert page.get_by_role("link", name="Add to Google Calendar").count() == 1
