"""Serve a built site on 127.0.0.1 the way a static host does: HTTP/1.1 with keep-alive, and text
gzip-compressed when the browser asks for it (every static host compresses; Lighthouse's timings
of an uncompressed 140 kB stylesheet would measure the test server, not the site).

Run by hand to look at a build: `python3 tests/browser/serving.py SITE_FOLDER [PORT]`.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from generator.core.serving import MEDIA_TYPES

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        **MEDIA_TYPES,  # what the deploy asks of the host (type and charset)
    }
    _compressed: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and os.path.isfile(path) and content_type.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def compressed(self, path: str) -> bytes:
        key = (path, os.path.getmtime(path))
        with self._lock:
            if key not in self._compressed:
                self._compressed[key] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            return self._compressed[key]

    def log_message(self, format, *args):
        pass  # one line per request would bury the test output


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser drops a connection mid-file when a page is left or a test ends: not an error
        # of the site's, and a traceback for it would bury the real ones in a CI log.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def start(folder: Path, port: int = 0) -> SiteServer:
    """Serve `folder` on 127.0.0.1 (a free port when 0) from a background thread."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    server = SiteServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    return server


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` served (see `start`) for the time of a `with` block: the site's base URL, without a
    trailing slash."""
    server = start(folder)
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    running = start(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(f"http://127.0.0.1:{running.server_port}/", flush=True)
    threading.Event().wait()
