"""The feeds of a fixture site built with `mkdocs build --strict`, read back with real parsers.

The fixture (tests/fixtures/site_feeds) has a congregation with a crew in Wellington, a crew in
London and one online in New York; a weekly series in each hemisphere crossing both changes of
the clocks, with exceptions, a moved, a cancelled and a retitled occurrence; an all-day
retreat; an all-day monthly series; a cancelled gathering ahead, a cancelled one long past,
one older than the feed window; and a gathering whose text is made to break a careless feed.
The build has no git history (a copied folder), so "now" (SOURCE_DATE_EPOCH) stands in for it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from dateutil.rrule import rrulestr
from page_words import page_words
from sitebuild import FIXED_EPOCH, build, copy_fixture
from test_feeds_checks import check_calendar, content_lines, vevent_blocks

from generator.core import recurrence
from generator.core.areas import area_of, area_slug, areas_of

UTC = timezone.utc
NOW = datetime.fromtimestamp(int(FIXED_EPOCH), tz=UTC)
HOST = "fixture.example"


@pytest.fixture(scope="module")
def site(built_fixture):
    return built_fixture("site_feeds")


@pytest.fixture(scope="module")
def content(site):
    return site.content()


def ics(site, path: str) -> bytes:
    return (site.site / path).read_bytes()


def feeds(site) -> list[Path]:
    found = site.feeds()
    assert found
    return found


def uids(calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def masters(calendar) -> dict[str, object]:
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e}


# ---------------------------------------------------------------------------------------------
# Every file


def test_every_feed_parses_with_three_parsers_and_is_well_formed(site):
    for path in feeds(site):
        check_calendar(path.read_bytes())


def test_the_feeds_the_contract_names_exist(site, content):
    assert (site.site / "feeds/all.ics").is_file()
    for slug in content.groups:
        assert (site.site / f"feeds/groups/{slug}.ics").is_file()
    for slug in content.patterns:
        assert (site.site / f"feeds/patterns/{slug}.ics").is_file()
    for slug in content.events:  # past ones too: their pages link them
        assert (site.site / f"events/{slug}.ics").is_file()
    assert (site.site / ".nojekyll").is_file()


def test_calendar_properties(site):
    lines = content_lines(ics(site, "feeds/groups/river-crew.ics"))
    header = lines[: lines.index("BEGIN:VTIMEZONE")]
    assert "PRODID:-//Microsolidarity handbook//Feeds//EN" in header
    assert "VERSION:2.0" in header and "CALSCALE:GREGORIAN" in header
    # No METHOD: not a scheduling message, and PUBLISH would want an ORGANIZER in every event.
    assert not any(line.startswith("METHOD") for line in header)
    assert "NAME:River Crew" in header and "X-WR-CALNAME:River Crew" in header
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in header
    assert "X-PUBLISHED-TTL:PT12H" in header
    assert any(line.startswith("X-WR-CALDESC:A crew by the river") for line in header)
    assert any(line.startswith("DESCRIPTION:A crew by the river") for line in header)
    assert "SOURCE;VALUE=URI:https://fixture.example/feeds/groups/river-crew.ics" in header


def test_uids_are_the_event_files_and_stay_put(site):
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    assert "harbour-thursdays@fixture.example" in uids(calendar)
    assert all(uid.endswith("@" + HOST) for uid in uids(calendar))
    single = check_calendar(ics(site, "events/harbour-thursdays.ics"))
    assert uids(single) == {"harbour-thursdays@fixture.example"}


def test_two_builds_give_the_same_bytes(site, tmp_path):
    # A second copy in another folder, built again: nothing random, nothing from the build order.
    project = copy_fixture("site_feeds", tmp_path)
    again = build(project)
    assert again.returncode == 0, again.output
    for path in feeds(site):
        relative = path.relative_to(site.site)
        assert (again.site / relative).read_bytes() == path.read_bytes(), relative


def test_editing_one_event_changes_only_its_own_lines(site, tmp_path):
    project = copy_fixture("site_feeds", tmp_path)
    event_file = project / "content/events/river/river-tuesdays.yml"
    event_file.write_text(event_file.read_text().replace("start: 2026-10-06 19:00", "start: 2026-10-06 18:30"))
    edited = build(project)
    assert edited.returncode == 0, edited.output
    for path in ("feeds/all.ics", "feeds/groups/river-crew.ics", "feeds/patterns/crew.ics"):
        before, after = ics(site, path).decode(), ics(edited, path).decode()
        assert before != after
        uid = "river-tuesdays@fixture.example"
        old_block, new_block = vevent_blocks(ics(site, path))[uid], vevent_blocks(ics(edited, path))[uid]
        assert old_block != new_block
        # Outside the event's own VEVENT, not one line differs.
        assert before.replace("\r\n".join(old_block), "") == after.replace("\r\n".join(new_block), "")


# ---------------------------------------------------------------------------------------------
# What goes in which feed


def test_a_congregation_feed_includes_its_crews(site):
    congregation = uids(check_calendar(ics(site, "feeds/groups/harbour-congregation.ics")))
    crew = uids(check_calendar(ics(site, "feeds/groups/harbour-crew.ics")))
    assert "harbour-retreat@fixture.example" in congregation
    assert "harbour-thursdays@fixture.example" in congregation and crew <= congregation
    assert "harbour-retreat@fixture.example" not in crew
    assert not any(uid.startswith("river-") for uid in congregation)


def test_a_pattern_feed_has_the_gatherings_practising_it(site, content):
    found = uids(check_calendar(ics(site, "feeds/patterns/dinner-table.ics")))
    assert found == {"harbour-retreat@fixture.example", "river-picnic@fixture.example"}


def test_old_events_leave_the_feeds_but_keep_their_own_file(site):
    everything = uids(check_calendar(ics(site, "feeds/all.ics")))
    assert "river-old-walk@fixture.example" not in everything  # ended a year ago
    assert "river-first-meeting@fixture.example" in everything  # ended under 180 days ago
    assert uids(check_calendar(ics(site, "events/river-old-walk.ics"))) == {"river-old-walk@fixture.example"}


def test_cancelled_events_stay_cancelled_for_a_while_then_go(site):
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    events = masters(calendar)
    assert str(events["river-picnic"]["STATUS"]) == "CANCELLED"  # ahead: still there, cancelled
    assert "river-cancelled-autumn" not in events  # ended 8 weeks ago, beyond the 30-day grace
    assert str(events["river-spring-walk"]["STATUS"]) == "TENTATIVE"
    assert str(events["river-tuesdays"]["STATUS"]) == "CONFIRMED"


# ---------------------------------------------------------------------------------------------
# Time


def _local_starts(calendar, uid_prefix: str, zone: str, start: datetime, end: datetime):
    found = []
    for occurrence in recurring_ical_events.of(calendar).between(start, end):
        if str(occurrence["UID"]).startswith(uid_prefix):
            found.append(occurrence["DTSTART"].dt.astimezone(ZoneInfo(zone)))
    return found


@pytest.mark.parametrize("uid, zone, weekday, before, after", [
    # Wellington: clocks go forward on 27 September 2026 and back on 4 April 2027.
    ("harbour-thursdays@", "Pacific/Auckland", 3, date(2026, 9, 27), date(2027, 4, 4)),
    # London: clocks go back on 25 October 2026 and forward on 28 March 2027.
    ("river-tuesdays@", "Europe/London", 1, date(2026, 10, 25), date(2027, 3, 28)),
])
def test_a_weekly_evening_stays_at_its_local_time_across_the_clock_changes(site, uid, zone, weekday, before, after):
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    starts = _local_starts(calendar, uid, zone, datetime(2026, 9, 1, tzinfo=UTC), datetime(2027, 6, 1, tzinfo=UTC))
    usual = [s for s in starts if s.date() not in (date(2027, 1, 7),)]  # the one moved to 18:00
    assert len(usual) > 20
    assert {(s.hour, s.minute, s.weekday()) for s in usual} == {(19, 0, weekday)}
    offsets = {s.date() < before: s.utcoffset() for s in usual if s.date() < after}
    assert offsets[True] != offsets[False], "the series should cross a change of the clocks"
    later = {s.utcoffset() for s in usual if s.date() > after}
    assert later == {offsets[True]}


def test_all_day_events_are_dates_with_an_exclusive_end(site):
    events = masters(check_calendar(ics(site, "feeds/all.ics")))
    retreat = events["harbour-retreat"]
    assert retreat["DTSTART"].dt == date(2027, 2, 12) and type(retreat["DTSTART"].dt) is date
    assert retreat["DTEND"].dt == date(2027, 2, 15)  # the file says `end: 2027-02-14`, inclusive
    market = events["harbour-market-days"]
    assert type(market["DTSTART"].dt) is date and market["DTEND"].dt == date(2026, 12, 6)
    assert all(type(value.dt) is date for value in market["EXDATE"].dts)


def _rrule_starts(vevent) -> set:
    """What the RRULE alone gives, expanded by dateutil, in DTSTART's own type and zone."""
    start = vevent["DTSTART"].dt
    rule = vevent["RRULE"]
    parts = rule.to_ical().decode().split(";")
    text = ";".join(part for part in parts if not part.startswith("UNTIL="))
    if not isinstance(start, datetime):
        expanded = rrulestr(rule.to_ical().decode(), dtstart=datetime.combine(start, datetime.min.time()))
        return {moment.date() for moment in expanded}
    naive, zone = start.replace(tzinfo=None), start.tzinfo
    expanded = rrulestr(text, dtstart=naive)
    if "UNTIL" in rule:  # UTC, as RFC 5545 asks; the series is expanded in local time
        until = rule["UNTIL"][0].astimezone(zone).replace(tzinfo=None)
        return {moment.replace(tzinfo=zone) for moment in expanded.between(naive, until, inc=True)}
    return {moment.replace(tzinfo=zone) for moment in expanded}


def test_exdates_and_recurrence_ids_name_real_occurrences_in_dtstarts_form(site):
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    checked = 0
    for vevent in calendar.walk("VEVENT"):
        if "RRULE" not in vevent:
            continue
        start = vevent["DTSTART"].dt
        possible = _rrule_starts(vevent)
        for value in vevent.get("EXDATE").dts if "EXDATE" in vevent else []:
            assert type(value.dt) is type(start) and getattr(value.dt, "tzinfo", None) == getattr(start, "tzinfo", None)
            assert value.dt in possible, value.dt
            checked += 1
        overrides = [e for e in calendar.walk("VEVENT") if e["UID"] == vevent["UID"] and "RECURRENCE-ID" in e]
        for override in overrides:
            rid = override["RECURRENCE-ID"].dt
            assert type(rid) is type(start) and getattr(rid, "tzinfo", None) == getattr(start, "tzinfo", None)
            assert rid in possible, rid
            assert int(override["SEQUENCE"]) == int(vevent["SEQUENCE"])
            checked += 1
    assert checked >= 7  # 2 + 2 + 1 exceptions, 3 + 1 changes in the fixture


def test_changed_occurrences_reach_the_calendar(site):
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    found = {}
    for occurrence in recurring_ical_events.of(calendar).between(datetime(2027, 1, 1, tzinfo=UTC),
                                                                 datetime(2027, 3, 10, tzinfo=UTC)):
        if str(occurrence["UID"]).startswith("harbour-thursdays@"):
            local = occurrence["DTSTART"].dt.astimezone(ZoneInfo("Pacific/Auckland"))
            found[local.date()] = occurrence
    moved = found[date(2027, 1, 7)]
    assert moved["DTSTART"].dt.hour == 18 and "Waitangi Park" in str(moved["LOCATION"])
    assert str(found[date(2027, 2, 4)]["STATUS"]) == "CANCELLED"
    assert str(found[date(2027, 3, 4)]["SUMMARY"]) == "Harbour and river crews together"
    assert date(2026, 12, 24) not in found and date(2026, 12, 31) not in found


def test_occurrences_in_the_feed_are_those_of_the_pages(site, content):
    """recurring-ical-events over the feed gives what generator.core.recurrence gives the pages."""
    start, end = datetime(2026, 6, 1, 3, 17, tzinfo=UTC), datetime(2027, 12, 1, 3, 17, tzinfo=UTC)
    calendar = check_calendar(ics(site, "feeds/all.ics"))
    in_feed = {uid.split("@")[0] for uid in uids(calendar)}
    events = [content.events[slug] for slug in sorted(in_feed)]

    def when(value, zone):
        if isinstance(value, datetime):
            return value.astimezone(UTC)
        return datetime.combine(value, datetime.min.time(), tzinfo=ZoneInfo(zone)).astimezone(UTC)

    from_feed = set()
    for occurrence in recurring_ical_events.of(calendar).between(start, end):
        slug = str(occurrence["UID"]).split("@")[0]
        zone = content.events[slug].timezone
        from_feed.add((slug, when(occurrence["DTSTART"].dt, zone), when(occurrence["DTEND"].dt, zone),
                       str(occurrence["STATUS"]).lower(), str(occurrence["SUMMARY"])))
    # A cancelled gathering says so in its title too, for apps that show no STATUS (Outlook).
    from_pages = {(o.event.slug, recurrence.utc_start(o), recurrence.utc_end(o), o.status,
                   ("Cancelled: " if o.cancelled else "") + o.title)
                  for o in recurrence.occurrences_between(events, start, end)}
    assert len(from_pages) > 60
    assert from_feed == from_pages


# ---------------------------------------------------------------------------------------------
# Text


@pytest.fixture(scope="module")
def site_with_pages(tmp_path_factory):
    """The same fixture with the calendar's pages too, for what the feeds and the pages both show."""
    project = copy_fixture("site_feeds", tmp_path_factory.mktemp("feeds-and-pages"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - handbook-feeds\n", "  - handbook-calendar\n  - handbook-feeds\n"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_a_description_says_the_same_on_its_page_in_its_feeds_and_in_its_json_ld(site_with_pages):
    """harbour-thursdays has a heading, emphasis, an entity, both kinds of list, links written three
    ways, a quote, code and an image: the feeds say word for word what the page shows (with list
    marks and link addresses spelled out), the JSON-LD the words alone."""
    page = site_with_pages.html("events/harbour-thursdays/")
    shown = page.select_one(".hb-description").decode_contents()
    for feed in ("feeds/all.ics", "feeds/groups/harbour-crew.ics", "events/harbour-thursdays.ics"):
        vevent = masters(check_calendar(ics(site_with_pages, feed)))["harbour-thursdays"]
        # What the feed adds after the description: the online link, who may come, host, organiser, page.
        said = re.split(r"\n\n(?=Join online: |Members only|Hosted by )", str(vevent["DESCRIPTION"]))[0]
        assert " ".join(said.split()) == page_words(shown), feed
    assert "How an evening runs\n\n1. A round of check-ins\n2. Then whatever" in said  # the shape is kept
    assert ("- Find the rooms on the map <https://example.org/te-aro?floor=1&door=side>, or write to "
            "mere@example.org.\n- The roster lives at https://example.org/roster.") in said
    events = json.loads(page.find("script", type="application/ld+json").string)
    assert events[0]["description"] == page_words(shown, spelled_out=False)
    assert "green door" in events[0]["description"] and "<https://" not in events[0]["description"]


def test_text_from_content_comes_back_as_written(site):
    events = masters(check_calendar(ics(site, "feeds/all.ics")))
    tricky = events["river-tricky-text"]
    assert str(tricky["SUMMARY"]) == 'Crêpes, tea; and a \\backslash\\ — "quoted" Zoë 🎉 evening'
    assert str(tricky["LOCATION"]) == 'The Hall; Room 2, "upstairs", 5 Comma Street, London, E8 3AA'
    description = str(tricky["DESCRIPTION"])
    assert "漢字 😀😀😀 and more text, with commas, semicolons; and a backslash \\ too." in description
    assert "Details: https://fixture.example/events/river-tricky-text/" in description
    assert tricky["ORGANIZER"].params["CN"] == "Zoë 'Z' O'Neil"
    assert str(tricky["ORGANIZER"]) == "mailto:zoe@example.org"
    # The description's "BEGIN:VEVENT" stayed text: one VEVENT, and no stray SUMMARY.
    block = vevent_blocks(ics(site, "feeds/all.ics"))["river-tricky-text@fixture.example"]
    assert sum(1 for line in block if line.startswith("BEGIN:")) == 1
    assert not any(line.startswith("SUMMARY:injected") for line in content_lines(ics(site, "feeds/all.ics")))


def test_the_online_link_is_where_apps_look(site):
    online = masters(check_calendar(ics(site, "feeds/all.ics")))["online-monthly"]
    link = "https://meet.example.org/circle?room=1;x=2"
    assert str(online["LOCATION"]) == link  # online only: apps make the location a link
    assert str(online["CONFERENCE"]) == link
    assert f"Join online: {link}" in str(online["DESCRIPTION"])
    assert str(online["URL"]) == "https://fixture.example/events/online-monthly/"
    assert "ORGANIZER" not in online  # no email address, so no calendar address to give
    place = masters(check_calendar(ics(site, "feeds/all.ics")))["river-tuesdays"]
    assert place["GEO"].latitude == pytest.approx(51.5455) and place["GEO"].longitude == pytest.approx(-0.056)
    harbour = masters(check_calendar(ics(site, "feeds/all.ics")))["harbour-thursdays"]
    assert list(harbour["CATEGORIES"].cats) == ["weekly", "newcomers-welcome"]


# ---------------------------------------------------------------------------------------------
# The subscribe page


def test_area_and_tag_feeds_hold_exactly_their_gatherings(site, content):
    for slug in areas_of(content):
        calendar = icalendar.Calendar.from_ical((site.site / f"feeds/areas/{slug}.ics").read_bytes())
        uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
        everything = icalendar.Calendar.from_ical((site.site / "feeds/all.ics").read_bytes())
        shown = {str(e["UID"]).split("@")[0] for e in everything.walk("VEVENT")}
        assert uids == {s for s in shown
                        if area_slug(area_of(content.events[s], content.groups[content.events[s].group])) == slug}
    online = {str(e["UID"]).split("@")[0]
              for e in icalendar.Calendar.from_ical((site.site / "feeds/areas/online.ics").read_bytes()).walk("VEVENT")}
    assert "online-monthly" in online  # a gathering with only a link counts as Online
    tagged = icalendar.Calendar.from_ical((site.site / "feeds/tags/outdoors.ics").read_bytes())
    assert all("outdoors" in [str(c) for c in e.get("CATEGORIES").cats] for e in tagged.walk("VEVENT"))


def test_the_subscribe_page_lists_every_feed_with_webcal_and_https_links(site, content):
    page = site.html("subscribe/")
    body = page.select_one("article")
    webcal = {a["href"] for a in body.select("a[href^='webcal://']")}
    # Each copy button sits right after the address it copies.
    copies = {button.find_previous_sibling("code").get_text() for button in body.select("button.hb-copy")}
    expected = {"feeds/all.ics"} | {f"feeds/groups/{g}.ics" for g in content.groups} | \
               {f"feeds/patterns/{p}.ics" for p in content.patterns} | \
               {f"feeds/areas/{a}.ics" for a in areas_of(content)} | \
               {f"feeds/tags/{t}.ics" for e in content.events.values() for t in e.tags}
    assert webcal == {f"webcal://{HOST}/{path}" for path in expected}
    assert copies == {f"https://{HOST}/{path}" for path in expected}
    assert all(button.has_attr("hidden") for button in body.select("button.hb-copy"))  # until copy.js runs
    text = body.get_text(" ")
    for app in ("Google Calendar", "Apple Calendar", "Outlook", "Thunderbird"):
        assert app in text
    assert "12 to 24" in text
    # The page is in the search index, and has no "edit this page" (no file makes it).
    index = (site.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Subscribe to the calendar" in index and "Harbour Crew" in index
    assert not page.select("a.md-content__button")
    scripts = [s["src"] for s in page.select("script[src]")]
    assert any(src.endswith("assets/javascripts/copy.js") for src in scripts)
    assert (site.site / "assets/javascripts/copy.js").is_file()
