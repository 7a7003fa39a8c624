"""Three partials of the theme are Material's own with one change each: a name on the search dialog
(axe: aria-dialog-name), no `data-md-component="source"` on the repository link (no request to
the code host's API from every reader), and the light and dark toggle handed to our palette.js
instead of Material's palette component (three restyles of the whole page at every load). They would drift silently when Material is upgraded: this
fails as soon as the installed Material's original differs from our copy by more than that change.
`handbook export` leaves them out, so that an engine with its own Material draws its own."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from sitebuild import ROOT

from generator.site.export import MATERIAL_COPIES

MATERIAL = Path(material.__file__).parent / "templates"
# Each copy, and the one change it makes: (Material's text, ours).
CHANGES = {
    "partials/search.html": ('<div class="md-search" data-md-component="search" role="dialog">',
                             '<div class="md-search" data-md-component="search" role="dialog" '
                             'aria-label="{{ lang.t(\'search\') }}">'),
    "partials/source.html": ('class="md-source" data-md-component="source">', 'class="md-source">'),
    "partials/palette.html": ('<form class="md-header__option" data-md-component="palette">',
                              '<form class="md-header__option" data-hb-palette>'),
}
# Copies that go with the export too: what the theme needs from the front matter on any engine.
EXPORTED = {
    "partials/actions.html": [("page.edit_url", "edit_url"),
                              ("{% if edit_url %}", "{%- set edit_url = page.meta.edit_url if page.meta and "
                               "page.meta.edit_url is defined else page.edit_url -%}\n{% if edit_url %}")],
}
COMMENT = re.compile(r"^\{#-.*?-#\}\n", re.S)


def test_every_copy_is_known():
    assert set(CHANGES) == set(MATERIAL_COPIES)
    copies = {path.relative_to(ROOT / "theme").as_posix() for path in (ROOT / "theme").rglob("*.html")
              if (MATERIAL / path.relative_to(ROOT / "theme")).is_file()
              and path.name not in ("main.html",)}
    assert copies == set(CHANGES) | set(EXPORTED), "a file of the theme shadows Material's: guard it here"


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_the_exported_copy_is_materials_original_with_its_changes(name):
    original = COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = COMMENT.sub("", (ROOT / "theme" / name).read_text(encoding="utf-8"))
    for theirs, mine in EXPORTED[name]:
        assert theirs in original, f"Material's {name} changed: compare it with theme/{name} and update the copy"
        original = original.replace(theirs, mine)
    assert original == ours, f"theme/{name} differs from Material's by more than its changes"


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_the_copy_is_materials_original_with_one_change(name):
    original = COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = COMMENT.sub("", (ROOT / "theme" / name).read_text(encoding="utf-8"))
    theirs, mine = CHANGES[name]
    assert theirs in original, f"Material's {name} changed: compare it with theme/{name} and update the copy"
    assert original.replace(theirs, mine) == ours, f"theme/{name} differs from Material's by more than its change"
