"""The pages of the paths, as Markdown: one page per path (its steps in order, each with the
pattern behind it) and the list of all paths, "Start here".

Plain Markdown with attribute lists for the few classes the stylesheet needs, so that MkDocs
renders, Material's search indexes and the table of contents lists every step. Links are relative
to the page they are written on, as MkDocs expects of Markdown links.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..content.paths import PatternPath
from ..core.markdown_text import md_text
from ..core.model import Pattern
from .search_index import LISTING
from .search_index import front_matter as search_setting

INDEX_PAGE = "paths/index.md"


def step_anchor(number: int) -> str:
    return f"step-{number}"


def path_page(path: PatternPath, patterns: Mapping[str, Pattern], introduction: str) -> str:
    """The whole page of one path: title, summary, introduction (the file's body), the steps."""
    lines = [f"# {md_text(path.title)}", "", md_text(path.summary), "{: .hb-summary }", ""]
    if introduction.strip():
        lines += [introduction.strip(), ""]
    lines += [f"{len(path.steps)} steps. Each names the pattern to read, when to take it and what to do.", ""]
    for number, step in enumerate(path.steps, start=1):
        pattern = patterns[step.pattern]
        lines += [f"## {number}. {md_text(pattern.title)} {{ #{step_anchor(number)} .hb-step }}", ""]
        if step.when:
            lines += [md_text(_capitalised(step.when)), "{: .hb-step__when }", ""]
        lines += [md_text(step.do), ""]
        lines += [f"Pattern: [{md_text(pattern.title)}](../patterns/{pattern.slug}.md), "
                  f"at the {pattern.scale} scale. {md_text(pattern.summary)}", "{: .hb-step__pattern }", ""]
    lines += ["[All paths](index.md) · [All patterns](../patterns/index.md)", ""]
    return "\n".join(lines)


def paths_index(paths: Mapping[str, PatternPath], patterns: Mapping[str, Pattern]) -> str:
    lines = [
        "---", "title: Start here", *search_setting(LISTING), "---", "",
        "# Start here", "",
        "A path is a short sequence of patterns, in the order to try them, with what to do at each "
        "step. Pick the one that fits what you want to do; each step links to the pattern behind it.", "",
    ]
    for path in sorted(paths.values(), key=lambda p: p.title.lower()):
        first = patterns[path.steps[0].pattern].title if path.steps else ""
        lines += [f"## [{md_text(path.title)}]({path.slug}.md)", "", md_text(path.summary), "",
                  f"{len(path.steps)} steps, starting with {md_text(first)}.", "{: .hb-path-steps }", ""]
    if not paths:
        lines += ["*No paths yet.*", ""]
    return "\n".join(lines)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
