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
    button = page.locator(f"button[data-hb-copy='{ALL_FEED}']")
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("document.querySelector(`button[data-hb-copy]`).textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == ALL_FEED
    # Every feed on the page has its button, next to the address it copies.
    buttons = page.locator("button[data-hb-copy]")
    assert buttons.count() == page.locator("code.hb-feed-url").count() > 10
    assert page.locator("a[href^='webcal://']").count() == buttons.count()


def test_without_javascript_no_dead_buttons(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/subscribe/")
    assert page.locator("button[data-hb-copy]").first.is_hidden()
    assert page.locator("code.hb-feed-url", has_text=ALL_FEED).is_visible()
    assert page.locator(f"a[href='webcal://handbook.microsolidarity.example/feeds/all.ics']").is_visible()
