"""How a host must serve the files whose type hosts get wrong: the feeds.

The feeds hold text in any language (titles, places, names), so a host must say they are
UTF-8: served as `text/plain`, or as `text/calendar` without a charset, a client may read them
as Latin-1 and show "CrÃªpes" for "Crêpes". The code host's pages serve `.ics` as
`text/calendar; charset=utf-8` by themselves; the deploy workflow checks the live feed after
each deploy, and `_headers` (written with the site) says the same to hosts that read it
(Netlify, Cloudflare Pages). The README shows the lines for Apache and nginx.
"""

from __future__ import annotations

CALENDAR = "text/calendar; charset=utf-8"
MEDIA_TYPES = {".ics": CALENDAR}
HEADERS_FILE = "_headers"


def headers_file() -> bytes:
    """The `_headers` file: one rule per extension, in the format Netlify and Cloudflare read."""
    rules = [f"/*{extension}\n  Content-Type: {media_type}\n" for extension, media_type in sorted(MEDIA_TYPES.items())]
    return "".join(rules).encode("utf-8")
