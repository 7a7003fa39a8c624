"""The calendar's pages skip MkDocs' Markdown pass: the HTML and table of contents they carry
must be what Python-Markdown would have made of the same page, byte for byte."""

from __future__ import annotations

from datetime import datetime, timezone

import markdown
import pytest
from mkdocs.config import load_config
from sitebuild import ROOT, build_ok, copy_fixture

from generator.calendar.agenda import Window
from generator.content.load import load_content
from generator.core.urls import Urls
from generator.pages.calendar import Calendar, Options, all_pages
from generator.pages.page_html import Body, Headings, HeadingStyle, UnsupportedTocOption, markdown_of, toc_tokens

TRICKY = ["About this gathering", "About this gathering", "About this gathering", "Tom & Jerry’s “tag”",
          "Café – día 1", "!!!", "", "December 2026", "<b>not markup</b>", "a_1", "a", "a"]


def toc_markdown(options: dict) -> markdown.Markdown:
    return markdown.Markdown(extensions=["toc"], extension_configs={"toc": options})


def strip_token(token: dict) -> dict:
    """The keys MkDocs reads from a toc token."""
    return {"level": token["level"], "id": token["id"], "name": token["name"],
            "children": [strip_token(child) for child in token["children"]]}


@pytest.mark.parametrize("options", [{"permalink": True}, {}, {"permalink": "#", "permalink_title": "Link here",
                                                             "separator": "_"}])
def test_headings_get_the_ids_and_permalinks_the_toc_extension_gives(options):
    headings = Headings(HeadingStyle.from_toc_options(options))
    html = "\n".join(str(headings(2, text)) for text in TRICKY)
    md = toc_markdown(options)
    # Markdown escapes `&` and `<` in heading text itself; give it the text as our templates do.
    source = "\n\n".join("## " + text.replace("&", "&amp;").replace("<", "&lt;") for text in TRICKY)
    assert html == md.convert(source)
    assert toc_tokens(Body(html, tuple(headings.found))) == [strip_token(t) for t in md.toc_tokens]


def test_nested_headings_nest_in_the_table_of_contents():
    headings = Headings(HeadingStyle())
    html = "\n".join(str(headings(level, text)) for level, text in [(2, "A"), (3, "B"), (3, "C"), (2, "D")])
    tokens = toc_tokens(Body(html, tuple(headings.found)))
    assert [(t["name"], [c["name"] for c in t["children"]]) for t in tokens] == [("A", ["B", "C"]), ("D", [])]


@pytest.fixture(scope="module")
def project_config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_every_calendar_page_of_the_handbook_is_what_markdown_would_make_of_it(project_config):
    """The shipped content through the project's own Markdown extensions: same HTML, same TOC."""
    content = load_content(ROOT / "content", ROOT)
    style = HeadingStyle.from_toc_options(project_config.mdx_configs.get("toc"))
    window = Window(datetime(2026, 11, 26, 12, tzinfo=timezone.utc), 90, 365)
    calendar = Calendar.build(content, window, Urls(site_url="https://example.org/"), Options(headings=style))
    pages = all_pages(calendar)
    assert len(pages) > 50
    with_headings = 0
    for page in pages:
        md = markdown.Markdown(extensions=project_config.markdown_extensions,
                               extension_configs=project_config.mdx_configs)
        assert md.convert(page.markdown) == page.body.html, page.src_uri
        assert toc_tokens(page.body) == [strip_token(t) for t in md.toc_tokens], page.src_uri
        with_headings += bool(page.body.headings)
    assert with_headings > 40  # the event, group and agenda pages have sections


def test_markdown_of_puts_each_heading_back_as_a_markdown_line():
    headings = Headings(HeadingStyle.from_toc_options({"permalink": True}))
    html = f"<div>x</div>\n\n{headings(2, 'First')}\n<p>y</p>\n\n{headings(2, 'Last')}"
    assert markdown_of(Body(html, tuple(headings.found))) == "<div>x</div>\n\n## First\n\n<p>y</p>\n\n## Last\n"


def test_anchor_ids_include_ids_inside_the_html():
    body = Body('<div id="top"><h2 id="a">A</h2><p data-id="no">x</p></div>')
    assert body.anchor_ids == {"top", "a"}


HOOK = '''
def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri.startswith("events/"):
        return markdown + "\\n\\nAdded by a *hook*.\\n"
    return markdown
'''


def test_a_plugin_that_edits_a_calendar_pages_markdown_gets_its_edit_rendered(tmp_path):
    project = copy_fixture("site_calendar", tmp_path, extra_config="hooks:\n  - hook.py\n")
    (project / "hook.py").write_text(HOOK)
    page = build_ok(project).html("events/newtown-thursdays/")
    article = page.select_one("article.md-content__inner")
    assert "<p>Added by a <em>hook</em>.</p>" in str(article)
    assert article.select_one("em").get_text() == "hook"
    # Rendered from Markdown, the page keeps its sections in the table of contents.
    toc = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert "About this gathering" in toc


@pytest.mark.parametrize("option", [{"toc_depth": 2}, {"baselevel": 2}, {"anchorlink": True},
                                    {"permalink_leading": True}])
def test_a_toc_option_the_pages_cannot_follow_is_refused_by_name(option):
    with pytest.raises(UnsupportedTocOption) as refused:
        HeadingStyle.from_toc_options({"permalink": True, **option})
    assert f"`{next(iter(option))}`" in str(refused.value) and "mkdocs.yml" in str(refused.value)


def test_toc_options_that_only_shape_a_toc_marker_are_accepted():
    assert HeadingStyle.from_toc_options({"title": "Contents", "toc_class": "x"}) == HeadingStyle()
