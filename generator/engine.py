"""Which site engine builds the handbook: MkDocs 1.6, or ProperDocs, its maintained fork. Both
run the same plugins and theme and give the same site, except the `<meta name="generator">` tag.

`HANDBOOK_ENGINE=mkdocs|properdocs` names one; otherwise the first installed of `ENGINES` is used.
This module only names commands: the engine runs in its own process, so `generator` still never
imports MkDocs.
"""

from __future__ import annotations

import os
import sys
from importlib import metadata

ENGINES = ("mkdocs", "properdocs")  # in order of preference when none is named
VARIABLE = "HANDBOOK_ENGINE"


class EngineError(Exception):
    """The named engine is unknown or not installed: one line says which and how to install it."""


def installed() -> list[str]:
    """The engines installed, by their distributions: with ProperDocs alone, `mkdocs` may still be
    importable (ProperDocs aliases it), but it is not installed."""
    found = []
    for name in ENGINES:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(name)
    return found


def name() -> str:
    """The engine to run: the one `HANDBOOK_ENGINE` names, or the first one installed."""
    named = os.environ.get(VARIABLE, "").strip().lower()
    if named and named not in ENGINES:
        raise EngineError(f"{VARIABLE}={named} names no engine; use one of: {', '.join(ENGINES)}")
    present = installed()
    if named:
        if named not in present:
            extra = "" if named == "mkdocs" else f"[{named}]"
            raise EngineError(f'{VARIABLE}={named}, but {named} is not installed: pip install -e ".{extra}"')
        return named
    if not present:
        raise EngineError("neither MkDocs nor ProperDocs is installed; pip install -e .")
    return present[0]


def command(*args: str, engine: str | None = None) -> list[str]:
    """The command line that runs the engine with `args`, with this Python: `build --strict`..."""
    return [sys.executable, "-m", engine or name(), *args]
