"""The parts of a calendar import on their own: what a feed's text becomes, how the fetch bounds a
server that misbehaves, and how a feed's series and zones become the group's events."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.content import descriptions
from generator.content.formats import EVENT
from generator.content.imported import text
from generator.content.imported.convert import Options, convert
from generator.content.imported.fetch import FetchError, fetch
from generator.content.imported.read import ReadError, read
from generator.core import recurrence
from generator.core.model import CalendarLink, Group

UTC = timezone.utc
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def test_html_descriptions_become_markdown_with_only_safe_links():
    markdown = text.description('<p>Bring <b>food</b><br><a href="javascript:alert(1)">click</a> '
                                '<a href="https://example.org/a_b">page</a><script>alert(2)</script>'
                                '<img src="https://evil.example/t.gif" onerror="alert(3)" alt="map"></p>')
    assert "javascript" not in markdown and "alert" not in markdown and "evil.example" not in markdown
    assert "[page](https://example.org/a_b)" in markdown and "**food**" in markdown
    html = descriptions.render(markdown)
    assert '<a href="https://example.org/a_b"' in html and "<script" not in html and "<img" not in html


def test_plain_descriptions_show_as_written_with_their_addresses_linked():
    markdown = text.description("1. not a list *really*\n\nSee https://example.org/x_y. [a](javascript:x)")
    html = descriptions.render(markdown)
    assert "<ol>" not in html and "*really*" in descriptions.one_line(markdown)
    assert '<a href="https://example.org/x_y"' in html
    assert "javascript" not in "".join(a for a in html.split('href="')[1:] if a.startswith("javascript"))


@pytest.mark.parametrize("value", ["x" * 50_000, "[" * 20_000, "<a " * 10_000, "> " * 5_000 + "deep",
                                   "<div>" * 5_000 + "deep"])
def test_any_description_fits_the_limits_an_event_file_has(value):
    markdown = text.description(value)
    assert EVENT.field("description").problem(markdown) is None


def test_titles_and_places_are_one_visible_line_within_the_limits():
    assert text.title("A\u202e \x07title\nwith\r\nbreaks") == "A title with breaks"
    assert len(text.title("word " * 500)) <= 200 and text.title("word " * 500).endswith("…")
    assert len(text.place("x" * 2000)) <= 300
    assert text.web_address("javascript:alert(1)") is None and text.web_address("https://a.org/x") == "https://a.org/x"


class _Misbehaving(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path == "/bomb":
            body = gzip.compress(b"\0" * 50_000_000)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="module")
def misbehaving():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def private_allowed(monkeypatch):
    monkeypatch.setenv("HANDBOOK_CALENDARS_PRIVATE", "allow")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_feed_off_the_public_internet_is_not_fetched(misbehaving, monkeypatch, host):
    """A pull request could name an address inside CI's network (a metadata service, a local
    admin page); the fetch refuses any peer that is not a global address."""
    monkeypatch.delenv("HANDBOOK_CALENDARS_PRIVATE", raising=False)
    with pytest.raises(FetchError, match="is not on the public internet"):
        fetch(misbehaving.replace("127.0.0.1", host) + "/loop", timeout=5, max_bytes=1_000_000)


@pytest.mark.parametrize("path,reason", [("/bomb", "unzips to more than"), ("/to-file", "HTTP 302 .* not allowed|redirects to an address"),
                                         ("/loop", "HTTP 302")])
def test_the_fetch_refuses_what_a_feed_must_not_do(misbehaving, private_allowed, path, reason):
    with pytest.raises(FetchError, match=reason):
        fetch(misbehaving + path, timeout=5, max_bytes=1_000_000)


def test_a_refused_port_is_a_sentence_not_a_traceback():
    with pytest.raises(FetchError, match="could not be reached"):
        fetch("http://127.0.0.1:9/feed.ics", timeout=2, max_bytes=1000)


@pytest.mark.parametrize("raw", [b"", b"\x89PNG\r\n", b"<!DOCTYPE html><html>", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
                                 b"DTSTART:2026\r\n"])
def test_what_is_not_a_calendar_is_said_in_one_sentence(raw):
    try:
        calendar = read(raw)
    except ReadError as err:
        assert "\n" not in str(err)
        return
    group = _group()
    convert(calendar, group, group.calendar, Options(now=NOW))  # tolerated: nothing to show, no crash


def _group(zone: str = "Europe/London") -> Group:
    return Group(slug="crew", path="content/groups/crew.yml", name="Crew", kind="crew", summary="s",
                 timezone=zone, calendar=CalendarLink(url="https://example.org/feed.ics", line=7))


def _vevent(uid: str, tzid: str, start: str, end: str, summary: str, *more: str) -> str:
    """One VEVENT with its times in the zone `tzid`, as calendar apps write it; `more` lines in it."""
    return "\n".join(["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;TZID={tzid}:{start}", f"DTEND;TZID={tzid}:{end}",
                      *more, f"SUMMARY:{summary}", "END:VEVENT"])


def _events(ics: str, zone: str = "Europe/London", past_days: int = 365):
    group = _group(zone)
    raw = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + ics.strip().replace("\n", "\r\n") + "\r\nEND:VCALENDAR\r\n").encode()
    return convert(read(raw), group, group.calendar, Options(now=NOW, past_days=past_days)).events


def test_a_rule_the_site_cannot_hold_is_expanded_with_derived_uids():
    events = _events(_vevent("rdate@example.org", "Europe/London", "20261201T190000", "20261201T200000",
                             "With an extra date", "RRULE:FREQ=WEEKLY;COUNT=3",
                             "RDATE;TZID=Europe/London:20261205T100000"))
    starts = sorted(e.start for e in events)
    assert len(events) == 4 and all(e.repeat is None for e in events)
    assert {e.imported.uid.split("/")[0] for e in events} == {"rdate@example.org"}
    assert starts[1].replace(tzinfo=None) == datetime(2026, 12, 5, 10, 0)


def test_a_windows_zone_without_vtimezone_is_mapped_and_unknown_zones_fall_back_to_the_groups():
    events = _events(_vevent("win@example.org", "Tokyo Standard Time", "20261210T190000", "20261210T200000", "Tokyo"),
                     zone="Europe/London")
    assert events[0].timezone == "Asia/Tokyo"
    assert recurrence.to_utc(events[0].start, events[0].timezone) == datetime(2026, 12, 10, 10, tzinfo=UTC)


def test_a_weekly_series_since_years_starts_again_in_the_window_with_its_count_left():
    events = _events(_vevent("long@example.org", "Europe/London", "20200106T190000", "20200106T200000", "Weekly",
                             "RRULE:FREQ=WEEKLY;COUNT=400", "EXDATE;TZID=Europe/London:20200113T190000"),
                     past_days=30)
    event = events[0]
    assert event.start.date() >= (NOW - timedelta(days=31)).date()
    source_last = datetime(2020, 1, 6, 19) + timedelta(weeks=399)
    ours = recurrence.occurrences(event, NOW - timedelta(days=40), datetime(2030, 1, 1, tzinfo=UTC))
    assert ours[-1].start.replace(tzinfo=None) == source_last
    assert event.repeat.exceptions == ()


def test_the_benchmark_runs(tmp_path):
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "benchmarks" / "imported.py"), "--events", "50", "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the feed adds:" in done.stdout and "Feed: 50 events" in done.stdout
