"""The last good copy of each group's feed, in `.cache/calendars/` under the project root.

A copy is written only after the feed was read and converted without a fatal problem, so the
cache always holds something a build can use: when the feed is down, slow, huge or broken the
build takes the copy (and says so), and an offline build uses nothing else. The deploy workflow
keeps the folder between runs. A copy belongs to one address: when a group names another
feed, the old copy is not used for it.

Files: `<group slug>.ics` (the feed's bytes, as fetched) and `<group slug>.json` (its address,
when it was fetched, and the validators for a conditional request). The fetch time is only for
messages; nothing of it reaches the site, so a build from the cache is reproducible.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

FOLDER = Path(".cache") / "calendars"


@dataclass(frozen=True)
class Copy:
    body: bytes
    fetched: datetime  # UTC, the wall clock when it was fetched (for messages)
    etag: str = ""
    last_modified: str = ""


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder

    def read(self, slug: str, url: str) -> Copy | None:
        """The copy of the feed at `url` kept for the group, if there is one for that address."""
        try:
            meta = json.loads((self.folder / f"{slug}.json").read_text(encoding="utf-8"))
            if meta.get("url") != url:
                return None
            body = (self.folder / f"{slug}.ics").read_bytes()
            fetched = datetime.fromisoformat(meta["fetched"]).astimezone(timezone.utc)
            return Copy(body, fetched, str(meta.get("etag", "")), str(meta.get("last_modified", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no copy, or one this code cannot read: as good as none

    def write(self, slug: str, url: str, copy: Copy) -> None:
        """Keep `copy` as the group's last good one (each file replaced whole, never half written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        meta = {"url": url, "fetched": copy.fetched.isoformat(), "etag": copy.etag,
                "last_modified": copy.last_modified}
        _replace(self.folder / f"{slug}.ics", copy.body)
        _replace(self.folder / f"{slug}.json", (json.dumps(meta, indent=2, sort_keys=True) + "\n").encode())

    def touch(self, slug: str, url: str, copy: Copy, fetched: datetime) -> None:
        """The feed answered "not modified": the copy stands, fetched again now."""
        self.write(slug, url, Copy(copy.body, fetched, copy.etag, copy.last_modified))


def _replace(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
