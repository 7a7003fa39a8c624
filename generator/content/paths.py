"""Paths: short sequences of patterns with what to do at each step, in the manner of Liberating
Structures' strings ("start a crew", "host a first dinner"). One Markdown file each, in
`content/paths/<slug>.md`: the steps in its front matter (format `formats.PATH`), an optional
introduction as its body. A step names a pattern; a pattern that does not exist is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Pattern
from ..core.problems import Problem, Reporter, problem_path
from ..core.urls import is_reserved
from . import formats, front_matter, markdown_cost, yamlfile
from .files import PATH as PATH_FILE
from .files import PATHS_FOLDER, ContentFiles
from .markup import check_markup
from .patterns import split_front_matter

FOLDER = PATHS_FOLDER


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


def load_path_files(files: ContentFiles, base: Path, patterns: Mapping[str, Pattern]
                    ) -> tuple[dict[str, PatternPath], list[Problem], dict[str, frozenset[str] | None]]:
    """Every `paths/*.md` of the content walk: the valid paths, the problems of all of them, and
    the front matter keys MkDocs will read from each file (None when they are refused)."""
    problems: list[Problem] = []
    paths: dict[str, PatternPath] = {}
    keys: dict[str, frozenset[str] | None] = {}
    for file in files.of_kind(PATH_FILE):
        keys[file.src_uri] = None
        report = Reporter(problem_path(file.path, base), problems)
        if is_reserved("path", file.path.stem):
            report.error(1, f"`{file.path.stem}` is the name of a generated page; rename this file")
            continue
        if not formats.check_slug(file.path, report) or file.raw is None:
            continue
        loaded = parse_path(file.path.stem, file.raw, report, patterns, files, base)
        if loaded is not None:
            path, seen = loaded
            paths[path.slug] = path
            keys[file.src_uri] = seen
    return paths, problems, keys


def parse_path(slug: str, raw: bytes, report: Reporter, patterns: Mapping[str, Pattern],
               files: ContentFiles, base: Path) -> tuple[PatternPath, frozenset[str]] | None:
    """One path file: its front matter (split as MkDocs splits it) checked against
    `formats.PATH`, each step's pattern found, its introduction checked like any page's."""
    before = len(report.problems)
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    front, body, body_line = split_front_matter(front_matter.as_mkdocs_reads(text), report)
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
                _check_pattern(step, report, patterns, files, base)
    before_markup = len(report.problems)
    markdown_cost.report(body, report, body_line)
    if len(report.problems) == before_markup:  # rendering costly Markdown to check it would hang
        check_markup(body, body_line, report)
    if not shape_is_right or len(report.problems) > before:
        return None
    path = PatternPath(
        slug=slug, path=report.path, title=meta["title"].strip(), summary=" ".join(meta["summary"].split()),
        steps=tuple(Step(pattern=s["pattern"], do=" ".join(s["do"].split()), when=" ".join(s.get("when", "").split()))
                    for s in steps),
        body=body)
    return path, frozenset(key for key in meta if isinstance(key, str))


def _check_pattern(step, report: Reporter, patterns: Mapping[str, Pattern], files: ContentFiles, base: Path) -> None:
    slug = step["pattern"]
    if slug in patterns:
        return
    line = yamlfile.line_of_key(step, "pattern")
    pattern_file = f"patterns/{slug}.md"
    if files.has(pattern_file):  # it exists, but did not load: say where to look
        report.error(line, f"pattern `{slug}` has problems", f"fix {problem_path(files.folder / pattern_file, base)} first")
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
