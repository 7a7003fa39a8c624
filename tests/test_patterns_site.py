"""The handbook's pattern pages, built from a small fixture site and read back as HTML."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from sitebuild import build, build_fixture, copy_fixture


@pytest.fixture(scope="module")
def site(built_fixture):
    return built_fixture("site_patterns")


def links(node):
    return [a["href"] for a in node.select("a[href]")]


def test_every_pattern_has_its_page_with_summary_and_scale(site):
    for slug, summary, scale in [
        ("crew", "A handful of people who keep meeting until they trust each other.", "Crew"),
        ("check-in", "Each person says how they arrive before the meeting starts.", "Self"),
        ("web-of-trust", "Spare beds and cars flow along friendships.", "Network"),
    ]:
        page = site.article(f"patterns/{slug}/")
        assert page.select_one("p.hb-summary").get_text(strip=True) == summary
        chip = page.select_one(".hb-scale a")
        assert chip.get_text(strip=True) == f"Scale: {scale}"
        assert chip["href"] == f"../#{scale.lower()}"
        assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")][:2] != []


def test_related_and_referenced_by_link_both_ways(site):
    crew = site.article("patterns/crew/")
    related = crew.select_one("#related-patterns").find_next("ul")
    assert links(related) == ["../check-in/", "../dinner-table/"]
    assert "Each person says how they arrive" in related.get_text()
    # Check-in names the crew as related too, and is already listed under Related: not twice.
    assert crew.select_one("#referenced-by") is None
    check_in = site.article("patterns/check-in/")
    assert links(check_in.select_one("#related-patterns").find_next("ul")) == ["../crew/"]
    assert check_in.select_one("#referenced-by") is None

    dinner = site.article("patterns/dinner-table/")
    assert dinner.select_one("#related-patterns") is None
    assert links(dinner.select_one("#referenced-by").find_next("ul")) == ["../crew/"]

    web = site.article("patterns/web-of-trust/")
    assert web.select_one("#related-patterns") is None and web.select_one("#referenced-by") is None


def test_scale_index_groups_patterns_from_self_to_network(site):
    page = site.article("patterns/")
    headings = [h.get("id") for h in page.select("h2")]
    assert headings == ["self", "partner", "crew", "congregation", "network"]
    crew_list = page.select_one("h2#crew").find_next("ul")
    assert links(crew_list) == ["crew/"]
    assert "keep meeting until they trust" in crew_list.get_text()
    assert "No patterns at this scale yet" in page.select_one("h2#partner").find_next("p").find_next("p").get_text()


def test_a_page_per_tag_lists_its_patterns(site):
    belonging = site.article("patterns/tags/belonging/")
    assert sorted(links(belonging.select_one("ul"))) == ["../../crew/", "../../dinner-table/"]
    index = site.article("patterns/tags/")
    assert "belonging/" in links(index)
    crew_tags = site.html("patterns/crew/").select("nav.md-tags a")
    assert [(a.get_text(strip=True), a["href"]) for a in crew_tags] == [
        ("belonging", "../tags/belonging/"), ("trust", "../tags/trust/")]


def test_pattern_map_is_inline_svg_with_a_link_per_pattern_and_a_line_per_relation(site):
    page = site.article("patterns/map/")
    svg = page.select_one("svg.hb-map")
    assert svg is not None and svg.get("viewbox") or svg.get("viewBox")
    nodes = svg.select("a.hb-map__node")
    assert sorted(a["href"] for a in nodes) == ["../check-in/", "../crew/", "../dinner-table/", "../web-of-trust/"]
    # crew<->check-in (both ways, drawn once) and crew->dinner-table
    assert len(svg.select(".hb-map__links path")) == 2
    assert "Dinner <table>" in svg.get_text()
    assert (site.site / "patterns" / "map.svg").read_text().startswith("<svg")


def test_titles_and_summaries_from_front_matter_are_text_not_markup(site):
    page = site.html("patterns/dinner-table/")
    assert page.select_one("article h1").get_text() == 'Dinner <table> & "friends"'
    assert page.title.get_text().startswith('Dinner <table> & "friends"')
    assert page.select_one('meta[name="description"]')["content"] == \
        'Share a meal <b>together</b>; food makes talk easy & warm.'
    assert page.select("article table") == [] and page.select("article b") == []


def test_search_index_holds_title_summary_tags_and_body(site):
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    crew = [d for d in index["docs"] if d["location"] == "patterns/crew/"]
    assert crew and crew[0]["title"] == "The crew"
    assert crew[0]["tags"] == ["belonging", "trust"]
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("patterns/crew/"))
    assert "keep meeting until they trust" in text and "zephyrword" in text
    fields = index["config"]["fields"]
    assert fields["title"]["boost"] > fields["text"]["boost"] and fields["tags"]["boost"] > fields["text"]["boost"]


BAD_PATTERNS = {
    "missing title": ("---\nsummary: S.\nscale: crew\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                      "content/patterns/bad.md:1: `title` is missing"),
    "missing summary": ("---\ntitle: T\nscale: crew\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                        "content/patterns/bad.md:1: `summary` is missing"),
    "unknown scale": ("---\ntitle: T\nsummary: S.\nscale: crowd\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                      "content/patterns/bad.md:4: `scale` must be one of `self`, `partner`, `crew`, `congregation`, `network`, not `crowd`; did you mean `crew`?"),
    "missing problem heading": ("---\ntitle: T\nsummary: S.\nscale: crew\n---\n## Problems\n\nP\n\n## Solution\n\nS\n",
                                "content/patterns/bad.md:6: missing required heading `## Problem`; did you mean `## Problems`?"),
    "missing solution heading": ("---\ntitle: T\nsummary: S.\nscale: crew\n---\n## Problem\n\nP\n",
                                 "content/patterns/bad.md:6: missing required heading `## Solution`"),
    "unknown related slug": ("---\ntitle: T\nsummary: S.\nscale: crew\nrelated:\n  - crew\n  - chek-in\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                             "content/patterns/bad.md:7: related pattern `chek-in` does not exist; did you mean `check-in`?"),
    "unknown field": ("---\ntitle: T\nsummary: S.\nscale: crew\nrelatd: [crew]\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                      "content/patterns/bad.md:5: unknown key `relatd`; did you mean `related`?"),
    "broken yaml": ("---\ntitle: T\nsummary: [S.\nscale: crew\n---\n## Problem\n\nP\n\n## Solution\n\nS\n",
                    "content/patterns/bad.md:4: not valid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence started on line 3)"),
    "no front matter": ("## Problem\n\nP\n\n## Solution\n\nS\n",
                        "content/patterns/bad.md:1: missing front matter"),
}


@pytest.mark.parametrize("case", sorted(BAD_PATTERNS))
def test_each_bad_pattern_fails_the_strict_build_with_one_line(tmp_path, case):
    text, expected = BAD_PATTERNS[case]
    project = copy_fixture("site_patterns", tmp_path)
    (project / "content" / "patterns" / "bad.md").write_text(text)
    result = build(project)
    assert result.returncode != 0
    problem_lines = [line for line in result.output.splitlines() if "content/patterns/" in line]
    assert len(problem_lines) == 1, result.output
    assert expected in problem_lines[0]
    assert "Traceback" not in result.output


def test_links_resolve_without_directory_urls(tmp_path):
    result = build_fixture("site_patterns", tmp_path, extra_config="use_directory_urls: false\n")
    assert result.returncode == 0, result.output
    checked = 0
    for page in (result.site / "patterns").rglob("*.html"):
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article a[href]"):
            href = a["href"].split("#")[0]
            if not href or "://" in href or href.startswith(("mailto:", "webcal:")):
                continue
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.relative_to(result.site)} links to missing {href}"
            checked += 1
    assert checked > 20


def test_lists_of_patterns_sort_by_title_without_a_leading_article():
    from generator.content.patterns import PatternGraph, title_order
    from generator.core.model import Pattern

    assert sorted(["The crew", "Asking for help", "The check-in", "Dinner", "A web", "Theatre"], key=title_order) == [
        "Asking for help", "The check-in", "The crew", "Dinner", "Theatre", "A web"]
    names = ["The crew", "Belonging is made", "The check-in", "Open door"]
    patterns = {f"p{i}": Pattern(slug=f"p{i}", path=f"p{i}.md", title=t, summary="s", scale="crew", tags=(), related=())
                for i, t in enumerate(names)}
    [(_, crew_scale)] = [entry for entry in PatternGraph.build(patterns).by_scale() if entry[0] == "crew"]
    assert [p.title for p in crew_scale] == ["Belonging is made", "The check-in", "The crew", "Open door"]
