"""generator.feeds.build with events built in code: what goes in a feed, and text that survives it."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from page_words import page_words
from test_feeds_checks import check_calendar, content_lines

from generator.content import descriptions
from generator.core.model import Content, Event, Group, Location, Organizer, Pattern, Repeat
from generator.core.urls import Urls
from generator.feeds import build as feeds
from generator.feeds import lines as ical_lines
from generator.feeds.history import History, Revision
from generator.feeds.text import clean, collapsed
from generator.feeds.text import description as feed_text
from generator.feeds.vevents import Site

ALL_FEED = Urls.all_feed()

UTC = timezone.utc
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
SITE = Site("https://handbook.example/", "Handbook")


def group(slug="crew", **changes) -> Group:
    base = Group(slug=slug, path=f"content/groups/{slug}.yml", name="The Crew", kind="crew",
                 summary="A crew.", timezone="Europe/London")
    return dataclasses.replace(base, **changes)


def event(slug="supper", start=None, **changes) -> Event:
    start = start or datetime(2026, 12, 3, 19, 0, tzinfo=LONDON)
    base = Event(slug=slug, path=f"content/events/{slug}.yml", title="Supper", group="crew",
                 start=start, end=start + timedelta(hours=2), timezone="Europe/London")
    return dataclasses.replace(base, **changes)


def pattern(slug="check-in") -> Pattern:
    return Pattern(slug=slug, path=f"content/patterns/{slug}.md", title="Check-in",
                   summary="Say how you are.", scale="self")


def content(*events: Event, groups=None, patterns=None) -> Content:
    return Content(patterns={p.slug: p for p in (patterns or [pattern()])},
                   groups={g.slug: g for g in (groups or [group()])},
                   events={e.slug: e for e in events})


def build(*events: Event, history: History | None = None, options=feeds.Options(), **kwargs) -> feeds.Built:
    return feeds.build(content(*events, **kwargs), SITE, NOW, history or History(), options)


def vevents(data: bytes, slug: str | None = None):
    found = check_calendar(data).walk("VEVENT")
    return [e for e in found if slug is None or str(e["UID"]).startswith(slug + "@")]


def in_all(built: feeds.Built) -> set[str]:
    return {str(e["UID"]).split("@")[0] for e in vevents(built.files[ALL_FEED])}


# ---------------------------------------------------------------------------------------------
# Which events are in the subscription feeds


@pytest.mark.parametrize("days_ago, kept", [(179, True), (181, False)])
def test_past_events_leave_after_the_window(days_ago, kept):
    start = NOW - timedelta(days=days_ago, hours=3)
    past = event("past", start=start.astimezone(LONDON))
    built = build(past)
    assert ("past" in in_all(built)) is kept
    assert vevents(built.files["events/past.ics"], "past")  # its own file stays either way


def test_the_window_is_configurable():
    past = event("past", start=(NOW - timedelta(days=20)).astimezone(LONDON))
    assert "past" not in in_all(build(past, options=feeds.Options(past_days=10)))


def test_a_long_running_series_stays_while_it_runs():
    weekly = event("weekly", start=datetime(2020, 1, 7, 19, 0, tzinfo=LONDON),
                   repeat=Repeat(rrule="FREQ=WEEKLY;BYDAY=TU"))
    finished = event("finished", start=datetime(2020, 1, 7, 19, 0, tzinfo=LONDON),
                     repeat=Repeat(rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20260301T000000Z"))
    assert in_all(build(weekly, finished)) == {"weekly"}


@pytest.mark.parametrize("ended_days_ago, cancelled_days_ago, kept", [
    (-10, 50, True),  # ahead: stays, cancelled, until it has passed
    (29, 50, True),  # just passed: still within the grace period
    (31, 50, False),  # passed a while ago
    (40, 5, True),  # cancelled only now (after the fact): subscribers still get to see it
])
def test_a_cancelled_event_stays_for_the_grace_period(ended_days_ago, cancelled_days_ago, kept):
    end = NOW - timedelta(days=ended_days_ago)
    cancelled = event("off", start=(end - timedelta(hours=2)).astimezone(LONDON), status="cancelled")
    when = NOW - timedelta(days=cancelled_days_ago)
    history = History(revisions={cancelled.path: Revision(when, when)})
    built = build(cancelled, history=history)
    assert ("off" in in_all(built)) is kept
    if kept:
        assert str(vevents(built.files[ALL_FEED], "off")[0]["STATUS"]) == "CANCELLED"


def test_feeds_for_groups_patterns_and_congregations():
    congregation = group("town", kind="congregation", name="Town")
    crew = group("crew", part_of="town")
    other = group("other", name="Other")
    a = event("a", patterns=("check-in",))
    b = event("b", group="town")
    c = event("c", group="other")
    built = build(a, b, c, groups=[congregation, crew, other])
    members = {path: {str(e["UID"]).split("@")[0] for e in vevents(data)} for path, data in built.files.items()}
    assert members["feeds/groups/town.ics"] == {"a", "b"}
    assert members["feeds/groups/crew.ics"] == {"a"}
    assert members["feeds/groups/other.ics"] == {"c"}
    assert members["feeds/patterns/check-in.ics"] == {"a"}
    assert members[ALL_FEED] == {"a", "b", "c"}


def test_an_empty_feed_is_still_a_valid_calendar():
    built = build(event("a"), patterns=[pattern("check-in"), pattern("unused")])
    data = built.files["feeds/patterns/unused.ics"]
    calendar = check_calendar(data)
    assert not calendar.walk("VEVENT") and calendar.walk("VTIMEZONE")  # RFC 5545: one component at least


# ---------------------------------------------------------------------------------------------
# The same content gives the same bytes


def test_same_content_same_bytes_whatever_the_order():
    a, b = event("a"), event("b", start=datetime(2027, 1, 5, 19, tzinfo=LONDON))
    first = feeds.build(content(a, b), SITE, NOW, History())
    second = feeds.build(content(b, a), SITE, NOW, History())
    assert first.files == second.files


def test_dtstamp_and_sequence_come_from_history_not_from_the_clock():
    when = datetime(2026, 5, 1, 8, 30, tzinfo=UTC)
    supper = event()
    history = History(revisions={supper.path: Revision(when, when - timedelta(days=3))})
    one = build(supper, history=history).files["events/supper.ics"]
    later = feeds.build(content(supper), SITE, NOW + timedelta(days=2), history).files["events/supper.ics"]
    assert one == later
    (found,) = vevents(one)
    assert found["DTSTAMP"].dt == found["LAST-MODIFIED"].dt == when
    assert int(found["SEQUENCE"]) == Revision(when, when - timedelta(days=3)).sequence


# ---------------------------------------------------------------------------------------------
# Event shapes


def test_all_day_events_are_dates_with_an_exclusive_end():
    day = event("day", start=date(2027, 2, 12), end=date(2027, 2, 15))
    (found,) = vevents(build(day).files["events/day.ics"])
    assert found["DTSTART"].dt == date(2027, 2, 12) and found["DTEND"].dt == date(2027, 2, 15)
    assert "DTSTART;VALUE=DATE:20270212" in content_lines(build(day).files["events/day.ics"])


@pytest.mark.parametrize("start, rrule, expected", [
    (datetime(2026, 12, 3, 19, tzinfo=LONDON), "FREQ=WEEKLY;UNTIL=20270325", "UNTIL=20270325T235959Z"),
    (datetime(2026, 6, 4, 19, tzinfo=LONDON), "FREQ=WEEKLY;UNTIL=20260625T235959", "UNTIL=20260625T225959Z"),
    (date(2026, 12, 5), "FREQ=MONTHLY;UNTIL=20270401T000000Z", "UNTIL=20270401;"),
])
def test_until_has_the_type_rfc_5545_asks(start, rrule, expected):
    end = start + timedelta(days=1) if isinstance(start, date) and not isinstance(start, datetime) else start + timedelta(hours=1)
    series = event("s", start=start, end=end, repeat=Repeat(rrule=rrule))
    lines = content_lines(build(series).files["events/s.ics"])
    (line,) = [line for line in lines[lines.index("BEGIN:VEVENT"):] if line.startswith("RRULE:")]
    assert expected in line + ";"


def test_online_only_hybrid_and_in_person():
    link = "https://meet.example.org/x"
    online = event("online", online=link)
    hybrid = event("hybrid", online=link, location=Location(name="Hall", address="1 Road"))
    person = event("person", location=Location(name="Hall", geo=(51.5, -0.1)))
    built = build(online, hybrid, person)
    (o,), (h,), (p,) = (vevents(built.files[f"events/{s}.ics"]) for s in ("online", "hybrid", "person"))
    assert str(o["LOCATION"]) == link and str(o["CONFERENCE"]) == link
    assert str(h["LOCATION"]) == "Hall, 1 Road" and str(h["CONFERENCE"]) == link
    assert f"Join online: {link}" in str(h["DESCRIPTION"])
    assert "CONFERENCE" not in p and p["GEO"].latitude == 51.5
    assert str(p["URL"]) == "https://handbook.example/events/person/"


def test_a_link_that_is_not_http_never_reaches_the_feed():
    sneaky = event("sneaky", online="javascript:alert(1)")
    (found,) = vevents(build(sneaky).files["events/sneaky.ics"])
    assert "CONFERENCE" not in found and "javascript" not in found.to_ical().decode()


def test_a_time_without_a_zone_is_refused():
    floating = event("floating", start=datetime(2026, 12, 3, 19), end=datetime(2026, 12, 3, 21))
    with pytest.raises(ValueError, match="without a zone"):
        build(floating)


def test_a_site_below_a_path_keeps_uids_apart():
    below = Site("https://example.github.io/handbook/", "Handbook")
    built = feeds.build(content(event()), below, NOW, History())
    (found,) = vevents(built.files["events/supper.ics"])
    assert str(found["UID"]) == "supper@example.github.io/handbook"
    assert str(found["URL"]) == "https://example.github.io/handbook/events/supper/"


# ---------------------------------------------------------------------------------------------
# Text from content: escaped, folded, never a property of its own

# Any text at all, with line breaks, iCalendar's own punctuation and every plane of Unicode.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120) | st.sampled_from([
    "a,b;c\\d:e", "line\nBEGIN:VEVENT\nSUMMARY:x", "\r\nEND:VCALENDAR\r\n", "é" * 100, "😀" * 40,
    "tab\there", "nul\x00bell\x07", "\u2028sep\u2029\x85", ' "quoted" ',
])

EXPECTED_NAMES = {"UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND", "STATUS", "SUMMARY",
                  "LOCATION", "DESCRIPTION", "URL", "ORGANIZER", "BEGIN", "END"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=ANY_TEXT, place=ANY_TEXT, address=ANY_TEXT, name=ANY_TEXT, description=ANY_TEXT)
def test_text_round_trips_through_three_parsers_and_injects_nothing(title, place, address, name, description):
    source = event("t", title=title, location=Location(name=place, address=address),
                   organizer=Organizer(name=name, email="o@example.org"), description=description)
    data = build(source).files["events/t.ics"]
    (found,) = vevents(data)  # check_calendar: three parsers, CRLF, <= 75 octets, whole characters
    # An empty title leaves SUMMARY out (libical drops an empty property as a parse error).
    assert str(found.get("SUMMARY", "")) == collapsed(title)
    where = collapsed(Location(name=place, address=address).text())
    assert str(found.get("LOCATION", "")) == where
    expected_description = feed_text(description) if description.strip() else ""
    assert str(found["DESCRIPTION"]).startswith(expected_description)
    assert found["ORGANIZER"].params.get("CN", "") == collapsed(name).replace('"', "'")
    # Nothing from the text became a property, a parameter or a component.
    lines = content_lines(data)
    event_lines = lines[lines.index("BEGIN:VEVENT"):lines.index("END:VEVENT") + 1]
    names = {re.split(r"[;:]", line, maxsplit=1)[0] for line in event_lines}
    assert names <= EXPECTED_NAMES
    assert sum(1 for line in lines if line.startswith("BEGIN:")) == sum(1 for line in lines if line.startswith("END:"))
    # And vobject, written by other people, reads the same words.
    parsed = vobject.readOne(data.decode("utf-8")).vevent
    assert (parsed.summary.value if "summary" in parsed.contents else "") == collapsed(title)
    assert parsed.description.value == str(found["DESCRIPTION"])


@given(ANY_TEXT)
def test_clean_leaves_no_control_characters_and_only_plain_newlines(text):
    cleaned = clean(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]", cleaned)
    assert cleaned.replace("\n", "") == re.sub(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]", "", text)


def test_markdown_descriptions_become_readable_plain_text():
    text = feed_text("Bring **food**, see [the list](https://example.org/list).\n\n- one\n- two\n\n<b>raw</b>")
    assert text == "Bring food, see the list <https://example.org/list>.\n\n- one\n- two\n\n<b>raw</b>"


# Markdown as editors write it; the feed's plain text must say the same words as the page.
DESCRIPTIONS = [
    "Bring a **plate** to share and a _friend_ if you like.",
    "We meet at the *old* hall.\nThe door is round the back,\nby the bins.",
    "- **What to bring:** nothing.\n- **How it runs:** a round, a break,\n  then open time.\n\nSee you there.",
    "1. Arrive\n2. Check in\n3. Eat",
    "## Getting there\n\nTake the 3 bus. See [the map](https://example.org/map) or <https://example.org/bus>.",
    "Questions? [Write to Ana](mailto:ana@example.org).",
    "Some `code_like_this` and snake_case_words stay as they are; 3 * 4 = 12.",
    "> A quote from last time:\n> it was good.",
    "Text with <b>raw html</b> and &amp; entities.",
    "A link to [a page](https://en.wikipedia.org/wiki/Potluck_(meal)) with parentheses.",
    "Not a link: [label](javascript:alert(1)).",
    "Heading\n=======\n\nBody.",
    "An image: ![the hall at night](https://example.org/hall.jpg).",  # the feed keeps the alt text
    "Escaped \\*stars\\* and a backslash \\ alone.",
]


def words_on_page(markdown: str) -> str:
    # `clean`: on odd input Python-Markdown leaves its placeholders' control characters in the page;
    # TEXT may not hold them.
    return " ".join(clean(page_words(descriptions.render(markdown))).split())


@pytest.mark.parametrize("markdown", DESCRIPTIONS)
def test_the_feeds_plain_text_says_what_the_page_says(markdown):
    """Word for word; the feed keeps line breaks where the page has blocks."""
    assert " ".join(feed_text(markdown).split()) == words_on_page(markdown)


def test_the_feed_keeps_the_shape_of_the_text():
    text = feed_text("# Getting there\n\nTake the bus:\n\n1. to the end\n2. then walk\n\nBring:\n\n"
                     "- loose\n\n- items\n    - and a nested one\n\n> quoted\n> words\n\n"
                     "    code  stays\n      as it is\n\nline  \nbreak, [a link](https://x.example/a?b=1&c=2)")
    assert text == ("Getting there\n\nTake the bus:\n\n1. to the end\n2. then walk\n\nBring:\n\n"
                    "- loose\n\n- items\n\n  - and a nested one\n\nquoted words\n\n"
                    "code  stays\n  as it is\n\nline\nbreak, a link <https://x.example/a?b=1&c=2>")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DESCRIPTIONS + ["**", "_", "`", "[", "](", "\n", "\n\n", "- ", "1. ", "<x>", "&amp;",
                                                "<https://auto.example>", "<ana@example.org>", "~~"]), max_size=10))
def test_the_feed_and_the_page_agree_on_any_mix(bits):
    markdown = "".join(bits)
    assert " ".join(feed_text(markdown).split()) == words_on_page(markdown)


def test_links_in_descriptions_keep_their_address():
    text = feed_text(DESCRIPTIONS[4] + "\n\n" + DESCRIPTIONS[5])
    assert "the map <https://example.org/map>" in text and "https://example.org/bus" in text
    assert "Write to Ana <mailto:ana@example.org>" in text
    assert "javascript" not in feed_text(DESCRIPTIONS[10]).replace("[label](javascript", "")


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_folding_keeps_lines_short_characters_whole_and_escapes_together(value):
    escaped = ical_lines.text(value)
    folded = ical_lines.line("DESCRIPTION", escaped)
    assert folded.endswith(b"\r\n")
    physical = folded[:-2].split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    assert b"".join(part[1:] if i else part for i, part in enumerate(physical)) == f"DESCRIPTION:{escaped}".encode()
    for part in physical:
        part.decode("utf-8")  # no character cut in two
    for before in physical[:-1]:  # no escape cut in two: an odd run of backslashes never ends a line
        run = len(before) - len(before.rstrip(b"\\"))
        assert run % 2 == 0


def test_a_line_break_cannot_reach_a_content_line():
    with pytest.raises(ValueError):
        ical_lines.line("SUMMARY", "two\nlines")


# ---------------------------------------------------------------------------------------------
# The subscribe page


def test_many_pattern_feeds_go_on_one_page_per_scale():
    from generator.core.model import SCALES
    from generator.pages import subscribe

    patterns = [dataclasses.replace(pattern(f"p{n:03d}"), title=f"Pattern {n}", scale=SCALES[n % 5])
                for n in range(300)]
    groups = [group(f"g{n:03d}", name=f"Group {n}") for n in range(130)]
    built = build(event("a", group="g001", patterns=("p007",)), groups=groups, patterns=patterns)
    pages = subscribe.pages(built.feeds, content(event("a", group="g001"), groups=groups, patterns=patterns), SITE)
    assert set(pages) == {"subscribe.md"} | {f"subscribe/patterns/{scale}.md" for scale in SCALES}
    main = pages["subscribe.md"]
    for scale in SCALES:
        # Relative to subscribe.md, at the top of the docs: the link MkDocs can resolve.
        assert f"](subscribe/patterns/{scale}.md)" in main
        assert pages[f"subscribe/patterns/{scale}.md"].count("webcal://") == 60
    assert main.count("webcal://") == 1 + 130
    # Every page stays small enough for a phone (Markdown here; the HTML is about the same size).
    assert max(len(markdown) for markdown in pages.values()) < 70_000
    assert "(../../subscribe.md#how-to-subscribe)" in pages["subscribe/patterns/crew.md"]


def test_a_few_pattern_feeds_stay_on_the_subscribe_page():
    from generator.pages import subscribe

    built = build(event("a"))
    assert set(subscribe.pages(built.feeds, content(event("a")), SITE)) == {"subscribe.md"}


def test_text_on_the_subscribe_page_is_escaped():
    import markdown as python_markdown

    from generator.pages import subscribe

    odd = group("odd", name='<script>alert(1)</script> | *Crew* [x](javascript:y)', where="A & B")
    built = build(event("a", group="odd"), groups=[odd])
    text = subscribe.pages(built.feeds, content(event("a", group="odd"), groups=[odd]), SITE)["subscribe.md"]
    html = python_markdown.markdown(text, extensions=["tables", "md_in_html"])
    assert "<script>" not in html and "javascript:" not in html.replace("[x](javascript:y)", "")
    assert 'href="javascript' not in html and "<em>Crew</em>" not in html
    row = next(line for line in text.splitlines() if "alert" in line)
    assert row.count(" | ") == 2  # the name's "|" did not make a column


def vtimezone_block(data: bytes) -> bytes:
    return re.search(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE\r\n", data, re.S).group(0)


def test_own_files_share_one_vtimezone_covering_every_event_and_the_feeds_one_covering_theirs():
    soon = event("soon")
    later = event("later", start=datetime(2029, 6, 7, 19, 0, tzinfo=LONDON))
    old = event("old", start=datetime(2024, 3, 7, 19, 0, tzinfo=LONDON))
    built = build(soon, later, old)
    own = {slug: vtimezone_block(built.files[f"events/{slug}.ics"]) for slug in ("soon", "later", "old")}
    assert own["soon"] == own["later"] == own["old"]
    # The old event has left the feeds, whose zone starts with the events still in them.
    assert "old" not in in_all(built)
    feed_zone = vtimezone_block(built.files[ALL_FEED])
    assert feed_zone != own["old"]
    assert re.search(rb"DTSTART:2023", own["old"]) and not re.search(rb"DTSTART:2023", feed_zone)
