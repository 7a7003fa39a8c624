"""The editors plugin, seen in the built site: published schemas, edit links on every page, and
Contribute pages whose templates and field tables come from the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT, SITE_URL, build, copy_project, handbook, read_html

from generator.content import schemas, templates
from generator.content.formats import EVENT, GROUP, PATH, PATTERN
from generator.core import limits
from generator.pages.reference import EXAMPLES, _flatten

REPO = "https://github.com/microsolidarity/handbook-site/"
CORPUS = Path(__file__).parent / "bad_corpus" / "content"


@pytest.fixture(scope="module")
def site(shipped_site):
    return shipped_site


def as_editor_reads(path: Path):
    """A YAML file as a YAML language server reads it: YAML 1.2, dates and times as text."""
    data = YAML(typ="safe", pure=True).load(path.read_bytes())

    def text(value):
        if isinstance(value, dict):
            return {key: text(item) for key, item in value.items()}
        if isinstance(value, list):
            return [text(item) for item in value]
        return value.isoformat() if hasattr(value, "isoformat") else value

    return text(data)


# -- schemas --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["event", "group", "pattern", "path"])
def test_the_site_publishes_each_schema_made_from_the_formats(site, kind):
    published = (site.site / "schemas" / f"{kind}.schema.json").read_text()
    assert published == schemas.schema_text(kind, SITE_URL)
    schema = json.loads(published)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$id"] == f"{SITE_URL.rstrip('/')}/schemas/{kind}.schema.json"


@pytest.mark.parametrize("kind", ["event", "group", "pattern", "path"])
def test_the_committed_schemas_are_the_generated_ones(kind):
    committed = (ROOT / "content" / "schemas" / f"{kind}.schema.json").read_text()
    assert committed == schemas.schema_text(kind, SITE_URL), "run `handbook schemas` to rewrite them"


def test_a_stale_committed_schema_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path, theme=True)
    stale = project / "content/schemas/group.schema.json"
    stale.write_text(stale.read_text().replace('"crew"', '"crowd"'))
    built = build(project)
    assert built.returncode == 1
    assert ("content/schemas/group.schema.json differs from the formats in generator/content/formats/; "
            "run `handbook schemas` to rewrite it") in built.output
    # The site still gets the schema of the formats, not the stale copy.
    assert (built.site / "schemas/group.schema.json").read_text() == schemas.schema_text("group", SITE_URL)


@pytest.mark.parametrize("kind, folder", [("event", "events"), ("group", "groups")])
def test_the_schemas_accept_every_shipped_file(kind, folder):
    validator = jsonschema.Draft7Validator(json.loads(schemas.schema_text(kind)))
    files = sorted((ROOT / "content" / folder).rglob("*.yml"))
    assert files
    for path in files:
        assert [e.message for e in validator.iter_errors(as_editor_reads(path))] == [], path.name


@pytest.mark.parametrize("name", [
    "events/corpus/bad-status.yml", "events/corpus/bad-online-link.yml", "events/corpus/bad-geo.yml",
    "events/corpus/bad-duration-no-unit.yml", "events/corpus/bad-change-key.yml", "events/corpus/bad-title-list.yml",
    "events/corpus/bad-location-text.yml", "events/corpus/bad-json-unknown-key.yml", "events/corpus/bad-time-alone.yml",
    "groups/bad-kind.yml", "groups/bad-only-a-name.yml", "groups/bad-newcomers-yes.yml",
])
def test_the_schemas_catch_shape_mistakes_as_editors_type(name):
    """Mistakes of shape (a wrong key, word or kind of value) are underlined in the editor too."""
    kind = "event" if name.startswith("events/") else "group"
    validator = jsonschema.Draft7Validator(json.loads(schemas.schema_text(kind)))
    assert not validator.is_valid(as_editor_reads(CORPUS / name))


# -- edit links -----------------------------------------------------------------------------


def test_every_page_has_an_edit_link_to_a_file_or_folder_that_exists(site):
    without = []
    for page in sorted(site.site.rglob("index.html")):
        url = page.parent.relative_to(site.site).as_posix()
        link = read_html(page).select_one('a[title="Edit this page"]')
        if link is None:
            without.append(url)
            continue
        match = re.fullmatch(re.escape(REPO) + r"(edit|tree)/main/(.+)", link["href"])
        assert match, (url, link["href"])
        kind, path = match.groups()
        target = ROOT / path
        assert (target.is_file() if kind == "edit" else target.is_dir() and path.endswith("/")), (url, link["href"])
    # The subscribe page is made from every feed: its plugin says there is nothing to edit.
    assert without == ["subscribe"]


@pytest.mark.parametrize("url, target", [
    ("patterns/", "tree/main/content/patterns/"),
    ("patterns/map/", "tree/main/content/patterns/"),
    ("patterns/tags/", "tree/main/content/patterns/"),
    ("patterns/tags/trust/", "tree/main/content/patterns/"),
    ("patterns/crew/", "edit/main/content/patterns/crew.md"),
    ("events/", "tree/main/content/events/"),
    ("events/hackney-tuesday-crew/", "edit/main/content/events/london/hackney-tuesday-crew.yml"),
    ("groups/hackney-crew/", "edit/main/content/groups/hackney-crew.yml"),
    ("contribute/events/", "edit/main/content/contribute/events.md"),
    ("paths/", "tree/main/content/paths/"),
    ("paths/start-a-crew/", "edit/main/content/paths/start-a-crew.md"),
    ("patterns/cards/", "tree/main/content/patterns/"),
    ("glossary/", "tree/main/content/glossary/"),
])
def test_edit_links_point_at_the_source(site, url, target):
    assert site.html(url).select_one('a[title="Edit this page"]')["href"] == REPO + target


# -- the Contribute pages -------------------------------------------------------------------


@pytest.mark.parametrize("kind, spec", [("event", EVENT), ("group", GROUP), ("pattern", PATTERN), ("path", PATH)])
def test_the_field_tables_list_every_key_of_the_format(site, kind, spec):
    page = {"event": "contribute/events/", "group": "contribute/groups/", "pattern": "contribute/patterns/",
            "path": "contribute/paths/"}[kind]
    table = site.html(page).select_one("article table")
    keys = [row.select_one("td code").get_text() for row in table.select("tbody tr")]
    assert keys == [name for name, _ in _flatten(spec, "")]
    needed = {row.select_one("td code").get_text(): row.select("td")[1].get_text() for row in table.select("tbody tr")}
    for name, field in _flatten(spec, ""):
        parent = name.rpartition(".")[0]
        assert needed[name] == ("" if not field.required else f"in each {parent}" if parent else "yes"), name


@pytest.mark.parametrize("kind, page", [("event", "contribute/events/"), ("group", "contribute/groups/"),
                                         ("pattern", "contribute/patterns/"), ("path", "contribute/paths/")])
def test_the_templates_shown_are_what_handbook_new_writes(site, kind, page):
    if kind in ("pattern", "path"):
        expected = getattr(templates, kind)(**EXAMPLES[kind])
    else:
        expected = getattr(templates, kind)(**EXAMPLES[kind], schema=f"{SITE_URL.rstrip('/')}/schemas/{kind}.schema.json")
    blocks = [pre.get_text() for pre in site.html(page).select("article pre")]
    assert expected in blocks


def test_the_checking_page_states_the_limits_check_holds_files_to(site):
    """Each limit an editor can meet is on the page, with the number `core.limits` holds."""
    table = site.html("contribute/checking/").select_one("#how-much-a-file-may-hold ~ table")
    limits_said = {row.select("td")[0].get_text(): row.select("td")[1].get_text() for row in table.select("tbody tr")}
    assert limits_said["a content file"] == f"at most {limits.MAX_FILE_BYTES // 1024} KB"
    assert limits_said["repeat.count"] == f"at most {limits.MAX_COUNT:,} dates"
    assert str(limits.LAST_YEAR) in " ".join(limits_said.values())
    events = site.html("contribute/events/").select_one("article table")
    title = next(row for row in events.select("tbody tr") if row.select_one("td code").get_text() == "title")
    assert f"at most {limits.MAX_TITLE:,} characters" in title.get_text()
    description = next(row for row in events.select("tbody tr") if row.select_one("td code").get_text() == "description")
    assert f"at most {limits.MAX_DESCRIPTION:,} characters" in description.get_text()


def test_no_marker_is_left_unfilled(site):
    for page in (site.site / "contribute").rglob("index.html"):
        assert "handbook:" not in page.read_text(), page


def test_contribute_is_in_the_navigation(site):
    # navigation.prune: other pages show the section's own link, its pages show its children.
    nav = site.html("").select_one("nav.md-nav--primary")
    assert "Contribute" in nav.get_text()
    assert nav.select_one('a[href$="contribute/"]') is not None
    inside = site.html("contribute/").select_one("nav.md-nav--primary")
    assert inside.select_one('a[href$="events/"]') is not None


def test_the_messages_shown_on_the_checking_page_are_what_check_prints(tmp_path):
    project = copy_project(tmp_path)
    content = project / "content"
    (content / "events/london/seed-swap.yml").write_text(
        "title: Seed swap\ngroup: peckham-crew\nstart: 2027-03-06\nstatus: canceled\n")
    (content / "groups/deptford-crew.yml").write_text(
        "name: Deptford Crew\nkind: crew\nsummary: Neighbours by the creek.\nwhere: Deptford\ntimezone: London\n")
    done = handbook("check", cwd=project)
    page = (ROOT / "content/contribute/checking.md").read_text()
    shown = re.search(r"```text\n(.*?)```", page, re.DOTALL).group(1).splitlines()
    assert shown == done.stdout.splitlines()
