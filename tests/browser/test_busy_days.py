"""A day with more gatherings than its cell in the month's grid shows: the reader follows the
"more" link, on a desktop and on a phone, to the day's page, which lists every gathering of it.

The shipped calendar never has more than four gatherings a day (the default `day_limit`), so
this builds the calendar fixture with `day_limit: 1` and serves it on its own.
"""

from __future__ import annotations

import pytest
import serving
from sitebuild import build_ok, copy_fixture
from test_accessibility import SERIOUS, SETTINGS, axe_violations, describe

pytestmark = pytest.mark.browser

MONTH = "/events/2026/12/"


@pytest.fixture(scope="module")
def busy_url(tmp_path_factory):
    project = copy_fixture("site_calendar", tmp_path_factory.mktemp("busy"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("series_dates: 6", "series_dates: 6\n      day_limit: 1"))
    with serving.served(build_ok(project).site) as url:
        yield url


def event_paths(where, selector: str) -> list[str]:
    """The paths the links under `where` (a page or a locator) lead to, in order."""
    return where.locator(selector).evaluate_all("links => links.map(link => new URL(link.href).pathname)")


@pytest.mark.parametrize("setting", SETTINGS)
def test_the_more_link_leads_to_every_gathering_of_the_day(browser, busy_url, setting):
    context = browser.new_context(base_url=busy_url, **SETTINGS[setting])
    try:
        page = context.new_page()
        page.goto(MONTH)
        cell = page.locator("td.hb-month__day", has=page.locator("li.hb-month__more")).first
        shown = event_paths(cell, "li.hb-month__entry a")
        more = cell.locator("li.hb-month__more a")
        assert more.is_visible()
        hidden = int(more.inner_text().split()[0])
        assert len(shown) == 1 and hidden >= 1
        more.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/events/2026/12/03/")
        assert page.locator("h1").inner_text() == "Thursday 3 December 2026"
        listed = event_paths(page, "li.hb-entry .hb-entry__title a")
        assert len(listed) == len(shown) + hidden and listed[0] == shown[0]
        page.locator("a.hb-month-nav__prev").click()
        assert page.url.endswith(MONTH)
    finally:
        context.close()


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("path", [MONTH, "/events/2026/12/03/"])
def test_busy_month_and_day_pages_have_no_serious_accessibility_violations(browser, busy_url, axe_path, setting, path):
    context = browser.new_context(base_url=busy_url, **SETTINGS[setting])
    try:
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("load")
        serious = [v for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS]
        assert not serious, f"{path} ({setting}):\n{describe(serious)}"
    finally:
        context.close()
