"""axe-core (from npm, injected into the page) finds no serious or critical accessibility
violation on the pages readers land on, in the light scheme on a desktop and in the dark scheme
on a phone (the site follows the reader's system setting)."""

from __future__ import annotations

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
