"""`mkdocs serve` notices an edited event file and serves the rebuilt page: the YAML folders are
inside docs_dir, so MkDocs watches them, and the plugins load the content afresh each rebuild."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import DEFAULT_EPOCH, Size, write_handbook  # noqa: E402

from generator import engine

TIMEOUT = 90  # seconds for the first build, and again for the rebuild; a build here takes a few


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_an_event_file_changes(tmp_path):
    project = write_handbook(tmp_path / "site", Size(5, 10)).root
    event_file = next((project / "content" / "events").rglob("event-00001.yml"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/events/event-00001/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [*engine.command("serve"), "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_for(url, "</html>", server, time.monotonic() + TIMEOUT), _log(tmp_path)
        first = fetch(url)
        assert first is not None and "Renamed by the serve test" not in first
        text = event_file.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        assert lines[0].startswith("title: ")
        event_file.write_text('title: "Renamed by the serve test"\n' + "".join(lines[1:]), encoding="utf-8")
        assert wait_for(url, "Renamed by the serve test", server, time.monotonic() + TIMEOUT), _log(tmp_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _log(tmp_path: Path) -> str:
    return "mkdocs serve said:\n" + (tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:]
