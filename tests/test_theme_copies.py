"""Two partials of the theme are Material's own with one change each: a name on the search dialog
(axe: aria-dialog-name) and no `data-md-component="source"` on the repository link (no request to
the code host's API from every reader). They would drift silently when Material is upgraded: this
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
}
COMMENT = re.compile(r"^\{#-.*?-#\}\n", re.S)


def test_every_copy_is_known():
    assert set(CHANGES) == set(MATERIAL_COPIES)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_the_copy_is_materials_original_with_one_change(name):
    original = COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = COMMENT.sub("", (ROOT / "theme" / name).read_text(encoding="utf-8"))
    theirs, mine = CHANGES[name]
    assert theirs in original, f"Material's {name} changed: compare it with theme/{name} and update the copy"
    assert original.replace(theirs, mine) == ours, f"theme/{name} differs from Material's by more than its change"
