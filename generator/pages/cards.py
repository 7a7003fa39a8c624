"""The card deck: every pattern as a card to print and cut out, at `/patterns/cards/`.

A card holds the pattern's title, its scale, its summary, the steps of its `## Try it` section
and the way back to its page: a short link, and a QR code of the full address when the site's
address is known. The theme's print stylesheet (cards.css) lays the cards out four to a sheet,
A4 or US Letter, never split by a page break.

The QR codes are SVG files of their own (`patterns/cards/qr/<slug>.svg`, drawn by segno), so the
page stays small however many patterns there are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import segno

from ..content import descriptions
from ..content.patterns import PatternGraph
from ..core.markdown_text import html_text
from ..core.model import SCALES, Pattern

PAGE = "patterns/cards.md"
STEPS_HEADING = "Try it"
# What a sheet holds: the print stylesheet's cards are 95 x 127 mm, two by two on A4 or Letter.
CARDS_PER_SHEET = 4
# Past this many characters of summary and steps a card is printed in smaller type (`hb-card--long`
# in cards.css), so that it still fits its 127 mm.
LONG = 580

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)


def qr_file(slug: str) -> str:
    return f"patterns/cards/qr/{slug}.svg"


@dataclass(frozen=True)
class Card:
    pattern: Pattern
    href: str  # the pattern's page, relative to the deck
    address: str  # the pattern's page as printed on the card: absolute without its scheme, or a path
    qr: str | None  # the QR code's file, relative to the deck, when the site's address is known


def section(body: str, heading: str) -> str:
    """The Markdown under `## heading` in a pattern's body, up to the next `##` heading."""
    lines, found, in_fence = [], False, False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            if found:
                break
            found = match.group(1).strip() == heading
            continue
        if found:
            lines.append(line)
    return "\n".join(lines).strip()


def steps_html(pattern: Pattern) -> str:
    """The pattern's try-it steps as HTML for a card: rendered as safely as event descriptions,
    and links reduced to their text (a card is read on paper)."""
    markdown = section(pattern.body, STEPS_HEADING)
    return _LINK.sub(r"\1", descriptions.render(markdown, heading_shift=3)) if markdown else ""


def qr_svg(address: str) -> str:
    """The QR code of an absolute address, as a standalone SVG file."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff").replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def cards_in_order(graph: PatternGraph) -> list[Pattern]:
    """From the smallest scale to the largest, and by title within a scale, as the index lists them."""
    return [pattern for _, patterns in graph.by_scale() for pattern in patterns]


def deck_page(cards: list[Card]) -> str:
    """The deck page: Markdown front matter, then the cards as one block of HTML."""
    scales = {scale: sum(card.pattern.scale == scale for card in cards) for scale in SCALES}
    sheets = -(-len(cards) // CARDS_PER_SHEET)
    intro = (f"{len(cards)} cards, one for each pattern, {CARDS_PER_SHEET} to a sheet: {sheets} sheets of A4 or "
             "US Letter. Print them (or save them as a PDF), cut along the dashed lines, and take them to a "
             "gathering without screens. Each card's code leads back to its pattern.")
    parts = [
        "---", "title: Card deck", "template: cards.html", "search:", "  exclude: true", "---", "",
        "# Card deck", "",
        f'<div class="hb-deck-intro" markdown="0"><p>{html_text(intro)}</p>',
        '<p class="hb-deck-actions"><button type="button" class="md-button md-button--primary hb-print-button" '
        'data-hb-print hidden>Print the deck</button> '
        '<span class="hb-deck-keys">Or use your browser\'s Print command and choose A4 or Letter.</span></p>',
        '<p class="hb-deck-counts">' + " · ".join(f"{html_text(scale.capitalize())}: {n}" for scale, n in scales.items() if n)
        + "</p></div>", "",
        '<div class="hb-deck" markdown="0">',
        *(_card(card) for card in cards),
        "</div>", "",
    ]
    return "\n".join(parts)


def _card(card: Card) -> str:
    p = card.pattern
    steps = steps_html(p)
    length = len(p.summary) + len(re.sub(r"<[^>]+>", "", steps))
    long = " hb-card--long" if length > LONG else ""
    # Lazy: the codes near a phone's first screen are fetched with it, the rest after the page has
    # loaded, for printing (print.js), instead of all of them before the first screen is drawn.
    qr = (f'<img class="hb-card__qr" src="{html_text(card.qr)}" alt="" width="96" height="96" loading="lazy">'
          if card.qr else "")
    return (
        f'<article class="hb-card hb-card--{html_text(p.scale)}{long}" id="card-{html_text(p.slug)}">'
        f'<p class="hb-card__scale"><span class="hb-chip hb-chip--{html_text(p.scale)}">{html_text(p.scale)}</span></p>'
        f'<h2 class="hb-card__title"><a href="{html_text(card.href)}">{html_text(p.title)}</a></h2>'
        f'<p class="hb-card__summary">{html_text(p.summary)}</p>'
        + (f'<div class="hb-card__steps"><h3>{html_text(STEPS_HEADING)}</h3>{steps}</div>' if steps else "")
        + f'<footer class="hb-card__foot">{qr}<span class="hb-card__address">{_breakable(card.address)}</span></footer>'
        "</article>"
    )


def cards_for(graph: PatternGraph, href: Callable[[str], str], address: Callable[[str], str],
              qr: Callable[[str], str | None]) -> list[Card]:
    return [Card(p, href(p.slug), address(p.slug), qr(p.slug)) for p in cards_in_order(graph)]


def _breakable(address: str) -> str:
    """The address as HTML that wraps after a slash rather than in the middle of a word."""
    return html_text(address).replace("/", "/<wbr>")
