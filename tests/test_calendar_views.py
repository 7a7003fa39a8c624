"""The calendar's view functions, without MkDocs: words for times, agenda items, month grids,
links, JSON-LD and descriptions."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from generator.calendar import agenda
from generator.calendar import text as calendar_text
from generator.calendar.agenda import Window
from generator.calendar.month_grid import month_grid
from generator.content import descriptions
from generator.content.events import load_events
from generator.content.groups import load_groups
from generator.core.model import Change, Content, Event, Group, Location, Organizer, Pattern, Repeat
from generator.core.recurrence import occurrences
from generator.core.urls import RESERVED_SLUGS, Urls, is_reserved, link
from generator.pages import event_links, jsonld
from generator.pages.calendar import Calendar, all_pages

AKL, LON = ZoneInfo("Pacific/Auckland"), ZoneInfo("Europe/London")
UTC = timezone.utc


def group(slug="crew", kind="crew", zone="Pacific/Auckland", part_of=None) -> Group:
    return Group(slug=slug, path=f"content/groups/{slug}.yml", name=slug.title(), kind=kind, summary="S.",
                 timezone=zone, part_of=part_of)


def event(slug="night", start=None, end=None, zone="Pacific/Auckland", **fields) -> Event:
    start = start or datetime(2026, 12, 3, 19, tzinfo=ZoneInfo(zone))
    if end is None and isinstance(start, datetime):
        end = start.replace(hour=start.hour + 2)
    fields.setdefault("group", "crew")
    return Event(slug=slug, path=f"content/events/{slug}.yml", title=fields.pop("title", slug.title()),
                 start=start, end=end, timezone=zone, **fields)


def content(*events: Event, groups=None) -> Content:
    groups = groups or [group()]
    patterns = {"crew": Pattern(slug="crew", path="content/patterns/crew.md", title="The crew", summary="S.",
                                scale="crew")}
    return Content(patterns=patterns, groups={g.slug: g for g in groups}, events={e.slug: e for e in events})


# ---------------------------------------------------------------------------------------------
# Times in words


def test_when_names_the_zone_and_its_season():
    summer = datetime(2026, 12, 3, 19, tzinfo=AKL)
    assert calendar_text.when(summer, summer.replace(hour=21), "Pacific/Auckland") == \
        "Thursday 3 December 2026, 19:00–21:00 NZDT (Auckland time)"
    winter = datetime(2026, 7, 2, 19, tzinfo=AKL)
    assert calendar_text.when(winter, winter.replace(hour=21), "Pacific/Auckland") == \
        "Thursday 2 July 2026, 19:00–21:00 NZST (Auckland time)"
    london = datetime(2026, 6, 4, 19, tzinfo=LON)
    assert calendar_text.time_range(london, london.replace(hour=20), "Europe/London") == "19:00–20:00 BST"


def test_when_for_all_day_and_multi_day_gatherings():
    assert calendar_text.when(date(2027, 1, 15), date(2027, 1, 16), "Pacific/Auckland") == "Friday 15 January 2027, all day"
    assert calendar_text.when(date(2027, 1, 15), date(2027, 1, 18), "Pacific/Auckland") == "Friday 15 – Sunday 17 January 2027"
    assert calendar_text.when(date(2026, 12, 30), date(2027, 1, 2), "UTC") == \
        "Wednesday 30 December 2026 – Friday 1 January 2027"
    overnight = datetime(2026, 12, 4, 18, tzinfo=AKL)
    assert calendar_text.when(overnight, datetime(2026, 12, 6, 14, tzinfo=AKL), "Pacific/Auckland") == \
        "Friday 4 December 2026, 18:00 NZDT – Sun 6 Dec 14:00 NZDT (Auckland time)"
    # Ending at midnight does not spill into the next day.
    late = datetime(2026, 12, 3, 22, tzinfo=AKL)
    assert calendar_text.last_day(late, datetime(2026, 12, 4, 0, tzinfo=AKL), "Pacific/Auckland") == date(2026, 12, 3)


def test_zones_without_letters_get_a_utc_offset():
    assert calendar_text.zone_abbreviation(datetime(2026, 1, 1, tzinfo=ZoneInfo("America/Sao_Paulo"))) == "UTC-3"
    assert calendar_text.zone_abbreviation(datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Kathmandu"))) == "UTC+5:45"


@pytest.mark.parametrize("rule, words", [
    ("FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325T105959Z", "Every week on Thursday, until Thursday 25 March 2027"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=8", "Every 2 weeks on Sunday, 8 times"),
    ("FREQ=WEEKLY;BYDAY=MO,WE", "Every week on Monday and Wednesday"),
    ("FREQ=MONTHLY;BYDAY=1TH;COUNT=12", "Every month on the first Thursday, 12 times"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Friday"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "Every month on day 15"),
    ("FREQ=YEARLY", "Every year on 3 December"),
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU", "Repeats (FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU)"),
])
def test_repeat_rules_in_words(rule, words):
    assert calendar_text.describe_rule(rule, datetime(2026, 12, 3, 19, tzinfo=AKL), "Pacific/Auckland") == words


def test_until_in_utc_is_read_as_the_local_day():
    # 10:59 UTC on 25 March is 23:59 on 25 March in Wellington, not the 26th or the 24th.
    assert calendar_text.describe_rule("FREQ=DAILY;UNTIL=20270325T105959Z", date(2027, 3, 1), "Pacific/Auckland") == \
        "Every day, until Thursday 25 March 2027"


# ---------------------------------------------------------------------------------------------
# Agenda items


def test_items_sort_by_the_day_they_show_not_by_utc():
    # Tuesday 09:00 in Wellington is Monday 20:00 UTC; a London Monday 21:00 is later in UTC
    # but belongs before it, under Monday.
    wellington = event("tuesday-morning", datetime(2026, 12, 8, 9, tzinfo=AKL))
    london = event("monday-evening", datetime(2026, 12, 7, 21, tzinfo=LON), zone="Europe/London")
    found = occurrences(wellington, datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)) + \
        occurrences(london, datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC))
    made = agenda.items(found, content(wellington, london, groups=[group()]), Urls())
    assert [(i.slug, i.day) for i in made] == [("monday-evening", date(2026, 12, 7)),
                                                 ("tuesday-morning", date(2026, 12, 8))]
    assert made[1].utc_start == "2026-12-07T20:00:00Z"


def test_within_a_day_items_follow_the_clock_times_they_show():
    # 11:00 in Wellington is earlier in UTC than 10:00 in London the same day, but reads later.
    swim = event("swim", datetime(2027, 1, 16, 11, tzinfo=AKL))
    walk = event("walk", datetime(2027, 1, 16, 10, tzinfo=LON), zone="Europe/London")
    picnic = event("picnic", date(2027, 1, 16), date(2027, 1, 17))
    window = (datetime(2027, 1, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC))
    found = [o for e in (swim, walk, picnic) for o in occurrences(e, *window)]
    assert [i.slug for i in agenda.items(found, content(swim, walk, picnic), Urls())] == ["picnic", "walk", "swim"]


def test_a_moved_occurrence_says_where_it_moved_from_and_a_cancelled_one_keeps_its_place():
    series = event("weekly", repeat=Repeat(
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=4",
        changes=(Change(date=date(2026, 12, 10), start=datetime(2026, 12, 10, 18, tzinfo=AKL),
                        end=datetime(2026, 12, 10, 20, tzinfo=AKL)),
                 Change(date=date(2026, 12, 17), status="cancelled", description="Closed."))))
    found = occurrences(series, datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    made = agenda.items(found, content(series), Urls())
    assert [i.day.day for i in made] == [3, 10, 17, 24]
    assert made[1].moved_from == "Thursday 10 December 2026, 19:00" and made[1].time_text == "18:00–20:00 NZDT"
    assert made[2].cancelled and made[2].note == "Closed." and made[2].moved_from == ""
    assert made[0].note == "" and not made[0].changed


def test_upcoming_includes_a_gathering_under_way_and_past_excludes_it():
    now = datetime(2026, 12, 3, 7, tzinfo=UTC)  # 20:00 in Wellington, during the gathering
    under_way = event("now")
    window = Window(now, horizon_days=30, past_days=30)
    assert [o.event.slug for o in agenda.upcoming([under_way], window)] == ["now"]
    assert agenda.past([under_way], window) == []
    later = Window(datetime(2026, 12, 3, 9, tzinfo=UTC), 30, 30)
    assert agenda.upcoming([under_way], later) == [] and len(agenda.past([under_way], later)) == 1


def test_by_month_keeps_order_and_family_includes_crews():
    events = [event(f"e{day}", datetime(2026, month, day, 19, tzinfo=AKL)) for month, day in ((11, 30), (12, 1), (12, 2))]
    found = [o for e in events for o in occurrences(e, datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))]
    months = agenda.by_month(agenda.items(found, content(*events), Urls()))
    assert [(m.title, len(m.items)) for m in months] == [("November 2026", 1), ("December 2026", 2)]
    groups = {g.slug: g for g in [group("big", "congregation"), group("a", part_of="big"), group("b", part_of="big"),
                                  group("other")]}
    assert agenda.family("big", groups) == {"big", "a", "b"} and agenda.family("a", groups) == {"a"}


def test_window_months_run_from_the_past_window_to_the_horizon():
    window = Window(datetime(2026, 11, 26, 12, tzinfo=UTC), horizon_days=90, past_days=120)
    assert window.months() == [(2026, 7), (2026, 8), (2026, 9), (2026, 10), (2026, 11), (2026, 12), (2027, 1), (2027, 2)]


def test_last_occurrences_of_an_ended_series():
    series = event("ended", datetime(2026, 1, 1, 19, tzinfo=AKL), repeat=Repeat(rrule="FREQ=WEEKLY;COUNT=3"))
    found = agenda.last_occurrences(series, datetime(2026, 6, 1, tzinfo=UTC), 2)
    assert [o.start.day for o in found] == [15, 8]


# ---------------------------------------------------------------------------------------------
# Month grids


def test_month_grid_is_monday_first_with_padding_and_multi_day_entries():
    retreat = event("retreat", date(2027, 1, 30), date(2027, 2, 2))  # 30 January to 1 February
    found = occurrences(retreat, datetime(2027, 1, 1, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC))
    made = agenda.items(found, content(retreat), Urls())
    months = [(2026, 12), (2027, 1), (2027, 2)]
    january = month_grid(2027, 1, made, months)
    assert [c.day for c in january.weeks[0][:4]] == [None] * 4
    assert january.weeks[0][4].day == date(2027, 1, 1)  # a Friday
    by_day = {c.day: c for week in january.weeks for c in week if c.day}
    assert [(e.item.slug, e.continued) for e in by_day[date(2027, 1, 30)].entries] == [("retreat", False)]
    assert [(e.item.slug, e.continued) for e in by_day[date(2027, 1, 31)].entries] == [("retreat", True)]
    assert january.previous == (2026, 12) and january.next == (2027, 2) and january.count == 1
    february = month_grid(2027, 2, made, months)
    first = {c.day: c for week in february.weeks for c in week if c.day}[date(2027, 2, 1)]
    assert [e.continued for e in first.entries] == [True]
    assert february.next is None and february.count == 0


# ---------------------------------------------------------------------------------------------
# Links


def test_relative_links_from_any_page():
    assert link("groups/crew/", "events/night/") == "../../groups/crew/"
    assert link("events/night.ics", "events/night/") == "../night.ics"
    assert link("events/night.ics", "events/night.html") == "night.ics"
    assert link("events/", "events/") == "./"
    assert link("events/2026/12/", "events/") == "2026/12/"
    assert link("", "events/night/") == "../../"
    flat = Urls(use_directory_urls=False)
    assert (flat.agenda(), flat.event("night"), flat.month(2026, 1)) == ("events/index.html", "events/night.html",
                                                                          "events/2026/01/index.html")


def test_google_calendar_link_for_a_timed_series_and_an_all_day_event():
    series = event("weekly", repeat=Repeat(rrule="FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325T105959Z"),
                   location=Location(name="Hall", address="1 Road"), description="Bring **tea**.")
    query = parse_qs(urlsplit(event_links.google_calendar_link(series, "https://x.test/events/weekly/")).query)
    assert query["dates"] == ["20261203T060000Z/20261203T080000Z"] and query["ctz"] == ["Pacific/Auckland"]
    assert query["recur"] == ["RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325T105959Z"]
    assert query["location"] == ["Hall, 1 Road"]
    assert query["details"] == ["Bring tea.\n\nhttps://x.test/events/weekly/"]
    all_day = event("camp", date(2027, 1, 15), date(2027, 1, 18), online="https://meet.test/x")
    query = parse_qs(urlsplit(event_links.google_calendar_link(all_day)).query)
    assert query["dates"] == ["20270115/20270118"] and query["location"] == ["https://meet.test/x"]


def test_map_links():
    assert event_links.map_link(Location(name="Hall", geo=(-41.3119, 174.7786))) == \
        "https://www.openstreetmap.org/?mlat=-41.3119&mlon=174.7786#map=17/-41.3119/174.7786"
    assert event_links.map_link(Location(address="1 Road & Lane")) == \
        "https://www.openstreetmap.org/search?query=1%20Road%20%26%20Lane"
    assert event_links.map_link(Location(name="Somewhere")) is None and event_links.map_link(None) is None


# ---------------------------------------------------------------------------------------------
# JSON-LD


def test_json_ld_status_attendance_location_and_organizer():
    series = event("weekly", repeat=Repeat(
        rrule="FREQ=WEEKLY;COUNT=3",
        changes=(Change(date=date(2026, 12, 10), start=datetime(2026, 12, 11, 19, tzinfo=AKL),
                        end=datetime(2026, 12, 11, 21, tzinfo=AKL)),
                 Change(date=date(2026, 12, 17), status="cancelled"))),
        location=Location(name="Hall", geo=(1.5, 2.5)), online="https://meet.test/x",
        organizer=Organizer(name="Ana"))
    found = occurrences(series, datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    data = [jsonld.event_data(o, group(), "https://x.test/e/") for o in found]
    assert [d["eventStatus"].rsplit("/", 1)[1] for d in data] == ["EventScheduled", "EventRescheduled", "EventCancelled"]
    assert data[1]["previousStartDate"] == "2026-12-10T19:00:00+13:00" and data[1]["startDate"] == "2026-12-11T19:00:00+13:00"
    assert data[0]["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in data[0]["location"]] == ["Place", "VirtualLocation"]
    assert data[0]["organizer"] == {"@type": "Person", "name": "Ana"}
    online_only = event("call", online="https://meet.test/y")
    only = jsonld.event_data(occurrences(online_only, datetime(2026, 12, 1, tzinfo=UTC),
                                         datetime(2027, 1, 1, tzinfo=UTC))[0], group(), None, "https://x.test/g/")
    assert only["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert only["organizer"] == {"@type": "Organization", "name": "Crew", "url": "https://x.test/g/"}
    assert "url" not in only


def test_json_ld_script_text_cannot_close_its_script_element():
    data = {"name": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"}
    text = jsonld.script_text(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


# ---------------------------------------------------------------------------------------------
# Descriptions


def test_description_markdown_renders_but_raw_html_is_text():
    html = descriptions.render("Hello **you**.\n\n<script>alert(1)</script>\n\n<b onclick='x()'>hi</b> & more")
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("strong").get_text() == "you"
    assert page.select("script, b") == []
    assert "<script>alert(1)</script>" in page.get_text() and "& more" in page.get_text()


def test_description_links_keep_only_web_and_mail_addresses_and_headings_are_demoted():
    html = descriptions.render("# Big\n\n[a](javascript:alert(1)) [b](https://ok.test/) [c](data:text/html,x) "
                               "<me@ok.test> ![i](javascript:x) [d](JaVa\tScRiPt:alert(2))")
    page = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in page.select("a")] == ["https://ok.test/", "mailto:me@ok.test"]
    assert page.select("img") == [] and page.select_one("h3").get_text() == "Big" and page.select("h1") == []
    assert descriptions.one_line("Hello **you** <i>x</i>\n\n- one\n- two") == "Hello you <i>x</i> one two"


def test_shorten_cuts_at_a_word():
    assert descriptions.shorten("one two three four", 12) == "one two…"
    assert descriptions.shorten("short", 12) == "short"


# ---------------------------------------------------------------------------------------------
# Pages


def test_pages_have_unique_addresses():
    events = [event("night"), event("day")]
    calendar = Calendar.build(content(*events), Window(datetime(2026, 11, 26, tzinfo=UTC), 90, 60), Urls())
    pages = all_pages(calendar)
    uris = [p.src_uri for p in pages]
    assert len(uris) == len(set(uris))
    assert "events/night.md" in uris and "events/index.md" in uris and "events/past/index.md" in uris
    agenda_page = next(p for p in pages if p.src_uri == "events/index.md")
    assert agenda_page.title == "Gatherings" and agenda_page.in_nav
    assert not any(p.in_nav for p in pages if p.src_uri.startswith("events/night"))
    night = next(p for p in pages if p.src_uri == "events/night.md")
    assert night.source == "content/events/night.yml" and night.template == "event.html"
    assert json.loads(str(night.theme["jsonld"]))["name"] == "Night"


def test_the_reserved_slugs_are_the_calendars_own_addresses():
    """An event or a group called by a reserved slug would take the address of a listing: the
    list in core/urls and the pages the calendar makes must agree."""
    urls = Urls()
    calendar = Calendar.build(content(event("night")), Window(datetime(2026, 11, 26, tzinfo=UTC), 90, 60), urls)
    own = {urls.page(p.src_uri) for p in all_pages(calendar)}
    assert all(urls.event(slug) in own for slug in RESERVED_SLUGS["event"])
    assert all(urls.group(slug) in own for slug in RESERVED_SLUGS["group"])
    assert is_reserved("event", "2027") and not is_reserved("event", "night")


@pytest.mark.parametrize("kind", ["event", "group"])
def test_the_loaders_refuse_every_reserved_slug(tmp_path, kind):
    folder = tmp_path / "content" / f"{kind}s"
    folder.mkdir(parents=True)
    for slug in RESERVED_SLUGS[kind]:
        (folder / f"{slug}.yml").write_text("title: x\n")
    if kind == "event":
        _, problems = load_events(tmp_path / "content", tmp_path, {}, set())
    else:
        _, problems = load_groups(tmp_path / "content", tmp_path)
    refused = {p.path for p in problems if "cannot be a slug here" in p.message}
    assert refused == {f"content/{kind}s/{slug}.yml" for slug in RESERVED_SLUGS[kind]}
