"""A local web server of calendar feeds, as groups' calendar services serve them, for tests and
the import benchmark.

`/<name>.ics` serves `tests/imported_feeds/<name>.ics` with CRLF line ends, gzipped when asked,
with an ETag (and 304 for a matching If-None-Match), as Google, Nextcloud and Outlook do. Besides:

| path | what |
| --- | --- |
| `/slow.ics` | starts a feed, then sends a byte every 0.2 s for ever |
| `/huge.ics` | a 50 MB feed, made as it is sent (never on disk), announced by Content-Length |
| `/huge-unannounced.ics` | the same without Content-Length |
| `/missing.ics` | 404 |
| `/garbage.ics` | a web page, as a wrong address or a login wall gives |
| `/down/<name>.ics` | `<name>.ics` while `server.down` is false, 503 after |
| `/generated/<n>.ics` | `n` weekly-ish events, for the benchmark |

`server.requests` counts the requests of each path.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time
from collections import Counter
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).resolve().parent / "imported_feeds"
HUGE_BYTES = 50 * 1_000_000


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: Counter = Counter()
        self.down = False
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> FeedServer:
        # The fetch refuses addresses off the public internet; this server is on loopback.
        self.was_allowed = os.environ.get("HANDBOOK_CALENDARS_PRIVATE")
        os.environ["HANDBOOK_CALENDARS_PRIVATE"] = "allow"
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
        if self.was_allowed is None:
            os.environ.pop("HANDBOOK_CALENDARS_PRIVATE", None)
        else:
            os.environ["HANDBOOK_CALENDARS_PRIVATE"] = self.was_allowed


def feed_bytes(name: str) -> bytes:
    text = (FEEDS / f"{name}.ics").read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def generated_feed(count: int) -> bytes:
    """`count` events of a busy group's Google calendar, about one every day from January 2021
    (so most are past by the fixtures' "now"), in UTC with X-WR-TIMEZONE, HTML descriptions, and
    one in seven a weekly series of ten."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
           "X-WR-TIMEZONE:Europe/London"]
    first = date(2021, 1, 4)
    for index in range(count):
        day = first + timedelta(days=index * 11 // 10)
        out += ["BEGIN:VEVENT", f"UID:generated-{index}@google.com",
                f"DTSTART:{day:%Y%m%d}T180000Z", f"DTEND:{day:%Y%m%d}T200000Z",
                "DTSTAMP:20261125T101010Z", "LAST-MODIFIED:20261120T090000Z",
                f"SUMMARY:Gathering number {index}",
                f"DESCRIPTION:<p>Meeting <b>{index}</b> of the crew.</p><p>Bring a friend. "
                f"<a href=\"https://example.org/{index}\">Details</a></p>",
                "LOCATION:The Hall\\, 1 Main Street"]
        if index % 7 == 0:
            out.append("RRULE:FREQ=WEEKLY;COUNT=10")
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode()


def _huge_chunks():
    head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Huge//EN\r\n"
    event = (b"BEGIN:VEVENT\r\nUID:huge-%08d@example.org\r\nDTSTART:20261210T190000Z\r\n"
             b"DTEND:20261210T200000Z\r\nSUMMARY:" + b"x" * 900 + b"\r\nEND:VEVENT\r\n")
    yield head
    sent, index = len(head), 0
    while sent < HUGE_BYTES:
        chunk = b"".join(event % (index + n) for n in range(64))[: HUGE_BYTES - sent]
        index += 64
        sent += len(chunk)
        yield chunk


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path.split("?")[0]
        self.server.requests[path] += 1
        try:
            self._answer(path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should on the slow and huge feeds

    def _answer(self, path: str) -> None:
        if path == "/slow.ics":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"BEGIN:VCALENDAR\r\n")
            while True:
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.2)
        if path in ("/huge.ics", "/huge-unannounced.ics"):
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Connection", "close")
            if path == "/huge.ics":
                self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            for chunk in _huge_chunks():
                self.wfile.write(chunk)
            return
        if path == "/garbage.ics":
            return self._send(200, b"<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>", "text/html")
        if path.startswith("/generated/"):
            return self._send(200, generated_feed(int(path.split("/")[-1].removesuffix(".ics"))), "text/calendar")
        if path.startswith("/down/"):
            if self.server.down:
                return self._send(503, b"Service Unavailable", "text/plain")
            path = "/" + path[len("/down/"):]
        name = path.strip("/").removesuffix(".ics")
        if not name.isidentifier() or not (FEEDS / f"{name}.ics").is_file():
            return self._send(404, b"Not Found", "text/plain")
        body = feed_bytes(name)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, body, "text/calendar; charset=utf-8", etag)

    def _send(self, status: int, body: bytes, kind: str, etag: str = "") -> None:
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and status == 200
        if zipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)
