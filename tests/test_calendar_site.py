"""The calendar pages, built from a small fixture site with `mkdocs build --strict` and read back.

"Now" is fixed by sitebuild.FIXED_EPOCH: Thursday 2026-11-26 12:00 UTC (Friday 01:00 in
Wellington). The fixture looks 90 days ahead (to 2027-02-24) and 120 days back (to 2026-07-29).
"""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from sitebuild import build, build_fixture, copy_fixture

EVIL_TITLE = '<script>alert(1)</script> "Tom & Jerry\'s" </title><img src=x onerror=alert(1)>'
EVIL_GROUP = '<i>Mischief</i> & "Co" </title><img src=x onerror=alert(2)>'
MONTHS = ["2026/07", "2026/08", "2026/09", "2026/10", "2026/11", "2026/12", "2027/01", "2027/02"]


@pytest.fixture(scope="module")
def site(built_fixture):
    return built_fixture("site_calendar")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def entries(node):
    return node.select("li.hb-entry")


def entry_titles(node):
    return [text(e.select_one(".hb-entry__title a")) for e in entries(node)]


def resolve(site, url_path: str, href: str) -> Path:
    """The file a relative link from a page points at, so a test can check it exists."""
    target = urlsplit(urljoin("https://site.test/" + url_path, href)).path.lstrip("/")
    return site.page(target)


def json_ld(site, url_path):
    script = site.html(url_path).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


# ---------------------------------------------------------------------------------------------
# The agenda


def test_agenda_lists_upcoming_gatherings_by_month(site):
    page = site.article("events/")
    months = [text(h).rstrip("¶ ").strip() for h in page.select("h2")]
    assert months == ["November 2026", "December 2026", "January 2027", "February 2027"]
    november = page.select_one("h2#november-2026").find_next("ol")
    assert entry_titles(november) == ["Online circle"]
    first = entries(november)[0]
    assert first.select_one("time")["datetime"] == "2026-11-29"
    assert text(first.select_one(".hb-entry__when")) == "12:00–13:30 EST, New York time"
    assert "online" in text(first.select_one(".hb-entry__meta"))
    assert [a["href"] for a in first.select(".hb-entry__patterns a")] == ["../patterns/check-in/"]
    # Every date in a month's list belongs to that month, in order.
    for heading in page.select("h2"):
        year_month = heading["id"]
        days = [t["datetime"] for t in heading.find_next("ol").select("time")]
        assert days == sorted(days)
        label = {"november-2026": "2026-11", "december-2026": "2026-12", "january-2027": "2027-01",
                 "february-2027": "2027-02"}[year_month]
        assert all(day.startswith(label) for day in days)


def test_agenda_entry_says_when_where_who_and_which_patterns(site):
    december = site.article("events/").select_one("h2#december-2026").find_next("ol")
    potluck = next(e for e in entries(december) if "Hill Crew potluck" in text(e))
    assert potluck.select_one("time")["datetime"] == "2026-12-12"
    assert text(potluck.select_one(".hb-entry__when")) == "18:00–21:00 NZDT, Auckland time"
    assert potluck.select_one(".hb-localtime")["data-zone"] == "Pacific/Auckland"
    group = potluck.select_one("a.hb-entry__group")
    assert (text(group), group["href"]) == ("Hill Crew", "../groups/hill-crew/")
    assert text(potluck.select_one(".hb-entry__place")) == "Aro Hall"
    assert [text(a) for a in potluck.select(".hb-entry__patterns a")] == ["Dinner table", "The crew"]
    assert potluck.select_one(".hb-entry__title a")["href"] == "hill-potluck/"
    assert resolve(site, "events/", "hill-potluck/").is_file()


def test_a_weekly_series_is_expanded_over_the_horizon_with_its_exception_and_changes(site):
    page = site.article("events/")
    newtown = [e for e in entries(page) if text(e.select_one(".hb-entry__title")).startswith("Newtown Thursday crew")]
    days = [e.select_one("time")["datetime"] for e in newtown]
    # Thursdays from 3 December to 18 February; 24 December is an exception; 26 November is over.
    assert days == ["2026-12-03", "2026-12-10", "2026-12-17", "2026-12-31", "2027-01-07", "2027-01-14",
                    "2027-01-21", "2027-01-28", "2027-02-04", "2027-02-11", "2027-02-18"]
    moved = newtown[4]
    assert text(moved.select_one(".hb-entry__when")).startswith("18:00–20:00 NZDT")
    assert "moved from Thursday 7 January 2027, 19:00" in text(moved)
    assert text(moved.select_one(".hb-badge")) == "Moved"
    assert all("19:00–21:00 NZDT" in text(e) for i, e in enumerate(newtown) if i != 4)


def test_cancelled_occurrences_are_shown_struck_through_not_dropped(site):
    page = site.article("events/")
    new_years_eve = next(e for e in entries(page) if e.select_one("time")["datetime"] == "2026-12-31")
    assert "hb-entry--cancelled" in new_years_eve["class"]
    assert text(new_years_eve.select_one(".hb-entry__title del")) == "Newtown Thursday crew"
    assert text(new_years_eve.select_one(".hb-badge--cancelled")) == "Cancelled"
    supper = next(e for e in entries(page) if "Winter supper" in text(e))
    assert supper.select_one(".hb-entry__title del") is not None
    assert text(supper.select_one(".hb-badge--cancelled")) == "Cancelled"


def test_a_multi_day_all_day_gathering_and_a_tentative_one(site):
    page = site.article("events/")
    retreat = next(e for e in entries(page) if "Summer retreat" in text(e))
    assert retreat.select_one("time")["datetime"] == "2027-01-15"
    assert text(retreat.select_one(".hb-entry__when")).startswith("Until Sun 17 Jan")
    assert text(retreat.select_one(".hb-badge--tentative")) == "Tentative"


def test_filters_by_group_and_tag_are_pages_linked_from_the_agenda(site):
    filters = site.article("events/").select_one("nav.hb-filters")
    hrefs = {text(a).rsplit(" ", 1)[0]: a["href"] for a in filters.select("a.hb-filter")}
    assert hrefs["Harbour Congregation"] == "groups/harbour-congregation/"
    assert hrefs["#food"] == "tags/food/"
    for href in hrefs.values():
        assert resolve(site, "events/", href).is_file(), href

    congregation = site.article("events/groups/harbour-congregation/")
    titles = set(entry_titles(congregation))
    # A congregation's gatherings include its crews'.
    assert {"Harbour monthly dinner", "Newtown Thursday crew", "Hill Crew potluck", "Summer retreat"} <= titles
    assert "Winter supper" not in titles and "Online circle" not in titles
    active = congregation.select_one("a.hb-filter--active")
    assert active["aria-current"] == "page" and "Harbour Congregation" in text(active)

    food = site.article("events/tags/food/")
    assert set(entry_titles(food)) == {"Harbour monthly dinner", "Hill Crew potluck"}
    assert [a["href"] for a in food.select("a.hb-filter") if text(a) == "All"] == ["../../"]


def test_past_page_lists_the_window_newest_first(site):
    page = site.article("events/past/")
    days = [t["datetime"] for t in page.select("li.hb-entry time")]
    assert days == sorted(days, reverse=True)
    assert days[0] == "2026-11-26" and days[-1] >= "2026-07-29"
    titles = entry_titles(page)
    assert "Autumn walk on the Rye" in titles
    assert "Hill Crew potluck" not in titles
    # Newtown Thursdays from 1 October to 26 November: nine of them.
    assert titles.count("Newtown Thursday crew") == 9


# ---------------------------------------------------------------------------------------------
# Month grids


def test_a_month_grid_per_month_with_previous_and_next_links(site):
    for index, month in enumerate(MONTHS):
        page = site.article(f"events/{month}/")
        previous = page.select_one("a[rel=prev]")
        following = page.select_one("a[rel=next]")
        if index == 0:
            assert previous is None
        else:
            assert resolve(site, f"events/{month}/", previous["href"]) == site.page(f"events/{MONTHS[index - 1]}/")
        if index == len(MONTHS) - 1:
            assert following is None
        else:
            assert resolve(site, f"events/{month}/", following["href"]) == site.page(f"events/{MONTHS[index + 1]}/")
    assert not site.page("events/2026/06/").exists() and not site.page("events/2027/03/").exists()


def test_month_grid_is_a_table_of_weeks_with_the_gatherings_on_their_days(site):
    page = site.article("events/2026/12/")
    table = page.select_one("table.hb-month")
    assert [th.get_text() for th in table.select("thead th")] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    rows = table.select("tbody tr")
    assert len(rows) == 5 and all(len(row.select("td")) == 7 for row in rows)
    cells = {int(re.sub(r"\D", "", text(td.select_one(".hb-month__date")))): td
             for td in table.select("td") if td.select_one(".hb-month__date")}
    assert sorted(cells) == list(range(1, 32))
    assert rows[0].select("td")[1] is cells[1]  # 1 December 2026 is a Tuesday
    assert "Newtown Thursday crew" in text(cells[3]) and "Harbour monthly dinner" in text(cells[3])
    assert "Newtown Thursday crew" not in text(cells[24])  # the exception
    cancelled = cells[31].select_one("li.hb-month__entry--cancelled")
    assert cancelled is not None and cancelled.select_one("del") is not None
    link = cells[12].select_one("a")
    assert link["href"] == "../../hill-potluck/" and "18:00" in text(link)


def test_a_multi_day_gathering_fills_each_of_its_days(site):
    page = site.article("events/2027/01/")
    days = {int(re.sub(r"\D", "", text(td.select_one(".hb-month__date")))): td
            for td in page.select("td") if td.select_one(".hb-month__date")}
    for day in (15, 16, 17):
        assert "Summer retreat" in text(days[day])
    assert "Summer retreat" not in text(days[18]) and "Summer retreat" not in text(days[14])


# ---------------------------------------------------------------------------------------------
# Event pages


def test_event_page_says_when_in_its_own_zone_with_a_hook_for_the_readers_time(site):
    page = site.article("events/newtown-thursdays/")
    assert text(page.select_one("h1")) == "Newtown Thursday crew"
    facts = page.select_one("dl.hb-facts")
    assert "Every week on Thursday, until Thursday 25 March 2027" in text(facts)
    assert text(facts.select_one(".hb-when")) == "Thursday 3 December 2026, 19:00–21:00 NZDT (Auckland time)"
    local = facts.select_one(".hb-localtime")
    assert (local["data-start"], local["data-end"]) == ("2026-12-03T06:00:00Z", "2026-12-03T08:00:00Z")
    assert local.has_attr("hidden")
    script = site.html("events/newtown-thursdays/").select_one('script[src$="localtime.js"]')
    assert resolve(site, "events/newtown-thursdays/", script["src"]).is_file()


def test_event_page_where_group_patterns_and_description(site):
    page = site.article("events/newtown-thursdays/")
    where = page.select_one("dl.hb-facts")
    assert "Newtown Community Centre" in text(where) and "7 Colombo Street, Newtown, Wellington" in text(where)
    assert where.select_one("a.hb-map-link")["href"] == \
        "https://www.openstreetmap.org/?mlat=-41.3119&mlon=174.7786#map=17/-41.3119/174.7786"
    group = page.select_one(".hb-event__group a")
    assert (text(group), group["href"]) == ("Newtown Crew", "../../groups/newtown-crew/")
    patterns = page.select_one("#patterns-practised").find_next("ul")
    assert [a["href"] for a in patterns.select("a")] == ["../../patterns/crew/", "../../patterns/check-in/"]
    assert "Each person says how they arrive" in text(patterns)
    assert text(page.select_one(".hb-description strong")) == "one thing"


def test_event_page_sections_are_in_its_table_of_contents_with_permalinks(site):
    page = site.html("events/newtown-thursdays/")
    toc = [(text(a), a["href"]) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc == [("About this gathering", "#about-this-gathering"), ("Next dates", "#next-dates"),
                   ("Patterns practised", "#patterns-practised")]
    for _, href in toc:
        heading = page.select_one(href)
        assert heading.name == "h2" and heading.select_one("a.headerlink")["href"] == href
    agenda = site.html("events/")
    months = [text(a) for a in agenda.select("nav.md-nav--secondary a.md-nav__link")]
    assert months[:2] == ["November 2026", "December 2026"]


def test_a_series_page_lists_its_next_dates_with_changes_marked(site):
    page = site.article("events/newtown-thursdays/")
    dates = page.select_one("#next-dates").find_next("ol").select("li.hb-entry")
    assert [d.select_one("time")["datetime"] for d in dates] == [
        "2026-12-03", "2026-12-10", "2026-12-17", "2026-12-31", "2027-01-07", "2027-01-14"]
    assert "hb-entry--cancelled" in dates[3]["class"]
    assert text(dates[3].select_one(".hb-entry__note")) == "New Year's Eve; we take the night off."
    assert "moved from Thursday 7 January 2027, 19:00" in text(dates[4])


def test_add_to_calendar_links(site):
    # A series with dates off or moved: Google's link cannot carry them, its own feed can.
    series = site.article("events/newtown-thursdays/")
    assert not series.select(".hb-addcal") and not series.select("a[href*='calendar.google.com']")
    assert series.select_one(".hb-subscribe__main")["href"] == "webcal://fixture.example/events/newtown-thursdays.ics"
    page = site.article("events/harbour-first-thursday/")
    buttons = page.select(".hb-addcal a")
    assert buttons[0]["href"] == "../harbour-first-thursday.ics"
    google = urlsplit(buttons[1]["href"])
    assert (google.scheme, google.netloc, google.path) == ("https", "calendar.google.com", "/calendar/render")
    query = parse_qs(google.query)
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Harbour monthly dinner"]
    assert query["dates"] == ["20261203T053000Z/20261203T080000Z"]
    assert query["ctz"] == ["Pacific/Auckland"]
    assert query["recur"] == ["RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=6"]
    assert "St Peter's Hall" in query["location"][0]
    assert "https://fixture.example/events/harbour-first-thursday/" in query["details"][0]

    retreat = parse_qs(urlsplit(site.article("events/summer-retreat/").select(".hb-addcal a")[1]["href"]).query)
    assert retreat["dates"] == ["20270115/20270118"]  # all day: the end is exclusive
    assert "recur" not in retreat


def test_cancelled_and_tentative_events_have_a_banner(site):
    supper = site.article("events/london-supper/")
    banner = supper.select_one(".hb-banner--cancelled")
    assert banner is not None and text(banner).startswith("Cancelled.")
    assert supper.select_one("h1 del") is not None
    retreat = site.article("events/summer-retreat/")
    assert text(retreat.select_one(".hb-banner--tentative")).startswith("Tentative.")
    assert text(retreat.select_one(".hb-when")) == "Friday 15 – Sunday 17 January 2027"
    walk = site.article("events/london-walk/")
    assert text(walk.select_one(".hb-banner--past")) == "This gathering has taken place."
    assert site.article("events/hill-potluck/").select_one(".hb-banner") is None


def test_json_ld_of_a_series_has_one_event_per_date_with_status(site):
    data = json_ld(site, "events/newtown-thursdays/")
    assert isinstance(data, list) and len(data) == 6
    assert {d["@type"] for d in data} == {"Event"} and data[0]["@context"] == "https://schema.org"
    assert [d["eventStatus"].rsplit("/", 1)[1] for d in data] == [
        "EventScheduled", "EventScheduled", "EventScheduled", "EventCancelled", "EventRescheduled", "EventScheduled"]
    assert data[0]["startDate"] == "2026-12-03T19:00:00+13:00" and data[0]["endDate"] == "2026-12-03T21:00:00+13:00"
    assert data[4]["startDate"] == "2027-01-07T18:00:00+13:00"
    assert data[4]["previousStartDate"] == "2027-01-07T19:00:00+13:00"
    first = data[0]
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["address"]["streetAddress"] == "7 Colombo Street, Newtown, Wellington"
    assert first["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": -41.3119, "longitude": 174.7786}
    assert first["organizer"] == {"@type": "Person", "name": "Aroha", "email": "aroha@example.org"}
    assert first["url"] == "https://fixture.example/events/newtown-thursdays/"
    assert first["description"] == "We check in, then work on one thing together."


def test_json_ld_of_online_cancelled_all_day_and_mixed_events(site):
    online = json_ld(site, "events/online-circle-calls/")[0]
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/circle"}
    assert online["organizer"] == {"@type": "Organization", "name": "Online Circle",
                                   "url": "https://fixture.example/groups/online-circle/"}
    supper = json_ld(site, "events/london-supper/")
    assert isinstance(supper, dict)
    assert supper["eventStatus"] == "https://schema.org/EventCancelled"
    assert supper["organizer"] == {"@type": "Person", "name": "Sam"}
    retreat = json_ld(site, "events/summer-retreat/")
    assert (retreat["startDate"], retreat["endDate"]) == ("2027-01-15", "2027-01-17")
    mixed = json_ld(site, "events/mischief/")
    assert mixed["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in mixed["location"]] == ["Place", "VirtualLocation"]


def test_edit_links_of_generated_pages_point_at_the_yaml(site):
    edit = site.html("events/newtown-thursdays/").select_one('a.md-content__button[href*="/edit/"]')
    assert edit["href"] == "https://example.org/fixture/repo/edit/main/content/events/harbour/newtown-thursdays.yml"
    group_edit = site.html("groups/hill-crew/").select_one('a.md-content__button[href*="/edit/"]')
    assert group_edit["href"] == "https://example.org/fixture/repo/edit/main/content/groups/hill-crew.yml"
    assert site.html("events/").select_one('a.md-content__button[href*="/edit/"]') is None


def test_the_yaml_files_are_not_published(site):
    assert list(site.site.rglob("*.yml")) == [] and list(site.site.rglob("*.yaml")) == []


def test_event_pages_stay_out_of_the_navigation(site):
    home = site.html("")
    nav_links = [a["href"] for a in home.select("nav.md-nav--primary a[href]")]
    assert "events/" in nav_links and "events/past/" in nav_links and "groups/" in nav_links
    calendar_pages = [href for href in nav_links if href.startswith(("events/", "groups/"))]
    assert sorted(calendar_pages) == ["events/", "events/past/", "groups/"]


# ---------------------------------------------------------------------------------------------
# Groups and patterns


def test_congregation_page_shows_its_crews_and_their_gatherings_and_its_feed(site):
    page = site.article("groups/harbour-congregation/")
    assert text(page.select_one("h1")) == "Harbour Congregation"
    assert text(page.select_one(".hb-summary")) == "Two crews and their friends, sharing a meal once a month."
    facts = text(page.select_one("dl.hb-facts"))
    for fact in ("congregation", "Wellington", "Pacific/Auckland", "Just come along", "https://example.org/harbour"):
        assert fact in facts
    crews = page.select_one("#its-crews").find_next("ul")
    crew_links = [a["href"] for a in crews.select(":scope > li > a")]
    assert crew_links == ["../hill-crew/", "../newtown-crew/"]
    # Its own gatherings first, then its crews' series in a line each, then their other gatherings.
    titles = [text(a) for a in page.select(".hb-entry__title a, .hb-series__title a")
              if not a.find_parent("details")]  # past gatherings are folded away
    assert {"Harbour monthly dinner", "Newtown Thursday crew", "Hill Crew potluck"} <= set(titles)
    assert titles.index("Harbour monthly dinner") < titles.index("Newtown Thursday crew")
    assert titles.count("Newtown Thursday crew") == 1  # a series once, with its next dates
    assert "Winter supper" not in titles
    # Its first action subscribes to its feed; the file itself is a one-off copy.
    assert page.select_one(".md-button")["href"] == "webcal://fixture.example/feeds/groups/harbour-congregation.ics"
    assert page.select_one(".hb-subscribe a[download]")["href"] == "../../feeds/groups/harbour-congregation.ics"
    alternate = site.html("groups/harbour-congregation/").select_one('link[rel=alternate][type="text/calendar"]')
    assert alternate["href"] == "../../feeds/groups/harbour-congregation.ics"


def test_crew_page_links_its_congregation_and_lists_past_gatherings(site):
    page = site.article("groups/newtown-crew/")
    parent = page.select_one("dl.hb-facts a[href='../harbour-congregation/']")
    assert parent is not None and text(parent) == "Harbour Congregation"
    contact = page.select_one("dl.hb-facts a[href^='mailto:']")
    assert (contact["href"], text(contact)) == ("mailto:newtown@example.org", "newtown@example.org")
    past = page.select_one("details.hb-fold").select_one("ol")  # folded: a phone scrolls past it
    days = [t["datetime"] for t in past.select("time")]
    assert days[0] == "2026-11-26" and days == sorted(days, reverse=True)
    assert "Not open to newcomers" in text(site.article("groups/london-crew/").select_one("dl.hb-facts"))


def test_groups_index_lists_every_group_by_kind(site):
    page = site.article("groups/")
    sections = [text(h).rstrip("¶ ").strip() for h in page.select("h2")]
    assert sections == ["Congregations", "Crews", "Networks"]
    crews = page.select_one("#crews").find_next("ul")
    names = [text(li.select_one("a strong")) for li in crews.select(":scope > li")]
    assert names == [EVIL_GROUP, "Hill Crew", "London Crew", "Newtown Crew"]  # by name; "<" sorts first


def test_pattern_page_lists_the_gatherings_that_practise_it(site):
    page = site.article("patterns/crew/")
    section = page.select_one("h2#gatherings")
    assert section is not None
    items = section.find_next("ul").select("li.hb-gathering")
    links = [li.select_one("a")["href"] for li in items]
    # One line per event, soonest first, at most five.
    assert links == ["../../events/newtown-thursdays/", "../../events/mischief/", "../../events/hill-potluck/",
                     "../../events/summer-retreat/"]
    assert items[0].select_one("time")["datetime"] == "2026-12-03"
    assert "Newtown Crew" in text(items[0]) and "repeats" in text(items[0])
    assert section.find_next(class_="hb-subscribe").select_one("a[download]")["href"] == "../../feeds/patterns/crew.ics"

    dinner = site.article("patterns/dinner-table/").select_one("h2#gatherings").find_next("ul")
    supper = next(li for li in dinner.select("li") if "Winter supper" in text(li))
    assert "hb-gathering--cancelled" in supper["class"] and supper.select_one("del") is not None


def broken_links(site_dir: Path, prefixes=("events/", "groups/")) -> list[str]:
    """Relative links on the calendar's pages that lead nowhere (feeds are another plugin's)."""
    broken = []
    for path in site_dir.rglob("*.html"):
        url = path.relative_to(site_dir).as_posix()
        if not url.startswith(prefixes):
            continue
        for element in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a[href], link[href], script[src]"):
            href = element.get("href") or element.get("src")
            if urlsplit(href).scheme or href.startswith("#") or href.endswith(".ics"):
                continue
            target = urlsplit(urljoin("https://site.test/" + url, href)).path.lstrip("/")
            file = site_dir / target
            if target == "" or target.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{url}: {href}")
    return broken


def test_every_link_on_the_calendar_pages_leads_to_a_page(site):
    assert broken_links(site.site) == []


def test_links_work_without_directory_urls_too(tmp_path):
    result = build_fixture("site_calendar", tmp_path, extra_config="use_directory_urls: false\n")
    assert result.returncode == 0, result.output
    assert (result.site / "events" / "newtown-thursdays.html").is_file()
    assert broken_links(result.site) == []


# ---------------------------------------------------------------------------------------------
# Escaping and reproducibility


def test_an_event_title_full_of_markup_is_text_everywhere(site):
    page = site.html("events/mischief/")
    assert text(page.select_one("article h1")) == " ".join(EVIL_TITLE.split())
    assert page.title.get_text() == f"{EVIL_TITLE} - Calendar fixture"
    assert page.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == EVIL_TITLE
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith(f"Thursday 10 December 2026, {EVIL_GROUP}.")
    assert json_ld(site, "events/mischief/")["name"] == EVIL_TITLE
    assert json_ld(site, "events/mischief/")["location"][0]["name"] == '<b>Hall</b> & "Annex" <img src=x onerror=alert(4)>'
    raw_script = page.select_one('script[type="application/ld+json"]').string
    assert "<" not in raw_script and ">" not in raw_script and "&" not in raw_script

    agenda = site.article("events/")
    assert EVIL_TITLE in [e.select_one(".hb-entry__title a").get_text() for e in entries(agenda)]
    assert EVIL_GROUP in [a.get_text() for a in agenda.select("a.hb-entry__group")]
    crew_page = site.article("patterns/crew/")
    assert EVIL_TITLE in [a.get_text() for a in crew_page.select("li.hb-gathering a")]


def test_a_description_cannot_add_markup_or_script_links(site):
    description = site.article("events/mischief/").select_one(".hb-description")
    assert "<script>alert(6)</script>" in description.get_text()
    assert '<div onclick="alert(9)">block</div>' in description.get_text()
    assert description.select("script, img, div[onclick], a[href^='javascript']") == []
    assert "click" in description.get_text()


def test_no_page_of_the_site_has_an_element_made_from_content(site):
    injected = []
    for path in site.site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            if handlers or element.name in ("svg",) and "alert" in str(element) or \
                    (element.name == "img" and element.get("src") == "x") or \
                    (element.name == "script" and "alert(" in (element.string or "") and
                     element.get("type") != "application/ld+json"):
                injected.append(f"{path.relative_to(site.site)}: <{element.name} {element.attrs}>")
            if element.name in ("i", "b", "u", "em") and any(word in element.get_text() for word in ("Mischief", "Hall", "High", "Nowhere")):
                injected.append(f"{path.relative_to(site.site)}: <{element.name}>{element.get_text()}")
    assert injected == []


def test_search_index_has_the_calendar_as_text(site):
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    mischief = docs["events/mischief/"]
    assert BeautifulSoup(mischief["title"], "html.parser").get_text() == EVIL_TITLE
    newtown = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("events/newtown-thursdays/"))
    assert "Newtown Community Centre" in newtown and "one thing" in newtown and "Thursday 3 December 2026" in newtown
    assert any(loc.startswith("groups/harbour-congregation/") for loc in docs)
    # Listings that repeat the event and group pages stay out of search, the agenda and the list
    # of groups too (issue 13: "dinner" listed the whole agenda): a result is a gathering's or a group's page.
    assert not any(loc.split("#")[0] in ("events/", "groups/") for loc in docs)
    assert not any(loc.startswith(("events/2026/", "events/tags/", "events/groups/", "events/past/")) for loc in docs)
    allowed = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    for doc in index["docs"]:
        for field in ("title", "text"):
            tags = {el.name for el in BeautifulSoup(doc[field], "html.parser").find_all(True)}
            assert tags <= allowed, (doc["location"], field, tags)


def test_search_indexes_what_a_page_says_not_what_it_repeats(site):
    """Buttons, map links, the summaries of the patterns an event practises and a group's lists of
    gatherings are on thousands of pages; search finds them on their own pages instead."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def text_of(prefix):
        return " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].startswith(prefix))

    newtown = text_of("events/newtown-thursdays/")
    assert "Check-in" in newtown and "Newtown Community Centre" in newtown
    for repeated in ("Add to Google Calendar", "Add to calendar", "OpenStreetMap", "Each person says how they arrive"):
        assert repeated not in newtown
    assert "Each person says how they arrive" in text_of("patterns/check-in/")
    hill = text_of("groups/hill-crew/")
    assert "A crew up the hill that cooks together." in hill
    assert "Hill Crew potluck" not in hill and "Subscribe to its calendar" not in hill
    assert "Hill Crew potluck" in text_of("events/hill-potluck/")


def test_two_builds_with_the_same_epoch_are_identical(site, tmp_path):
    again = build_fixture("site_calendar", tmp_path)
    assert again.returncode == 0, again.output
    first = sorted(p.relative_to(site.site) for p in site.site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again.site) for p in again.site.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first if not filecmp.cmp(site.site / p, again.site / p, shallow=False)]
    assert different == []


def test_a_later_now_moves_the_agenda(tmp_path):
    # 2027-01-20 12:00 UTC: December is past, the horizon reaches April.
    result = build_fixture("site_calendar", tmp_path, env={"SOURCE_DATE_EPOCH": "1800446400"})
    assert result.returncode == 0, result.output
    page = result.article("events/")
    months = [text(h).rstrip("¶ ").strip() for h in page.select("h2")]
    assert months[0] == "January 2027" and "December 2026" not in months
    assert "Hill Crew potluck" in entry_titles(result.article("events/past/"))


def test_an_event_with_a_reserved_slug_fails_the_build_with_its_path(tmp_path):
    project = copy_fixture("site_calendar", tmp_path)
    source = project / "content" / "events" / "harbour" / "hill-potluck.yml"
    (project / "content" / "events" / "index.yml").write_text(source.read_text())
    result = build(project)
    assert result.returncode != 0
    lines = [line for line in result.output.splitlines() if "content/events/index.yml" in line]
    # The loader refuses it, or else the calendar does: either way one line, naming the file.
    assert len(lines) == 1 and "`index` cannot be" in lines[0] and "slug" in lines[0], result.output
    assert "Traceback" not in result.output
