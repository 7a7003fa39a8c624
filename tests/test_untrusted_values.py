"""Values from content are untrusted (issue 11): every one is bounded (`generator.core.limits`), read by
code that answers in linear time, and refused with a message rather than a traceback. The whole-site
cases are in tests/hostile/; these are the rules one by one."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import jsonschema
import pytest
from dateutil.rrule import rrule as dateutil_rrule
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import descriptions, formats, markdown_cost, rrules
from generator.content.times import Bad, parse_duration, parse_when
from generator.core import limits
from generator.core.problems import Problem
from generator.core.recurrence import nearest_occurrence, occurrence_on, rule_for
from generator.feeds import history
from generator.feeds import text as ical_text

ROOT = Path(__file__).resolve().parent.parent


def within_cpu_seconds(code: str, seconds: int = 10) -> str:
    """Run `code` in a fresh interpreter limited to `seconds` of CPU: a hang fails the test instead of
    stalling the suite. (A bound on runaway work, as the hostile harness has, not a speed target.)"""
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=seconds * 6, preexec_fn=limit)
    assert done.returncode == 0, f"exit {done.returncode} (-24 or -9: the CPU limit): {done.stderr[-2000:]}"
    return done.stdout


# ---------------------------------------------------------------------------------------------
# repeat.rrule: one RFC 5545 RRULE value


ACCEPTED = [
    "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYDAY=1TH", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270625",
    "FREQ=MONTHLY;BYMONTHDAY=15,1", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "FREQ=YEARLY;BYYEARDAY=-1",
    "FREQ=DAILY;UNTIL=20270325T235959Z", "FREQ=WEEKLY;WKST=SU;BYDAY=SA,SU", "FREQ=DAILY;INTERVAL=1000",
    "FREQ=DAILY;COUNT=10000",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_an_rrule_is_read_part_by_part_and_means_to_dateutil_what_it_says(text):
    rule = rrules.parse(text)
    assert rule.text() == text
    assert rrules.parse("rrule:" + text.lower()).text() == text  # names and values are case-insensitive
    start = datetime(2027, 1, 4, 19, 0, tzinfo=timezone.utc if text.endswith("Z") else None)
    ours = rrulestr(rule.text(), dtstart=start)
    assert list(ours.xafter(start, count=30, inc=True)) == list(rrulestr(text, dtstart=start).xafter(start, count=30, inc=True))


REFUSED = {
    "FREQ=WEEKLY;BYDAY=TU RDATE:20270101": "holds `RDATE`",
    "FREQ=WEEKLY;BYDAY=TU\nRDATE:20270101": "holds `RDATE`",
    "FREQ=WEEKLY\nEXDATE:20270101": "holds `EXDATE`",
    "DTSTART:20270101T000000\nRRULE:FREQ=WEEKLY": "holds `DTSTART`",
    "RRULE:RRULE:FREQ=WEEKLY": "holds `RRULE`",
    "FREQ=WEEKLY;BYDAY=TU ": "",  # surrounding spaces are only spaces...
    "FREQ=WEEKLY; BYDAY=TU": "has a space at character 13",  # ...inside they are not
    "FREQ=WEEKLY;;BYDAY=TU": "has an empty part",
    "FREQ=WEEKLY;": "has an empty part",
    "FREQ=WEEKLY;INTERVAL=0": "INTERVAL must be a whole number from 1 to 1,000, not 0",
    "FREQ=WEEKLY;INTERVAL=1001": "INTERVAL must be a whole number from 1 to 1,000",
    "FREQ=WEEKLY;COUNT=10001": "COUNT must be a whole number from 1 to 10,000",
    "FREQ=WEEKLY;COUNT=0": "COUNT must be a whole number",
    "FREQ=SECONDLY": "needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, not SECONDLY",
    "BYDAY=TU": "needs FREQ=DAILY",
    "FREQ=DAILY;BYHOUR=9": "cannot use BYHOUR",
    "FREQ=MONTHLY;BYDAYS=1TH": "has an unknown part `BYDAYS`",
    "FREQ=MONTHLY;FREQ=WEEKLY": "gives FREQ twice",
    "FREQ=MONTHLY;BYDAY=99MO": "BYDAY `99MO`: the number before the weekday is from 1 to 53",
    "FREQ=MONTHLY;BYDAY=0MO": "BYDAY `0MO`",
    "FREQ=WEEKLY;BYDAY=1MO": "BYDAY `1MO` has a number",
    "FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO": "BYDAY `1MO` has a number",
    "FREQ=MONTHLY;BYDAY=XX": "BYDAY `XX` is not a weekday",
    "FREQ=MONTHLY;BYMONTHDAY=32": "BYMONTHDAY `32` is not a number from 1 to 31 or -1 to -31",
    "FREQ=MONTHLY;BYMONTHDAY=0": "BYMONTHDAY `0`",
    "FREQ=YEARLY;BYMONTH=13": "BYMONTH `13` is not a number from 1 to 12",
    "FREQ=YEARLY;BYMONTH=-1": "BYMONTH `-1`",
    "FREQ=YEARLY;BYYEARDAY=367": "BYYEARDAY `367`",
    "FREQ=YEARLY;BYWEEKNO=54": "BYWEEKNO `54`",
    "FREQ=MONTHLY;BYWEEKNO=5": "BYWEEKNO is only for FREQ=YEARLY",
    "FREQ=MONTHLY;BYYEARDAY=5": "BYYEARDAY cannot be used with FREQ=MONTHLY",
    "FREQ=WEEKLY;BYMONTHDAY=5": "BYMONTHDAY cannot be used with FREQ=WEEKLY",
    "FREQ=MONTHLY;BYSETPOS=1": "BYSETPOS needs another BY... part",
    "FREQ=MONTHLY;BYDAY=MO,MO": "BYDAY gives MO twice",
    "FREQ=WEEKLY;WKST=XX": "WKST must be a weekday",
    "FREQ=WEEKLY;UNTIL=2027": "has an UNTIL that is not a date or a UTC time",
    "FREQ=WEEKLY;UNTIL=99991231": "has an UNTIL in 9999, outside the years 1900 to 2200",
    "FREQ=WEEKLY;UNTIL=20270230": "has an UNTIL that is not a real date",
    "FREQ=WEEKLY;UNTIL=20270101;COUNT=3": "gives both UNTIL and COUNT",
    "FREQ=MONTHLY;BYDAY=+1TH": "write `FREQ=MONTHLY;BYDAY=1TH`",
    "FREQ=MONTHLY;BYMONTHDAY=01": "write `FREQ=MONTHLY;BYMONTHDAY=1`",
    "FREQ=WEEKLY;BYDAY=ＴＨ": "has `Ｔ` at character 19",
}


@pytest.mark.parametrize("text, said", REFUSED.items(), ids=list(REFUSED))
def test_anything_but_one_rrule_value_is_refused_with_what_is_wrong(text, said):
    if not said:
        assert rrules.parse(text).text() == text.strip()
        return
    with pytest.raises(rrules.RuleError) as refused:
        rrules.parse(text)
    assert said in refused.value.message


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("FREQ=WEKLYDAIMONTHBYSUCP;,:+-0123456789 \nRDXZ")), max_size=60)
       | st.lists(st.sampled_from(["FREQ=WEEKLY", "FREQ=DAILY", "BYDAY=1TH", "BYDAY=MO,TU", "COUNT=3", "INTERVAL=2",
                                   "UNTIL=20270101", "BYMONTHDAY=31", "BYSETPOS=-1", "RDATE:20270101", " ", "\n", ";",
                                   "BYMONTH=2", "BYWEEKNO=1", "WKST=SU", "RRULE:"]), max_size=6).map(";".join))
def test_a_value_is_either_one_clean_rule_or_a_refusal(text):
    try:
        rule = rrules.parse(text)
    except rrules.RuleError:
        return
    assert re.fullmatch(r"[A-Z0-9=;,-]+", rule.text())
    assert not re.search(r"RDATE|EXDATE|DTSTART|RRULE", rule.text())
    rrulestr(rule.text(), dtstart=datetime(2027, 1, 4))  # dateutil reads it as one rule


# ---------------------------------------------------------------------------------------------
# Dates, durations and the reach of a series


@pytest.mark.parametrize("value, ok", [
    ("1900-01-01", True), ("2200-12-31 23:59", True), ("1899-12-31", False), ("2201-01-01 00:00", False),
    (date(1, 1, 1), False), (date(9999, 12, 31), False), (datetime(9999, 12, 31, 23, 59), False),
    ("0001-01-01 00:00", False),
])
def test_dates_lie_in_the_years_a_calendar_needs(value, ok):
    if ok:
        assert parse_when(value)
    else:
        with pytest.raises(Bad, match=f"outside the years {limits.FIRST_YEAR} to {limits.LAST_YEAR}"):
            parse_when(value)


@pytest.mark.parametrize("text, ok", [("366d", True), ("366d1m", False), ("8784h", True), ("99999999999999d", False),
                                      ("9" * 19 + "m", False), ("0d0h0m", False)])
def test_durations_are_bounded_before_any_arithmetic(text, ok):
    if ok:
        assert parse_duration(text).days <= limits.MAX_DAYS
    else:
        with pytest.raises(Bad):
            parse_duration(text)


def test_no_expansion_goes_past_the_last_year():
    # dateutil's loop stops at datetime.MAXYEAR, read from its globals; the bounded rule relies on it.
    assert "MAXYEAR" in dateutil_rrule._iter.__code__.co_names
    endless = rule_for("FREQ=DAILY", date(2190, 1, 1))
    assert list(endless)[-1] == datetime(limits.LAST_YEAR, 12, 31)
    weekly = rule_for("FREQ=WEEKLY;BYDAY=TH", date(2190, 1, 4))
    assert list(weekly)[-1].year <= limits.LAST_YEAR + 1  # the week that ends the last year, at most


def test_a_rule_without_occurrences_is_answered_without_walking_to_the_year_9999():
    # dateutil alone: four seconds a question here (every day to 9999); bounded, a fraction of one.
    out = within_cpu_seconds(
        "from datetime import date, datetime\n"
        "from generator.core.recurrence import rule_for\n"
        "for n in range(20):\n"
        "    rule = rule_for('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', date(2027, 1, n + 1))\n"
        "    assert rule.after(datetime(2027, 1, 1)) is None\n"
        "print('ok')\n", seconds=15)
    assert out.strip() == "ok"


@settings(max_examples=60, deadline=None)
@given(text=st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;COUNT=40",
                             "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=WEEKLY;INTERVAL=3;UNTIL=20290101"]),
       offset=st.integers(min_value=-30, max_value=3000))
def test_lookups_by_date_answer_what_dateutil_answers(text, offset):
    from datetime import timedelta
    start = date(2028, 2, 29) if "BYMONTHDAY=29" in text else date(2027, 1, 5)
    day = start + timedelta(days=offset)
    plain = rrulestr(text, dtstart=datetime.combine(start, datetime.min.time()))
    found = plain.after(datetime.combine(day, datetime.min.time()), inc=True)
    rule = rule_for(text, start)
    assert occurrence_on(rule, day) == (found if found is not None and found.date() == day else None)
    midnight = datetime.combine(day, datetime.min.time())
    candidates = [d for d in (plain.before(midnight), found) if d is not None]
    expected = min(candidates, key=lambda d: abs(d - midnight)).date() if candidates else None
    assert nearest_occurrence(rule, day) == expected


# ---------------------------------------------------------------------------------------------
# Addresses: parsed, never matched by a backtracking pattern


@pytest.mark.parametrize("url, ok", [
    ("https://meet.example.org/newtown", True), ("http://localhost:8000/x", True), ("https://例え.jp/", True),
    ("https://a.b.c.example.org/?q=1#x", True), ("https://example.org.", True), ("https://192.168.1.10/", True),
    ("https://example", False), ("https://user@example.org/", False), ("https://exa mple.org", False),
    ("https://example.org/ x", False), ("ftp://example.org", False), ("https://example.org:99999/", False),
    ("https://ex..ample.org/", False), ("https://" + "a" * 64 + ".org", False), ("javascript://example.org", False),
    ("https://example.org/\x00", False), ("https://[::1]/", False),
])
def test_web_addresses(url, ok):
    assert formats.is_web_url(url) is ok


@pytest.mark.parametrize("address, ok", [
    ("aroha@example.org", True), ("a.b+c@sub.example.org", True), ("ñandú@example.org", True),
    ("a@b", False), ("a@@example.org", False), ("a b@example.org", False), ("a..b@example.org", False),
    (".a@example.org", False), ("<a>@example.org", False), ('"a"@example.org', False), ("a@example..org", False),
    ("a" * 65 + "@example.org", False), ("a@" + "b." * 130 + "org", False),
])
def test_email_addresses(address, ok):
    assert formats.is_email(address) is ok
    assert formats.is_mailto(f"mailto:{address}?subject=Hi") is ok


def test_hostile_addresses_are_answered_at_once():
    # The old patterns took minutes on the first (a 6 KB dotted address) and seconds on the others.
    out = within_cpu_seconds(
        "from generator.content import formats\n"
        "for text in ['https://' + 'a.' * 3000 + ' x', 'https://' + 'a.' * 990 + '!', 'mailto:a@' + 'b.' * 100000 + '@',\n"
        "             'a@' + 'b.' * 100000 + '@', 'https://' + 'a' * 100000]:\n"
        "    assert not formats.is_web_url(text) and not formats.is_email(text) and not formats.is_mailto(text)\n"
        "print('ok')\n")
    assert out.strip() == "ok"


def _event_schema() -> dict:
    return formats.json_schema(formats.EVENT)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.@-_+é<> \"'")), min_size=1, max_size=30))
def test_the_schema_accepts_every_email_address_the_check_accepts(text):
    pattern = _event_schema()["properties"]["organizer"]["properties"]["email"]["pattern"]
    if formats.is_email(text):
        assert re.search(pattern, text)


def test_the_schemas_carry_the_limits():
    event = _event_schema()["properties"]
    assert event["title"]["maxLength"] == limits.MAX_TITLE
    assert event["description"]["maxLength"] == limits.MAX_DESCRIPTION
    assert event["online"]["maxLength"] == limits.MAX_URL
    assert event["repeat"]["properties"]["rrule"]["maxLength"] == limits.MAX_RRULE
    assert event["repeat"]["properties"]["count"]["maximum"] == limits.MAX_COUNT
    assert event["repeat"]["properties"]["interval"]["maximum"] == limits.MAX_INTERVAL
    assert event["repeat"]["properties"]["changes"]["maxItems"] == limits.MAX_CHANGES
    assert event["tags"]["anyOf"][1]["maxItems"] == limits.MAX_TAGS
    validator = jsonschema.Draft202012Validator(_event_schema())
    base = {"title": "T", "group": "g", "start": "2027-01-01"}
    for start, ok in (("1900-01-01", True), ("2200-12-31 23:00", True), ("1899-12-31", False), ("2201-01-01", False)):
        assert validator.is_valid({**base, "start": start}) is ok, start
    assert not validator.is_valid({**base, "title": "a" * (limits.MAX_TITLE + 1)})
    assert not validator.is_valid({**base, "repeat": {"every": "day", "count": limits.MAX_COUNT + 1}})


# ---------------------------------------------------------------------------------------------
# Text and Markdown


@pytest.mark.parametrize("text, said", [
    ("Tea \ud83d", "holds half a character (U+D83D)"), ("Tea\u202egnp", "U+202E"), ("bell\x07", "U+0007"),
    ("a\x1b[31m", "U+001B"), ("iso\u2066late", "U+2066"), ("a" * (limits.MAX_TITLE + 1), "at most 200 are allowed"),
])
def test_text_that_no_field_needs_is_refused(text, said):
    title = formats.EVENT.field("title")
    problem = title.problem(text)
    assert problem and said in problem[0]


def test_a_problem_can_always_be_printed_and_stays_short():
    problem = Problem("content/x.yml", 3, "unknown key `\ud83d" + "x" * 10_000 + "`", "hint \u202e")
    text = str(problem)
    text.encode("utf-8")  # no lone surrogate left: printing it would fail
    assert "\\ud83d" in text and "\\u202e" in text and len(text) < 2 * limits.MAX_MESSAGE


@pytest.mark.parametrize("text, said", [
    ("- " * 30 + "a", "nested 30 levels deep"),
    ("> " * 25 + "a", "nested 25 levels deep"),
    ("".join("    " * level + "- a\n" for level in range(25)), "nested 21 levels deep"),
    ("[a](" * 600, "a paragraph with 600 `[` or backticks"),
    ("`a" * 1100, "a paragraph with 1100 `[` or backticks"),
    ("<a\n\n" * 2300, "2300 `<`, `!!!` or `???`"),
])
def test_markdown_that_would_take_long_to_convert_is_found(text, said):
    cost = markdown_cost.problem(text)
    assert cost is not None and said in cost.message


def test_markdown_as_people_write_it_costs_nothing():
    for path in (ROOT / "content").rglob("*.md"):
        assert markdown_cost.problem(path.read_text(encoding="utf-8")) is None, path
    ok = ("Intro with [a link](https://example.org) and `code`.\n\n" * 400
          + "```\n" + "".join("    " * level + "deep code\n" for level in range(40)) + "```\n")
    assert markdown_cost.problem(ok) is None


def test_a_description_that_cannot_be_converted_is_shown_as_text():
    nested = "- " * 1000 + "<b>a</b>"  # Python-Markdown fails with a RecursionError on this
    html = descriptions.render(nested)
    assert html.startswith("<p>") and "&lt;b&gt;" in html
    assert descriptions.one_line(nested).endswith("<b>a</b>")


def test_hostile_markdown_converts_in_linear_time():
    # 128 KB of each (more than a description may hold: shown as text, not converted), and as much as
    # a description may hold (converted): a converter of the feeds' own took 35 s on the emphasis
    # ones, the pages' quadratic time on the brackets; within the limits everything here is a
    # fraction of a second.
    out = within_cpu_seconds(
        "from generator.content import descriptions, markdown_cost\n"
        "from generator.core.limits import MAX_DESCRIPTION\n"
        "for unit in ['**a ', '~~a ', '__a ', '[', '[a](', '![', '``a`', '`a', '<a', '\\\\*a', 'a\\n', '> ', '[a [b](c) ',\n"
        "             '[<https://a.example>[b](https://b.example)](https://c.example) ', '- ', '1. a\\n', '_a_ ']:\n"
        "    for size in (131072, MAX_DESCRIPTION):\n"
        "        text = unit * (size // len(unit))\n"
        "        descriptions.text(text)\n"
        "        descriptions.one_line(text)\n"
        "        markdown_cost.problem(text)\n"
        "print('ok')\n")
    assert out.strip() == "ok"


def test_the_feeds_read_marks_as_the_page_does():
    # Python-Markdown has no strike-through (the page shows the tildes), pairs `**` from the inside
    # as CommonMark does, and knows no backslash line break (the page shows the backslash).
    assert ical_text.description("Bring **food** and __drink__, ~~not~~ *this*.") == "Bring food and drink, ~~not~~ this."
    assert ical_text.description("**a **b**") == "**a b"
    assert ical_text.description("[a [b](https://x.example)") == "[a b <https://x.example>"
    assert ical_text.description("line one  \nline two\\\nthree") == "line one\nline two\\ three"


# ---------------------------------------------------------------------------------------------
# History: an old version costs that version only


ALIAS_BOMB = ("start: 2027-01-01 19:00\nlocation: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
              + "".join(f"k{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
              + "online: [*a9, *a9]\n")


@pytest.mark.parametrize("raw", [
    ALIAS_BOMB,  # a billion values written out
    "start: 2027-01-01 19:00\nlocation: {1: a, b: c}\n",  # keys JSON cannot sort
    "start: 2027-01-01 19:00\ndescription: " + "a" * (300 * 1024) + "\n",  # larger than a content file
    "start: 2027-01-01 19:00\nlocation: " + "[" * 150 + "]" * 150 + "\n",  # nested deeper than a content file may be
    "start: 2027-01-01 19:00\nstart: 2027-01-02 19:00\n",  # a key twice: which one counts?
    "start: !!timestamp 2027-01-01 19:00\n",  # a tag, refused in content files
])
def test_an_old_version_that_cannot_be_read_counts_as_a_change_of_that_version(raw):
    assert history.fingerprint(raw.encode()).startswith("raw:")


def test_an_old_version_is_read_as_the_check_reads_files():
    # The same reader, so the same answers: a list that holds itself (an alias inside its own
    # anchor) is read with the inner alias empty, as `handbook check` reads it, and compared so.
    from generator.content import yamlfile

    recursive = b"start: 2027-01-01 19:00\nlocation: &a [*a]\n"
    assert history._load(recursive) == yamlfile.read(recursive) == {"start": "2027-01-01 19:00", "location": [None]}
    assert history.fingerprint(recursive) != history.fingerprint(b"start: 2027-01-01 19:00\nlocation: [x]\n")
    # YAML 1.2: `on` is a word and `19:00` a text, in old versions as in files of today.
    assert history._load(b"on: yes\nstart: 19:00\n") == {"on": "yes", "start": "19:00"}


def test_aliases_that_expand_to_little_are_read_as_before():
    small = "when: &t 2027-01-01 19:00\nstart: *t\nlocation: {name: Hall}\n"
    assert not history.fingerprint(small.encode()).startswith("raw:")
    assert history.fingerprint(small.encode()) == history.fingerprint(
        b"start: 2027-01-01 19:00\nlocation: {name: Hall}\n")


def test_an_alias_bomb_is_measured_without_being_expanded():
    out = within_cpu_seconds(
        "import sys; sys.path.insert(0, 'tests')\n"
        "from test_untrusted_values import ALIAS_BOMB\n"
        "from generator.feeds import history\n"
        "bomb = ALIAS_BOMB.replace('k9', 'k9').replace('online: [*a9, *a9]', 'online: [' + ', '.join(['*a9'] * 10) + ']')\n"
        "assert history.fingerprint(bomb.encode()).startswith('raw:')\n"
        "print('ok')\n")
    assert out.strip() == "ok"


@pytest.mark.parametrize("text, target, line", [
    ("[a](javascript:alert(1))", "javascript:alert(1)", 1),
    ("fine\n\n[r]: /local/page", "/local/page", 3),
    ("[a](<vbscript:x>)", "vbscript:x", 1),
    ("![map](data:image/svg+xml,<svg>)", "data:image/svg+xml,", 1),
])
def test_a_description_link_the_site_would_show_as_text_is_named_with_its_line(text, target, line):
    from generator.content.markdown_links import first_dropped_link

    dropped = first_dropped_link(text)
    assert (dropped.target, dropped.line) == (target, line)


@pytest.mark.parametrize("text", [
    "`[a](javascript:x)` is code, not a link",
    "[wiki](https://en.wikipedia.org/wiki/Crew_(disambiguation)) and [mail](mailto:a@example.org)",
    "![photo](https://example.org/p.jpg) and [ref][1]\n\n[1]: https://example.org/",
    "no links at all, just [brackets] and (parentheses)",
    r"\[escaped\](javascript:x) is text",
])
def test_links_the_site_keeps_are_not_named(text):
    from generator.content.markdown_links import first_dropped_link

    assert first_dropped_link(text) is None
