"""Patterns: load the Markdown files, check them against the template, and link them up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .model import SCALES, Pattern
from .problems import Problem, Reporter
from .textcheck import close_match_hint

REQUIRED_FIELDS = ("title", "summary", "scale")
OPTIONAL_FIELDS = ("tags", "related")
# Page options that MkDocs and Material read from front matter; editors may use them on a pattern.
PAGE_OPTIONS = ("hide", "search", "status")
REQUIRED_HEADINGS = ("Problem", "Solution")
SECTIONS = ("Context", "Problem", "Solution", "Try it")

# Generated pages live beside the patterns: a pattern may not take their names.
RESERVED_SLUGS = ("index", "tags", "map")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def load_patterns(content_dir: Path, base: Path) -> tuple[dict[str, Pattern], list[Problem]]:
    """Read every `patterns/*.md`; return the valid patterns and the problems of all of them.

    Related slugs are checked after all files are read, so a typo in one pattern never hides the
    others. A pattern whose only problem is a broken link is still returned, so the site can show
    it while the build reports the link.
    """
    folder = content_dir / "patterns"
    problems: list[Problem] = []
    patterns: dict[str, Pattern] = {}
    related_lines: dict[str, dict[str, int]] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        report = Reporter(_display(path, base), problems)
        if path.stem in RESERVED_SLUGS:
            report.error(1, f"`{path.stem}` is the name of a generated page; rename this file")
            continue
        if not SLUG.match(path.stem):
            report.error(1, f"file name `{path.name}` is not a slug",
                         "use lowercase letters, digits and hyphens, like `escalate-the-bandwidth.md`")
            continue
        loaded = parse_pattern(path.stem, path.read_bytes(), report)
        if loaded:
            pattern, lines = loaded
            patterns[pattern.slug] = pattern
            related_lines[pattern.slug] = lines
    for slug, pattern in patterns.items():
        report = Reporter(pattern.path, problems)
        for target in pattern.related:
            if target not in patterns:
                report.error(related_lines[slug][target], f"related pattern `{target}` does not exist",
                             close_match_hint(target, patterns))
    return patterns, problems


def parse_pattern(slug: str, raw: bytes, report: Reporter) -> tuple[Pattern, dict[str, int]] | None:
    """Parse one pattern file; report every problem; return the pattern and its related slugs' lines."""
    before = len(report.problems)
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text, report)
    if front is None:
        return None
    meta = yamlfile.load(front, report, first_line=2)
    if meta is None:
        return None
    if not hasattr(meta, "items"):
        report.error(2, "front matter must be a mapping of fields like `title: ...`")
        return None

    def line(key: str) -> int:
        return yamlfile.line_of_key(meta, key, offset=1)

    for key in meta:
        if key not in REQUIRED_FIELDS + OPTIONAL_FIELDS + PAGE_OPTIONS:
            report.error(line(key), f"unknown field `{key}`",
                         close_match_hint(str(key), REQUIRED_FIELDS + OPTIONAL_FIELDS))
    for key in REQUIRED_FIELDS:
        if key not in meta:
            report.error(1, f"missing required field `{key}`")
        elif not isinstance(meta[key], str) or not meta[key].strip():
            report.error(line(key), f"`{key}` must be text")
    scale = meta.get("scale")
    if isinstance(scale, str) and scale.strip() and scale not in SCALES:
        report.error(line("scale"), f"unknown scale `{scale}`",
                     close_match_hint(scale, SCALES) or f"use one of {', '.join(SCALES)}")
    tags = _slug_list(meta, "tags", TAG, report, line)
    related = _slug_list(meta, "related", SLUG, report, line)
    if slug in related:
        report.error(line("related"), "a pattern cannot be related to itself")
    related_lines = {
        target: yamlfile.line_of_item(meta["related"], i, offset=1) if not isinstance(meta["related"], str)
        else line("related")
        for i, target in enumerate(related)
    }
    _check_headings(body, body_line, report)
    if len(report.problems) > before:
        return None
    pattern = Pattern(slug=slug, path=report.path, title=meta["title"].strip(),
                      summary=" ".join(meta["summary"].split()), scale=scale,
                      tags=tuple(tags), related=tuple(related), body=body)
    return pattern, related_lines


def split_front_matter(text: str, report: Reporter) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body; return (front, body, first line of body)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.error(1, "missing front matter", "start the file with a `---` line, then title, summary and scale")
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 2
    report.error(1, "front matter is not closed", "add a `---` line after the last field")
    return None, text, 1


def _slug_list(meta, key: str, pattern: re.Pattern, report: Reporter, line) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        report.error(line(key), f"`{key}` must be a list, like `{key}: [one, two]`")
        return []
    result: list[str] = []
    for index, item in enumerate(value):
        item_line = yamlfile.line_of_item(value, index, offset=1) if hasattr(value, "lc") else line(key)
        if not isinstance(item, str) or not pattern.match(item):
            report.error(item_line, f"`{item}` in `{key}` is not a slug",
                         "use lowercase letters, digits and hyphens, like `mutual-aid`")
        elif item in result:
            report.error(item_line, f"`{item}` appears twice in `{key}`")
        else:
            result.append(item)
    return result


def _check_headings(body: str, first_line: int, report: Reporter) -> None:
    found: dict[str, int] = {}
    in_fence = False
    for offset, text in enumerate(body.split("\n")):
        if _FENCE.match(text):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(text)
        if match:
            name = match.group(1).strip()
            if name in found:
                report.error(first_line + offset, f"heading `## {name}` appears twice")
            found.setdefault(name, first_line + offset)
    for name in REQUIRED_HEADINGS:
        if name not in found:
            near = close_match_hint(name, [h for h in found if h not in SECTIONS], quote="## ")
            report.error(first_line, f"missing required heading `## {name}`", near)


def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class PatternGraph:
    """The links between patterns: what each relates to, and what refers back to it."""

    patterns: dict[str, Pattern]
    referenced_by: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, patterns: dict[str, Pattern]) -> "PatternGraph":
        back: dict[str, list[str]] = {slug: [] for slug in patterns}
        for slug, pattern in patterns.items():
            for target in pattern.related:
                if target in back:
                    back[target].append(slug)
        ordered = {slug: tuple(sorted(refs, key=lambda s: patterns[s].title.lower())) for slug, refs in back.items()}
        return cls(patterns, ordered)

    def related(self, slug: str) -> list[Pattern]:
        return [self.patterns[s] for s in self.patterns[slug].related if s in self.patterns]

    def referencing(self, slug: str) -> list[Pattern]:
        return [self.patterns[s] for s in self.referenced_by.get(slug, ())]

    def by_scale(self) -> list[tuple[str, list[Pattern]]]:
        """Every scale from self to network, with its patterns sorted by title."""
        return [(scale, sorted((p for p in self.patterns.values() if p.scale == scale),
                               key=lambda p: p.title.lower())) for scale in SCALES]

    def by_tag(self) -> dict[str, list[Pattern]]:
        tags: dict[str, list[Pattern]] = {}
        for pattern in sorted(self.patterns.values(), key=lambda p: p.title.lower()):
            for tag in pattern.tags:
                tags.setdefault(tag, []).append(pattern)
        return dict(sorted(tags.items()))
