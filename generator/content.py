"""Load a whole content folder: patterns, groups and events, and every problem among them.

This is what `handbook check` and the MkDocs plugins share, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path

from .events import load_events
from .formats import relative
from .glossary import FOLDER as GLOSSARY_FOLDER
from .glossary import check_snippet_lines, load_glossary
from .groups import load_groups
from .model import Content
from .paths import FOLDER as PATHS_FOLDER
from .paths import load_paths
from .patterns import load_patterns
from .problems import Problem, Reporter


def load_content(content_dir: Path, base: Path) -> Content:
    """`content_dir` is the docs folder; problem paths are relative to `base` (the project root)."""
    patterns, pattern_problems = load_patterns(content_dir, base)
    groups, group_problems = load_groups(content_dir, base)
    events, event_problems = load_events(content_dir, base, groups, set(patterns))
    paths, path_problems = load_paths(content_dir, base, patterns)
    glossary, glossary_problems = load_glossary(content_dir, base)
    page_problems = check_pages(content_dir, base) + check_snippet_lines(content_dir, base)
    problems = sorted(pattern_problems + group_problems + event_problems + path_problems + glossary_problems
                      + page_problems)
    return Content(patterns=patterns, groups=groups, events=events, paths=paths, glossary=glossary,
                   problems=problems)


def check_pages(content_dir: Path, base: Path) -> list[Problem]:
    """The ordinary Markdown pages (patterns, paths and the glossary are checked with their formats):
    each must be a file MkDocs can read as text, or the build would stop at it."""
    problems: list[Problem] = []
    with_formats = (content_dir / "patterns", content_dir / PATHS_FOLDER, content_dir / GLOSSARY_FOLDER)
    for path in sorted(content_dir.rglob("*.md")):
        relative_parts = path.relative_to(content_dir).parts
        if path.parent in with_formats or any(part.startswith(".") for part in relative_parts) or path.is_dir():
            continue
        report = Reporter(relative(path, base), problems)
        if not path.is_file():  # a broken link, or a pipe that would never finish reading
            report.error(1, "this is not a regular file", "replace it with a Markdown file")
            continue
        try:
            raw = path.read_bytes()
        except OSError as err:
            report.error(1, f"cannot read the file: {err.strerror or err}")
            continue
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            report.error(raw[: err.start].count(b"\n") + 1, "file is not valid UTF-8 text", "save it as UTF-8")
    return problems
