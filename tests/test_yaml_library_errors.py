"""Input on which the YAML library itself fails with an unexpected exception still gives one line."""

from generator.content.yamlfile import load
from generator.core.problems import Reporter


def test_a_comment_overlap_that_the_library_cannot_handle_is_reported_not_raised():
    report = Reporter("content/events/x.yml")
    assert load("...: #c\n  x\n\n    ", report) is None
    assert len(report.problems) == 1
    assert str(report.problems[0]).startswith("content/events/x.yml:1: not valid YAML")
