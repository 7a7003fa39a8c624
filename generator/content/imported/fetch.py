"""Fetching a feed over HTTP(S), bounded in time and size.

A remote calendar may be down, slow, huge or not a calendar at all; none of that may hang or
break a build. So: one deadline for the whole download (not just for each read, which a server
sending a byte a second would never trip), a size limit checked on the announced length and on
every chunk as it arrives (and on the unzipped size, against a small file that unzips to
gigabytes), redirects only to http(s) and only a few, and a conditional request (ETag,
Last-Modified) so an unchanged feed costs one short answer.

The address comes from a pull request and is fetched on CI's machine, so it may only reach the
public internet: the address actually connected to (after DNS, and after every redirect) must
be a global one, not loopback, a private network or a cloud's metadata service. Tests and
builds inside a private network allow those with `HANDBOOK_CALENDARS_PRIVATE=allow`.

Python's `urllib` does the HTTP; what it does not bound, this module does.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import time
import zlib
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, Request, build_opener

from ..formats import feed_address

USER_AGENT = "microsolidarity-handbook/1 (imports a group's public calendar at build time)"
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5
_READ_TIMEOUT = 10.0  # seconds one read may wait; the deadline bounds the whole download


class FetchError(Exception):
    """Why a feed could not be fetched, as one sentence for the editor."""


@dataclass(frozen=True)
class Fetched:
    body: bytes | None  # None: unchanged since the copy whose validators were sent (HTTP 304)
    etag: str = ""
    last_modified: str = ""


def fetch(url: str, timeout: float, max_bytes: int, etag: str = "", last_modified: str = "") -> Fetched:
    """The feed's bytes, or FetchError. `timeout` bounds the whole download (give or take one
    read of at most `_READ_TIMEOUT`), `max_bytes` its size once unzipped."""
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5", "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = build_opener(_WebRedirects(), _PublicHTTP(), _PublicHTTPS())
    try:
        with opener.open(Request(feed_address(url), headers=headers), timeout=min(timeout, _READ_TIMEOUT)) as response:
            announced = response.headers.get("Content-Length", "")
            if announced.isdigit() and int(announced) > max_bytes:
                raise FetchError(f"is {_megabytes(int(announced))}, more than the {_megabytes(max_bytes)} allowed")
            body = _read(response, deadline, timeout, max_bytes)
            if response.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip"):
                body = _gunzip(body, max_bytes)
            return Fetched(body, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""))
    except HTTPError as err:
        if err.code == 304 and (etag or last_modified):
            return Fetched(None, etag, last_modified)
        raise FetchError(f"answered HTTP {err.code} {_short(err.reason)}".rstrip()) from None
    except URLError as err:
        reason = err.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"did not answer within {timeout:g} seconds") from None
        raise FetchError(f"could not be reached ({_short(reason)})") from None
    except TimeoutError:
        raise FetchError(f"did not arrive whole within {timeout:g} seconds") from None
    except (http.client.HTTPException, OSError, ValueError) as err:
        raise FetchError(f"could not be read ({_short(err) or type(err).__name__})") from None


def _read(response, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """The body, chunk by chunk: `read1` returns what one read from the socket gives, so the
    deadline is checked however slowly the bytes come."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"did not arrive whole within {timeout:g} seconds")
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"is more than the {_megabytes(max_bytes)} allowed")
        chunks.append(chunk)


def _gunzip(body: bytes, max_bytes: int) -> bytes:
    unzip = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = unzip.decompress(body, max_bytes + 1)
    except zlib.error:
        raise FetchError("sent a compressed feed that cannot be unzipped") from None
    if len(out) > max_bytes or unzip.unconsumed_tail:
        raise FetchError(f"unzips to more than the {_megabytes(max_bytes)} allowed")
    return out


def private_addresses_allowed() -> bool:
    return os.environ.get("HANDBOOK_CALENDARS_PRIVATE", "").strip().lower() == "allow"


def _public_connection(address, *args, **kwargs) -> socket.socket:
    """`socket.create_connection`, refusing a peer outside the public internet. The peer is read
    from the connected socket, so a name that resolves differently a second time cannot slip by."""
    sock = socket.create_connection(address, *args, **kwargs)
    peer = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if not peer.is_global and not private_addresses_allowed():
        sock.close()
        raise FetchError(f"points at {peer}, which is not on the public internet; a group's calendar must be public")
    return sock


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTP(HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPS(HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


class _WebRedirects(HTTPRedirectHandler):
    """Follow at most a few redirects, and only to http(s) addresses."""

    max_redirections = _MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"redirects to an address that is not a web address ({_short(newurl)})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size < 10_000_000 else f"{size // 1_000_000} MB"


def _short(value) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 120 else text[:119] + "…"
