"""The subscribe page in Chromium: the copy buttons copy the feed's address, and without
JavaScript they stay out of the way while the address itself can still be selected."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ALL_FEED = "https://handbook.microsolidarity.example/feeds/all.ics"


def test_copy_buttons_copy_the_https_address(new_page, base_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto("/subscribe/")
    row = page.locator("tr", has=page.locator("code", has_text=ALL_FEED))
    button = row.locator("button.hb-copy")
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("[...document.querySelectorAll('button.hb-copy')].some(b => b.textContent === 'Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == ALL_FEED
    # Every feed on the page has its button, and each copies its own address.
    buttons = page.locator("button.hb-copy")
    assert buttons.count() == page.locator("a[href^='webcal://']").count() > 10
    # The last is in a folded section, which the reader opens by its heading.
    page.locator("summary", has_text="Patterns").click()
    last = buttons.nth(buttons.count() - 1)
    last.click()
    expected = last.evaluate("b => b.previousElementSibling.textContent")
    page.wait_for_function(f"navigator.clipboard.readText().then(t => t === {expected!r})")


def test_sections_fold_so_a_phone_gets_through_the_page(new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto("/subscribe/")
    folded = page.locator("details.hb-fold:not([open])")
    assert folded.count() >= 2
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"/subscribe/ is {height}px long on a phone"
    # Places are open: the feed a reader most likely wants is in view of a thumb.
    assert page.locator("details.hb-fold[open] a[href$='/feeds/areas/london.ics']").is_visible()
    folded.first.locator("summary").tap()
    assert page.locator("details.hb-fold[open]").count() >= 2


def test_without_javascript_no_dead_buttons(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/subscribe/")
    assert page.locator("button.hb-copy").first.is_hidden()
    assert page.locator("code", has_text=ALL_FEED).is_visible()
    assert page.locator("a[href='webcal://handbook.microsolidarity.example/feeds/all.ics']").is_visible()
