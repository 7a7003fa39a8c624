"""axe-core (from npm, injected into the page) finds no serious or critical accessibility
violation on the pages readers land on, in the light scheme on a desktop and in the dark scheme
on a phone (the site follows the reader's system setting)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import FORM_PAGES, GUIDE_PAGES, PAGES  # noqa: E402

ALL_PAGES = {**PAGES, **GUIDE_PAGES, **FORM_PAGES}

pytestmark = pytest.mark.browser

SETTINGS = {
    "light-desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark-phone": {"color_scheme": "dark", "viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True},
}
SERIOUS = {"serious", "critical"}


def axe_violations(page, axe_path) -> list[dict]:
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:4]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(node['target'])}: {summary[:240]}")
    return "\n".join(lines)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_serious_accessibility_violations(new_page, axe_path, name, setting):
    page = new_page(**SETTINGS[setting])
    page.goto(ALL_PAGES[name])
    page.wait_for_load_state("load")
    serious = [v for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS]
    assert not serious, f"{ALL_PAGES[name]} ({setting}):\n{describe(serious)}"


def test_axe_reports_what_it_should(new_page, axe_path):
    # The check can fail: an image without a text alternative and an unnamed button are found.
    page = new_page()
    page.goto("/")
    page.evaluate(
        """() => {
            const article = document.querySelector('article');
            article.insertAdjacentHTML('beforeend', '<img src="x.png"><button></button>');
        }"""
    )
    found = {v["id"] for v in axe_violations(page, axe_path) if v["impact"] in SERIOUS}
    assert {"image-alt", "button-name"} <= found, found


# Which code blocks scroll sideways, which are tab stops, and what a screen reader calls them.
CODE_BLOCKS = """() => [...document.querySelectorAll('article pre > code')].map(code => ({
    scrolls: code.scrollWidth > code.clientWidth,
    tab_stop: code.tabIndex === 0 && code.getAttribute('tabindex') !== null,
    role: code.getAttribute('role'),
    name: code.getAttribute('aria-label'),
}))"""


def tab_to_code(page, limit: int = 200) -> bool:
    """Press Tab until a code block has the focus; False if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article pre > code')"):
            return True
    return False


def test_code_that_scrolls_is_reached_and_scrolled_by_keyboard_on_a_touch_screen(new_page):
    # Material makes a scrolling block a tab stop only where the pointer hovers; a keyboard or
    # switch user on a phone must reach the end of a long line of an example too.
    page = new_page(**SETTINGS["dark-phone"])
    page.goto("/contribute/events/")
    page.wait_for_load_state("load")
    assert not page.evaluate("matchMedia('(hover)').matches")
    blocks = page.evaluate(CODE_BLOCKS)
    assert any(block["scrolls"] for block in blocks), blocks
    for block in blocks:
        assert block["tab_stop"] == block["scrolls"], blocks
    # Named, one by one, so that a screen reader says what has the focus.
    names = [block["name"] for block in blocks if block["tab_stop"]]
    assert all(re.fullmatch(r"(YAML|Shell) example, \d+ of \d+", name) for name in names), names
    assert len(set(names)) == len(names), names
    assert page.get_by_role("region", name=names[0]).count() == 1

    # Chromium (since 130) would make a scrolling block a tab stop even without `tabindex`;
    # Safari would not, which is why the attribute is asserted above.
    assert tab_to_code(page), "Tab never reached a code block"
    code = page.evaluate_handle("document.activeElement")
    assert code.evaluate("code => code.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    # Browsers may animate the scroll: wait for it to move (the wait fails the test if it never does).
    page.wait_for_function("code => code.scrollLeft > 0", arg=code, timeout=5_000)


def test_a_code_block_is_a_tab_stop_only_while_it_scrolls(new_page):
    # Turned on its side the phone is wide enough for some examples: those stop being tab stops
    # (and regions), and become them again when it is turned back.
    page = new_page(**SETTINGS["dark-phone"])
    page.goto("/contribute/events/")
    page.wait_for_load_state("load")
    narrow = page.evaluate(CODE_BLOCKS)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(f"({CODE_BLOCKS})().every(block => block.tab_stop === block.scrolls)")
    wide = page.evaluate(CODE_BLOCKS)
    assert any(not block["scrolls"] and block["role"] is None and block["name"] is None for block in wide), wide
    assert sum(block["tab_stop"] for block in wide) < sum(block["tab_stop"] for block in narrow)
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function(f"({CODE_BLOCKS})().every(block => block.tab_stop === block.scrolls)")
    assert page.evaluate(CODE_BLOCKS) == narrow
