"""Descriptions share one Markdown converter (for speed): nothing from one description may
reach the next."""

from generator import descriptions


def test_a_link_reference_in_one_description_does_not_reach_the_next():
    first = descriptions.render("See [the hall][hall].\n\n[hall]: https://hall.example.org/\n")
    assert 'href="https://hall.example.org/"' in first
    second = descriptions.render("Ask at [the hall][hall].")
    assert "href" not in second and "[the hall][hall]" in second


def test_the_heading_shift_of_one_call_does_not_stick():
    assert "<h3>" in descriptions.render("# Title A")
    assert "<h1>" in descriptions.render("# Title B", 0)
    assert "<h3>" in descriptions.render("# Title C")
