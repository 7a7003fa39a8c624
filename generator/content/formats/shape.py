"""Checking a loaded YAML document against its format: unknown keys (with a "did you mean"),
required keys, the kind of every value, every problem reported with its line."""

from __future__ import annotations

from typing import Any

from ...core.problems import Reporter
from ..yamlfile import line_of_item, line_of_key
from .fields import Field
from .kinds import KINDS
from .messages import describe, did_you_mean, lower_first


def check(data: Any, spec: Field, report: Reporter) -> bool:
    """Check the shape of a loaded YAML document; report every problem; True when there was none."""
    before = len(report.problems)
    if not isinstance(data, dict):
        report.error(1, f"expected a mapping of keys such as `{spec.fields[0].name}:`, found {describe(data)}",
                     f"start each line with a key: {', '.join(f'`{k}`' for k in spec.keys[:4])}, ...")
    else:
        _check_mapping(data, spec, report, line=1, where="")
    return len(report.problems) == before


def _check_mapping(data: dict, spec: Field, report: Reporter, line: int, where: str) -> None:
    for key in data:
        if not isinstance(key, str) or spec.field(key) is None:
            known = spec.keys
            report.error(line_of_key(data, key), f"unknown key `{where}{key}`",
                         did_you_mean(str(key), known) or "known keys: " + ", ".join(f"`{k}`" for k in known))
    for field in spec.fields:
        if field.required and field.name not in data:
            report.error(line, f"`{where}{field.name}` is missing", lower_first(field.doc).rstrip("."))
    for key, value in data.items():
        field = spec.field(key) if isinstance(key, str) else None
        if field is not None and (value is None or field.kind in ("mapping", "list") or field.problem(value)):
            # Only a value that may have a problem needs its line (the lookup is the slow part).
            _check_value(value, field, report, line_of_key(data, key), f"{where}{key}")


def _check_value(value: Any, field: Field, report: Reporter, line: int, name: str) -> None:
    if value is None:
        report.error(line, f"`{name}` has no value", f"give it {KINDS[field.kind]}, or remove the line")
    elif field.kind == "mapping":
        _check_nested_mapping(value, field, report, line, name)
    elif field.kind == "list":
        _check_list(value, field, report, line, name)
    else:
        problem = field.problem(value)
        if problem:
            report.error(line, f"`{name}` {problem[0]}", problem[1])


def _check_nested_mapping(value: Any, field: Field, report: Reporter, line: int, name: str) -> None:
    if isinstance(value, dict):
        _check_mapping(value, field, report, line, f"{name}.")
    elif field.shorthand is not None:  # `calendar: URL` for `calendar: {url: URL}`
        _check_value(value, field.field(field.shorthand), report, line, name)
    else:
        report.error(line, f"`{name}` must be a mapping, not {describe(value)}",
                     "put its keys on the following lines, indented: " + ", ".join(field.keys))


def _check_list(value: Any, field: Field, report: Reporter, line: int, name: str) -> None:
    if isinstance(value, list) and len(value) > field.max_items:
        report.error(line, f"`{name}` has {len(value)} items; at most {field.max_items} are allowed",
                     "shorten the list")
    elif isinstance(value, list):  # an empty list is fine: templates write `tags: []`
        for index, item in enumerate(value):
            _check_value(item, field.items, report, line_of_item(value, index, 0), f"{name}[{index + 1}]")
    elif field.one_or_many and not isinstance(value, dict):
        _check_value(value, field.items, report, line, name)
    else:
        report.error(line, f"`{name}` must be a list, not {describe(value)}", "write it like `[a, b]`")
