"""The markup rules of `generator.core.safe_html`, applied twice: the check (`content.markup`) refuses what
breaks them with a line, and the build's sanitiser removes it. The two must agree: whatever
Markdown the check passes, the sanitiser finds nothing to remove in what it renders to. And the
sanitiser leaves the HTML that Markdown makes of the shipped pages byte for byte as it is.

What a browser makes of the sanitiser's output is tested in tests/browser/test_sanitiser.py."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitebuild import ROOT

from generator.content import front_matter
from generator.content.markup import SITE_EXTENSIONS, check_markup
from generator.core.problems import Reporter
from generator.core.safe_html import sanitise, url_problem
from generator.pages import reference

SETTINGS = settings(max_examples=int(__import__("os").environ.get("HANDBOOK_FUZZ_EXAMPLES", "600")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def render(text: str) -> str:
    return markdown.Markdown(extensions=list(SITE_EXTENSIONS), extension_configs={"toc": {"permalink": True}}).convert(text)


def test_the_check_renders_markdown_with_the_sites_extensions():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert set(config.markdown_extensions) - {"pymdownx.snippets"} == set(SITE_EXTENSIONS)


def problems_of(text: str) -> list[str]:
    report = Reporter("content/page.md")
    check_markup(text, 1, report)
    return [str(problem) for problem in report.problems]


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")), ids=lambda p: p.name)
def test_the_shipped_pages_pass_the_check_and_come_out_of_the_sanitiser_unchanged(path):
    split = front_matter.split(front_matter.as_mkdocs_reads(path.read_text(encoding="utf-8")))
    assert problems_of(split.body) == []
    # The Contribute pages' markers are filled in before the page is rendered, as the build does.
    body, _ = reference.expand(split.body, lambda kind: f"https://example.org/schemas/{kind}.schema.json")
    html = render(body)
    assert sanitise(html) == (html, [])


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<span style=\"background:url(javascript:alert(1))\">x</span>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<form action=\"https://evil.example\"><button>Go</button></form>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)>-->",
    "<div markdown>\n<img src=x onerror=alert(1)>\n</div>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<style>body{display:none}</style>",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<?xml-stylesheet href=\"evil.xsl\"?>",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](JAVASCRIPT:alert(1) \"title\")",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x][r]\n\n[r]: vbscript:msgbox(1)",
    "<javascript:alert(1)>",
    "A paragraph.\n{: onclick=\"alert(1)\" }",
    "[x](https://example.org){: onmouseover=alert(1) }",
    "[x](https://example.org){: href=\"javascript:alert(1)\" }",
    "# Title {: data-toc-label=\"<img src=x onerror=alert(1)>\" }",
    "```{ .python onclick=\"alert(1)\" }\ncode\n```",
    "<span onmouseover=\"alert(1)\">x</span>",
    "<div\nonclick=alert(1)>x</div>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_is_refused_by_the_check_and_removed_by_the_build(text):
    assert problems_of(text), text
    cleaned, _ = sanitise(render(text))
    assert_clean(cleaned)


def assert_clean(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in ("script", "style", "iframe", "object", "embed", "base", "meta", "form", "svg"), html
        for name, value in element.attrs.items():
            assert not name.startswith("on"), html
            text = " ".join(value) if isinstance(value, list) else value
            if name in ("href", "src"):
                assert url_problem(text) is None, html
            assert name != "style" or text.startswith("text-align"), html


@pytest.mark.parametrize("url, allowed", [
    ("https://example.org/a?b=c#d", True), ("http://example.org", True), ("mailto:a@example.org", True),
    ("../patterns/crew.md", True), ("#section", True), ("crew/", True), ("//example.org/x", True),
    ("javascript:alert(1)", False), (" java\tscript:alert(1)", False), ("JAVASCRIPT:x", False),
    ("data:text/html,x", False), ("vbscript:x", False), ("file:///etc/passwd", False), ("ftp://example.org", False),
])
def test_links_go_to_the_web_mail_or_the_site(url, allowed):
    assert (url_problem(url) is None) == allowed


# Markdown made of the pieces an attacker (or a careless editor) would use.
PIECES = st.sampled_from([
    "<script>", "</script>", "<img src=x", " onerror=alert(1)", ">", "<", "<span", "<div", " markdown", "</div>",
    "</span>", "<br>", "<small>", "<kbd>", "<a href=\"", "javascript:", "https://example.org", "\">", "[x](",
    ")", "![i](", "{: ", "{:", "{ ", "}", ".cls", "#id", "onclick=x", "title=\"t\"", "data-x=1", "`", "``", "\n",
    "\n\n", "```\n", "~~~\n", "    ", "<!--", "-->", "<!-->", "--!>", "&#106;", "&lt;", "&amp;", "[r]: ", "[x][r]",
    "\"", "'", " ", "text", "# ", "!!! note\n    ", "|a|b|\n|-|-|\n", "<details>", "<summary>", "style=\"color:red\"",
    "<abbr title=\"x\">", "<mark>", "<sup>", "mailto:a@example.org", "../x.md", "\\", "*", "_",
])


@SETTINGS
@given(text=st.lists(PIECES, max_size=30).map("".join))
@example(text="<!--><img src=x onerror=alert(1)>-->")
@example(text="[x](java\nscript:alert(1))")
def test_what_the_check_passes_the_sanitiser_leaves_alone(text):
    html = render(text)
    cleaned, removed = sanitise(html)
    assert_clean(cleaned)
    if not problems_of(text):
        assert removed == [], (text, html, removed)
