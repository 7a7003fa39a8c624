"""Load a whole content folder: patterns, paths, groups, events, the glossary and pages, and every
problem among them.

This is what `handbook check` and the MkDocs plugins share, so the two never disagree: the folder
is walked once (`content.files`), each file read once, and every loader takes its files from
that walk.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Content
from .events import load_events
from .files import scan
from .glossary import check_snippet_lines, load_glossary
from .groups import load_groups
from .imported import Settings as CalendarSettings
from .imported import import_calendars
from .pages import load_pages
from .paths import load_path_files
from .patterns import load_pattern_files


def load_content(content_dir: Path, base: Path, calendars: CalendarSettings | None = None) -> Content:
    """`content_dir` is the docs folder; problem paths are relative to `base` (the project root).
    With `calendars`, the groups' calendar feeds are imported as their events (`imported`)."""
    files = scan(content_dir, base)
    patterns, pattern_problems, pattern_keys = load_pattern_files(files, base)
    groups, group_problems = load_groups(content_dir, base, files)
    events, event_problems = load_events(content_dir, base, groups, set(patterns), files)
    paths, path_problems, path_keys = load_path_files(files, base, patterns)
    glossary, glossary_problems = load_glossary(files, base)
    page_keys, page_problems = load_pages(files, base)
    warnings = []
    if calendars is not None:
        imported = import_calendars(groups, set(patterns), calendars, taken=set(events))
        events = {**events, **imported.events}
        event_problems = event_problems + imported.problems
        warnings = sorted(imported.warnings)
    problems = sorted(files.problems + pattern_problems + group_problems + event_problems + path_problems
                      + glossary_problems + page_problems + check_snippet_lines(files, base))
    return Content(patterns=patterns, groups=groups, events=events, paths=paths, glossary=glossary,
                   problems=problems, warnings=warnings, front_matter={**pattern_keys, **path_keys, **page_keys},
                   published=files.published, walk_hazards=list(files.walk_hazards))
