"""The glossary: the handbook's own words (crew, congregation, check-in, ...) and what they mean.

One file, `content/glossary/terms.md`, written in the abbreviation syntax of Python-Markdown's
`abbr` extension, one term a line:

    *[crew]: A small group of four to eight people who meet again and again ...

The site appends that file to every page (pymdownx.snippets, `auto_append`), so each term is
marked up with its definition wherever it appears, and the theme shows it beside the word. Because
the whole file is appended to every page, any line that is not a definition would appear on
every page too: this module reports such a line, a term defined twice and an empty definition.
The file itself is not a page; the Glossary page is made from it (`glossary_page`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.markdown_text import md_text
from ..core.model import Pattern
from ..core.problems import Problem, Reporter, problem_path
from ..core.urls import slugify
from . import yamlfile
from .files import GLOSSARY, GLOSSARY_FOLDER, GLOSSARY_SOURCE, PATH, PATTERN, ContentFiles
from .files import PAGE as PAGE_FILE

FOLDER = GLOSSARY_FOLDER
SOURCE = GLOSSARY_SOURCE  # inside the docs folder; never published as a page of its own
PAGE = f"{FOLDER}/index.md"  # the Glossary page, made from it

_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]\n]+)\]:[ \t]*(?P<definition>.*?)\s*$")
# Python-Markdown's abbr marks a word wherever it stands, also inside code and link text (and
# inside words joined by dots or hyphens, such as a web address): there the tooltip is noise. In
# a heading it is not shown as marked, and the heading's mention would be the page's first.
_UNMARKED = re.compile(r"<(code|a|h[1-6])\b[^>]*>.*?</\1>", re.S)
_ABBR = re.compile(r"<abbr title=\"([^\"]*)\">([^<]*)</abbr>")  # its definition, and the word
# A line pymdownx.snippets would read as "insert a file here" (`--8<-- "file"`, or a block marker).
SNIPPET_LINE = re.compile(r"^[ \t]*-+8<-+(?:[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int


def load_glossary(files: ContentFiles, base: Path) -> tuple[tuple[Term, ...], list[Problem]]:
    """The terms of `glossary/terms.md` in the content walk, in file
    order, and its problems (none when it is absent)."""
    problems: list[Problem] = []
    for file in files.of_kind(GLOSSARY):
        report = Reporter(problem_path(file.path, base), problems)
        text = yamlfile.read_text(file.raw, report) if file.raw is not None else None
        if text is not None:
            return parse_glossary(text, report), problems
    return (), problems


def parse_glossary(text: str, report: Reporter) -> tuple[Term, ...]:
    terms: dict[str, Term] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _DEFINITION.match(line)
        if match is None:
            report.error(number, "not a glossary definition",
                         "every line is `*[term]: what it means` (the file is added to every page, "
                         "so anything else would show on all of them)")
            continue
        term, definition = match.group("term").strip(), match.group("definition")
        if not term or term != match.group("term"):
            report.error(number, f"the term `{match.group('term')}` starts or ends with a space", "remove it")
        elif not definition:
            report.error(number, f"`{term}` has no definition", f"write it after `*[{term}]: `")
        elif term in terms:
            report.error(number, f"`{term}` is defined twice", f"it is already defined on line {terms[term].line}")
        else:
            terms[term] = Term(term, definition, number)
    return tuple(terms.values())


def check_snippet_lines(files: ContentFiles, base: Path) -> list[Problem]:
    """Snippets is switched on only to append the glossary. A `--8<--` line in any other Markdown
    file of the content walk would pull a file into the page (or stop the build when it is
    missing): report it."""
    problems: list[Problem] = []
    for file in files.files:
        if file.kind not in (PATTERN, PATH, PAGE_FILE) or file.raw is None:
            continue
        text = file.raw.decode("utf-8-sig", "replace")
        for match in SNIPPET_LINE.finditer(text):
            Reporter(problem_path(file.path, base), problems).error(
                text.count("\n", 0, match.start()) + 1, "`--8<--` would include another file here",
                "pages cannot include files; write the text out, or start the line with `;` to show it as it is")
    return problems


def inert_snippet_lines(markdown: str) -> str:
    """The page with each `--8<--` line escaped, so snippets shows it instead of including a file."""
    return SNIPPET_LINE.sub(lambda m: m.group(0).replace("-", ";-", 1), markdown)


def without_abbreviations_in_code_links_or_headings(html: str) -> str:
    """A page's HTML with the glossary's `<abbr>` marks taken out of code, link text and headings."""
    if "<abbr" not in html:
        return html
    return _UNMARKED.sub(lambda m: _ABBR.sub(r"\2", m.group(0)), html)


def first_mentions_only(html: str) -> str:
    """A page's HTML with each glossary term marked where it first appears, and nowhere after.

    A page marking every "crew" would be dotted all over, and a reader who has read the meaning
    once does not need it offered again.

    >>> first_mentions_only('<abbr title="A few">crew</abbr> and <abbr title="A few">crew</abbr>')
    '<abbr title="A few">crew</abbr> and crew'
    """
    if "<abbr" not in html:
        return html
    seen: set[str] = set()

    def first_only(match: re.Match) -> str:
        definition = match.group(1)
        if definition in seen:
            return match.group(2)
        seen.add(definition)
        return match.group(0)

    return _ABBR.sub(first_only, html)


def glossary_page(terms: tuple[Term, ...], patterns: Mapping[str, Pattern]) -> str:
    """The Glossary page: every term with its definition, and the pattern named after it, if any."""
    by_title = {_bare(p.title): p for p in patterns.values()}
    lines = [
        "---", "title: Glossary", "---", "",
        "# Glossary", "",
        "The handbook's own words. Where a page first mentions one of them, it is underlined with "
        "dots: hover over it, or tap it on a phone, to see what it means.", "",
    ]
    for term in sorted(terms, key=lambda t: t.term.lower()):
        lines += [f"## {md_text(term.term)} {{ #{slugify(term.term) or 'term'} }}", "", md_text(term.definition), ""]
        pattern = by_title.get(_bare(term.term))
        if pattern is not None:
            lines += [f"See the pattern [{md_text(pattern.title)}](../patterns/{pattern.slug}.md).", ""]
    if not terms:
        lines += ["*No terms yet.*", ""]
    return "\n".join(lines)


def _bare(title: str) -> str:
    """A title as a term: `The crew` -> `crew`."""
    lowered = title.lower().strip()
    return lowered[4:] if lowered.startswith("the ") else lowered
