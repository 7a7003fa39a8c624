"""Checks of one text on its own, whatever field holds it: its characters, time zone names, web and
email addresses. Each returns a verdict; the value kinds (`kinds`) turn it into a message."""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from urllib.parse import urlsplit

from ...core import limits

# Characters no text in content needs, each of which breaks something: lone surrogates (a YAML
# escape like `"\ud83d"`, half of an emoji) cannot be written as UTF-8 at all; control characters
# are invisible, and some end a line for one reader and not another; the bidirectional controls
# show the text around them reversed or hidden ("Trojan Source"). Tabs and, in Markdown, line
# breaks are fine.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def character_problem(text: str, multiline: bool = False) -> tuple[str, str] | None:
    """(message, hint) when text holds a character no content needs (see above)."""
    if text.isprintable():
        return None  # the common case, quickly: every character above is unprintable
    found = _SURROGATE.search(text)
    if found:
        return (f"holds half a character (U+{ord(found.group(0)):04X}), from an escape like `\\ud83d`",
                "write the character itself, or both halves of it in one escape like `\\U0001F600`")
    found = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text)
    if found and found.group(0) == "\n":
        return None  # a line break in one-line text: said by the caller, as ever
    if found:
        return (f"holds the invisible control character U+{ord(found.group(0)):04X}",
                "remove it: it would be hidden, or turn the text around it")
    return None


def timezone_problem(name: str) -> tuple[str, str] | None:
    if name in available_timezones():
        return None
    close = [z for z in available_timezones() if z.lower() == name.lower()]
    close = close or difflib.get_close_matches(name, sorted(available_timezones()), n=3, cutoff=0.6)
    hint = "time zones look like `Europe/London`"
    if close:
        hint += "; did you mean " + " or ".join(f"`{z}`" for z in close) + "?"
    return f"`{name}` is not a time zone", hint


@functools.cache
def available_timezones() -> frozenset[str]:
    # Checking the name against the list (rather than trying ZoneInfo) keeps it case-sensitive on
    # every file system, so `europe/london` fails on a laptop the same way as in CI.
    return frozenset(zoneinfo.available_timezones())


# Addresses are read by a parser (`urllib.parse`) and checked part by part, never by one regular
# expression over the whole text: a pattern with parts that can each take the same characters
# backtracks, and a 6 KB address of dotted labels took minutes.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_LABEL_PUNCTUATION = frozenset("-_")
_ATEXT = frozenset("!#$%&'*+-/=?^_`{|}~")  # RFC 5322's characters of an address, besides letters and digits


def is_web_url(text: str) -> bool:
    """An absolute http(s) address with a host name (with a dot, or `localhost`), and no spaces."""
    if len(text) > limits.MAX_URL or not text.startswith(("http://", "https://")) or _SPACE_OR_CONTROL.search(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    if "@" in parts.netloc or not parts.hostname:
        return False
    return parts.hostname == "localhost" or is_host_name(parts.hostname.removesuffix("."))


def feed_address(text: str) -> str:
    """The https:// address of a feed given as webcal:// (or webcals://), as calendar apps offer it."""
    for scheme in ("webcal://", "webcals://"):
        if text[:len(scheme)].lower() == scheme:
            return "https://" + text[len(scheme):]
    return text


def is_host_name(host: str) -> bool:
    """Dotted labels of letters (any script), digits, hyphens and underscores, as DNS allows."""
    labels = host.split(".")
    return (len(host) <= 253 and len(labels) > 1
            and all(0 < len(label) <= 63 and all(c.isalnum() or c in _LABEL_PUNCTUATION for c in label)
                    for label in labels))


def is_email(text: str) -> bool:
    """`name@example.org`: dot-separated words of RFC 5322's characters (any script) before the
    `@`, a host name after it, within RFC 5321's lengths."""
    if len(text) > limits.MAX_EMAIL or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    return (0 < len(local) <= limits.MAX_EMAIL_LOCAL
            and all(word and all(c.isalnum() or c in _ATEXT for c in word) for word in local.split("."))
            and is_host_name(domain))


def is_mailto(text: str) -> bool:
    return (len(text) <= limits.MAX_URL and text.startswith("mailto:")
            and is_email(text[len("mailto:"):].split("?")[0]))
