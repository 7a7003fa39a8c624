"""The nesting check that keeps a pathological file from exhausting the YAML reader: the fast
whole-text search gives the same line and hint as a walk through the lines would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.yamlfile import MAX_DEPTH, _too_deep


def walked(text: str):
    """The check written as the plain line-by-line walk (brackets left out: few of them here)."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) > 2 * MAX_DEPTH:
            return number, "check the indentation"
        if re.match(r"^(?:-\s+){%d}" % MAX_DEPTH, stripped):
            return number, "check the dashes at the start of the line"
    return None


PIECES = [" " * (2 * MAX_DEPTH), " " * (2 * MAX_DEPTH + 1), " ", "- " * MAX_DEPTH, "- " * (MAX_DEPTH - 1),
          "-", "-\t", "- ", "\t", "\r", "x", "title: a", "\n", "\n", "[", "]"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_search_finds_what_the_walk_finds(pieces):
    text = "".join(pieces)
    assert _too_deep(text) == walked(text)


def test_each_kind_is_found_on_its_line():
    assert _too_deep("a: 1\n" + " " * 201 + "b: 2\n") == (2, "check the indentation")
    assert _too_deep("a: 1\n" + " " * 200 + "b: 2\n") is None
    assert _too_deep("a:\n\n  " + "- " * 100 + "x\n") == (3, "check the dashes at the start of the line")
    assert _too_deep("a:\n" + "- " * 99 + "-\n") is None
    # Both on one line: the walk looks at the indentation first.
    assert _too_deep("a:\n" + " " * 201 + "- " * 100 + "\n") == (2, "check the indentation")
    assert _too_deep("a: " + "[" * 101 + "\n") == (1, "check for unclosed `[` or `{`")
