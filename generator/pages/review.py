"""A pull request's gatherings and groups in words, for a reviewer who does not read YAML.

`handbook preview --base REF` prints this Markdown; the Check workflow keeps it as a text
artifact and a second workflow posts it as one comment on the pull request. Everything taken
from the files is untrusted: on the code host a comment is read as Markdown with @mentions,
issue references and bare addresses turned into links, so every value is escaped for Markdown
and HTML and the characters those features start with are followed by a word joiner;
addresses are shown in code spans, readable and copyable but never a link. The comment is
bounded (`MAX_ENTRIES`, `MAX_CHARS`): the code host refuses a comment over 65,536 characters.
"""

from __future__ import annotations

import html
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..calendar import text as calendar_text
from ..content.load import load_content
from ..core.model import Content, Event, Group
from ..core.newcomers import open_to_newcomers
from ..core.problems import problem_path
from ..core.recurrence import next_occurrences

MARKER = "<!-- handbook-preview -->"  # how the comment workflow finds its own comment again
MAX_ENTRIES = 30  # files described; the rest are counted
MAX_CHARS = 60_000  # below the code host's 65,536, with room for the marker and a note
NEXT_DATES = 4  # dates of a series shown, as the event page lists them
_WORD_JOINER = "\u2060"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~])")
# After rendering, the code host links `@name`, `#12`, `org/repo#12`, `http://...`, `www....`.
_LINK_STARTS = re.compile(r"([@#:]|(?<![\w])www(?=\.))", re.IGNORECASE)


class GitError(Exception):
    """git could not answer (no repository, an unknown base)."""


@dataclass(frozen=True)
class FileChange:
    status: str  # "added", "changed" or "removed"
    path: str  # relative to the project root, as problems and `Event.path` give it


# ---------------------------------------------------------------------------------------------
# Reading git (the edges)


def changed_files(root: Path, base: str, content_dir: Path) -> list[FileChange]:
    """The event and group files added, changed or removed between `base` and the working tree
    (untracked files count as added); a rename is a removal and an addition."""
    folder = problem_path(content_dir, root)
    listing = _git(root, "diff", "--name-status", "--no-renames", "-z", "--relative", base, "--", folder)
    fields = listing.split("\0")
    found = {}
    for letter, path in zip(fields[0::2], fields[1::2], strict=False):
        found[path] = {"A": "added", "D": "removed"}.get(letter[:1], "changed")
    for path in _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder).split("\0"):
        if path:
            found.setdefault(path, "added")
    return [FileChange(status, path) for path, status in sorted(found.items())
            if _kind(path, folder) is not None]


def content_at(root: Path, base: str, content_dir: Path) -> Content:
    """The content as it was at `base`, read from `git archive` into a temporary folder (the
    calendars of groups are not imported: a review describes the files)."""
    folder = problem_path(content_dir, root)
    with tempfile.TemporaryDirectory(prefix="handbook-base-") as temp:
        archive = Path(temp) / "base.tar"
        _git(root, "archive", "--format=tar", f"--output={archive}", base, "--", folder)
        with tarfile.open(archive) as tar:
            tar.extractall(temp, filter="data")  # "data": no links out, no devices, no absolute paths
        old_dir = Path(temp) / folder
        if not old_dir.is_dir():
            return Content()
        return load_content(old_dir, Path(temp))


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GitError(f"git {args[0]}: {err}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise GitError(f"git {args[0]}: {lines[0] if lines else 'failed'}")
    return done.stdout



def _kind(path: str, folder: str) -> str | None:
    inside = path[len(folder) + 1:] if folder not in ("", ".") else path
    if not path.startswith(folder) or not inside.endswith((".yml", ".yaml")):
        return None
    if inside.startswith("events/"):
        return "event"
    if inside.startswith("groups/") and inside.count("/") == 1:
        return "group"
    return None


# ---------------------------------------------------------------------------------------------
# The Markdown (pure)


def preview(changes: list[FileChange], old: Content, new: Content, now: datetime) -> str:
    """The comment: one section per file, in the order given, bounded in entries and length."""
    problems = {problem.path for problem in new.problems}
    sections = [_section(change, old, new, problems, now) for change in changes[:MAX_ENTRIES]]
    head = [MARKER, "## The gatherings and groups in this pull request", ""]
    if not changes:
        head.append("No gathering or group file is added, changed or removed.")
    body, left = "\n".join(head), len(changes) - len(sections)
    for number, section in enumerate(sections):
        if len(body) + len(section) + 200 > MAX_CHARS:
            left = len(changes) - number
            break
        body += "\n" + section
    if left:
        body += f"\n\n*…and {left} more file(s), not shown here: see the files changed.*"
    return body + "\n"


def _section(change: FileChange, old: Content, new: Content, problems: set[str], now: datetime) -> str:
    kind = _kind_of(change.path)
    heading = f"### {change.status.capitalize()} {kind}: "
    if change.status == "removed":
        before = _find(old, change.path)
        return "\n".join([heading + (safe(_name(before)) if before else code(change.path)),
                          "", f"File {code(change.path)} is removed.", ""])
    after = _find(new, change.path)
    if change.path in problems or after is None:
        return "\n".join([heading + code(change.path), "",
                          "**Does not pass `handbook check`**: see the check's annotations on the file.", ""])
    lines = [heading + safe(_name(after)), "", f"File {code(change.path)}", ""]
    describe: Callable = _event_facts if isinstance(after, Event) else _group_facts
    facts = describe(after, new, now)
    before = _find(old, change.path) if change.status == "changed" else None
    if before is not None and type(before) is type(after):
        was = describe(before, old, now)
        changed = [f"- **{label}:** {was.get(label, '(none)')} → {value}"
                   for label, value in facts.items() if label in _COMPARED and was.get(label) != value]
        changed += [f"- **{label}:** {value} → (none)" for label, value in was.items()
                    if label in _COMPARED and label not in facts]
        lines += ["What changed:", "", *(changed or ["- nothing a reader sees on the calendar"]), "",
                  "Now:", ""]
    lines += [f"- **{label}:** {value}" for label, value in facts.items()]
    return "\n".join(lines) + "\n"


_COMPARED = ("Title", "Name", "Group", "Status", "When", "Repeats", "Time zone", "Where", "Online",
             "Kind", "Newcomers")


def _event_facts(event: Event, content: Content, now: datetime) -> dict[str, str]:
    """The facts of the event page, in its words: the rule, the first date, the next dates."""
    zone = event.timezone
    group = content.groups.get(event.group)
    facts = {"Title": safe(event.title),
             "Group": safe(group.name) + f" ({group.kind})" if group else code(event.group),
             "Status": event.status}
    if event.repeat:
        facts["Repeats"] = safe(calendar_text.describe_rule(event.repeat.rrule, event.start, zone))
        facts["The series began"] = calendar_text.when(event.start, event.end, zone)
        dates = next_occurrences(event, now, NEXT_DATES)
        facts["Next dates"] = "; ".join(
            calendar_text.when(o.start, o.end, zone) + (" (cancelled)" if o.cancelled else "") for o in dates
        ) or "none left"
    else:
        facts["When"] = calendar_text.when(event.start, event.end, zone)
    facts["Time zone"] = zone
    if event.location and event.location.text():
        facts["Where"] = safe(event.location.text())
    elif group and group.where and not event.online:
        facts["Where"] = safe(group.where) + " (the group's area)"
    if event.online:
        facts["Online"] = code(event.online)
    facts["Who may come"] = _who(event, group)
    return facts


def _who(event: Event, group: Group | None) -> str:
    """In the words the site uses: the event's own `open_to_newcomers`, else its group's."""
    tags = ", ".join(safe(tag) for tag in event.tags)
    if event.open_to_newcomers is None and group is None:
        return "unknown group"
    whose = "the gathering says so" if event.open_to_newcomers is not None else "as its group says"
    words = f"anyone ({whose})" if open_to_newcomers(event, group) else f"members only ({whose})"
    return words + (f"; tagged {tags}" if tags else "")


def _group_facts(group: Group, content: Content, now: datetime) -> dict[str, str]:
    facts = {"Name": safe(group.name), "Kind": group.kind, "Summary": safe(group.summary),
             "Time zone": group.timezone}
    if group.where:
        facts["Where"] = safe(group.where)
    if group.part_of:
        parent = content.groups.get(group.part_of)
        facts["Part of"] = safe(parent.name) if parent else code(group.part_of)
    facts["Newcomers"] = "welcome" if group.open_to_newcomers else "not open to newcomers"
    if group.contact:
        facts["Contact"] = code(group.contact)
    return facts


def _find(content: Content, path: str) -> Event | Group | None:
    for event in content.events.values():
        if event.path == path and event.imported is None:
            return event
    for group in content.groups.values():
        if group.path == path:
            return group
    return None


def _name(item: Event | Group) -> str:
    return item.title if isinstance(item, Event) else item.name


def _kind_of(path: str) -> str:
    return "group" if "/groups/" in f"/{path}" else "gathering"


def safe(text: str) -> str:
    """Text from content as plain text in the comment: no markup, no link, no mention."""
    joined = _LINK_STARTS.sub(lambda m: m.group(1) + _WORD_JOINER, " ".join(str(text).split()))
    # Not `md_text`: its `&#x27;` for a quote would have its `#` escaped and show as written.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(joined, quote=False))


def code(text: str) -> str:
    """Text from content in a code span, which the code host neither links nor mentions from:
    for addresses and file names. The fence is longer than any run of backticks inside."""
    one_line = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", one_line)), default=0) + 1)
    return f"{fence} {one_line} {fence}"
