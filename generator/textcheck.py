"""Small helpers for friendly error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_match_hint(word: str, choices: Iterable[str], quote: str = "") -> str:
    """`did you mean `x`?` when a choice is close to `word`, else an empty string."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean `{quote}{matches[0]}`?" if matches else ""
