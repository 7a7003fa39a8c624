"""Patterns: load the Markdown files, check them against the template, and link them up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import formats, yamlfile
from .model import SCALES, Pattern
from .problems import Problem, Reporter

REQUIRED_HEADINGS = ("Problem", "Solution")
SECTIONS = ("Context", "Problem", "Solution", "Try it")

# Generated pages live beside the patterns: a pattern may not take their names.
RESERVED_SLUGS = ("index", "tags", "map", "cards")

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
        report = Reporter(formats.relative(path, base), problems)
        if path.stem in RESERVED_SLUGS:
            report.error(1, f"`{path.stem}` is the name of a generated page; rename this file")
            continue
        if not formats.check_slug(path, report):
            continue
        raw = _read(path, report)
        if raw is None:
            continue
        loaded = parse_pattern(path.stem, raw, report)
        if loaded:
            pattern, lines = loaded
            patterns[pattern.slug] = pattern
            related_lines[pattern.slug] = lines
    for slug, pattern in patterns.items():
        report = Reporter(pattern.path, problems)
        for target in pattern.related:
            if target in patterns:
                continue
            target_file = folder / f"{target}.md"
            if target_file.is_file():  # it exists, but is not loaded: say where to look
                report.error(related_lines[slug][target], f"related pattern `{target}` has problems",
                             f"fix {formats.relative(target_file, base)} first")
            else:
                report.error(related_lines[slug][target], f"related pattern `{target}` does not exist",
                             formats.did_you_mean(target, patterns))
    return patterns, problems


def _read(path: Path, report: Reporter) -> bytes | None:
    if path.is_dir():
        report.error(1, "this is a folder, not a pattern file", "`patterns/` takes no subfolders; rename or move it")
        return None
    if not path.is_file():  # a broken link or a pipe: reading it would fail or never end
        report.error(1, "this is not a regular file", "replace it with a Markdown file")
        return None
    try:
        return path.read_bytes()
    except OSError as err:
        report.error(1, f"cannot read the file: {err.strerror or err}")
        return None


def parse_pattern(slug: str, raw: bytes, report: Reporter) -> tuple[Pattern, dict[str, int]] | None:
    """Parse one pattern file; report every problem; return the pattern and its related slugs' lines."""
    before = len(report.problems)
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text, report)
    if front is None:
        return None
    # A blank line in place of the opening `---` keeps YAML's line numbers equal to the file's.
    meta = yamlfile.load("\n" + front, report)
    if len(report.problems) > before:
        return None
    if meta is None:
        report.error(1, "the front matter is empty", "it needs at least `title`, `summary` and `scale`")
        return None
    if not formats.check(meta, formats.PATTERN, report):
        _check_headings(body, body_line, report)
        return None
    tags = _unique(meta, "tags", report)
    related = _unique(meta, "related", report)
    if slug in related:
        report.error(yamlfile.line_of_key(meta, "related"), "a pattern cannot be related to itself")
    _check_headings(body, body_line, report)
    if len(report.problems) > before:
        return None
    related_lines = {target: line for target, line in _items_with_lines(meta, "related")}
    pattern = Pattern(slug=slug, path=report.path, title=meta["title"].strip(),
                      summary=" ".join(meta["summary"].split()), scale=meta["scale"].strip(),
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


def _items_with_lines(meta, key: str) -> list[tuple[str, int]]:
    """The items of a one-or-many list field, each with its line."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, yamlfile.line_of_key(meta, key))]
    return [(item, yamlfile.line_of_item(value, index)) for index, item in enumerate(value)]


def _unique(meta, key: str, report: Reporter) -> list[str]:
    result: list[str] = []
    for item, line in _items_with_lines(meta, key):
        if item in result:
            report.error(line, f"`{item}` appears twice in `{key}`")
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
            near = formats.did_you_mean(name, [h for h in found if h not in SECTIONS]).replace("`", "`## ", 1)
            report.error(first_line, f"missing required heading `## {name}`", near)


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
