"""Paths: short sequences of patterns with what to do at each step, in the manner of Liberating
Structures' strings ("start a crew", "host a first dinner"). One Markdown file each, in
`content/paths/<slug>.md`: the steps in its front matter (format `formats.PATH`), an optional
introduction as its body. A step names a pattern; a pattern that does not exist is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import formats, yamlfile
from .model import Pattern
from .patterns import split_front_matter
from .problems import Problem, Reporter

FOLDER = "paths"
# The list of paths is generated at `paths/index.md`: no path may take that name.
RESERVED_SLUGS = ("index",)


@dataclass(frozen=True)
class Step:
    pattern: str  # a pattern's slug
    do: str
    when: str = ""


@dataclass(frozen=True)
class PatternPath:
    slug: str
    path: str  # source file, relative to the project root
    title: str
    summary: str
    steps: tuple[Step, ...]
    body: str = ""  # the Markdown after the front matter: an introduction


def load_paths(content_dir: Path, base: Path, patterns: Mapping[str, Pattern]) -> tuple[dict[str, PatternPath], list[Problem]]:
    """Read every `paths/*.md`; return the valid paths and the problems of all of them."""
    folder = content_dir / FOLDER
    problems: list[Problem] = []
    paths: dict[str, PatternPath] = {}
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        report = Reporter(formats.relative(file, base), problems)
        if file.stem in RESERVED_SLUGS:
            report.error(1, f"`{file.stem}` is the name of a generated page; rename this file")
            continue
        if not formats.check_slug(file, report):
            continue
        if not file.is_file():  # a folder, a broken link or a pipe
            report.error(1, "this is not a regular file", "`paths/` takes Markdown files only")
            continue
        try:
            raw = file.read_bytes()
        except OSError as err:
            report.error(1, f"cannot read the file: {err.strerror or err}")
            continue
        path = parse_path(file.stem, raw, report, patterns, content_dir, base)
        if path is not None:
            paths[path.slug] = path
    return paths, problems


def parse_path(slug: str, raw: bytes, report: Reporter, patterns: Mapping[str, Pattern],
               content_dir: Path, base: Path) -> PatternPath | None:
    """One path file: its front matter checked against `formats.PATH`, each step's pattern found."""
    before = len(report.problems)
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    front, body, _ = split_front_matter(text, report)
    if front is None:
        return None
    meta = yamlfile.load("\n" + front, report)  # the blank line keeps YAML's lines the file's
    if len(report.problems) > before:
        return None
    if meta is None:
        report.error(1, "the front matter is empty", "it needs `title`, `summary` and `steps`")
        return None
    shape_is_right = formats.check(meta, formats.PATH, report)
    steps = meta.get("steps") if isinstance(meta, dict) else None
    if isinstance(steps, list):
        if not steps:
            report.error(yamlfile.line_of_key(meta, "steps"), "a path needs at least one step",
                         "each step is `- pattern: SLUG` with a `do:` line below it")
        for step in steps:  # even when another field is wrong, so that every problem is seen at once
            if isinstance(step, dict) and formats.SLUG_RE.match(str(step.get("pattern", ""))):
                _check_pattern(step, report, patterns, content_dir, base)
    if not shape_is_right or len(report.problems) > before:
        return None
    return PatternPath(
        slug=slug, path=report.path, title=meta["title"].strip(), summary=" ".join(meta["summary"].split()),
        steps=tuple(Step(pattern=s["pattern"], do=" ".join(s["do"].split()), when=" ".join(s.get("when", "").split()))
                    for s in steps),
        body=body)


def _check_pattern(step, report: Reporter, patterns: Mapping[str, Pattern], content_dir: Path, base: Path) -> None:
    slug = step["pattern"]
    if slug in patterns:
        return
    line = yamlfile.line_of_key(step, "pattern")
    pattern_file = content_dir / "patterns" / f"{slug}.md"
    if pattern_file.is_file():  # it exists, but did not load: say where to look
        report.error(line, f"pattern `{slug}` has problems", f"fix {formats.relative(pattern_file, base)} first")
    else:
        report.error(line, f"pattern `{slug}` does not exist", formats.did_you_mean(slug, patterns))


def paths_through(paths: Mapping[str, PatternPath], slug: str) -> list[tuple[PatternPath, list[int]]]:
    """The paths that use a pattern, by title, each with the (1-based) numbers of its steps there."""
    found = []
    for path in sorted(paths.values(), key=lambda p: p.title.lower()):
        numbers = [number for number, step in enumerate(path.steps, start=1) if step.pattern == slug]
        if numbers:
            found.append((path, numbers))
    return found
