"""Makes `mkdocs.*` importable when ProperDocs is the engine installed and MkDocs is not: the fork
keeps the same modules under `properdocs.*` and aliases them when it runs (`properdocs.replacement`).
Imported by `plugins/__init__.py`, and by pytest (an entry point), so tests that use MkDocs'
modules in-process run on either engine."""

from __future__ import annotations

from generator.engine import installed

if installed() == ["properdocs"]:
    import properdocs.replacement  # noqa: F401
