"""The search index's ranking data and the text it is made from (generator.pages.search_index); the
rankings a reader sees are tested in the browser (tests/browser/test_search.py)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from material.plugins.search.plugin import Parser

from generator.pages import search_index


def indexed_text(html: str) -> str:
    """The text Material's search indexes for a page's top, as its own parser reads it."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return "".join(parser.data[0].text)


def test_words_shown_apart_are_indexed_apart():
    html = ('<p>A gathering of <a href="#">Newtown Crew</a><span class="hb-chip hb-chip--crew">crew</span></p>'
            "<dl><dt>Where</dt><dd><strong>Community Centre, main hall</strong><br>Corner of Colombo Street</dd></dl>"
            '<table><tr><td>Peckham Crew</td><td>Subscribe</td></tr></table>')
    before, after = indexed_text(html), indexed_text(search_index.space_visual_breaks(html))
    assert "Crewcrew" in before and "hallCorner" in before and "CrewSubscribe" in before
    words = " ".join(after.split())
    assert "Newtown Crew crew" in words and "main hall Corner" in words and "Peckham Crew Subscribe" in words


def test_what_the_reader_sees_is_unchanged():
    """Only white space is added, where a browser does not render it; code blocks are untouched."""
    html = '<div><p>one</p><p>two<br>three</p></div><pre><code>a<br>b</code></pre><span class="hb-badge">Moved</span>'
    spaced = search_index.space_visual_breaks(html)
    assert "".join(spaced.split()) == "".join(html.split())
    assert "<pre><code>a<br>b</code></pre>" in spaced
    assert '<span class="hb-badge"> Moved</span>' in spaced  # an inline-block's leading space is not drawn
    assert search_index.space_visual_breaks(spaced) == spaced


class Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words: list[str] = []

    def handle_data(self, data):
        self.words += data.split()


def test_inline_text_is_not_split():
    html = "<p>a <em>very</em><strong>long</strong> word</p>"
    words = Words()
    words.feed(search_index.space_visual_breaks(html))
    assert words.words == ["a", "very", "long", "word"]


def test_sections_weigh_less_than_the_top_of_their_page():
    index = {"docs": [{"location": "patterns/crew/", "boost": 12}, {"location": "patterns/crew/#story", "boost": 12},
                      {"location": "about/#credits"}, {"location": ""}]}
    boosts = [doc.get("boost") for doc in search_index.weigh_sections(index)["docs"]]
    assert boosts == [12, pytest.approx(12 * search_index.SECTION_WEIGHT), search_index.SECTION_WEIGHT, None]


def test_an_editors_own_search_setting_wins_over_the_default_for_the_kind():
    assert search_index.setting(search_index.PATTERN) == search_index.PATTERN
    assert search_index.setting(search_index.PATTERN, {"boost": 2}) == {"boost": 2}
    assert search_index.setting(search_index.PATTERN, {"exclude": True}) == {"boost": 12, "exclude": True}
    assert search_index.setting(search_index.PATTERN, "nonsense") == search_index.PATTERN


def test_kinds_rank_patterns_then_paths_then_groups_then_gatherings():
    order = [search_index.PATTERN, search_index.PATH, search_index.GROUP, search_index.EVENT]
    boosts = [kind["boost"] for kind in order]
    assert boosts == sorted(boosts, reverse=True) and boosts[-1] > 1


def test_an_empty_element_stays_empty():
    """The stylesheet may style `td:empty`; white space would make it not empty."""
    html = "<table><tr><td><code>end</code></td><td></td><td>a date</td></tr></table><p>x</p><div></div>"
    assert "<td></td>" in search_index.space_visual_breaks(html) and "<div></div>" in search_index.space_visual_breaks(html)
