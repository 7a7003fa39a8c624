"""Screenshots of the main pages on a phone (360x800) and a desktop (1280x900), to look at.

Not a test: `python3 tests/browser/screenshots.py http://127.0.0.1:PORT/ [OUT_FOLDER]` (serve a
build with `python3 tests/browser/serving.py SITE`); writes PNGs to /tmp/shots by default.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
import conftest  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

# The pages the browser tests check, and the list of groups.
PAGES = {**conftest.PAGES, "groups": "/groups/", **conftest.GUIDE_PAGES}
DEVICES = {
    "phone": {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


def save_parts(page, stem: Path, width: int, height: int = 1400) -> None:
    """A long page also in parts (`-1.png`, `-2.png`, ...) small enough to read at full size."""
    total = page.evaluate("document.documentElement.scrollHeight")
    for index, top in enumerate(range(0, total, height), start=1):
        clip = {"x": 0, "y": top, "width": width, "height": min(height, total - top)}
        page.screenshot(path=f"{stem}-{index}.png", full_page=True, clip=clip)


def main(base: str, out: Path, names: list[str], schemes: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for scheme in schemes:
            for device, options in DEVICES.items():
                context = browser.new_context(color_scheme=scheme, timezone_id="America/Chicago", **options)
                page = context.new_page()
                for name in names:
                    page.goto(base.rstrip("/") + PAGES[name])
                    page.wait_for_load_state("load")
                    suffix = "" if scheme == "light" else "-dark"
                    page.screenshot(path=out / f"{name}-{device}{suffix}.png", full_page=True)
                    save_parts(page, out / f"{name}-{device}{suffix}", options["viewport"]["width"])
                context.close()
        browser.close()


if __name__ == "__main__":
    chosen = [arg for arg in sys.argv[3:] if arg in PAGES] or list(PAGES)
    schemes = ["light", "dark"] if "--dark" in sys.argv else ["light"]
    main(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/shots"), chosen, schemes)
