"""Patterns: load the Markdown files, check them against the template, and link them up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.model import SCALES, Pattern
from ..core.problems import Problem, Reporter, problem_path
from ..core.urls import is_reserved
from . import formats, front_matter, markdown_cost, yamlfile
from .files import MAX_NAME_BYTES, ContentFiles, scan
from .files import PATTERN as PATTERN_FILE
from .markup import check_markup

REQUIRED_HEADINGS = ("Problem", "Solution")
SECTIONS = ("Context", "Problem", "Solution", "Try it")


_FENCE = re.compile(r"^\s*(```|~~~)")


def load_patterns(content_dir: Path, base: Path,
                  files: ContentFiles | None = None) -> tuple[dict[str, Pattern], list[Problem]]:
    """Read every `patterns/*.md`; return the valid patterns and the problems of all of them.

    Related slugs are checked after all files are read, so a typo in one pattern never hides the
    others. A pattern whose only problem is a broken link is still returned, so the site can show
    it while the build reports the link. `files` is the content folder's walk
    (`content.files.scan`), whose own refusals its caller reports.
    """
    if files is not None:
        patterns, problems, _ = load_pattern_files(files, base)
        return patterns, problems
    # On its own, the loader reports the refusals of its folder; load_content reports them all.
    files = scan(content_dir, base)
    patterns, problems, _ = load_pattern_files(files, base)
    return patterns, sorted(files.problems_in("patterns", base) + problems)


def load_pattern_files(files: ContentFiles, base: Path) -> tuple[dict[str, Pattern], list[Problem],
                                                                  dict[str, frozenset[str] | None]]:
    """As `load_patterns`, with the front matter keys MkDocs will read from each file (None when
    they are refused, and the build must give the page none)."""
    problems: list[Problem] = []
    patterns: dict[str, Pattern] = {}
    keys: dict[str, frozenset[str] | None] = {}
    related_lines: dict[str, dict[str, int]] = {}
    for file in files.of_kind(PATTERN_FILE):
        path = file.path
        keys[file.src_uri] = None
        report = Reporter(problem_path(path, base), problems)
        if is_reserved("pattern", path.stem):
            report.error(1, f"`{path.stem}` is the name of a generated page; rename this file")
            continue
        if not formats.check_slug(path, report) or file.raw is None:
            continue
        loaded = parse_pattern(path.stem, file.raw, report)
        if loaded:
            pattern, lines, seen = loaded
            patterns[pattern.slug] = pattern
            related_lines[pattern.slug] = lines
            keys[file.src_uri] = seen
    for slug, pattern in patterns.items():
        report = Reporter(pattern.path, problems)
        for target in pattern.related:
            if target in patterns:
                continue
            target_file = f"patterns/{target}.md"
            if files.has(target_file):  # it exists, but is not loaded: say where to look
                report.error(related_lines[slug][target], f"related pattern `{target}` has problems",
                             f"fix {problem_path(files.folder / target_file, base)} first")
            else:
                report.error(related_lines[slug][target], f"related pattern `{target}` does not exist",
                             formats.did_you_mean(target, patterns))
    return patterns, problems, keys


def parse_pattern(slug: str, raw: bytes, report: Reporter) -> tuple[Pattern, dict[str, int], frozenset[str]] | None:
    """Parse one pattern file; report every problem; return the pattern, its related slugs'
    lines and its front matter keys."""
    before = len(report.problems)
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    text = front_matter.as_mkdocs_reads(text)
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
        check_markup(body, body_line, report)
        return None
    tags = _unique(meta, "tags", report)
    related = _unique(meta, "related", report)
    if slug in related:
        report.error(yamlfile.line_of_key(meta, "related"), "a pattern cannot be related to itself")
    for tag, line in _items_with_lines(meta, "tags"):
        if is_reserved("tag", tag):
            report.error(line, f"`{tag}` cannot be a tag: /patterns/tags/{tag}/ would take the place of the list of tags",
                         "choose another word")
        elif len(tag) > MAX_NAME_BYTES:  # a slug: one byte a character
            report.error(line, f"the tag is {len(tag)} characters long; tags may have at most {MAX_NAME_BYTES}",
                         "each tag names a page and a feed file: shorten it")
    _check_headings(body, body_line, report)
    before_markup = len(report.problems)
    markdown_cost.report(body, report, body_line)
    if len(report.problems) == before_markup:  # rendering costly Markdown to check it would hang
        check_markup(body, body_line, report)
    if len(report.problems) > before:
        return None
    related_lines = {target: line for target, line in _items_with_lines(meta, "related")}
    pattern = Pattern(slug=slug, path=report.path, title=meta["title"].strip(),
                      summary=" ".join(meta["summary"].split()), scale=meta["scale"].strip(),
                      tags=tuple(tags), related=tuple(related), body=body)
    return pattern, related_lines, frozenset(key for key in meta if isinstance(key, str))


def split_front_matter(text: str, report: Reporter) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body as MkDocs does (`front_matter`); return (front,
    body, first line of body)."""
    split = front_matter.split(text)
    if split.yaml is not None:
        return split.yaml, split.body, split.body_line
    if front_matter.is_empty_block(text):
        return "", text, 1
    if text.split("\n", 1)[0].rstrip(" \t") == "---":
        report.error(1, "front matter is not closed",
                     "add a `---` line after the last field")
    else:
        report.error(1, "missing front matter", "start the file with a `---` line, then title, summary and scale")
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
        name = None if in_fence else _heading(text)
        if name is not None:
            if name in found:
                report.error(first_line + offset, f"heading `## {name}` appears twice")
            found.setdefault(name, first_line + offset)
    for name in REQUIRED_HEADINGS:
        if name not in found:
            near = formats.did_you_mean(name, [h for h in found if h not in SECTIONS]).replace("`", "`## ", 1)
            report.error(first_line, f"missing required heading `## {name}`", near)


def _heading(line: str) -> str | None:
    """The name of a `## Name ##` heading, or None. (Not the regular expression `##\\s+(.+?)\\s*#*\\s*$`:
    its three ways to take trailing spaces made a heading line of a few thousand spaces take minutes.)"""
    if not line.startswith("##") or not line[2:3].isspace() or len(line) < 4:
        return None
    words = line[2:].strip()
    return words.rstrip("#").rstrip() or words[:1]


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def title_order(title: str) -> str:
    """Where a title sorts in a list: without a leading article, so that *The crew* is under C."""
    return _ARTICLE.sub("", title.strip()).casefold()


@dataclass(frozen=True)
class PatternGraph:
    """The links between patterns: what each relates to, and what refers back to it."""

    patterns: dict[str, Pattern]
    referenced_by: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, patterns: dict[str, Pattern]) -> PatternGraph:
        back: dict[str, list[str]] = {slug: [] for slug in patterns}
        for slug, pattern in patterns.items():
            for target in pattern.related:
                if target in back:
                    back[target].append(slug)
        ordered = {slug: tuple(sorted(refs, key=lambda s: title_order(patterns[s].title))) for slug, refs in back.items()}
        return cls(patterns, ordered)

    def related(self, slug: str) -> list[Pattern]:
        return [self.patterns[s] for s in self.patterns[slug].related if s in self.patterns]

    def referencing(self, slug: str) -> list[Pattern]:
        return [self.patterns[s] for s in self.referenced_by.get(slug, ())]

    def referencing_only(self, slug: str) -> list[Pattern]:
        """The patterns that name this one as related and are not already among its own related:
        a pattern page lists each neighbour once."""
        related = set(self.patterns[slug].related)
        return [p for p in self.referencing(slug) if p.slug not in related]

    def by_scale(self) -> list[tuple[str, list[Pattern]]]:
        """Every scale from self to network, with its patterns sorted by title."""
        return [(scale, sorted((p for p in self.patterns.values() if p.scale == scale),
                               key=lambda p: title_order(p.title))) for scale in SCALES]

    def by_tag(self) -> dict[str, list[Pattern]]:
        tags: dict[str, list[Pattern]] = {}
        for pattern in sorted(self.patterns.values(), key=lambda p: title_order(p.title)):
            for tag in pattern.tags:
                tags.setdefault(tag, []).append(pattern)
        return dict(sorted(tags.items()))
