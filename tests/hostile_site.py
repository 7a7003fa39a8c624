"""What "nothing hostile was published" means, checked on a built site.

A site built from hostile content is compared with the site built from the shipped content (the
baseline): it may have other pages, but no script the baseline does not run, no event-handler
attribute, no `javascript:`-like URL, no meta refresh or frame, no change to the theme's assets,
no byte of a file from outside `content/`, and only feeds that parse.
"""

from __future__ import annotations

import json
import posixpath
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from icalendar import Calendar

# Planted outside `content/` (in the project's git config and beside the project) by the test:
# it must never appear in a built site.
SECRET = "HOSTILE-SECRET-7f3a9c"

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset",
                   "background", "cite", "longdesc", "manifest", "ping", "lowsrc", "dynsrc")
_BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|livescript|data\s*:\s*text/html)", re.I)
_FORBIDDEN_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "base", "applet", "portal")
_SCOPE = re.compile(r'new URL\("[./]*",location\)')


@dataclass
class Baseline:
    """What the shipped site runs: the script files and the inline scripts of its pages."""

    script_paths: set[str] = field(default_factory=set)
    inline_scripts: set[str] = field(default_factory=set)
    assets: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Path) -> Baseline:
        baseline = cls()
        for page in site.rglob("*.html"):
            for script in _soup(page).find_all("script"):
                if script.get("src"):
                    baseline.script_paths.add(_resolve(site, page, script["src"]))
                elif not _is_data_script(script):
                    baseline.inline_scripts.add(_normal(script.string or ""))
        for asset in (site / "assets").rglob("*"):
            if asset.is_file():
                baseline.assets[asset.relative_to(site).as_posix()] = asset.read_bytes()
        return baseline


def problems(site: Path, baseline: Baseline) -> list[str]:
    """Everything hostile found in a built site, one line each (empty when the site is clean)."""
    found: list[str] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() or p.is_symlink()):
        name = path.relative_to(site).as_posix()
        if path.is_symlink():
            found.append(f"{name}: a symbolic link in the built site")
            continue
        data = path.read_bytes()
        if SECRET.encode() in data:
            found.append(f"{name}: holds text from a file outside content/")
        if name in baseline.assets and data != baseline.assets[name]:
            found.append(f"{name}: differs from the theme's file")
        if path.suffix in (".html", ".htm", ".svg", ".xhtml", ".xml"):
            found += [f"{name}: {problem}" for problem in _markup_problems(site, path, baseline)]
        elif path.suffix == ".ics":
            found += [f"{name}: {problem}" for problem in _feed_problems(data)]
    return found


def _markup_problems(site: Path, page: Path, baseline: Baseline) -> list[str]:
    found = []
    soup = _soup(page)
    for element in soup.find_all(True):
        tag = element.name.lower()
        if tag in _FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}> element")
        if tag == "meta" and str(element.get("http-equiv", "")).lower() == "refresh":
            found.append("meta refresh")
        for attribute, value in element.attrs.items():
            name = attribute.lower()
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on"):
                found.append(f"event handler attribute {name}={text[:60]!r} on <{tag}>")
            if name in _URL_ATTRIBUTES and _BAD_SCHEMES.match(text):
                found.append(f"{name}={text[:60]!r} on <{tag}>")
            if name == "style" and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript:", text, re.I):
                found.append(f"script in a style attribute on <{tag}>")
        if tag == "script":
            found += _script_problems(site, page, element, baseline)
    return found


def _script_problems(site: Path, page: Path, script, baseline: Baseline) -> list[str]:
    if script.get("src"):
        target = _resolve(site, page, script["src"])
        return [] if target in baseline.script_paths else [f"script from {script['src']!r}"]
    if _is_data_script(script):
        try:
            json.loads(script.string or "")
        except ValueError:
            return [f"{script.get('type')} that is not JSON (text broke out of it?)"]
        return []
    text = _normal(script.string or "")
    return [] if text in baseline.inline_scripts else [f"inline script {text[:80]!r}"]


def _feed_problems(data: bytes) -> list[str]:
    try:
        calendar = Calendar.from_ical(data)
    except Exception as err:  # any failure to parse is the finding
        return [f"does not parse as iCalendar: {err}"]
    found = []
    for event in calendar.walk("VEVENT"):
        for rule in event.get("RRULE") and [event["RRULE"].to_ical().decode()] or []:
            if re.search(r"\s|RDATE|DTSTART|EXDATE", rule):
                found.append(f"RRULE with more than a rule in it: {rule[:80]!r}")
    return found


def _is_data_script(script) -> bool:
    return str(script.get("type", "")).lower() in ("application/json", "application/ld+json")


def _resolve(site: Path, page: Path, src: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
        return src  # another origin: never in the baseline
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    folder = page.parent.relative_to(site).as_posix()
    return posixpath.normpath(posixpath.join(folder, src.split("?")[0].split("#")[0]))


def _normal(text: str) -> str:
    """An inline script without what differs from page to page (Material's relative scope)."""
    return _SCOPE.sub('new URL(".",location)', text.strip())


def _soup(path: Path) -> BeautifulSoup:
    # Python's HTML parser for SVG and XML too: it never gives up on broken markup, and a browser
    # that meets an inline <svg> reads it as HTML anyway.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
