"""The generated pages of the pattern language, as Markdown: the scale index, tags and the map.

They are Markdown (not theme templates) so that MkDocs renders and Material's search indexes them.
Links are relative to the page they are written on, as MkDocs expects of Markdown links.
"""

from __future__ import annotations

from ..content.patterns import PatternGraph
from ..core.markdown_text import html_text, md_text
from ..core.model import Pattern
from .search_index import LISTING
from .search_index import front_matter as search_setting

SCALE_BLURBS = {
    "self": "Practices for the one person at the centre of every circle.",
    "partner": "Practices for two people: a friendship, a partnership, a pair who look out for each other.",
    "crew": "Practices for a small group of four to eight people who meet again and again.",
    "congregation": "Practices for a gathering of crews, from dozens to a couple of hundred people.",
    "network": "Practices for the loose web that joins congregations across places.",
}

MAP_PAGE = "patterns/map.md"
TAGS_PAGE = "patterns/tags/index.md"


def tag_page(tag: str) -> str:
    return f"patterns/tags/{tag}.md"


def scale_index(graph: PatternGraph) -> str:
    lines = [
        "---", "title: Patterns", *search_setting(LISTING), "---", "",
        "# The pattern language", "",
        f"{len(graph.patterns)} practices, from the smallest scale to the largest. "
        "Each one names a situation, the problem in it, and something to try. "
        "See them all on the [pattern map](map.md), or browse by [tag](tags/index.md).", "",
    ]
    for scale, patterns in graph.by_scale():
        lines += [f"## {scale.capitalize()} {{ #{scale} }}", "", SCALE_BLURBS[scale], ""]
        lines += _pattern_list(patterns, prefix="") if patterns else ["*No patterns at this scale yet.*"]
        lines.append("")
    return "\n".join(lines)


def tags_index(graph: PatternGraph) -> str:
    lines = ["---", "title: Pattern tags", *search_setting(LISTING), "---", "", "# Pattern tags", ""]
    for tag, patterns in graph.by_tag().items():
        lines.append(f"- [{md_text(tag)}]({tag}.md) ({len(patterns)})")
    return "\n".join(lines) + "\n"


def tag_listing(tag: str, patterns: list[Pattern]) -> str:
    lines = ["---", f"title: 'Tag: {tag}'", *search_setting(LISTING), "---", "", f"# Patterns tagged “{md_text(tag)}”", ""]
    lines += _pattern_list(patterns, prefix="../")
    lines += ["", "[All tags](index.md) · [All patterns](../index.md)", ""]
    return "\n".join(lines)


# Past this size the map is embedded from its SVG file rather than written into the page, which
# keeps the HTML page small (every page stays under 100 KB) on a handbook of hundreds of patterns.
MAP_INLINE_LIMIT = 48_000


def map_page(svg: str, svg_url: str, graph: PatternGraph) -> str:
    """The map page: the SVG inline when it is small, else an <object> showing `svg_url`; above it
    a hint for screens narrower than the map, and below it the same patterns as lists by scale,
    which fit any screen and read well aloud."""
    if len(svg) <= MAP_INLINE_LIMIT:
        figure = f'<div class="hb-map-frame" markdown="0">{svg}</div>'
    else:
        figure = (f'<div class="hb-map-frame" markdown="0"><object class="hb-map" type="image/svg+xml" '
                  f'data="{html_text(svg_url)}" aria-label="Map of the patterns by scale" title="Pattern map">'
                  f'<a href="{html_text(svg_url)}">Open the pattern map</a></object></div>')
    return "\n".join([
        "---", "title: Pattern map", *search_setting(LISTING), "---", "",
        "# Pattern map", "",
        "Each box is a pattern, in the band of its scale; a line joins related patterns. "
        "Select a box to read the pattern. The map is also available [as an SVG file](map.svg).", "",
        "The map is wider than this screen: swipe it sideways to see the rest, or read "
        "[the same patterns as a list](#by-scale) below it.", "{: .hb-map-hint }", "",
        figure, "",
        "## The patterns by scale { #by-scale }", "",
        *_scale_lines(graph),
    ])


def _scale_lines(graph: PatternGraph) -> list[str]:
    """One line per scale: its name, then its patterns as links, in the order of the scale index."""
    lines = []
    for scale, patterns in graph.by_scale():
        if patterns:
            links = " · ".join(f"[{md_text(p.title)}]({p.slug}.md)" for p in patterns)
            lines += [f"**{scale.capitalize()}:** {links}", "{: .hb-map-list }", ""]
    return lines


def _pattern_list(patterns: list[Pattern], prefix: str) -> list[str]:
    return [f"- [{md_text(p.title)}]({prefix}{p.slug}.md): {md_text(p.summary)}" for p in patterns]
