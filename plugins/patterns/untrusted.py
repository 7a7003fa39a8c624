"""The build's wall behind `handbook check` for pages written by editors (patterns and ordinary
pages, not the generated ones): whatever the check missed does not reach the site.

* Front matter: MkDocs' page.meta may hold only the keys the check read from the file (the check
  splits front matter by MkDocs' rule, so a difference means the two YAML readers disagreed);
  anything else is dropped and reported.
* Titles and descriptions: Material prints them without escaping (and unescapes the title once
  more for the browser tab): they are escaped here.
* The rendered HTML goes through `generator.core.safe_html.sanitise`; what it removes from a page the
  check found nothing wrong with is reported, so the check can learn it.
"""

from __future__ import annotations

import html
import re

from mkdocs.structure.pages import Page

from generator.core.problems import Problem
from generator.core.safe_html import sanitise
from plugins.shared import safe_title

_TAG = re.compile(r"<[^>]*>")


def is_from_editor(page: Page) -> bool:
    """A page made from a Markdown file of the docs folder, not by a plugin."""
    return page.file.generated_by is None


def limit_meta(page: Page, checked: frozenset[str] | None, path: str) -> list[Problem]:
    """Keep in page.meta only the keys the check read; escape what Material prints as HTML."""
    found: list[Problem] = []
    keys = {key for key in page.meta}
    allowed = checked or frozenset()
    unchecked = sorted(str(key) for key in keys - allowed)
    if checked is not None and unchecked:
        found.append(Problem(path, 1, "MkDocs read front matter that `handbook check` did not: "
                             + ", ".join(f"`{key}`" for key in unchecked),
                             "the page is built without it; write the front matter between `---` lines at the "
                             "start of a line"))
    if checked and not keys:
        found.append(Problem(path, 1, "MkDocs read no front matter where `handbook check` read some",
                             "check that the YAML between the `---` lines is plain"))
    for key in list(page.meta):
        if key not in allowed:
            del page.meta[key]
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = safe_title(str(page.meta[key]))
    return found


def clean_content(page: Page, path: str, already_reported: bool) -> list[Problem]:
    """Sanitise the rendered page; give the browser tab a title that cannot break out of it."""
    cleaned, removed = sanitise(page.content or "")
    page.content = cleaned
    if page.toc:
        _clean_toc(page.toc)
    if "title" not in page.meta and page.title:
        # Material prints `page.meta.title` as it is, but passes `page.title` through `striptags`,
        # which turns `&lt;` back into `<` inside <title>: always give it the first.
        page.meta["title"] = _html_text(str(page.title))
    if removed and not already_reported:
        return [Problem(path, 1, "the build removed markup `handbook check` did not refuse: " +
                        ", ".join(sorted(set(removed))[:5]), "report this as a bug of the check")]
    return []


def _clean_toc(items) -> None:
    for item in items:
        item.title = _html_text(item.title)
        _clean_toc(item.children)


def _html_text(text: str) -> str:
    """HTML text that holds no tag: as it is when it holds none (entities and all)."""
    if "<" not in text:
        return text
    return html.escape(html.unescape(_TAG.sub("", text)), quote=True)
