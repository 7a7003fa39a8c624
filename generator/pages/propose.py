"""What the proposal form (`/contribute/propose/`) needs from the build, as JSON beside the schemas.

The form runs in the reader's browser with no server of ours: it validates against the published
JSON Schemas, and takes everything else it must know from two kinds of file written here:

* `schemas/propose.json`: the groups and patterns to choose from, the tags in use, the slugs
  already taken, the time zones, the code host's "new file" and "edit" addresses and the
  organisers' address;
* `schemas/events/<slug>.json`: one gathering's values as its file holds them, for the event
  page's "suggest a change", which opens the form filled in.

Pure functions of the loaded content and a few settings; the editors plugin writes the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content import schemas
from ..content.formats import available_timezones
from ..content.yamlfile import load, read_text
from ..core import limits
from ..core.model import Content
from ..core.problems import Reporter
from ..core.urls import RESERVED_SLUGS

DATA_FILE = "propose.json"  # inside schemas.FOLDER
EVENTS_FOLDER = "events"  # inside schemas.FOLDER: one <slug>.json per gathering
# GitHub answers "414 URI Too Long" a little above 8 KB of address; the form says so below this.
MAX_HANDOVER_URL = 8000


@dataclass(frozen=True)
class Settings:
    """What the form needs from mkdocs.yml."""

    repo_url: str = ""
    edit_uri: str = ""  # like `edit/main/content/`: the branch and the content folder
    organisers_email: str = ""
    site_url: str = ""  # for the files' modeline, as `handbook new` writes it
    content_folder: str = "content"  # the docs folder, relative to the repository's root


def code_host(repo_url: str, edit_uri: str) -> dict[str, str] | None:
    """The addresses the form hands files over to: `new` + path of a folder opens GitHub's "new
    file" page (it takes `filename` and `value`, and offers a fork and a pull request to anyone
    without write access); `edit` + path of a file opens its editor. None for another host, where
    the form offers the copy, the download and the e-mail alone."""
    if not repo_url or not edit_uri:
        return None
    parts = urlsplit(repo_url)
    if parts.hostname not in ("github.com", "www.github.com"):
        return None
    segments = [s for s in edit_uri.strip("/").split("/") if s]
    if len(segments) < 2 or segments[0] not in ("edit", "blob"):
        return None
    branch, folder = segments[1], "/".join(segments[2:])
    base = repo_url.rstrip("/")
    return {"new": f"{base}/new/{branch}/", "edit": f"{base}/edit/{branch}/", "tree": f"{base}/tree/{branch}/",
            "content": folder}


def form_data(content: Content, settings: Settings, schema_urls: dict[str, str]) -> dict[str, Any]:
    """The JSON the form loads: everything it offers to choose from, and where it hands over."""
    groups = sorted(content.groups.values(), key=lambda g: (g.name.lower(), g.slug))
    patterns = sorted(content.patterns.values(), key=lambda p: (p.title.lower(), p.slug))
    return {
        "groups": [{"slug": g.slug, "name": g.name, "kind": g.kind, "timezone": g.timezone, "where": g.where,
                    "part_of": g.part_of, "open_to_newcomers": g.open_to_newcomers} for g in groups],
        "patterns": [{"slug": p.slug, "title": p.title, "scale": p.scale, "summary": p.summary} for p in patterns],
        "tags": sorted({tag for event in content.events.values() for tag in event.tags}),
        "taken": {"event": sorted(content.events), "group": sorted(content.groups)},
        "reserved": {"event": list(RESERVED_SLUGS["event"]), "group": list(RESERVED_SLUGS["group"])},
        "timezones": sorted(available_timezones()),
        "schemas": schema_urls,
        "modeline": ({kind: f"{settings.site_url.rstrip('/')}/{schemas.FOLDER}/{schemas.file_name(kind)}"
                      for kind in ("event", "group")} if settings.site_url.startswith(("https://", "http://")) else None),
        "content_folder": settings.content_folder,
        "host": code_host(settings.repo_url, settings.edit_uri),
        "organisers_email": settings.organisers_email or None,
        "max_url": MAX_HANDOVER_URL,
        "max_title": limits.MAX_TITLE,
    }


def event_values(raw: bytes) -> dict[str, Any] | None:
    """An event file's values as JSON, the way the schema describes the file: dates and times as
    the text an editor writes. None when the file cannot be read (the check has said why)."""
    report = Reporter("", [])
    text = read_text(raw, report)
    data = load(text, report) if text is not None else None
    if report.problems or not isinstance(data, dict):
        return None
    return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}" + (f":{value:%S}" if value.second else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # ruamel's scalar strings, as plain text
    return value


def event_files(content: Content, root: Path) -> dict[str, str]:
    """`events/<slug>.json` -> its text, for every gathering of the content that has a file of its
    own: one imported from a group's calendar is changed in that calendar, not by a proposal."""
    out = {}
    for slug, event in sorted(content.events.items()):
        if event.imported is not None:
            continue
        try:
            values = event_values((root / event.path).read_bytes())
        except OSError:
            continue
        if values is not None:
            out[f"{EVENTS_FOLDER}/{slug}.json"] = to_json({"slug": slug, "path": event.path, "values": values})
    return out


def to_json(data: Any) -> str:
    # `<`, `>` and `&` escaped: the text stays harmless wherever it is pasted or served.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
