"""A field of a format: its name, its kind of value, its description and its bounds. A format is a
tree of fields (`declarations`); a mapping's fields are its keys, a list's `items` its items."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .kinds import KIND, Kind, Text, ValueProblem


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of `kinds.KIND`
    doc: str = ""
    required: bool = False
    allowed: tuple[str, ...] = ()  # for "choice"
    items: Field | None = None  # for "list"
    fields: tuple[Field, ...] = ()  # for "mapping"
    one_or_many: bool = False  # a "list" that also takes a single item
    minimum: int | None = None  # for "integer"
    maximum: int | None = None  # for "integer"
    max_length: int | None = None  # characters, for text kinds (see `limits`); the kind's own by default
    max_items: int | None = None  # for "list"
    shorthand: str | None = None  # for "mapping": the key a single value stands for (`calendar: URL`)

    def __post_init__(self) -> None:
        assert self.kind in KIND, self.kind
        # Every value from content is bounded (see `limits`): text by its length, lists by items.
        if isinstance(self.value_kind, Text) and self.max_length is None:
            object.__setattr__(self, "max_length", self.value_kind.max_length)
        assert not isinstance(self.value_kind, Text) or self.max_length is not None, self.name
        assert self.kind != "list" or self.max_items is not None, self.name

    @property
    def value_kind(self) -> Kind:
        return KIND[self.kind]

    def problem(self, value: Any) -> ValueProblem | None:
        """(message, hint) when a single value (not a list or a mapping) is not of the field's kind."""
        return KIND[self.kind].problem(value, self)

    def schema(self) -> dict:
        """The field's JSON Schema, on the text of the file (dates and times as strings)."""
        out: dict[str, Any] = {"description": self.doc} if self.doc else {}
        out.update(self.value_kind.schema(self))
        return out

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def mapping(name: str, doc: str, *fields: Field, required: bool = False, shorthand: str | None = None) -> Field:
    return Field(name, "mapping", doc, required=required, fields=fields, shorthand=shorthand)


def json_schema(spec: Field) -> dict:
    """A JSON Schema (2020-12) of a format, for editors with a YAML language server and for the
    Contribute pages."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.name}
    schema.update(spec.schema())
    return schema
