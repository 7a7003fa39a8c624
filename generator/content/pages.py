"""Ordinary pages (`content/**/*.md` outside `patterns/`): front matter and Markdown as the build
will read them, each problem with its line.

The front matter is split by MkDocs' own rule (`front_matter`), so the keys checked here are
the keys MkDocs will hand to the theme; only those of `formats.PAGE` are allowed. The Markdown is
checked for markup the site does not publish (`content.markup`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.problems import Problem, Reporter, problem_path
from . import formats, front_matter, markdown_cost, yamlfile
from .files import PAGE, ContentFiles
from .markup import check_markup


def load_pages(files: ContentFiles, base: Path) -> tuple[dict[str, frozenset[str] | None], list[Problem]]:
    """For each page, the front matter keys MkDocs will read (None when the front matter is
    refused, and the build must give the page none), and the problems of all pages."""
    problems: list[Problem] = []
    keys: dict[str, frozenset[str] | None] = {}
    for file in files.of_kind(PAGE):
        report = Reporter(problem_path(file.path, base), problems)
        keys[file.src_uri] = check_page(file.raw, report)
    return keys, problems


def check_page(raw: bytes | None, report: Reporter) -> frozenset[str] | None:
    if raw is None:  # unreadable: the content walk said why
        return None
    text = yamlfile.read_text(raw, report)
    if text is None:
        return None
    meta, body, body_line = read(front_matter.as_mkdocs_reads(text), report)
    if meta is not None and not formats.check(meta, formats.PAGE, report):
        meta = None
    before = len(report.problems)
    markdown_cost.report(body, report, body_line)
    if len(report.problems) == before:  # rendering costly Markdown to check it would hang
        check_markup(body, body_line, report)
    return meta_keys(meta)


def read(text: str, report: Reporter) -> tuple[dict | None, str, int]:
    """The front matter of a page as MkDocs reads it ({} when there is none; None when it is
    refused), with the Markdown MkDocs renders and the line that Markdown starts on."""
    split = front_matter.split(text)
    if split.settings:
        report.error(1, "MkDocs reads the first lines as `key: value` settings and leaves them off the page",
                     "put settings between `---` lines; start the text with a heading or a blank line")
        return None, split.body, split.body_line
    if split.yaml is None:
        return {}, split.body, split.body_line
    before = len(report.problems)
    meta = yamlfile.load("\n" + split.yaml, report)  # the blank line stands for the opening `---`
    if len(report.problems) > before:
        return None, text, 1
    if not isinstance(meta, dict):
        # MkDocs keeps a block that is not a mapping as part of the page: `---` is then a rule
        # and the text under it a heading.
        return {}, text, 1
    return meta, split.body, split.body_line


def meta_keys(meta: Any) -> frozenset[str] | None:
    return frozenset(key for key in meta if isinstance(key, str)) if isinstance(meta, dict) else None
