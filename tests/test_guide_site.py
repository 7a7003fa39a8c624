"""What guides a newcomer on the shipped site, read back from a strict build as HTML: the paths
("Start here"), the glossary and its tooltips, the credits, the code of conduct and its contact on
every page, the card deck, and how crews that are closed for a season point newcomers elsewhere."""

from __future__ import annotations

import json
import math
import re
from xml.etree import ElementTree

import pytest
from sitebuild import ROOT, SITE_URL, read_html

from generator.content.files import scan
from generator.content.glossary import load_glossary
from generator.pages.cards import CARDS_PER_SHEET, section

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
CONTACT = re.search(r"^\s+conduct_email:\s*(\S+)", CONFIG, re.MULTILINE).group(1)


@pytest.fixture(scope="module")
def content(shipped_content):
    return shipped_content


@pytest.fixture(scope="module")
def site(shipped_site):
    return shipped_site


def resolve(url: str, href: str) -> str:
    """A relative link on the page at `url` as a site path (`patterns/crew/`), fragment dropped."""
    parts = [p for p in url.split("/") if p]
    for piece in href.split("#")[0].split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + ("/" if href.split("#")[0].endswith("/") or not href.split("#")[0] else "")


def text(node) -> str:
    return " ".join(node.get_text().split())


# -- Start here: the paths ------------------------------------------------------------------


def test_start_here_lists_every_path_and_the_home_page_leads_to_them(site, content):
    index = site.article("paths/")
    listed = {resolve("paths/", a["href"]) for a in index.select("h2 a:not(.headerlink)")}
    assert listed == {f"paths/{slug}/" for slug in content.paths}
    home = site.article("")
    home_links = {resolve("", a["href"]) for a in home.select("a[href]")}
    assert {"paths/start-a-crew/", "paths/first-dinner-table/", "paths/"} <= home_links
    nav = site.html("").select_one("nav.md-nav--primary")
    assert "Start here" in text(nav)


def test_a_path_page_shows_its_steps_in_order_each_with_its_pattern_and_what_to_do(site, content):
    path = content.paths["start-a-crew"]
    page = site.article("paths/start-a-crew/")
    steps = page.select("h2.hb-step")
    assert [s["id"] for s in steps] == [f"step-{n}" for n in range(1, len(path.steps) + 1)]
    for heading, step in zip(steps, path.steps):
        pattern = content.patterns[step.pattern]
        assert text(heading).rstrip("¶ ").startswith(f"{path.steps.index(step) + 1}. {pattern.title}")
        block = []
        for node in heading.find_next_siblings():
            if node.name == "h2":
                break
            block.append(node)
        assert any(step.do in text(n) for n in block)
        assert any(n.get("class") == ["hb-step__when"] and text(n).lower() == step.when.lower() for n in block)
        links = [resolve("paths/start-a-crew/", a["href"]) for n in block for a in n.select("a[href]")]
        assert f"patterns/{step.pattern}/" in links
    # The table of contents lists the steps: the sequence at a glance.
    toc = site.html("paths/start-a-crew/").select("nav.md-nav--secondary a")
    assert len([a for a in toc if a["href"].startswith("#step-")]) == len(path.steps)


def test_each_pattern_says_which_paths_it_is_a_step_of_and_links_that_step(site, content):
    for slug in content.patterns:
        through = [(p, [n for n, s in enumerate(p.steps, 1) if s.pattern == slug]) for p in content.paths.values()]
        through = [(p, numbers) for p, numbers in through if numbers]
        note = site.article(f"patterns/{slug}/").select_one(".hb-paths")
        if not through:
            assert note is None, slug
            continue
        items = note.select(".hb-paths__item")
        assert len(items) == len(through), slug
        for path, numbers in through:
            item = next(i for i in items if i.a.get_text() == path.title)
            assert f"step {numbers[0]} of {len(path.steps)}" in text(item)
            target, fragment = item.a["href"].split("#")
            assert resolve(f"patterns/{slug}/", target) == f"paths/{path.slug}/"
            assert site.article(f"paths/{path.slug}/").select_one(f"#{fragment}") is not None


# -- the glossary ---------------------------------------------------------------------------


def test_glossary_words_carry_their_definitions_where_they_appear_in_patterns(site):
    terms = {t.term: t.definition for t in load_glossary(scan(ROOT / "content", ROOT), ROOT)[0]}
    crew = site.article("patterns/crew/")
    marked = {abbr.get_text(): abbr["title"] for abbr in crew.select("abbr[title]")}
    assert marked["crew"] == terms["crew"] and marked["congregation"] == terms["congregation"]
    solution = site.article("patterns/check-in/").select_one("h2#solution").find_next("p")
    assert "check-in" in {a.get_text() for a in solution.select("abbr[title]")}
    assert solution.select_one("abbr[title]")["title"] == terms["check-in"]
    # The theme's own script draws them (tests/browser/test_guide_browser.py walks it).
    assert site.html("patterns/check-in/").select_one("script[src$='assets/javascripts/glossary.js']")
    # ... and Material's own tooltips stay off: with both, a hover would show two tips at once.
    assert "content.tooltips" not in site.html("patterns/check-in/").select_one("script#__config").string
    # Never inside link text or code, such as a feed's address that mentions a crew.
    for url in ("subscribe/", "about/", "paths/start-a-crew/", "patterns/crew/"):
        page = site.html(url)
        assert not page.select("a abbr, code abbr"), url
    assert site.html("subscribe/").select("code")


def test_a_glossary_word_is_marked_where_a_page_first_mentions_it_and_nowhere_after(site):
    for url in ("patterns/crew/", "paths/start-a-crew/", "patterns/check-in/", ""):
        definitions = [abbr["title"] for abbr in site.article(url).select("abbr[title]")]
        assert definitions and len(definitions) == len(set(definitions)), url
    # The path mentions "crew" and "congregation" many times: the first mention in running text
    # is marked (not the one in its title, where the mark does not show).
    article = site.article("paths/start-a-crew/")
    assert not article.select("h1 abbr, h2 abbr, h3 abbr, h4 abbr")
    for word in ("crew", "congregation"):
        mentions = [s for s in article.find_all(string=re.compile(rf"\b{word}\b"))
                    if not s.find_parent(["a", "code", "h1", "h2", "h3", "h4", "h5", "h6"])]
        assert len(mentions) > 1 and mentions[0].parent.name == "abbr", word
        assert all(mention.parent.name != "abbr" for mention in mentions[1:]), word


def test_the_glossary_page_lists_every_term_and_the_terms_file_is_not_a_page(site):
    terms = load_glossary(scan(ROOT / "content", ROOT), ROOT)[0]
    page = site.article("glossary/")
    headings = [text(h).rstrip("¶ ").strip() for h in page.select("h2")]
    assert headings == sorted((t.term for t in terms), key=str.lower)
    for term in terms:
        assert term.definition in text(page)
    crew = page.select_one("h2#crew").find_next("p").find_next("p")
    assert resolve("glossary/", crew.a["href"]) == "patterns/crew/"
    # Appended to every page, never one of its own: not built, not in the sitemap, not searched.
    assert not (site.site / "glossary" / "terms").exists() and not (site.site / "glossary" / "terms.md").exists()
    sitemap = (site.site / "sitemap.xml").read_text()
    assert "glossary/terms" not in sitemap and f"{SITE_URL}glossary/" in sitemap
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("glossary/terms")]


# -- about, credits, conduct ----------------------------------------------------------------


def test_the_about_page_credits_the_sources_with_links_and_states_the_licence(site):
    page = site.article("about/")
    hrefs = [a["href"] for a in page.select("a[href]")]
    for source in ("https://microsolidarity.cc/", "https://www.enspiral.com/", "https://www.loomio.com/",
                   "https://www.liberatingstructures.com/", "https://creativecommons.org/licenses/by-sa/4.0/"):
        assert source in hrefs
    for name in ("Richard D. Bartlett", "Enspiral", "Natalia Lombardo", "CC BY-SA 4.0"):
        assert name in text(page)
    assert "CC BY-SA 4.0" in text(site.html("about/").select_one(".md-copyright"))
    assert resolve("about/", page.select_one('a[href*="conduct"]')["href"]) == "conduct/"


def test_the_code_of_conduct_has_the_safety_note_the_hosts_part_and_the_contact(site):
    page = site.article("conduct/")
    sections = {h["id"] for h in page.select("h2[id]")}
    assert {"how-we-treat-each-other", "meeting-people-you-do-not-know-yet", "what-hosts-look-after",
            "if-something-goes-wrong"} <= sections
    assert "Meet in public first" in text(page) and "Tell someone where you are going" in text(page)
    box = page.select_one(".hb-contact-box")
    assert box.select_one("a")["href"] == f"mailto:{CONTACT}"


def test_every_page_ends_with_links_to_about_conduct_safety_and_the_contact(site):
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        url = path.parent.relative_to(site.site).as_posix() + "/" if path.name == "index.html" else None
        footer = read_html(path).select_one("nav.hb-footer")
        assert footer is not None, path
        links = {a.get_text(): a["href"] for a in footer.select("a[href]")}
        assert links[CONTACT] == f"mailto:{CONTACT}", path
        if url is not None:
            url = "" if url == "./" else url
            assert resolve(url, links["About and credits"]) == "about/", path
            assert resolve(url, links["Code of conduct"]) == "conduct/", path
            safety = links["Safety at gatherings"]
            assert resolve(url, safety) == "conduct/" and safety.endswith("#meeting-people-you-do-not-know-yet"), path


def test_every_gathering_points_to_the_safety_note_and_the_contact(site, content):
    for slug in content.events:
        note = site.article(f"events/{slug}/").select_one(".hb-safety")
        assert note is not None, slug
        hrefs = [a["href"] for a in note.select("a[href]")]
        assert "../../conduct/#meeting-people-you-do-not-know-yet" in hrefs and f"mailto:{CONTACT}" in hrefs


# -- crews closed for a season, and the open door ---------------------------------------------


def test_crews_closed_for_the_season_keep_their_regular_evenings_for_members(content):
    closed = {slug for slug, g in content.groups.items() if g.kind == "crew" and not g.open_to_newcomers}
    assert closed, "the examples show at least one crew closed for its season"
    for event in content.events.values():
        if event.group in closed and event.repeat is not None:
            assert "members-only" in event.tags and "newcomers-welcome" not in event.tags, event.slug
            assert not re.search(r"come any \w+day", event.description, re.I), event.slug
    # A crew open to newcomers is one still forming, and says so.
    for group in content.groups.values():
        if group.kind == "crew" and group.open_to_newcomers:
            assert "forming" in group.summary, group.slug


def test_every_congregation_keeps_an_open_door(content):
    for slug, group in content.groups.items():
        if group.kind == "congregation":
            assert group.open_to_newcomers, slug
            assert any(e.group == slug and e.repeat and "newcomers-welcome" in e.tags for e in content.events.values()), slug


def test_a_closed_crew_page_sends_newcomers_to_its_congregation(site, content):
    facts = site.article("groups/hackney-crew/").select_one("dl.hb-facts")
    assert "Closed for now" in text(facts)
    assert any(resolve("groups/hackney-crew/", a["href"]) == "groups/london-congregation/" for a in facts.select("a"))


def test_the_crew_pattern_says_how_to_find_people_and_links_a_start_a_crew_gathering(site, content):
    heading = site.article("patterns/crew/").select_one("h2#finding-your-first-few-people")
    assert heading is not None
    section_nodes = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        section_nodes.append(node)
    targets = [resolve("patterns/crew/", a["href"]) for n in section_nodes for a in n.select("a[href]")]
    events = [t.split("/")[1] for t in targets if re.fullmatch(r"events/[a-z0-9-]+/", t)]
    assert events, "the crew pattern links a gathering"
    for slug in events:
        event = content.events[slug]
        assert "start-a-crew" in event.tags and "newcomers-welcome" in event.tags
        assert content.groups[event.group].kind == "congregation"
        assert (site.site / "events" / slug / "index.html").is_file()
    assert "events/tags/start-a-crew/" in targets and "paths/start-a-crew/" in targets


# -- the card deck --------------------------------------------------------------------------


def test_the_deck_has_a_card_for_every_pattern_with_its_steps_and_a_way_back(site, content):
    page = site.article("patterns/cards/")
    cards = page.select("article.hb-card")
    assert len(cards) == len(content.patterns)
    sheets = math.ceil(len(cards) / CARDS_PER_SHEET)
    assert f"{len(cards)} cards" in text(page) and f"{sheets} sheets" in text(page)
    for card in cards:
        slug = card["id"].removeprefix("card-")
        pattern = content.patterns[slug]
        assert text(card.select_one(".hb-card__title")) == pattern.title
        assert resolve("patterns/cards/", card.select_one(".hb-card__title a")["href"]) == f"patterns/{slug}/"
        assert text(card.select_one(".hb-card__scale")).lower() == pattern.scale
        assert text(card.select_one(".hb-card__summary")) == pattern.summary
        steps = [line for line in section(pattern.body, "Try it").split("\n") if re.match(r"^(\d+\.|-) ", line)]
        assert len(card.select(".hb-card__steps li")) == len(steps) > 0, slug
        address = card.select_one(".hb-card__address").get_text()
        assert address == f"{SITE_URL.split('://')[1]}patterns/{slug}/"
        qr = resolve("patterns/cards/", card.select_one("img.hb-card__qr")["src"].rstrip("/"))
        svg = ElementTree.parse(site.site / qr.rstrip("/")).getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.find("{http://www.w3.org/2000/svg}path") is not None
    # One print button, shown by its script; the page says what to do without it.
    button = page.select_one("button[data-hb-print]")
    assert button is not None and button.has_attr("hidden")
    assert "Print command" in text(page)
    scripts = [s["src"] for s in site.html("patterns/cards/").select("script[src]")]
    assert any(src.endswith("assets/javascripts/print.js") for src in scripts)
    # The deck is a way to print patterns, not a second search hit for each of them.
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("patterns/cards/")]


# -- the patterns themselves ----------------------------------------------------------------


def test_at_least_thirty_patterns_across_all_five_scales_each_with_a_story(site, content):
    assert len(content.patterns) >= 30
    scales = {p.scale for p in content.patterns.values()}
    assert scales == {"self", "partner", "crew", "congregation", "network"}
    for slug in content.patterns:
        page = site.article(f"patterns/{slug}/")
        story = page.select_one("h2#story")
        assert story is not None, f"{slug} has no story"
        paragraphs = []
        for node in story.find_next_siblings():
            if node.name == "h2":
                break
            paragraphs.append(text(node))
        assert len(" ".join(paragraphs).split()) >= 50, f"{slug}: the story is too short to be one"


def test_related_links_of_the_new_patterns_go_both_ways(content):
    new = ("belonging-is-made", "worry-circle", "offers-and-asks", "end-the-season-well", "open-door",
           "settled-and-nomadic", "pool-for-the-need", "meet-a-material-need", "belong-to-yourself",
           "technology-on-purpose")
    one_way = [(slug, target) for slug, p in content.patterns.items() for target in p.related
               if slug not in content.patterns[target].related and (slug in new or target in new)]
    # A few point from a specific practice to a general one (the check-in) and stay one way.
    assert len(one_way) <= 3, one_way
    for slug in new:
        assert any(slug in p.related for p in content.patterns.values()), f"nothing relates to {slug}"
