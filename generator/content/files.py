"""What may be in the content folder: one rule, applied by `handbook check` and the build alike.

The content folder is the docs folder MkDocs publishes: every file in it would be copied to the
site as it is. Anyone may send a pull request, so the folder is walked once, here, and each entry
is either accepted as one of the kinds the site knows or refused with a `path:1: message`:

* patterns (`patterns/<slug>.md`), paths (`paths/<slug>.md`), the glossary
  (`glossary/terms.md`), ordinary pages (`*.md` elsewhere), groups
  (`groups/<slug>.yml`), events (`events/**/<slug>.yml`), the committed JSON Schemas
  (`schemas/<kind>.schema.json`) and media of the types in `MEDIA_TYPES` (checked by their first bytes,
  so an HTML file renamed `.png` is refused);
* no symbolic links at all: a link can reach outside the folder (the repository's git config, where
  a CI checkout keeps its token, `/etc/passwd`, `/dev/zero`, a folder that loops), a link that
  stays inside has no use a copy does not serve, and checking where each one leads would be a rule
  of its own to get wrong (and a checkout on Windows turns links into small text files anyway);
* no pipes, sockets or devices; no names longer than `MAX_NAME_BYTES`; no folders deeper than
  `MAX_DEPTH`; the walk stops after `MAX_ENTRIES` entries and never follows a link, so a hostile
  tree costs a bounded time;
* nothing where the build writes (`BUILD_OWNED`) or that would replace a generated page;
* no other file types: `.html`, `.js`, `.ics`, `.MD`, `.yml~`, `.markdown`, ... are refused
  rather than skipped, because MkDocs would publish them as they are.

Text files are read here, once, and handed to the loaders of their kind. Entries whose name starts
with a dot are left alone (MkDocs leaves them out of the site), except links and special files,
which MkDocs' own walk of the folder would follow or trip on.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..core.problems import Problem, problem_path
from .schemas import FOLDER as SCHEMAS_FOLDER
from .schemas import FORMATS as SCHEMA_FORMATS
from .schemas import file_name as schema_file_name
from .yamlfile import too_large

# File-system limits, with their reasons.
# A name (file or folder) in bytes of UTF-8. Most file systems allow 255 bytes and encrypted home
# folders (eCryptfs) 143; the build adds to some names (`<slug>.ics`, `<slug>.md` of a generated
# page), and an address of a hundred characters is already more than anyone types.
MAX_NAME_BYTES = 100
# Folders below the content folder: the site needs two (`events/<city>/`); with names of at most
# 100 bytes, paths stay far below every system's limit whatever the site folder is called.
MAX_DEPTH = 8
# Files and folders walked: twenty times the largest handbook the benchmarks build (5,000 events).
MAX_ENTRIES = 100_000
# An image or document: larger than a phone should load for one page, and than the code host likes.
MAX_MEDIA_BYTES = 10 * 1024 * 1024

# The kinds of file the site is made from.
PATTERN, PAGE, GROUP, EVENT, MEDIA, SCHEMA = "pattern", "page", "group", "event", "media", "schema"
PATH, GLOSSARY = "path", "glossary"
# The glossary is appended to every page for its tooltips; it is not a page of its own.
PUBLISHED_KINDS = (PATTERN, PATH, PAGE, MEDIA, SCHEMA)  # copied or rendered by MkDocs; the rest is data
PATHS_FOLDER = "paths"  # `paths/<slug>.md`, sequences of patterns
GLOSSARY_FOLDER = "glossary"
GLOSSARY_SOURCE = f"{GLOSSARY_FOLDER}/terms.md"  # the only file there; the build writes the page

# Images and documents a page may show or link to, each with the bytes it starts with. SVG is not
# among them: it can carry script, and a reader's browser runs it when the file is opened.
MEDIA_TYPES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at offset 8, checked below
    ".pdf": (b"%PDF-",),
}
# What MkDocs also reads as Markdown pages, and editors sometimes use: they must be `.md` here,
# the one extension the check reads.
MARKDOWN_LOOKALIKES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".text", ".txt")

# Names at the top of the content folder that belong to the build: a file there would take the
# address of a generated page or feed, or replace one of the theme's files.
BUILD_OWNED = {
    "assets": "the theme's scripts, styles and images are published there",
    "feeds": "the build writes the calendar feeds there",
    "search": "the search index is published there",
    "subscribe": "the build writes the subscribe pages there",  # subscribe.PAGE and its pattern pages
    "templates": "MkDocs leaves this folder out of the site",
}
# Folders of data the build makes pages from: a page of the same name at the top would take
# the address of their index page (`events.md` is /events/, the agenda).
DATA_FOLDERS = ("patterns", PATHS_FOLDER, GLOSSARY_FOLDER, "groups", "events", SCHEMAS_FOLDER)

_ALLOWED = "Markdown pages (.md) and images or documents (" + ", ".join(MEDIA_TYPES) + ")"


@dataclass(frozen=True)
class ContentFile:
    src_uri: str  # inside the content folder, with forward slashes: "patterns/crew.md"
    path: Path
    kind: str
    raw: bytes | None = None  # a text file's bytes, read once; None for media and schemas


@dataclass
class ContentFiles:
    """The accepted files of a content folder, and a problem for each refused entry."""

    folder: Path
    files: list[ContentFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Refused entries that MkDocs' own walk of the folder would follow (links to folders) or that
    # make the tree too big to walk: a build must stop before MkDocs looks at the folder.
    walk_hazards: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ContentFile]:
        return [f for f in self.files if f.kind == kind]

    def problems_in(self, top: str, base: Path) -> list[Problem]:
        """The refusals inside one folder (`groups`), for a loader called on its own."""
        prefix = problem_path(self.folder / top, base) + "/"
        return [problem for problem in self.problems if problem.path.startswith(prefix)]

    def has(self, src_uri: str) -> bool:
        return any(f.src_uri == src_uri for f in self.files)

    @property
    def published(self) -> frozenset[str]:
        """The files MkDocs may publish; every other file of the folder must be left out."""
        return frozenset(f.src_uri for f in self.files if f.kind in PUBLISHED_KINDS)


def scan(content_dir: Path, base: Path) -> ContentFiles:
    """Walk `content_dir` once, without following links; accept or refuse every entry."""
    found = ContentFiles(content_dir)
    if os.path.islink(content_dir):
        _hazard(found, content_dir, base, "the content folder is a symbolic link",
                "make it a real folder; a link can lead anywhere on the machine that builds the site")
        return found
    if not content_dir.is_dir():
        return found
    walker = _Walker(content_dir, base, found)
    walker.walk()
    found.files.sort(key=lambda f: f.src_uri)
    found.problems.sort()
    return found


def _hazard(found: ContentFiles, path: Path, base: Path, message: str, hint: str) -> None:
    problem = Problem(problem_path(path, base), 1, message, hint)
    found.problems.append(problem)
    found.walk_hazards.append(problem)


class _Walker:
    def __init__(self, root: Path, base: Path, found: ContentFiles):
        self.root, self.base, self.found = root, base, found
        self.entries = 0

    def refuse(self, path: Path, message: str, hint: str = "") -> None:
        self.found.problems.append(Problem(problem_path(path, self.base), 1, message, hint))

    def walk(self) -> None:
        # (folder, its parts below the root, whether it is refused): a refused folder is still
        # walked for links and special files, which MkDocs' own walk would meet.
        stack: list[tuple[Path, tuple[str, ...], bool]] = [(self.root, (), False)]
        while stack:
            folder, parts, refused = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as err:
                self.refuse(folder, f"cannot read the folder: {err.strerror or err}")
                continue
            for entry in reversed(entries):  # popped from the stack in order
                self.entries += 1
                if self.entries > MAX_ENTRIES:
                    _hazard(self.found, self.root, self.base,
                            f"the content folder holds more than {MAX_ENTRIES:,} files and folders",
                            "the walk stopped there; remove what does not belong to the site")
                    return
                child = self.entry(Path(entry.path), parts + (entry.name,), entry, refused)
                if child is not None:
                    stack.append(child)

    def entry(self, path: Path, parts: tuple[str, ...], entry: os.DirEntry, refused: bool):
        """Accept or refuse one entry; return (folder, parts, refused) when the walk goes into it."""
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError as err:
            self.refuse(path, f"cannot read the file: {err.strerror or err}")
            return None
        mode = status.st_mode
        if stat.S_ISLNK(mode):
            message = "this is a symbolic link; content files must be real files"
            hint = "replace the link with a copy of the file; a link can lead outside content/"
            if _leads_to_folder(path):
                _hazard(self.found, path, self.base, message, hint)
            else:
                self.refuse(path, message, hint)
            return None
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            self.refuse(path, "this is not a regular file (a pipe, socket or device)",
                        "replace it with a file; reading it could block or never end")
            return None
        if stat.S_ISDIR(mode) and len(parts) > MAX_DEPTH:
            _hazard(self.found, path, self.base, f"folders nest more than {MAX_DEPTH} deep here",
                    "content needs two levels at most")
            return None
        hidden = any(part.startswith(".") for part in parts)
        if refused or hidden:
            return (path, parts, True) if stat.S_ISDIR(mode) else None
        size = len(parts[-1].encode("utf-8", "surrogateescape"))
        if size > MAX_NAME_BYTES:
            length = f"{size} characters long" if size == len(parts[-1]) else f"{size} bytes long in UTF-8"
            self.refuse(path, f"the name is {length}; names in content/ may have at most {MAX_NAME_BYTES}",
                        "shorten it: it becomes the page's address, and the build adds to it")
            return (path, parts, True) if stat.S_ISDIR(mode) else None
        if stat.S_ISDIR(mode):
            return path, parts, not self.folder_allowed(path, parts)
        self.file(path, parts, status.st_size)
        return None

    def folder_allowed(self, path: Path, parts: tuple[str, ...]) -> bool:
        if len(parts) == 1 and parts[0] in BUILD_OWNED:
            self.refuse(path, f"`{parts[0]}/` belongs to the build: {BUILD_OWNED[parts[0]]}",
                        "nothing in content/ may be there")
            return False
        if len(parts) == 2 and parts[0] in ("patterns", PATHS_FOLDER, GLOSSARY_FOLDER):
            self.refuse(path, f"this is a folder, not a {parts[0].rstrip('s')} file",
                        f"`{parts[0]}/` takes no subfolders; rename or move it")
            return False
        return True

    def file(self, path: Path, parts: tuple[str, ...], size: int) -> None:
        name, top = parts[-1], parts[0]
        suffix = _suffix(name)
        if len(parts) == 1 and suffix and _stem(name) in (*BUILD_OWNED, *DATA_FOLDERS):
            self.refuse(path, f"`{name}` would take the address /{_stem(name)}/, which the build makes",
                        "choose another name")
        elif top == "events" and len(parts) > 1:
            self.data_file(path, parts, EVENT, size)
        elif top == "groups" and len(parts) > 1:
            self.data_file(path, parts, GROUP, size)
        elif top == SCHEMAS_FOLDER and len(parts) > 1:
            committed = sorted(schema_file_name(kind) for kind in SCHEMA_FORMATS)
            if name in committed:
                self.accept(path, parts, SCHEMA)
            else:
                self.refuse(path, f"`{SCHEMAS_FOLDER}/` holds the formats' schemas only",
                            "the build writes " + ", ".join(committed) + " there")
        elif top == GLOSSARY_FOLDER and len(parts) > 1:
            if "/".join(parts) == GLOSSARY_SOURCE:
                self.accept(path, parts, GLOSSARY, size)
            else:
                self.refuse(path, f"`{GLOSSARY_FOLDER}/` holds the glossary only, `{GLOSSARY_SOURCE}`",
                            "the build writes the Glossary page there; add terms to the glossary file")
        elif suffix == ".md":
            kind = {"patterns": PATTERN, PATHS_FOLDER: PATH}.get(top, PAGE) if len(parts) > 1 else PAGE
            self.accept(path, parts, kind, size)
        elif suffix in MEDIA_TYPES:
            self.media(path, parts, size)
        else:
            self.refuse(path, *_unknown(name, suffix))

    def data_file(self, path: Path, parts: tuple[str, ...], kind: str, size: int) -> None:
        folder, name = parts[0], parts[-1]
        suffix = _suffix(name)
        if suffix == ".yaml":
            self.refuse(path, "the file name ends in `.yaml`", f"rename it to `{_stem(name)}.yml`")
        elif suffix != ".yml":
            if suffix.lower() == ".yml":
                hint = f"rename it to `{_stem(name)}.yml`: the extension is lowercase"
            elif ".yml" in name.lower():  # a backup or an editor's copy: x.yml~, x.yml.txt, x.yml.bak
                hint = f"rename it to `{name[:name.lower().index('.yml')]}.yml`, or remove it if it is a copy"
            else:
                hint = "the build makes the pages here from the `.yml` files; put other files elsewhere"
            self.refuse(path, f"`{folder}/` holds {kind} files (`.yml`) only", hint)
        elif len(parts) > 2 and kind == GROUP:
            self.refuse(path, f"`{folder}/` takes no subfolders",
                        f"move the file to `{problem_path(self.root / folder / name, self.base)}`")
        else:
            self.accept(path, parts, kind, size)

    def media(self, path: Path, parts: tuple[str, ...], size: int) -> None:
        suffix = _suffix(parts[-1])
        kind = suffix[1:].upper()
        if size > MAX_MEDIA_BYTES:
            self.refuse(path, f"file is {size // (1024 * 1024)} MB; images and documents must be under "
                              f"{MAX_MEDIA_BYTES // (1024 * 1024)} MB", "make it smaller")
            return
        try:
            with open(path, "rb") as handle:
                head = handle.read(16)
        except OSError as err:
            self.refuse(path, f"cannot read the file: {err.strerror or err}")
            return
        if not _looks_like(suffix, head):
            self.refuse(path, f"this is not a {kind} file, whatever its name says",
                        f"save it as {kind}, or give it the extension of what it is")
            return
        self.accept(path, parts, MEDIA)

    def accept(self, path: Path, parts: tuple[str, ...], kind: str, size: int | None = None) -> None:
        """Accept a file; a text file (given its `size`) is read now, once, for its loader."""
        raw = None
        if size is not None:
            message = too_large(size)
            if message:
                self.refuse(path, message)
                return
            try:
                raw = path.read_bytes()
            except OSError as err:
                self.refuse(path, f"cannot read the file: {err.strerror or err}")
                return
        self.found.files.append(ContentFile("/".join(parts), path, kind, raw))


def _leads_to_folder(path: Path) -> bool:
    """Whether MkDocs' walk (which follows links) would go into this link; a link that loops or
    leads nowhere is not a folder to it."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _suffix(name: str) -> str:
    """The extension as the site reads it: after the last dot, case kept (`x.yml.txt` is `.txt`)."""
    stem, dot, extension = name.rpartition(".")
    return f".{extension}" if dot and stem else ""


def _stem(name: str) -> str:
    suffix = _suffix(name)
    return name[: -len(suffix)] if suffix else name


def _looks_like(suffix: str, head: bytes) -> bool:
    if not any(head.startswith(magic) for magic in MEDIA_TYPES[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"


def _unknown(name: str, suffix: str) -> tuple[str, str]:
    """(message, hint) for a file of a type the site does not publish."""
    lower = suffix.lower()
    if lower in (".md", ".yml") and suffix != lower:
        return f"`{suffix}` is not `{lower}`", f"rename it to `{_stem(name)}{lower}`: the extension is lowercase"
    if lower in MARKDOWN_LOOKALIKES:
        return f"`{suffix}` files are not read as pages", f"rename it to `{_stem(name)}.md`"
    if lower == ".yaml" or lower == ".yml":
        return "YAML files belong in `groups/` or `events/`", "move it there, or remove it"
    if lower in MEDIA_TYPES and suffix != lower:
        return f"`{suffix}` is not `{lower}`", f"rename it to `{_stem(name)}{lower}`"
    what = f"`{suffix}` files" if suffix else "files without an extension"
    return f"{what} are not published from content/", f"the site takes {_ALLOWED}"

