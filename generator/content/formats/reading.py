"""Reading one file of a format: its name as a slug, its bytes as YAML, its shape checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ...core.problems import Reporter
from ..yamlfile import line_of_item, line_of_key, load, read_text
from .fields import Field
from .kinds import SLUG_RE
from .messages import suggested_slug
from .shape import check


def load_data(raw: bytes | None, spec: Field, report: Reporter) -> dict | None:
    """Parse and check one file's bytes against its format; None when it has any problem (or
    could not be read, which the content walk has reported)."""
    if raw is None:
        return None
    before = len(report.problems)
    text = read_text(raw, report)
    if text is None:
        return None
    data = load(text, report)
    if len(report.problems) > before:
        return None
    if data is None:
        required = [f"`{f.name}`" for f in spec.fields if f.required]
        report.error(1, "the file is empty", "it needs at least " + ", ".join(required))
        return None
    return data if check(data, spec, report) else None


def check_slug(path: Path, report: Reporter, reserved: Callable[[str], bool] = lambda slug: False) -> bool:
    """The file name is the slug, which goes into URLs: lowercase words joined by hyphens."""
    slug = path.stem
    if not SLUG_RE.match(slug):
        report.error(1, f"the file name `{path.name}` is not a slug",
                     f"rename it to `{suggested_slug(slug)}{path.suffix}`: lowercase letters, digits and hyphens")
        return False
    if reserved(slug):
        report.error(1, f"`{slug}` cannot be a slug here: the site uses that address for something else",
                     "rename the file")
        return False
    return True




# Reading the values of a file whose shape `check` found right.


def items_of(node: dict, key: str) -> Iterator[tuple[Any, int]]:
    """The items of a list field (or its single value, for one that takes one or many) with
    their lines; nothing when the key is absent."""
    if key not in node:
        return
    value = node[key]
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield item, line_of_item(value, index)
    else:
        yield value, line_of_key(node, key)


def text_of(value: Any) -> str:
    """A one-line value as the site shows it: stripped; empty when absent."""
    return "" if value is None else str(value).strip()


def markdown_of(value: Any) -> str:
    """A Markdown value: without its leading blank lines and trailing space; empty when absent."""
    return "" if value is None else str(value).strip("\n").rstrip()
