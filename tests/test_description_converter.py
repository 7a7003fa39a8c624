"""Descriptions share one Markdown converter (for speed): nothing from one description may
reach the next."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import descriptions


def test_a_link_reference_in_one_description_does_not_reach_the_next():
    first = descriptions.render("See [the hall][hall].\n\n[hall]: https://hall.example.org/\n")
    assert 'href="https://hall.example.org/"' in first
    second = descriptions.render("Ask at [the hall][hall].")
    assert "href" not in second and "[the hall][hall]" in second


def test_the_heading_shift_of_one_call_does_not_stick():
    assert "<h3>" in descriptions.render("# Title A")
    assert "<h1>" in descriptions.render("# Title B", 0)
    assert "<h3>" in descriptions.render("# Title C")


class _Text(HTMLParser):
    """The words of a rendering as an HTML parser reads them (an image as its alternative text): the
    reference for the one-pass reader of `descriptions`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("p", "li", "br", "h3", "h4", "h5", "h6", "pre", "blockquote"):
            self.parts.append(" ")
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")


def parsed_text(markdown_text: str) -> str:
    parser = _Text()
    parser.feed(descriptions.render(markdown_text))
    parser.close()
    return " ".join("".join(parser.parts).split())


MARKDOWN_BITS = ["word", " ", "\n", "\n\n", "**bold**", "_em_", "`co<de>`", "<b>raw</b>", "&amp;", "&lt;", "<",
                 ">", "# Heading", "- item", "1. one", "> quoted", "    code <x>", "[link](https://x.example/?a=1&b=<2>)",
                 '[t](https://x.example/ "a > b")', "![img](https://x.example/i.png)", "<!-- c -->", "line  \nbreak",
                 "é", "&#169;", "javascript:alert(1)", "[bad](javascript:alert(1))", "***", "<https://auto.example>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_BITS), max_size=12))
def test_one_line_is_what_an_html_parser_reads_from_the_rendering(bits):
    text = "".join(bits)
    assert descriptions.one_line(text) == parsed_text(text)
