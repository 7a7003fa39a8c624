"""Load a whole content folder: patterns, groups and events, and every problem among them.

This is what `handbook check` and the MkDocs plugins share, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path

from .events import load_events
from .groups import load_groups
from .model import Content
from .patterns import load_patterns


def load_content(content_dir: Path, base: Path) -> Content:
    """`content_dir` is the docs folder; problem paths are relative to `base` (the project root)."""
    patterns, pattern_problems = load_patterns(content_dir, base)
    groups, group_problems = load_groups(content_dir, base)
    events, event_problems = load_events(content_dir, base, groups, set(patterns))
    problems = sorted(pattern_problems + group_problems + event_problems)
    return Content(patterns=patterns, groups=groups, events=events, problems=problems)
