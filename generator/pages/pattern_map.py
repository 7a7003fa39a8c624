"""The pattern map: every pattern as a box in the band of its scale, related patterns joined.

Drawn at build time as plain SVG with real links, so it reads without JavaScript, scales to a
phone, and can be saved as a file. The layout is deterministic: boxes within a band are ordered
by the mean position of their neighbours (a few barycentre sweeps), which keeps most links short.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html import escape

from ..content.patterns import PatternGraph
from ..core.model import SCALES

BOX_W, BOX_H, GAP_X, GAP_Y = 172, 50, 14, 18
LABEL_H = 26  # each band starts with its scale's name, above its boxes
PER_ROW = 4
LINE_CHARS = 20
# The site's CSS (handbook.css, .hb-map*) with plain colours, for the SVG file on its own.
STANDALONE_STYLE = (
    "<style>"
    "svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#fff}"
    ".hb-map__band:nth-of-type(odd){fill:#eee;opacity:.5}.hb-map__band:nth-of-type(even){fill:none}"
    ".hb-map__scale{font-size:16px;font-weight:700;fill:#555}"
    ".hb-map__links path{fill:none;stroke:#999;stroke-width:1.2;opacity:.7}"
    ".hb-map__node rect{fill:#fff;stroke-width:2}.hb-map__node text{font-size:15px;fill:#222}"
    ".hb-map__node:hover rect,.hb-map__node:focus rect{fill:#fdeee6}"
    ".hb-map__node--self rect{stroke:#6a1b9a}.hb-map__node--partner rect{stroke:#ad1457}"
    ".hb-map__node--crew rect{stroke:#2e7d32}.hb-map__node--congregation rect{stroke:#1565c0}"
    ".hb-map__node--network rect{stroke:#b34700}"
    "</style>"
)


def render_svg(graph: PatternGraph, href: Callable[[str], str], standalone: bool = False) -> str:
    """The map as SVG. Inline in a page it takes the site's CSS; `standalone` (a file of its own,
    perhaps shown in an <object>) carries its own styles, and its links leave the frame."""
    link_target = "_top" if standalone else ""
    rows = _layout(graph)
    width = PER_ROW * (BOX_W + GAP_X) + GAP_X
    centres: dict[str, tuple[float, float]] = {}
    parts_bands: list[str] = []
    y = 0.0
    for scale, lines in rows:
        band_top = y
        y += LABEL_H + GAP_Y / 2
        for line in lines:
            x = GAP_X + (PER_ROW - len(line)) * (BOX_W + GAP_X) / 2
            for slug in line:
                centres[slug] = (x + BOX_W / 2, y + BOX_H / 2)
                x += BOX_W + GAP_X
            y += BOX_H + GAP_Y
        parts_bands.append(
            f'<rect class="hb-map__band" x="0" y="{band_top:.0f}" width="{width}" height="{y - band_top:.0f}"/>'
            f'<text class="hb-map__scale" x="{GAP_X}" y="{band_top + LABEL_H:.0f}">{escape(scale.capitalize())}</text>'
        )
    height = y
    edges = []
    for slug, pattern in sorted(graph.patterns.items()):
        for target in pattern.related:
            # a link both ways is drawn once
            if target in centres and (slug < target or slug not in graph.patterns[target].related):
                edges.append(_edge(centres[slug], centres[target]))
    boxes = [_box(graph.patterns[slug], centres[slug], href(slug), link_target) for slug in sorted(centres)]
    return (
        f'<svg class="hb-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" aria-label="Map of the patterns by scale, with lines between related patterns">'
        f"<title>Pattern map</title>"
        + (STANDALONE_STYLE if standalone else "")
        + "".join(parts_bands)
        + '<g class="hb-map__links">' + "".join(edges) + "</g>"
        + "".join(boxes)
        + "</svg>"
    )


def _layout(graph: PatternGraph) -> list[tuple[str, list[list[str]]]]:
    """Rows of slugs per scale, ordered to keep related patterns near each other."""
    neighbours: dict[str, set[str]] = {slug: set() for slug in graph.patterns}
    for slug, pattern in graph.patterns.items():
        for target in pattern.related:
            if target in neighbours:
                neighbours[slug].add(target)
                neighbours[target].add(slug)
    bands = {scale: [p.slug for p in patterns] for scale, patterns in graph.by_scale()}
    position = {slug: float(i) for scale in SCALES for i, slug in enumerate(bands[scale])}
    for _ in range(4):
        for scale in SCALES:
            def barycentre(slug: str) -> tuple[float, str]:
                # In the order of the slugs, not the set's: float sums depend on their order, and
                # a set of strings has a new order in every interpreter (a map that changes from
                # one build to the next).
                near = [position[n] for n in sorted(neighbours[slug])]
                return (sum(near) / len(near) if near else position[slug], slug)
            bands[scale].sort(key=barycentre)
            for i, slug in enumerate(bands[scale]):
                position[slug] = (i + 0.5) * PER_ROW / max(len(bands[scale]), 1)
    return [(scale, [bands[scale][i:i + PER_ROW] for i in range(0, len(bands[scale]), PER_ROW)] or [[]])
            for scale in SCALES]


def _edge(a: tuple[float, float], b: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = a, b
    if abs(y1 - y2) < 1:  # same row: arc over the boxes in between
        mid_y = y1 - BOX_H * 0.9
        return f'<path d="M{x1:.0f},{y1:.0f} Q{(x1 + x2) / 2:.0f},{mid_y:.0f} {x2:.0f},{y2:.0f}"/>'
    mid_y = (y1 + y2) / 2
    return f'<path d="M{x1:.0f},{y1:.0f} C{x1:.0f},{mid_y:.0f} {x2:.0f},{mid_y:.0f} {x2:.0f},{y2:.0f}"/>'


def _box(pattern, centre: tuple[float, float], url: str, target: str) -> str:
    cx, cy = centre
    lines = textwrap.wrap(pattern.title, LINE_CHARS)[:2] or [pattern.slug]
    first_y = cy + 5 - (len(lines) - 1) * 9
    text = "".join(
        f'<tspan x="{cx:.0f}" y="{first_y + i * 18:.0f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    target_attr = f' target="{escape(target)}"' if target else ""
    return (
        f'<a class="hb-map__node hb-map__node--{pattern.scale}" href="{escape(url)}"{target_attr}>'
        f"<title>{escape(pattern.summary)}</title>"
        f'<rect x="{cx - BOX_W / 2:.0f}" y="{cy - BOX_H / 2:.0f}" width="{BOX_W}" height="{BOX_H}" rx="8"/>'
        f'<text text-anchor="middle">{text}</text></a>'
    )
