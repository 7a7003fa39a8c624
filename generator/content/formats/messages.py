"""How problems with a value are worded: what the file holds, and the closest known word."""

from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Any

from ...core.urls import slugify


def describe(value: Any) -> str:
    """A value as a message quotes it: `the text ...`, `the number 3`, `a list`."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int):
        return f"the number {number(value)}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, datetime):
        return f"the date and time {value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text `{value.strip()[:40]}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def number(value: int) -> str:
    """A whole number for a message; one of thousands of digits is not worth quoting in full."""
    return f"{value:,}" if abs(value) < 10**30 else "a number of more than 30 digits"


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def suggested_slug(text: str) -> str:
    """The slug to suggest for a name that is not one (the rule of `handbook new`)."""
    return slugify(text) or "my-slug"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
