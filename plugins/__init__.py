"""Thin MkDocs plugins: each reads its configuration, calls generator/, and hands pages to MkDocs."""

from . import engine  # noqa: F401  (first: on ProperDocs alone, `mkdocs.*` must resolve to it)
