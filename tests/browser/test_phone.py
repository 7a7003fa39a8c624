"""On a phone 360 px wide nothing makes the page scroll sideways: long words, tables, month grids
and buttons all fit the screen (or scroll inside their own frame, as the pattern map and wide
tables do)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PAGES = [
    "/",
    "/patterns/",
    "/patterns/crew/",
    "/patterns/map/",
    "/events/",
    "/events/2026/12/",
    "/events/newtown-thursday-crew/",
    "/groups/newtown-crew/",
    "/groups/london-congregation/",
    "/events/areas/london/",
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
