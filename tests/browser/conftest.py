"""Session fixtures for the browser tests: the shipped site (`shipped_site`, tests/conftest.py)
served over HTTP on 127.0.0.1, and Debian's Chromium driven by Playwright.

Outside CI a machine without Chromium (or without the npm tools) skips these tests with the
reason; in CI (`CI=true`) the same absence fails them, so a broken CI image cannot pass green.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import serving
from sitebuild import ROOT

NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
# The flags every Chromium here runs with, for Playwright and for Lighthouse alike.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI") == "true"


# The pages a reader is most likely to land on: checked by axe-core and by Lighthouse.
PAGES = {
    "home": "/",
    "patterns": "/patterns/",
    "pattern": "/patterns/crew/",
    "agenda": "/events/",
    "month": "/events/2026/12/",
    "event": "/events/newtown-thursday-crew/",
    "group": "/groups/newtown-crew/",
    "subscribe": "/subscribe/",
    "congregation": "/groups/london-congregation/",
    "area": "/events/areas/london/",
    "map": "/patterns/map/",
    "contribute-events": "/contribute/events/",
}
# The pages that guide a newcomer (issue 14): checked by axe-core; the path and the card deck,
# the two of a new kind, by Lighthouse too.
GUIDE_PAGES = {
    "start-here": "/paths/",
    "path": "/paths/start-a-crew/",
    "glossary": "/glossary/",
    "conduct": "/conduct/",
    "about": "/about/",
    "cards": "/patterns/cards/",
}
LIGHTHOUSE_GUIDE_PAGES = ("path", "cards")
# The proposal form (issue 16): checked by axe-core and Lighthouse.
FORM_PAGES = {"propose": "/contribute/propose/"}
# What Lighthouse checks (tests/browser/test_lighthouse.py) and measures (benchmarks/lighthouse.py).
LIGHTHOUSE_PAGES = {**PAGES, **{name: GUIDE_PAGES[name] for name in LIGHTHOUSE_GUIDE_PAGES}, **FORM_PAGES}

def pytest_configure(config):
    config.addinivalue_line("markers", "lighthouse: runs Lighthouse (node) on the served site; slow")


def missing(reason: str):
    """Skip outside CI; in CI what the tests need must be there, so fail."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(shipped_site) -> Path:
    """The folder of the shipped site's build, at the fixed "now" (`sitebuild.FIXED_EPOCH`)."""
    return shipped_site.site


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    """The built site served by a threaded http.server on a free port of 127.0.0.1, gzip and all."""
    with serving.served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, base_url):
    """Opens pages in fresh browser contexts: `new_page(timezone_id=..., java_script_enabled=False)`.

    Every context gets the served site as its base URL, so tests `goto("/events/")`. A page
    error (an uncaught exception in the site's JavaScript) fails the test that saw it.
    """
    contexts = []
    errors: list[str] = []

    def open_page(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(new_page):
    """A desktop page (1280x900) with JavaScript on."""
    return new_page()


@pytest.fixture(scope="session")
def node_tool():
    """The path of a tool installed by `npm ci` at the repository root."""

    def find(relative: str) -> Path:
        path = NODE_MODULES / relative
        if not path.exists():
            missing(f"{path.relative_to(ROOT)} is missing: run `npm ci` at the repository root")
        return path

    return find


@pytest.fixture(scope="session")
def axe_path(node_tool) -> Path:
    """axe-core, for the accessibility checks."""
    return node_tool("axe-core/axe.min.js")


# Collects the page's layout shifts in `window.__shifts` (value, and what moved): add as an init script.
LAYOUT_SHIFTS = """
    window.__shifts = [];
    new PerformanceObserver(list => {
        for (const shift of list.getEntries()) {
            if (!shift.hadRecentInput) {
                window.__shifts.push([shift.value, shift.sources.map(s => s.node && s.node.nodeType === 1
                    ? s.node.tagName + "." + s.node.className : String(s.node && s.node.nodeName))]);
            }
        }
    }).observe({type: "layout-shift", buffered: true});
"""
