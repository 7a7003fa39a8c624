"""The project on disk: its folder, the content folder named by mkdocs.yml, and the few settings
of mkdocs.yml that the `handbook` command needs, read without MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

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


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: MkDocs' own tags (`!ENV`, `!relative`, `!!python/name:`)
    load as None rather than stopping the read."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    return None


_Lenient.add_multi_constructor("!", _untagged)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def mkdocs_yml(root: Path) -> dict:
    """mkdocs.yml as plain data, for the settings `handbook export` needs."""
    path = root / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Lenient)
    except FileNotFoundError:
        raise UsageError(f"{root} has no mkdocs.yml") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise UsageError(f"{path}{line}: not YAML that can be read: {getattr(err, 'problem', err)}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: mkdocs.yml should be a mapping of settings")
    return data
