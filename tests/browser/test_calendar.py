"""The calendar as a reader meets it in a browser: the agenda, its group and tag filters, month
grids with previous/next, an event page with the reader's own time filled in by the script, and
the add-to-calendar download. The same pages with JavaScript off still show every gathering.

"Now" is the build's SOURCE_DATE_EPOCH, 2026-11-26 12:00 UTC (`sitebuild.FIXED_EPOCH`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from sitebuild import FIXED_EPOCH

pytestmark = pytest.mark.browser

NOW = datetime.fromtimestamp(int(FIXED_EPOCH), tz=timezone.utc)
MONTH = "/events/2026/12/"  # the month after "now": full of gatherings
EVENT = "/events/newtown-thursday-crew/"  # a weekly series in Pacific/Auckland
# Its next gathering: Thursday 3 December 2026, 19:00–21:00 NZDT.
NEXT_GATHERING = (datetime(2026, 12, 3, 6, tzinfo=timezone.utc), datetime(2026, 12, 3, 8, tzinfo=timezone.utc))
GROUP_FILTER = "Newtown Crew"
TAG_FILTER = "#outdoors"


def path_of(url: str) -> str:
    return urlsplit(url).path


def agenda_links(page) -> list[str]:
    """The event pages the listed gatherings link to, as absolute paths, in page order."""
    hrefs = page.eval_on_selector_all(".hb-entry .hb-entry__title a", "links => links.map(link => link.href)")
    return [path_of(href) for href in hrefs]


def assert_listed_or_linked(page, listed: int, counted: int):
    """A filter page lists as many gatherings as its chip counts, or lists fewer and links on."""
    if listed < counted:
        assert page.locator(".hb-more a").count() > 0, f"the chip said {counted}, the page lists {listed} and no more"
    else:
        assert listed == counted, f"the chip said {counted} gatherings, the page lists {listed}"


def test_the_agenda_lists_what_the_feed_says_is_coming(page):
    # Whatever the site-wide feed says happens between now and the last day the agenda lists
    # (it may stop early and link the month pages for the rest) must be on the agenda.
    page.goto("/events/")
    listed = {path.strip("/").split("/")[-1] for path in agenda_links(page)}
    assert len(listed) >= 5, f"the agenda lists too little: {sorted(listed)}"
    days = page.eval_on_selector_all(".hb-entry time.hb-entry__date", "times => times.map(t => t.getAttribute('datetime'))")
    last_day = max(date.fromisoformat(day[:10]) for day in days)
    # A day ends at different instants around the world; stop a day early to stay inside it.
    until = datetime.combine(last_day, datetime.min.time(), tzinfo=timezone.utc) - timedelta(days=1)
    assert until > NOW + timedelta(days=7), f"the agenda covers less than a week: up to {last_day}"
    feed = icalendar.Calendar.from_ical(page.request.get("/feeds/all.ics").body())
    coming = recurring_ical_events.of(feed).between(NOW, until)
    expected = set()
    for occurrence in coming:
        if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
            continue
        match = re.search(r"/events/([^/]+)/$", str(occurrence.get("URL", "")))
        assert match, f"a feed event without its page URL: {occurrence.get('SUMMARY')}"
        expected.add(match.group(1))
    assert expected, f"the feed has nothing before {until}; the fixture 'now' is wrong"
    assert expected <= listed, f"coming up in the feed but not on the agenda: {sorted(expected - listed)}"
    # Every entry is on screen, with its time, and leads to an event page with its title.
    entries = page.locator("ol.hb-agenda > li.hb-entry")
    assert entries.first.is_visible()
    assert entries.first.locator(".hb-entry__when").inner_text().strip()
    link = entries.first.locator(".hb-entry__title a")
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.inner_text().strip() == title


def test_the_group_filter_lists_only_that_groups_gatherings(page):
    page.goto("/events/")
    chip = page.locator(".hb-filters a.hb-filter", has_text=GROUP_FILTER).first
    count = int(chip.locator(".hb-filter__count").inner_text())
    chip.click()
    page.wait_for_load_state("load")
    assert path_of(page.url) == "/events/groups/newtown-crew/"
    active = page.locator(".hb-filters a[aria-current=page]", has_text=GROUP_FILTER)
    assert active.count() == 1, "the chosen group is not marked as the current filter"
    groups = page.locator("ol.hb-agenda > li.hb-entry .hb-entry__group").all_inner_texts()
    entries = page.locator("ol.hb-agenda > li.hb-entry")
    assert_listed_or_linked(page, entries.count(), count)
    assert all(group.strip() == GROUP_FILTER for group in groups), set(groups)
    # "All" goes back to the whole agenda.
    page.locator(".hb-filters a.hb-filter", has_text="All").first.click()
    page.wait_for_load_state("load")
    assert path_of(page.url) == "/events/"


def test_the_tag_filter_lists_only_gatherings_with_that_tag(page):
    page.goto("/events/")
    chip = page.locator(".hb-filters a.hb-filter", has_text=TAG_FILTER).first
    count = int(chip.locator(".hb-filter__count").inner_text())
    assert count > 0
    chip.click()
    page.wait_for_load_state("load")
    assert path_of(page.url) == "/events/tags/outdoors/"
    links = agenda_links(page)
    assert_listed_or_linked(page, len(links), count)
    for event_path in sorted(set(links)):
        html = page.request.get(event_path).text()
        assert re.search(r">\s*#outdoors\s*<", html), f"{event_path} is listed under #outdoors but is not tagged so"


def test_month_grid_previous_and_next(page):
    page.goto(MONTH)
    assert page.locator("article h1").first.inner_text().strip() == "December 2026"
    cells = page.locator("table.hb-month td a")
    assert cells.count() > 5, "the December grid shows almost nothing"
    page.locator("a[rel=next]").first.click()
    page.wait_for_load_state("load")
    assert path_of(page.url) == "/events/2027/01/"
    assert page.locator("article h1").first.inner_text().strip() == "January 2027"
    page.locator("a[rel=prev]").first.click()
    page.wait_for_load_state("load")
    page.locator("a[rel=prev]").first.click()
    page.wait_for_load_state("load")
    assert path_of(page.url) == "/events/2026/11/"
    assert page.locator("article h1").first.inner_text().strip() == "November 2026"
    # A gathering in the grid leads to its page.
    entry = page.locator("table.hb-month td a").first
    name = entry.inner_text()
    entry.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.inner_text().strip() in name


def test_month_grid_days_hold_their_gatherings(page):
    # Each listed gathering sits in the cell of its day: the agenda and the grid agree.
    page.goto("/events/")
    first = page.locator("ol.hb-agenda > li.hb-entry").filter(has=page.locator("time[datetime^='2026-12']")).first
    day = first.locator("time.hb-entry__date").get_attribute("datetime")
    href = path_of(first.locator(".hb-entry__title a").evaluate("link => link.href"))
    page.goto(MONTH)
    cell_links = page.eval_on_selector_all(
        "table.hb-month td", """cells => cells.map(cell => ({
            date: (cell.querySelector('.hb-month__date') || {}).textContent || '',
            links: [...cell.querySelectorAll('a')].map(link => new URL(link.href).pathname)}))""",
    )
    day_number = str(date.fromisoformat(day).day)
    in_cell = [cell for cell in cell_links if re.search(rf"\b{day_number}\s*$", cell["date"].strip())]
    assert in_cell and any(href in cell["links"] for cell in in_cell), f"{href} on {day} is not in that day's cell"


@pytest.mark.parametrize("zone", ["America/Chicago", "Europe/Berlin", "Europe/London"])
def test_event_page_shows_the_readers_own_time(new_page, zone):
    page = new_page(timezone_id=zone, locale="en-GB")
    page.goto(EVENT)
    line = page.locator(".hb-localtime")
    line.wait_for(state="visible")
    text = line.inner_text()
    start = datetime.fromisoformat(line.get_attribute("data-start").replace("Z", "+00:00"))
    end = datetime.fromisoformat(line.get_attribute("data-end").replace("Z", "+00:00"))
    assert (start, end) == NEXT_GATHERING
    local_start, local_end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    assert text.startswith(f"Your time ({city}): "), text  # the city, as a reader names the place
    assert local_start.strftime("%H:%M") in text and local_end.strftime("%H:%M") in text, (
        f"{text!r} does not show {local_start:%H:%M}–{local_end:%H:%M} {zone}"
    )
    assert f"{local_start.day} {local_start:%B}" in text, text
    # The time where the gathering happens is still there, unchanged.
    assert "NZDT" in page.locator(".hb-when").first.inner_text()


def test_no_second_time_for_a_reader_in_the_events_zone_or_without_javascript(new_page):
    same_zone = new_page(timezone_id="Pacific/Auckland", locale="en-GB")
    same_zone.goto(EVENT)
    same_zone.wait_for_load_state("load")
    assert same_zone.locator(".hb-when").first.is_visible()
    assert same_zone.locator(".hb-localtime").is_hidden()
    assert "19:00–21:00 NZDT (Auckland time)" in same_zone.locator(".hb-when").inner_text()

    no_script = new_page(timezone_id="Europe/London", java_script_enabled=False)
    no_script.goto(EVENT)
    assert no_script.locator(".hb-localtime").is_hidden()
    assert "19:00–21:00 NZDT (Auckland time)" in no_script.locator(".hb-when").inner_text()


# Counts the date formatters a page builds: the first one loads the browser's locale and zone
# data, tens of milliseconds on a phone while the page starts.
COUNT_FORMATTERS = """
    window.__formatters = 0;
    const Original = Intl.DateTimeFormat;
    Intl.DateTimeFormat = function (...args) { window.__formatters += 1; return new Original(...args); };
    Intl.DateTimeFormat.prototype = Original.prototype;
    Intl.DateTimeFormat.supportedLocalesOf = Original.supportedLocalesOf;
"""


def test_local_times_cost_a_page_without_them_nothing_and_a_long_agenda_little(new_page):
    page = new_page(timezone_id="America/New_York", locale="en-GB", viewport={"width": 360, "height": 740})
    page.add_init_script(COUNT_FORMATTERS)
    page.goto("/contribute/events/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__formatters") == 0, "a page without a gathering's time built a date formatter"

    page.goto("/events/")
    page.wait_for_load_state("load")
    times = page.locator(".hb-localtime")
    last = times.last
    assert "your time (New York)" in last.inner_text()
    unfilled = page.eval_on_selector_all(
        ".hb-localtime",
        "all => all.filter(e => e.hidden && !e.hasAttribute('data-all-day') && e.dataset.zone !== 'America/New_York').length",
    )
    assert unfilled == 0, f"{unfilled} gatherings elsewhere show no time for a reader in New York"
    zones = set(page.eval_on_selector_all(".hb-localtime", "all => all.map(e => e.dataset.zone)"))
    # One formatter per zone and style (four styles), and one to ask the reader's zone: not
    # several for each of the gatherings listed.
    built = page.evaluate("window.__formatters")
    assert built <= 4 * (len(zones) + 1) + 1 < times.count(), (built, len(zones), times.count())


def test_a_reader_whose_clock_agrees_with_every_gathering_listed_costs_no_formatter(new_page):
    # London's gatherings read in London (winter and summer dates alike): nothing to add, and
    # the page does not build the formatter that would ask for the reader's zone.
    page = new_page(timezone_id="Europe/London", locale="en-GB", viewport={"width": 360, "height": 740})
    page.add_init_script(COUNT_FORMATTERS)
    page.goto("/events/areas/london/")
    page.wait_for_load_state("load")
    zones = set(page.eval_on_selector_all(".hb-localtime", "all => all.map(e => e.dataset.zone)"))
    assert zones == {"Europe/London"}, zones
    assert page.locator(".hb-localtime:not([hidden])").count() == 0
    assert page.evaluate("window.__formatters") == 0, "a page whose times all agree with the reader's clock built a formatter"

    # A reader on UTC all year: the same winter gatherings read the same, the summer ones do not.
    utc = new_page(timezone_id="Africa/Abidjan", locale="en-GB", viewport={"width": 360, "height": 740})
    utc.goto("/events/areas/london/")
    utc.wait_for_load_state("load")
    for line in utc.locator(".hb-localtime").all():
        summer = line.get_attribute("data-offset") == "60"
        assert line.is_visible() == summer, (line.get_attribute("data-start"), line.get_attribute("data-offset"))


def test_add_to_calendar_downloads_an_ics_that_parses(page, tmp_path):
    page.goto(EVENT)
    title = page.locator("article h1").first.inner_text().strip()
    # A series whose dates are off or moved offers its own feed; its file is the one-off copy.
    link = page.locator(".hb-addcal a[href$='.ics'], .hb-subscribe a[download]").first
    assert link.is_visible()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".ics", download.suggested_filename
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    events = list(calendar.walk("VEVENT"))
    series = [event for event in events if "RECURRENCE-ID" not in event]
    assert len(series) == 1 and str(series[0]["SUMMARY"]) == title, [str(event["SUMMARY"]) for event in events]
    assert {str(event["UID"]) for event in events} == {str(series[0]["UID"])}, "one gathering, one UID"
    assert str(series[0]["URL"]).endswith(EVENT)
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} >= {"Pacific/Auckland"}
    # The served file says what it is, so phones hand it to their calendar app.
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.headers["content-type"].startswith("text/calendar")


def visible_gatherings(page) -> tuple[list[str], list[str]]:
    """The links in the page's content and the text of every gathering listed, as seen."""
    links = page.eval_on_selector_all("article a[href]", "links => links.map(link => link.getAttribute('href'))")
    # The reader's own time is the script's addition, by design: compare the rest.
    shown = [
        entry.evaluate("e => { const c = e.cloneNode(true); c.querySelectorAll('.hb-localtime').forEach(x => x.remove());"
                       " return c.textContent.replace(/\\s+/g, ' ').trim(); }")
        for entry in page.locator("article .hb-entry, article table.hb-month td li").all()
        if entry.is_visible()
    ]
    return links, shown


@pytest.mark.parametrize("path", ["/events/", MONTH, EVENT, "/groups/newtown-crew/", "/events/tags/outdoors/"])
def test_calendar_pages_without_javascript_show_every_gathering_and_link(new_page, path):
    with_js = new_page()
    with_js.goto(path)
    without_js = new_page(java_script_enabled=False)
    without_js.goto(path)
    links_js, shown_js = visible_gatherings(with_js)
    links_plain, shown_plain = visible_gatherings(without_js)
    assert shown_plain == shown_js, f"{path}: gatherings differ without JavaScript"
    assert links_plain == links_js, f"{path}: links differ without JavaScript"
    if path != EVENT:
        assert shown_plain, f"{path} lists no gathering"
    assert len(links_plain) > 3
    assert without_js.locator("article h1").first.is_visible()
