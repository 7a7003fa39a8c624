"""How a problem names its file and quotes what the file holds; and how that differs from the
same text in a feed or a link on a page, which once had the same function names."""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problem, printable_line, problem_path
from generator.core.urls import link
from generator.feeds.text import collapsed

ODD = "Tea\n\n and\tcake\x07 \u202e"


def test_a_problem_quotes_every_odd_character_visibly_on_one_line():
    # Each run of breaks is one space; the bell and the direction control are shown, not dropped,
    # so a message says exactly what the file holds.
    assert printable_line(ODD) == "Tea  and cake\\x07 \\u202e"
    assert printable_line("x" * 50, limit=10) == "x" * 9 + "…"
    assert str(Problem("content/a.yml", 2, ODD)) == "content/a.yml:2: Tea  and cake\\x07 \\u202e"


def test_a_feed_title_collapses_whitespace_and_drops_control_characters():
    assert collapsed(ODD) == "Tea and cake \u202e"


def test_a_problem_names_its_file_from_the_project_root(tmp_path):
    assert problem_path(tmp_path / "content" / "events" / "a.yml", tmp_path) == "content/events/a.yml"
    assert problem_path(tmp_path / "elsewhere.yml", tmp_path / "content") == "../elsewhere.yml"
    assert problem_path(Path("content") / "x.md", Path(".")) == "content/x.md"


def test_a_link_on_a_page_is_relative_to_that_page():
    assert link("feeds/all.ics", "events/night/") == "../../feeds/all.ics"
    assert link("events/", "events/2027/01/") == "../../"
