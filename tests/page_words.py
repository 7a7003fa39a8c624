"""What a reader sees of a description on its page, read from the page's HTML with BeautifulSoup:
the reference the feeds' text and the JSON-LD are held to (tests/test_feeds.py,
tests/test_feeds_site.py). It is written apart from `generator.content.descriptions`, which
reads the same HTML its own way, so the two can be compared."""

from __future__ import annotations

from bs4 import BeautifulSoup

_BLOCKS = ["p", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr"]


def page_words(html: str, spelled_out: bool = True) -> str:
    """The words of `html` on one line: blocks and line breaks apart, an image counted as its
    alternative text (as a screen reader says it). `spelled_out` adds what a feed shows besides:
    list marks as a browser draws them, and a link's address after its label (where a calendar
    app can follow it) unless the label says it already."""
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        image.replace_with(image.get("alt", ""))
    if spelled_out:
        _spell_out(soup)
    for block in soup.find_all(_BLOCKS):
        block.insert_before(" ")
    return " ".join(soup.get_text().split())


def _spell_out(soup: BeautifulSoup) -> None:
    for link in soup.find_all("a"):
        label, address = link.get_text().strip(), link["href"]
        if address not in (label, f"mailto:{label}"):
            link.append(f" <{address}>" if label else f"<{address}>")
    for listing in soup.find_all(["ul", "ol"]):
        items = listing.find_all("li", recursive=False)
        for number, item in enumerate(items, start=int(listing.get("start", 1))):
            if item.get_text().strip():  # an empty item has no words to mark
                item.insert(0, "- " if listing.name == "ul" else f"{number}. ")
