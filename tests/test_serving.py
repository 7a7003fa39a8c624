"""The feeds are served as `text/calendar; charset=utf-8`: by the test server that serves a
built site as the deploy states it (tests/browser/serving.py), by hosts that read `_headers`,
and checked on the live site by the deploy workflow after each deploy."""

from __future__ import annotations

import os
import socket
import struct
import threading
import urllib.parse
import urllib.request

import yaml
from browser.serving import served
from sitebuild import ROOT

from generator.core.serving import CALENDAR, MEDIA_TYPES


def test_a_built_site_serves_its_feeds_as_utf8_calendars(built_fixture):
    built = built_fixture("site_feeds")
    assert (built.site / "_headers").read_text() == "/*.ics\n  Content-Type: text/calendar; charset=utf-8\n"
    with served(built.site) as base:
        for path in ("feeds/all.ics", "events/river-tricky-text.ics", "feeds/groups/river-crew.ics"):
            with urllib.request.urlopen(f"{base}/{path}", timeout=10) as response:
                assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
                body = response.read()
            charset = response.headers.get_content_charset()
            assert charset == "utf-8"
            if path.startswith("events/"):
                assert "Crêpes" in body.decode(charset)  # non-ASCII text, read as the header says
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:
            assert response.headers["Content-Type"].startswith("text/html")


def test_the_deploy_checks_the_live_feeds_header():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    steps = workflow["jobs"]["deploy"]["steps"]
    check = [step for step in steps if "content_type" in step.get("run", "")]
    assert len(check) == 1 and steps.index(check[0]) > 0  # after the deployment itself
    script = check[0]["run"]
    assert "feeds/all.ics" in script and "text/calendar\\;charset=utf-8" in script and "exit 1" in script
    assert MEDIA_TYPES[".ics"] == CALENDAR == "text/calendar; charset=utf-8"
    readme = (ROOT / "README.md").read_text()
    assert "text/calendar; charset=utf-8" in readme and "_headers" in readme


def test_a_browser_that_drops_a_connection_midway_leaves_no_traceback(tmp_path, capsys):
    """Browsers drop connections mid-file when a page is left or a test ends; the test server says
    nothing then, so that a CI log's tracebacks are all failures."""
    (tmp_path / "large.bin").write_bytes(os.urandom(8 * 1024 * 1024))  # more than the socket buffers
    with served(tmp_path) as base:
        before = set(threading.enumerate())
        client = socket.create_connection(("127.0.0.1", urllib.parse.urlsplit(base).port), timeout=10)
        client.sendall(b"GET /large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert client.recv(1024).startswith(b"HTTP/1.1 200")
        # Closed with a reset, as a browser's cancelled request often is.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        for handler in set(threading.enumerate()) - before:
            handler.join(timeout=10)  # until it has met the closed connection
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:
            assert response.status == 200  # and the server still serves
    assert "Traceback" not in capsys.readouterr().err
