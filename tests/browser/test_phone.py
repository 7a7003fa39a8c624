"""On a phone 360 px wide nothing makes the page scroll sideways: long words, tables, month grids
and buttons all fit the screen (or scroll inside their own frame, as the pattern map and wide
tables do); and the month grid, seven columns too narrow to read, becomes a list of its busy days."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import LAYOUT_SHIFTS  # noqa: E402

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PAGES = [
    "/",
    "/patterns/",
    "/patterns/crew/",
    "/patterns/map/",
    "/patterns/cards/",
    "/paths/start-a-crew/",
    "/glossary/",
    "/conduct/",
    "/about/",
    "/events/",
    "/events/2026/12/",
    "/events/newtown-thursday-crew/",
    "/groups/",
    "/groups/newtown-crew/",
    "/groups/london-congregation/",
    "/events/areas/london/",
    "/events/past/",
    "/events/tags/food/",
    "/subscribe/",
    "/contribute/",
    "/contribute/events/",
]


# Material sets `overflow-x: hidden` on <html>, so a page never *scrolls* sideways: what is too
# wide is cut off instead, out of the reader's reach. So besides scrollWidth, look for elements
# past the right edge of the screen that no scrolling frame of their own (a table's scroll
# wrapper, a scrollable row of chips) lets the reader bring into view.
CUT_OFF = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const scrollsSideways = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const clips = el => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const reachable = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (up.getBoundingClientRect().right <= edge && (scrollsSideways(up) || clips(up))) {
        return scrollsSideways(up);
      }
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter(el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.right > edge; })
    .filter(el => !reachable(el))
    .slice(0, 6)
    .map(el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
         + ' reaches ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_phone(new_page, path):
    page = new_page(**PHONE)
    page.goto(path)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    cut_off = page.evaluate(CUT_OFF)
    assert width <= 360, f"{path} is {width} px wide on a 360 px phone: {cut_off}"
    assert not cut_off, f"{path} on a 360 px phone: content past the screen's edge, out of reach: {cut_off}"


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


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


# The header's toggle: each palette's label switches to the other (mkdocs.yml: light, then dark).
TO_DARK = "[data-hb-palette] label[for='__palette_1']"
TO_LIGHT = "[data-hb-palette] label[for='__palette_0']"


def test_the_light_and_dark_toggle_follows_the_system_and_remembers_the_readers_choice(new_page, axe_path):
    from test_accessibility import SERIOUS, axe_violations, describe

    # A phone set to dark mode gets the dark palette on its first visit, without choosing.
    page = new_page(**PHONE, color_scheme="dark")
    page.goto("/events/")
    assert scheme(page) == "slate"
    assert page.locator(TO_LIGHT).is_visible() and page.locator(TO_DARK).is_hidden()
    # The reader chooses light: the page turns light at once and stays light on the next page,
    # even though the system is still dark.
    page.locator(TO_LIGHT).click()
    assert scheme(page) == "default"
    assert page.locator(TO_DARK).is_visible() and page.locator(TO_LIGHT).is_hidden()
    page.goto("/patterns/crew/")
    assert scheme(page) == "default"
    assert page.locator(TO_DARK).is_visible()
    # And back to dark, where the page still passes axe.
    page.locator(TO_DARK).click()
    assert scheme(page) == "slate"
    for path in ("/events/", "/contribute/events/"):  # a long list; a table styled when near
        page.goto(path)
        assert scheme(page) == "slate"
        serious = [v for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS]
        assert not serious, (path, describe(serious))

    # A light system and no choice: the light palette, and the toggle offers dark. The page is sent
    # in it, so nothing switches colours while it loads (each switch restyles the whole page, twice).
    light = new_page(**PHONE, color_scheme="light")
    light.add_init_script(BODY_COLOUR_CHANGES)
    light.goto("/")
    assert scheme(light) == "default"
    assert light.locator(TO_DARK).is_visible()
    light.wait_for_timeout(300)  # past the two frames a switch lasts
    assert light.evaluate("window.__colourChanges") == []


BODY_COLOUR_CHANGES = """
    window.__colourChanges = [];
    new MutationObserver(records => {
        for (const record of records) {
            if (record.target === document.body) window.__colourChanges.push(record.attributeName);
        }
    }).observe(document, {attributes: true, subtree: true, attributeFilter: [
        "data-md-color-switching", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent",
    ]});
"""


def test_the_page_is_styled_for_scripts_before_materials_script_arrives(new_page):
    # Material's script swaps `no-js` for `js` on <html> when it runs. On a slow phone that is after
    # the first paint, and the swap restyled the whole page again: the page head does it first, so
    # Material's swap changes nothing. Without JavaScript `no-js` stays, and with it Material's
    # fallbacks (no search button that could not work).
    page = new_page(**PHONE)
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto("/events/", wait_until="commit")
    page.wait_for_function("document.querySelector('.md-footer') !== null")
    assert page.evaluate("typeof window.document$ === 'undefined'"), "Material's script has not run yet"
    before = set(page.locator("html").get_attribute("class").split())
    assert "js" in before and "no-js" not in before
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    after = set(page.locator("html").get_attribute("class").split())
    assert before <= after and "no-js" not in after  # (it adds its focus-visible marker, styled by nothing)

    plain = new_page(java_script_enabled=False, **PHONE)
    plain.goto("/events/")
    assert "no-js" in plain.locator("html").get_attribute("class").split()
    assert plain.locator(".md-header__button[for='__search']").is_hidden()


@pytest.mark.parametrize("path", ["/groups/newtown-crew/", "/events/areas/london/", "/subscribe/"])
def test_nothing_moves_while_a_page_with_subscribe_buttons_loads(new_page, path):
    # The copy buttons, shown by script, once wrapped below the subscribe button on a phone after
    # the first paint and pushed the rest of the page down. The readers here are in the zone of
    # the gatherings listed, so no "your time" line is added either.
    zone = "Pacific/Auckland" if "newtown" in path else "Europe/London"
    page = new_page(**PHONE, timezone_id=zone)
    page.add_init_script(LAYOUT_SHIFTS)
    # Material's script arrives late, as on a slow connection: the page is painted before the
    # scripts after it run.
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto(path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert page.locator("button.hb-copy").first.is_visible()
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.001, shifts
