"""`generator.content.front_matter` divides a page exactly as MkDocs does (`mkdocs.utils.meta.get_data`),
so the check reads every front matter key MkDocs will hand the theme: held to the same answers on
hostile and random inputs, and through the check itself (patterns and pages)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.content import formats, front_matter
from generator.content.pages import check_page, read
from generator.content.patterns import parse_pattern
from generator.core.problems import Reporter

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LINES = st.sampled_from([
    "---", "--- ", "---\t", "  ---", "   ---", "----", "...", " ...", "-- -", "", " ", "\t",
    "title: Probe", "summary: One line.", "scale: crew", "author: '\"><script>alert(1)</script>'",
    "template: redirect.html", "location: javascript:alert(1)", "Title: Upper", "key-1: v", "    more",
    "\tmore", "  - item", "tags: [a, b]", "hide: [toc]", "# Heading", "## Problem", "## Solution", "text",
    "not: [closed", "'quoted: key': v", "? complex", ": bare", "x:y", "\ufeff---",
])
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINES, max_size=14))
    separator = draw(SEPARATORS)
    return separator.join(lines) + draw(st.sampled_from(["", separator]))


def mkdocs_reads(text: str) -> tuple[str, dict]:
    return get_data(text)


def split_as_mkdocs(text: str) -> tuple[str, dict]:
    """What our split predicts get_data returns (the YAML itself parsed as MkDocs parses it)."""
    split = front_matter.split(text)
    if split.yaml is None:
        return split.body, split.settings
    try:
        data = yaml.load(split.yaml, SafeLoader)
    except Exception:
        return text, {}
    return (split.body, data) if isinstance(data, dict) else (text, {})


HOSTILE = [
    "---\ntitle: T\n  ---\nauthor: x\n---\nbody\n",          # the indented dashes of issue 11
    "---\ntitle: T\n---",                                     # closing line without a line break
    "---\n---\nbody\n",                                       # an empty block is no block
    "---\ntitle: T\n...\nbody\n",                             # YAML's end-of-document marker
    "---  \ntitle: T\n---\t \n\n\nbody\n",                    # spaces after the dashes, blank lines
    "template: redirect.html\nlocation: javascript:alert(1)\n\n# Page\n",  # MultiMarkdown settings
    "Title: x\n    continued\n\tand more\nnext: y\nbody\n",
    "---\n- a list\n---\nbody\n",
    "---\nnot: [closed\n---\nbody\n",
    "\n---\ntitle: T\n---\n",
]


@SETTINGS
@given(text=documents())
@example(text=HOSTILE[0])
def test_the_split_is_mkdocs_split_on_text_as_mkdocs_reads_it(text):
    text = front_matter.as_mkdocs_reads(text)
    assert split_as_mkdocs(text) == mkdocs_reads(text)


@SETTINGS
@given(text=documents())
def test_the_split_is_mkdocs_split_even_with_carriage_returns(text):
    assert split_as_mkdocs(text) == mkdocs_reads(text)


@SETTINGS
@given(text=st.text(max_size=200))
def test_the_split_is_mkdocs_split_on_any_text(text):
    assert split_as_mkdocs(text) == mkdocs_reads(text)


def test_hostile_documents():
    for text in HOSTILE:
        assert split_as_mkdocs(text) == mkdocs_reads(text), text
    assert front_matter.split(HOSTILE[0]).yaml == "title: T\n  ---\nauthor: x\n"


@SETTINGS
@given(text=documents())
def test_the_body_starts_on_the_line_the_split_says(text):
    text = front_matter.as_mkdocs_reads(text)
    split = front_matter.split(text)
    if split.body:
        assert "\n".join(text.split("\n")[split.body_line - 1:]) == split.body


@SETTINGS
@given(text=documents())
def test_a_pattern_the_check_accepts_gives_mkdocs_only_the_keys_of_the_format(text):
    """If the check passes a pattern, MkDocs' page.meta holds no key the format does not declare."""
    body = "\n## Problem\n\nx\n\n## Solution\n\ny\n"
    raw = (text + body).encode("utf-8")
    report = Reporter("content/patterns/probe.md")
    loaded = parse_pattern("probe", raw, report)
    if loaded is None:
        return
    _, meta = mkdocs_reads(front_matter.as_mkdocs_reads(raw.decode("utf-8-sig")))
    assert {key for key in meta if isinstance(key, str)} <= set(formats.PATTERN.keys)
    assert {key for key in meta if isinstance(key, str)} == loaded[2]


@SETTINGS
@given(text=documents())
def test_a_page_the_check_accepts_gives_mkdocs_only_page_keys_and_the_same_ones(text):
    raw = text.encode("utf-8")
    report = Reporter("content/probe.md")
    keys = check_page(raw, report)
    if report.problems:
        return
    _, meta = mkdocs_reads(front_matter.as_mkdocs_reads(raw.decode("utf-8-sig")))
    seen = {key for key in meta if isinstance(key, str)}
    assert seen <= set(formats.PAGE.keys)
    assert seen == keys


def test_keys_after_indented_dashes_are_refused_with_their_lines():
    raw = (b"---\ntitle: Smuggler\nsummary: s\nscale: crew\n  ---\nauthor: x\ntemplate: redirect.html\n---\n"
           b"## Problem\n\nx\n\n## Solution\n\ny\n")
    report = Reporter("content/patterns/smuggler.md")
    assert parse_pattern("smuggler", raw, report) is None
    said = [str(p).split(";")[0] for p in report.problems]
    assert "content/patterns/smuggler.md:6: unknown key `author`" in said
    assert "content/patterns/smuggler.md:7: unknown key `template`" in said


def test_multimarkdown_settings_are_refused_on_pages():
    report = Reporter("content/moved.md")
    meta, _, _ = read("template: redirect.html\nlocation: x\n\n# Moved\n", report)
    assert meta is None
    assert [p.line for p in report.problems] == [1]


def test_a_rule_and_a_setext_heading_are_not_front_matter():
    """`---`, a line, `---`: MkDocs finds no mapping there and renders the text; so does the check."""
    report = Reporter("content/page.md")
    assert check_page(b"---\nA heading\n---\n\nText.\n", report) == frozenset()
    assert report.problems == []
