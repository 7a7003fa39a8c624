"""What git remembers about each event file: when it last changed, and when its time, place or
status last changed. The feeds take DTSTAMP, LAST-MODIFIED and SEQUENCE from here.

SEQUENCE is the number of whole minutes from 2020-01-01 00:00 UTC to the commit that gave the
event its present time, place and status (`significant`). Why a time and not a count of changes:
a count goes down when history is squashed or rewritten, while rewritten commits get later
commit times, so a time only goes up; and a build that cannot see the history (a tarball, a
shallow clone) uses the build time, which is later than any commit an earlier deploy saw.
Two changes committed in the same minute (or with the same commit time, after a rebase) must
still give two SEQUENCEs, or an app that has the first would ignore the second: walking the
versions from the oldest read, each change of time, place or status takes the larger of its
own minute and one more than the change before it. That is a pure function of the history, so
builds stay reproducible, and it is the plain minute whenever changes are a minute apart.
The one way down is a deploy without history followed by one with it: deploys must see the
whole history (`require_history` in the feeds plugin makes the build fail otherwise), and an
optional floor from the previously published feed (see `published`) covers the rest.

All of history is read in three git calls, whatever the number of events: one `git log` over the
events folder (the first-parent line, so each version is a state the main branch was in), one
`git cat-file --batch-check` for the sizes of the versions to compare, and one `git cat-file
--batch` for their contents.

History is as untrusted as the files (any pull request adds to it), and old versions were never
checked: what is read is bounded (`limits.MAX_HISTORY_VERSIONS` newest versions of each file,
none larger than a content file may be), and a version that cannot be read counts as a change of
that version alone, never as an error of the build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ..content import yamlfile
from ..core.limits import MAX_FILE_BYTES, MAX_HISTORY_NODES, MAX_HISTORY_VERSIONS

UTC = timezone.utc
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

# Keys of an event file whose change RFC 5545 calls significant (time, place, status); a change of
# title, description, tags or organiser is not, and does not bump SEQUENCE.
SIGNIFICANT_KEYS = ("start", "end", "duration", "timezone", "status", "repeat", "location", "online")
_NOT_SIGNIFICANT_IN_CHANGES = ("title", "description")


@dataclass(frozen=True)
class Revision:
    """The feed-relevant history of one event file."""

    modified: datetime  # UTC: the last change of any kind (DTSTAMP, LAST-MODIFIED)
    significant: datetime  # UTC: when time, place and status took their present values
    from_history: bool = True  # False when git knew nothing and the build time stands in
    floor: int = 0  # the lowest SEQUENCE allowed, from the feed published before (`published`)
    # From the chain of significant changes in history (see the module's docstring); None when
    # there is no history, and the minute of `significant` stands in.
    chained: int | None = None

    @property
    def sequence(self) -> int:
        own = self.chained if self.chained is not None else sequence_at(self.significant)
        return max(own, sequence_at(self.significant), self.floor)


@dataclass
class History:
    revisions: dict[str, Revision] = field(default_factory=dict)  # by path, relative to the root
    complete: bool = True
    reason: str = ""  # why history is missing or partial

    def revision(self, path: str, now: datetime) -> Revision:
        """What is known of `path`; the build time when nothing is (a new or untracked file)."""
        found = self.revisions.get(path)
        return found if found is not None else Revision(now, now, from_history=False)


def sequence_at(moment: datetime) -> int:
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds() // 60))


@functools.lru_cache(maxsize=4096)  # the newest version is compared with each older one
def fingerprint(raw: bytes) -> str:
    """A digest of the significant keys of one version of an event file.

    A version that cannot be read counts as different from every other (any edit is significant),
    which errs on the side of telling subscribers: one that is not YAML a content file may hold
    (it does not parse, is too large or too deep, has a tag or a key twice) or that expands to
    more than `MAX_HISTORY_NODES` values (an alias bomb). Old versions were never checked, and a
    broken one must cost that version only, never the build.
    """
    data = _load(raw)
    if isinstance(data, dict):
        try:
            return hashlib.sha256(_significant_json(data).encode()).hexdigest()
        except (ValueError, TypeError, RecursionError):  # keys JSON cannot sort, ...
            pass
    return "raw:" + hashlib.sha256(raw).hexdigest()


def _load(raw: bytes):
    """The YAML document of an old version, read as the files of today are (`yamlfile.read`:
    the same size and nesting limits), or None when it cannot be read safely."""
    try:
        data = yamlfile.read(raw)
    except Exception:  # noqa: BLE001 - a version in history can never be fixed: it must not stop the build
        return None
    return data if _expanded_size(data) is not None else None


def _significant_json(data: dict) -> str:
    picked = {key: data.get(key) for key in SIGNIFICANT_KEYS if key in data}
    repeat = picked.get("repeat")
    if isinstance(repeat, dict) and isinstance(repeat.get("changes"), list):
        repeat = dict(repeat)
        repeat["changes"] = [
            {k: v for k, v in change.items() if k not in _NOT_SIGNIFICANT_IN_CHANGES}
            if isinstance(change, dict) else change
            for change in repeat["changes"]
        ]
        picked["repeat"] = repeat
    return json.dumps(picked, sort_keys=True, default=_plain, ensure_ascii=True)


def _expanded_size(root) -> int | None:
    """How many values the document holds with every alias written out, or None when that is more
    than MAX_HISTORY_NODES or a mapping or list holds itself. Each distinct node is visited once
    (sizes of shared nodes are remembered), so a bomb is measured without being expanded."""
    sizes: dict[int, int] = {}
    ancestors: set[int] = set()  # the nodes being visited: the path from the root
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        if finished:
            ancestors.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in children)
            if sizes[key] > MAX_HISTORY_NODES:
                return None
            continue
        if key in sizes:
            continue
        if key in ancestors:
            return None  # a recursive anchor: the node is inside itself
        ancestors.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    return sizes.get(id(root), 1)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------
# Reading git


@dataclass
class _Version:
    blob: str
    time: datetime


def read_history(root: Path, paths: list[str], now: datetime, folder: str | None = None) -> History:
    """History of the files at `paths` (relative to `root`), from the git repository around root.

    `folder` (relative to root) is where git looks, so that a file moved within it keeps its
    history; by default the deepest folder holding all the paths. Never raises for a missing
    repository or git: the result says so in `complete` and `reason`.
    """
    root = Path(root).resolve()
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return History(complete=False, reason="not a git repository (or git is not installed)")
    top_path = Path(top.decode().strip())
    history = History()
    if (_git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true":
        history.complete, history.reason = False, "a shallow clone: fetch the whole history (fetch-depth: 0)"
    by_top = {}
    for path in paths:
        absolute = (root / path).resolve()
        try:
            by_top[absolute.relative_to(top_path).as_posix()] = path
        except ValueError:
            continue  # outside the repository: nothing known
    if not by_top:
        return history
    if folder is not None:
        scope = (root / folder).resolve().relative_to(top_path).as_posix() if (root / folder).exists() else "."
    else:
        scope = os.path.commonpath([os.path.dirname(p) or "." for p in by_top]) or "."
    log = _git(top_path, "log", "--first-parent", "-m", "--raw", "--no-abbrev", "-M", "-z",
               "--format=%x01%H %ct", "--", scope)
    if log is None:
        history.complete, history.reason = False, "`git log` failed"
        return history
    # The newest versions of each file only: a file with thousands of versions costs no more.
    versions = {name: found[:MAX_HISTORY_VERSIONS] for name, found in _versions(log, set(by_top)).items()}
    current = {}
    for top_relative in versions:
        file = top_path / top_relative
        current[top_relative] = file.read_bytes() if file.exists() else None
    # Contents are needed only where there is something to compare: more than one version, or
    # an edit not committed yet.
    wanted = {v.blob for name, found in versions.items()
              if len(found) > 1 or _edited(current[name], found[0].blob) for v in found}
    # Only versions small enough to be content files are read: a huge one counts as a change.
    sizes = _sizes(top_path, wanted)
    contents = _contents(top_path, {blob for blob in wanted if sizes.get(blob, MAX_FILE_BYTES + 1) <= MAX_FILE_BYTES})
    for top_relative, path in by_top.items():
        found = versions.get(top_relative)
        if not found:
            continue  # untracked: `revision()` answers with the build time
        history.revisions[path] = _revision(found, contents, current[top_relative], now)
    return history


def _revision(found: list[_Version], contents: dict[str, bytes], current: bytes | None,
              now: datetime) -> Revision:
    """From the versions of one file, newest first, plus what is on disk now."""
    versions = [(version.blob, version.time) for version in found]
    if _edited(current, found[0].blob):
        versions.insert(0, (None, now))  # an edit not committed yet
    modified = significant = versions[0][1]
    newest = _raw(versions[0][0], contents, current)
    for blob, time in versions[1:]:  # walk back while time, place and status stay the same
        older = _raw(blob, contents, current)
        if newest is None or older is None or not _same_significant(newest, older):
            break  # a version that was not read (too large, missing) counts as different
        significant = time  # still the present state: it began at least this early
    return Revision(modified=modified, significant=significant, chained=_chained(versions, contents, current))


def _chained(versions: list[tuple[str | None, datetime]], contents: dict[str, bytes],
             current: bytes | None) -> int:
    """SEQUENCE from the versions (newest first): from the oldest, each significant change
    takes its own minute or one more than the change before, whichever is larger."""
    oldest_first = list(reversed(versions))
    sequence = sequence_at(oldest_first[0][1])
    previous = _raw(oldest_first[0][0], contents, current)
    for blob, time in oldest_first[1:]:
        raw = _raw(blob, contents, current)
        if raw is None or previous is None or not _same_significant(raw, previous):
            sequence = max(sequence + 1, sequence_at(time))
        previous = raw
    return sequence


def _raw(blob: str | None, contents: dict[str, bytes], current: bytes | None) -> bytes | None:
    return current if blob is None else contents.get(blob)


def _same_significant(a: bytes, b: bytes) -> bool:
    """Whether two versions of an event file have the same time, place and status."""
    quick_a, quick_b = _significant_lines(a), _significant_lines(b)
    if quick_a is None or quick_b is None:
        return fingerprint(a) == fingerprint(b)
    # Most edits leave those lines as they were; when not, only those lines are parsed (a
    # description can be long, and the YAML parser is slow), so a new layout of the same
    # values is still no change.
    return quick_a == quick_b or fingerprint(quick_a) == fingerprint(quick_b)


_TOP_KEY = re.compile(rb"^([A-Za-z_][\w-]*)\s*:")
_ANCHOR_OR_ALIAS = re.compile(rb"(?:^|[\s\[{,:-])[&*][\w-]")
_WORDS_IN_CHANGE = re.compile(rb"^(\s*(?:-\s+)?)(?:title|description)\s*:")


_TOP_LEVEL = re.compile(rb"\n(?=[^\s])")  # a line that starts in the first column


@functools.lru_cache(maxsize=1024)
def _significant_lines(raw: bytes) -> bytes | None:
    """The lines of the significant top-level keys (less a changed occurrence's title and
    description), when the file is plain block YAML: no flow mapping at the top, no anchors or
    aliases that could carry a value across keys. Else None, and the whole file is parsed."""
    if _ANCHOR_OR_ALIAS.search(raw):
        return None
    kept = []
    for chunk in _TOP_LEVEL.split(raw.replace(b"\r\n", b"\n").strip(b"\n")):
        if chunk.startswith(b"#"):
            first, _, rest = chunk.partition(b"\n")  # a comment, maybe with a key's lines after it
            if not rest.strip():
                continue
            return None
        match = _TOP_KEY.match(chunk)
        if match is None:
            return None  # not a plain top-level key: let the parser decide
        key = match.group(1).decode()
        if key == "repeat":
            kept.append(_without_words_of_changes(chunk))
        elif key in SIGNIFICANT_KEYS:
            kept.append(b"\n".join(line.rstrip() for line in chunk.split(b"\n")
                                    if line.strip() and not line.lstrip().startswith(b"#")))
    return b"\n".join(kept)


def _without_words_of_changes(chunk: bytes) -> bytes:
    """The `repeat` block without the title and description of its changed occurrences."""
    kept, skip_deeper_than = [], None
    for line in chunk.split(b"\n"):
        if not line.strip() or line.lstrip().startswith(b"#"):
            continue
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                continue  # the rest of a changed occurrence's title or description
            skip_deeper_than = None
        words = _WORDS_IN_CHANGE.match(line) if indent else None
        if words is not None:
            skip_deeper_than = len(words.group(1))  # the key's column: its value lies deeper
            if b"-" in words.group(1):  # the item goes on: keep its dash for the layout
                kept.append(words.group(1).rstrip())
            continue
        kept.append(line.rstrip())
    return b"\n".join(kept)


def _edited(current: bytes | None, blob: str) -> bool:
    """Whether the file on disk differs from its last commit (line endings aside)."""
    if current is None or _blob_id(current) == blob:
        return False
    return _blob_id(current.replace(b"\r\n", b"\n")) != blob


def _blob_id(raw: bytes) -> str:
    """The id git gives these bytes, so an uncommitted edit shows without asking git."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def _versions(log: bytes, wanted: set[str]) -> dict[str, list[_Version]]:
    """Each wanted file's versions, newest first, following renames backwards."""
    following = {path: path for path in wanted}  # name in the commit being read -> name today
    versions: dict[str, list[_Version]] = {}
    for chunk in log.split(b"\x01")[1:]:
        header, _, body = chunk.partition(b"\0")
        _, _, seconds = header.decode().strip().partition(" ")
        time = datetime.fromtimestamp(int(seconds), tz=UTC)
        tokens = body.split(b"\0")
        index = 0
        while index < len(tokens):
            meta = tokens[index].strip()
            index += 1
            if not meta.startswith(b":"):
                continue
            fields = meta.decode().split()
            blob, status = fields[3], fields[4]
            if status[0] in "RC":
                old, new = tokens[index].decode(), tokens[index + 1].decode()
                index += 2
            else:
                old = new = tokens[index].decode()
                index += 1
            today = following.get(new)
            if today is None or status[0] == "D":
                continue
            found = versions.setdefault(today, [])
            if not found or found[-1].blob != blob:
                found.append(_Version(blob, time))
            else:
                found[-1].time = time  # the same content was already there: it is older
            del following[new]
            if status[0] in "RM" or status[0] == "T":
                following[old] = today
    return versions


def _sizes(top: Path, blobs: set[str]) -> dict[str, int]:
    """The size of each blob, without reading it (`git cat-file --batch-check`)."""
    if not blobs:
        return {}
    output = _git(top, "cat-file", "--batch-check", stdin="".join(f"{blob}\n" for blob in sorted(blobs)).encode())
    found = {}
    for line in (output or b"").decode().splitlines():
        name, kind, *size = line.split()
        if kind == "blob" and size and size[0].isdigit():
            found[name] = int(size[0])
    return found


def _contents(top: Path, blobs: set[str]) -> dict[str, bytes]:
    if not blobs:
        return {}
    ordered = sorted(blobs)
    request = "".join(f"{blob}\n" for blob in ordered).encode()
    output = _git(top, "cat-file", "--batch", stdin=request)
    if output is None:
        return {}
    found, offset = {}, 0
    for blob in ordered:
        end = output.index(b"\n", offset)
        header = output[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = output[offset:offset + size]
        offset += size + 1
    return found


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except (OSError, ValueError):
        return None
    return done.stdout if done.returncode == 0 else None
