"""What the last published feed said, so that SEQUENCE never goes down from one deploy to the next.

SEQUENCE comes from git history (see `history`); a deploy can also hand the build the feed that
is live now (the deploy workflow downloads `feeds/all.ics` before building). For each UID in
it, the new SEQUENCE is at least the published one, and higher when the time, place or status
in the new feed differ from the published ones. This covers what history alone cannot: a
deploy built without history followed by one with it, or history rewritten with old dates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# The properties whose change RFC 5545 calls significant, and the place.
SIGNIFICANT = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "STATUS",
               "LOCATION", "GEO", "CONFERENCE")


@dataclass(frozen=True)
class Published:
    sequence: int
    fingerprint: str


def read(data: bytes) -> dict[str, Published]:
    """UID -> what the published feed said about it. Unreadable input gives nothing, not an error:
    the floor is a safety net, and the build must not depend on the live site."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    found: dict[str, Published] = {}
    for uid, lines in _vevents(text):
        sequence = 0
        for line in lines:
            if _name(line) == "SEQUENCE":
                try:
                    sequence = max(sequence, int(line.split(":", 1)[1].strip()))
                except ValueError:
                    pass
        previous = found.get(uid)
        lines_so_far = previous.fingerprint if previous else ""
        found[uid] = Published(max(sequence, previous.sequence if previous else 0), lines_so_far + _digest(lines))
    return {uid: Published(p.sequence, _hash(p.fingerprint)) for uid, p in found.items()}


def fingerprint(data: bytes) -> str:
    """The fingerprint of one event's VEVENTs, as `read` computes it for a published one."""
    return _hash("".join(_digest(lines) for _, lines in _vevents(data.decode("utf-8"))))


def _vevents(text: str):
    current: list[str] | None = None
    for line in _unfold(text):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT" and current is not None:
            uid = next((prop.split(":", 1)[1] for prop in current if _name(prop) == "UID"), None)
            if uid:
                yield uid, current
            current = None
        elif current is not None:
            current.append(line)


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _name(line: str) -> str:
    cut = min((i for i in (line.find(";"), line.find(":")) if i >= 0), default=len(line))
    return line[:cut].upper()


def _digest(lines: list[str]) -> str:
    return "\n".join(sorted(line for line in lines if _name(line) in SIGNIFICANT)) + "\n--\n"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
