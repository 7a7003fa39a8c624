"""The calendar pages in real Chromium: the reader's own time from localtime.js, and phone widths."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

EVENT = "/events/newtown-thursday-crew/"  # next: Thursday 3 December 2026, 19:00 NZDT = 06:00 UTC


def test_the_readers_own_time_is_added_in_another_zone(new_page):
    page = new_page(timezone_id="Europe/London", locale="en-GB")
    page.goto(EVENT)
    local = page.locator(".hb-localtime")
    local.wait_for(state="visible")
    shown = local.inner_text()
    assert shown.startswith("Your time (London): ")  # the city, as a reader names the place
    assert "06:00" in shown and "08:00" in shown
    assert "3 December" in shown


def test_no_second_time_for_a_reader_in_the_events_zone_or_without_javascript(new_page):
    same_zone = new_page(timezone_id="Pacific/Auckland")
    same_zone.goto(EVENT)
    same_zone.wait_for_load_state("load")
    assert same_zone.locator(".hb-localtime").is_hidden()
    assert "19:00–21:00 NZDT (Auckland time)" in same_zone.locator(".hb-when").inner_text()

    no_script = new_page(timezone_id="Europe/London", java_script_enabled=False)
    no_script.goto(EVENT)
    assert no_script.locator(".hb-localtime").is_hidden()
    assert "19:00–21:00 NZDT (Auckland time)" in no_script.locator(".hb-when").inner_text()


@pytest.mark.parametrize("path", ["/events/", "/events/2026/12/", EVENT, "/groups/london-congregation/",
                                  "/groups/", "/events/past/", "/patterns/crew/"])
def test_calendar_pages_fit_a_360_pixel_phone(new_page, path):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(path)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} is {width}px wide on a 360px phone"


def test_on_a_phone_the_month_grid_is_a_list_of_busy_days(new_page):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    page.goto("/events/2026/12/")
    assert page.locator("table.hb-month thead").is_hidden()
    busy = page.locator("td.hb-month__day--busy")
    quiet = page.locator("td.hb-month__day:not(.hb-month__day--busy)")
    assert busy.count() > 0 and all(busy.nth(i).is_visible() for i in range(busy.count()))
    assert all(quiet.nth(i).is_hidden() for i in range(quiet.count()))
    first = busy.first.locator(".hb-month__date").inner_text()
    assert first.split()[0] in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

    desktop = new_page()
    desktop.goto("/events/2026/12/")
    assert desktop.locator("table.hb-month thead").is_visible()
    assert desktop.locator("td.hb-month__day:not(.hb-month__day--busy)").first.is_visible()
