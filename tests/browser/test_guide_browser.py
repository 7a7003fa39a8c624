"""The guiding pages in Chromium: the glossary's tooltips, and the card deck printed to PDF on A4
and US Letter (a page count, every pattern's title, no card cut by a page break) and read on a
phone."""

from __future__ import annotations

import io
import math
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import LAYOUT_SHIFTS  # noqa: E402

pytestmark = pytest.mark.browser

FORMATS = {"A4": (210, 297), "Letter": (215.9, 279.4)}  # millimetres
PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}


def squeezed(text: str) -> str:
    """Text with every run of whitespace removed: PDF text wraps where the page wrapped it."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pypdf():
    return pytest.importorskip("pypdf")


def cards_on_screen(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('article.hb-card')].map(card => ({
        id: card.id,
        title: card.querySelector('.hb-card__title').innerText,
        address: card.querySelector('.hb-card__address').innerText,
    }))""")


def words(text: str) -> str:
    return " ".join(text.split())


def test_hovering_a_glossary_word_on_a_pattern_shows_its_meaning(page):
    page.goto("/patterns/crew/")
    word = page.locator("article abbr").filter(has_text=re.compile(r"^congregation$")).first
    definition = word.get_attribute("title")
    assert definition and "crews" in definition
    tip = page.get_by_role("tooltip")
    assert tip.count() == 0
    word.scroll_into_view_if_needed()
    word.hover()
    tip.wait_for(state="visible")
    assert words(tip.inner_text()) == definition
    box, target = tip.bounding_box(), word.bounding_box()
    assert box["width"] > 100 and abs((box["y"]) - (target["y"] + target["height"])) < 40  # beside the word
    # No second, native tooltip over it, and the word is described by the tip while it shows.
    assert word.get_attribute("title") is None and word.get_attribute("aria-describedby") == "hb-tip"
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    assert word.get_attribute("title") == definition


def test_a_glossary_word_shows_its_meaning_on_a_phone_tap_too(new_page):
    page = new_page(**PHONE)
    page.goto("/patterns/check-in/")
    word = page.locator("article abbr").filter(has_text=re.compile(r"^check-in$")).first
    definition = word.get_attribute("title")
    word.scroll_into_view_if_needed()
    word.tap()
    tip = page.get_by_role("tooltip")
    tip.wait_for(state="visible")
    assert words(tip.inner_text()) == definition
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1, "the tip stays on the screen"
    page.locator("article h1").tap()  # a tap elsewhere puts it away
    tip.wait_for(state="hidden")


def test_a_glossary_word_is_reachable_from_the_keyboard(page):
    page.goto("/patterns/check-in/")
    word = page.locator("article abbr").filter(has_text=re.compile(r"^check-in$")).first
    definition = word.get_attribute("title")
    page.wait_for_function("() => document.querySelector('article abbr[title]').tabIndex === 0")
    word.focus()
    tip = page.get_by_role("tooltip")
    tip.wait_for(state="visible")
    assert words(tip.inner_text()) == definition
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


def test_print_the_deck_opens_the_print_dialog_and_is_hidden_without_javascript(page, new_page):
    page.goto("/patterns/cards/")
    # The fake dialog notes how many QR codes had arrived when it opened: all of them, though they
    # load lazily (most are far below the first screen).
    page.evaluate(f"""() => {{ window.__printed = []; window.print = () => {{ window.__printed.push(({QR_LOADED})()); }}; }}""")
    button = page.get_by_role("button", name="Print the deck")
    assert button.is_visible()
    button.click()
    page.wait_for_function("window.__printed.length > 0")
    assert page.evaluate("window.__printed") == [page.locator("img.hb-card__qr").count()]
    plain = new_page(java_script_enabled=False)
    plain.goto("/patterns/cards/")
    assert not plain.locator("button[data-hb-print]").is_visible()
    assert plain.get_by_text("Print command").is_visible()


@pytest.mark.parametrize("paper", FORMATS)
def test_the_deck_prints_four_cards_a_sheet_and_never_cuts_one(page, pypdf, paper):
    page.goto("/patterns/cards/")
    page.wait_for_load_state("load")
    cards = cards_on_screen(page)
    assert len(cards) >= 30
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
    width, height = (float(v) * 25.4 / 72 for v in (pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height))
    assert (round(width), round(height)) == tuple(round(v) for v in FORMATS[paper])
    assert len(pdf.pages) == math.ceil(len(cards) / 4)
    pages = [squeezed(p.extract_text()) for p in pdf.pages]
    for number, card in enumerate(cards):
        title, address = squeezed(card["title"]), squeezed(card["address"])
        holding_title = [i for i, text in enumerate(pages) if title in text]
        assert holding_title, f"{card['title']} is not in the PDF"
        # The title and the address at the card's foot are on the same sheet: the card is whole.
        assert any(address in pages[i] for i in holding_title), f"{card['title']} is split across pages"
        assert number // 4 in holding_title, f"{card['title']} is not on sheet {number // 4 + 1}"
    # The sheets hold only cards: no header, navigation, introduction or footer.
    everything = "".join(pages)
    for chrome in ("Printthedeck", "Tableofcontents", "Aboutandcredits", squeezed("Microsolidarity handbook")):
        assert chrome not in everything


def test_the_deck_does_not_move_when_its_print_button_appears(new_page):
    page = new_page(**PHONE)
    page.add_init_script(LAYOUT_SHIFTS)
    # print.js arrives late, as on a slow connection: the deck is painted before it runs.
    page.route("**/assets/javascripts/print.js", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto("/patterns/cards/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.get_by_role("button", name="Print the deck").is_visible()
    shifts = page.evaluate("window.__shifts")
    assert sum(value for value, _ in shifts) < 0.001, shifts


QR_LOADED = "() => [...document.querySelectorAll('img.hb-card__qr')].filter(i => i.complete && i.naturalWidth > 0).length"


def test_qr_codes_wait_until_the_page_has_loaded_then_all_arrive_for_printing(new_page):
    page = new_page(**PHONE)
    page.goto("/patterns/cards/")
    page.wait_for_load_state("networkidle")
    codes = page.locator("img.hb-card__qr")
    assert codes.count() >= 30
    # Only the codes near the first screen are fetched before the page's load event: the rest do
    # not compete with what the reader sees first.
    early = page.evaluate("""() => {
        const loaded = performance.getEntriesByType('navigation')[0].loadEventStart;
        return performance.getEntriesByType('resource').filter(r => r.name.includes('/qr/') && r.startTime < loaded).length;
    }""")
    assert 0 < early < codes.count() // 2, early
    # Then all of them, so that they are there when the reader prints with the browser's own command
    # (Chromium fetches lazy images as it prints, but prints the sheets before they arrive).
    assert page.evaluate(QR_LOADED) == codes.count()


def test_no_card_runs_past_its_edge_on_paper(page):
    page.goto("/patterns/cards/")
    page.emulate_media(media="print")
    overflowing = page.evaluate("""() => [...document.querySelectorAll('article.hb-card')]
        .filter(card => card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1)
        .map(card => card.id)""")
    assert overflowing == []
    # Cards are drawn 95 x 127 mm (at 96 px to the inch), the size the sheets are planned for.
    size = page.evaluate("() => { const r = document.querySelector('article.hb-card').getBoundingClientRect(); "
                         "return [r.width, r.height]; }")
    assert [round(v * 25.4 / 96) for v in size] == [95, 127]


def test_the_deck_is_one_column_of_cards_on_a_phone(new_page):
    # That it and the other guiding pages fit the phone's width is checked in test_phone.py.
    page = new_page(**PHONE)
    page.goto("/patterns/cards/")
    lefts = page.evaluate("() => [...document.querySelectorAll('article.hb-card')].map(c => Math.round(c.getBoundingClientRect().left))")
    assert len(lefts) >= 30 and len(set(lefts)) == 1, "one column of cards on a phone"
