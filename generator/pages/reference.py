"""What the Contribute pages show of the formats and templates, made from the code itself
(`generator.content.formats`, `generator.content.templates`) so the pages never drift from what `check` checks
and what `handbook new` writes."""

from __future__ import annotations

import re
from datetime import datetime

from ..content import templates
from ..content.formats import KINDS, Field
from ..content.schemas import FORMATS
from ..core import limits

# <!-- handbook:fields event -->  or  <!-- handbook:template group -->
MARKER = re.compile(r"<!--\s*handbook:(fields|template)\s+([a-z]+)\s*-->")
# <!-- handbook:limits -->: what content may hold beyond each field's own length (`core.limits`)
LIMITS_MARKER = re.compile(r"<!--\s*handbook:limits\s*-->")

# The arguments the Contribute pages show `handbook new` being called with.
EXAMPLES = {
    "pattern": dict(title="Walk and talk", scale="partner"),
    "event": dict(title="Thursday check-in", group="newtown-crew", start=datetime(2026, 12, 3, 19, 0), duration="2h"),
    "group": dict(name="Newtown Crew", kind="crew", timezone="Pacific/Auckland", part_of="wellington-congregation"),
    "path": dict(title="A first check-in evening", patterns=["sitting-in-a-circle", "check-in"]),
}


def expand(markdown: str, schema_url) -> tuple[str, list[str]]:
    """Replace every marker; return the Markdown and the markers that name no format."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        what, kind = match.groups()
        if kind not in FORMATS:
            unknown.append(match.group(0))
            return match.group(0)
        return field_table(FORMATS[kind]) if what == "fields" else template_block(kind, schema_url(kind))

    return LIMITS_MARKER.sub(lambda _: limits_table(), MARKER.sub(replace, markdown)), unknown


def limits_table() -> str:
    """The limits of `core.limits` that no single field's row says, in an editor's words."""
    rows = [
        ("a content file", f"at most {limits.MAX_FILE_BYTES // 1024} KB"),
        ("every date (`start`, `end`, `until`, `except`, `changes`) and every date of a series",
         f"in the years {limits.FIRST_YEAR} to {limits.LAST_YEAR}"),
        ("one gathering, or one changed date of a series", f"lasts at most {limits.MAX_DAYS} days"),
        ("`repeat.interval`", f"1 to {limits.MAX_INTERVAL:,}"),
        ("`repeat.count`", f"at most {limits.MAX_COUNT:,} dates"),
        ("`repeat.except`", f"at most {limits.MAX_EXCEPTIONS} dates"),
        ("`repeat.changes`", f"at most {limits.MAX_CHANGES} dates"),
        ("lists and quotes inside lists and quotes in Markdown", f"at most {limits.MAX_MARKDOWN_NESTING} levels"),
        ("YAML inside YAML (indentation or brackets)", f"at most {limits.MAX_YAML_DEPTH} levels"),
        ("a group's own calendar (`calendar:`)",
         f"downloaded within {limits.IMPORT_TIMEOUT_SECONDS} seconds, at most {limits.IMPORT_MAX_BYTES // 1_000_000} MB, "
         f"its first {limits.MAX_IMPORTED_EVENTS:,} gatherings"),
    ]
    lines = ["| what | limit |", "| --- | --- |"] + [f"| {_cell(what)} | {_cell(limit)} |" for what, limit in rows]
    return "\n".join(lines)


def template_block(kind: str, schema: str | None) -> str:
    args = EXAMPLES[kind]
    if kind in ("pattern", "path"):
        return "```markdown\n" + getattr(templates, kind)(**args) + "```"
    return "```yaml\n" + getattr(templates, kind)(**args, schema=schema) + "```"


def field_table(spec: Field) -> str:
    rows = ["| key | needed | what it takes | what it means |", "| --- | --- | --- | --- |"]
    rows += [_row(name, field) for name, field in _flatten(spec, "")]
    # The class lets a phone show each field as a short card instead of four squeezed columns.
    return '<div class="hb-fields" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def _flatten(spec: Field, prefix: str):
    for field in spec.fields:
        name = prefix + field.name
        yield name, field
        if field.kind == "mapping":
            yield from _flatten(field, name + ".")
        elif field.kind == "list" and field.items is not None and field.items.kind == "mapping":
            yield from _flatten(field.items, name + "[].")


def _row(name: str, field: Field) -> str:
    parent = name.rpartition(".")[0]
    needed = "" if not field.required else f"in each `{parent}`" if parent else "yes"
    return f"| `{name}` | {needed} | {_cell(_takes(field))} | {_cell(field.doc)} |"


def _takes(field: Field) -> str:
    if field.kind == "choice":
        return "one of " + ", ".join(f"`{a}`" for a in field.allowed)
    if field.kind == "list":
        item = field.items
        if item.kind == "mapping":
            return "a list of mappings, with the keys below"
        single = " (or a single one)" if field.one_or_many else ""
        return f"a list{single} of at most {field.max_items}: {_takes(item)}"
    if field.kind == "mapping":
        return "a mapping, with the keys below"
    text = KINDS[field.kind]
    if field.minimum is not None:
        text += f", at least {field.minimum}"
    if field.kind in ("text", "markdown"):  # what an editor writes freely; other kinds are short by nature
        text += f"; at most {field.max_length:,} characters"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
