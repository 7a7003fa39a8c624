"""The project on disk: its folder, the content folder named by mkdocs.yml, and the few settings
of mkdocs.yml that the `handbook` command needs, read without MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

DEFAULT_DOCS_DIR = "content"


class UsageError(Exception):
    """A command line that cannot be carried out as given: exit 2 with one line saying why."""


def docs_dir(root: Path, must_exist: bool = True) -> Path:
    """The content folder: mkdocs.yml's docs_dir, read without MkDocs, or `content/`."""
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    name = setting(root, "docs_dir") or (DEFAULT_DOCS_DIR if not (root / "mkdocs.yml").is_file() else "docs")
    folder = root / name
    if must_exist and not folder.is_dir():
        raise UsageError(f"{root} has no content folder (looked for `{name}/`, from mkdocs.yml's docs_dir); "
                         "run the command in the project folder, or give its path")
    return folder


def setting(root: Path, key: str) -> str | None:
    """A top-level string setting of mkdocs.yml. A regular expression rather than a YAML parser:
    mkdocs.yml may hold `!!python/name:` tags that a safe loader refuses."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {root / 'mkdocs.yml'}: {getattr(err, 'strerror', None) or err}") from None
    match = re.search(rf"^{key}:[ \t]*['\"]?([^'\"#\s]+)", text, re.MULTILINE)
    return match.group(1) if match else None
