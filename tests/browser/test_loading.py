"""Pages load cleanly: no request that fails or answers with an error, no error in the console,
and nothing fetched from another site (no font service, no API behind the reader's back)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/", "/patterns/", "/patterns/crew/", "/patterns/map/", "/events/", "/events/2026/12/",
    "/events/newtown-thursday-crew/", "/groups/newtown-crew/", "/groups/", "/subscribe/",
    "/contribute/", "/contribute/events/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_third_party_requests(new_page, base_url, path):
    page = new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    own_host = urlsplit(base_url).netloc

    def on_response(response):
        if response.status >= 400:
            problems.append(f"HTTP {response.status} {response.url}")

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != own_host:
            elsewhere.append(request.url)

    page.on("response", on_response)
    page.on("request", on_request)
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}: {request.failure}"))
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.goto(path, wait_until="networkidle")
    assert not elsewhere, f"{path} fetches from other sites: {elsewhere}"
    assert not problems, f"{path}: {problems}"
