"""The pattern map on a large handbook: the page stays small, the SVG file stands on its own."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from generator.content.patterns import PatternGraph
from generator.core.model import SCALES, Pattern
from generator.pages.pattern_map import render_svg
from generator.pages.patterns import MAP_INLINE_LIMIT, map_page

SVG = "{http://www.w3.org/2000/svg}"


def graph_of(count: int) -> PatternGraph:
    slugs = [f"pattern-{i:03d}" for i in range(count)]
    patterns = {
        slug: Pattern(slug=slug, path=f"content/patterns/{slug}.md", title=f"Pattern <{i}> & friends",
                      summary=f"Summary {i}.", scale=SCALES[i % 5],
                      related=tuple(slugs[(i + step) % count] for step in (1, 7) if count > 7))
        for i, slug in enumerate(slugs)
    }
    return PatternGraph.build(patterns)


def test_a_small_map_is_written_into_the_page():
    graph = graph_of(10)
    svg = render_svg(graph, href=lambda slug: f"../{slug}/")
    page = BeautifulSoup(map_page(svg, "../map.svg", graph), "html.parser")
    assert page.select_one("svg.hb-map") is not None and page.select_one("object") is None


def test_a_large_map_is_embedded_from_its_file_and_the_page_stays_small():
    graph = graph_of(300)
    inline = render_svg(graph, href=lambda slug: f"../{slug}/")
    assert len(inline) > MAP_INLINE_LIMIT
    page = map_page(inline, "../map.svg", graph)
    # The lists by scale (one link per pattern) are all that grows with the handbook.
    assert len(page) < 40_000 and page.count("](pattern-") == 300
    embedded = BeautifulSoup(page, "html.parser").select_one("object.hb-map")
    assert embedded["data"] == "../map.svg" and embedded["type"] == "image/svg+xml" and embedded["aria-label"]


def test_the_standalone_svg_is_valid_styled_and_its_links_leave_the_frame():
    svg = render_svg(graph_of(300), href=lambda slug: f"{slug}/", standalone=True)
    root = ET.fromstring(svg)  # well-formed XML, titles with < and & escaped
    assert root.find(f"{SVG}style") is not None
    links = root.findall(f"{SVG}a")
    assert len(links) == 300 and all(a.get("target") == "_top" for a in links)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("Pattern <12> &" in t for t in texts)


def test_the_map_is_the_same_whatever_the_interpreter_hash_seed():
    """Two builds of the same handbook give the same map: the layout must not depend on the
    order of a set of strings, which changes with each interpreter's hash seed."""
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from test_pattern_map import graph_of; "
              "from generator.pages.pattern_map import render_svg; print(render_svg(graph_of(300), href=str))")
    maps = {subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], check=True, text=True,
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(maps) == 1


def test_the_map_page_lists_every_pattern_by_scale_for_screens_narrower_than_the_map():
    graph = graph_of(10)
    page = map_page(render_svg(graph, href=lambda slug: f"../{slug}/"), "../map.svg", graph)
    assert "swipe it sideways" in page and "](#by-scale)" in page
    lists = page.split("{ #by-scale }", 1)[1]
    for scale, patterns in graph.by_scale():
        line = next(line for line in lists.splitlines() if line.startswith(f"**{scale.capitalize()}:**"))
        assert [f"({p.slug}.md)" in line for p in patterns] == [True] * len(patterns)
