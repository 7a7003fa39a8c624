"""The JSON Schemas published for editors, made from the formats declared in `formats`.

`formats.json_schema` writes JSON Schema 2020-12. The YAML language server behind most editors'
YAML support (VS Code's YAML extension, Neovim, Helix, ...) understands draft-07 and below, so
the published files say draft-07 and write the one 2020-12 keyword we use (`prefixItems`, for
`[latitude, longitude]`) the draft-07 way. The meaning is the same.

    handbook schemas        # rewrite content/schemas/*.schema.json after a format change
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .formats import EVENT, GROUP, PATH, PATTERN, Field, json_schema

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FOLDER = "schemas"  # inside the docs folder: the site serves the files at /schemas/
FORMATS: dict[str, Field] = {"event": EVENT, "group": GROUP, "pattern": PATTERN, "path": PATH}


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema(kind: str, base_url: str = "") -> dict:
    """The draft-07 schema of one format; `base_url` (the site's address) gives it an `$id`."""
    out = _draft_07(json_schema(FORMATS[kind]))
    out["$schema"] = DRAFT_07
    if base_url:
        out = {"$id": f"{base_url.rstrip('/')}/{FOLDER}/{file_name(kind)}", **out}
    return out


def schema_text(kind: str, base_url: str = "") -> str:
    return json.dumps(schema(kind, base_url), indent=2, ensure_ascii=False) + "\n"


def all_schema_texts(base_url: str = "") -> dict[str, str]:
    """File name -> text, for every format."""
    return {file_name(kind): schema_text(kind, base_url) for kind in FORMATS}


def _draft_07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _draft_07(value) for key, value in node.items() if key != "prefixItems"}
    if "prefixItems" in node:
        out["items"] = _draft_07(node["prefixItems"])
        out["additionalItems"] = False
    return out


def write(folder: Path, base_url: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in all_schema_texts(base_url).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
