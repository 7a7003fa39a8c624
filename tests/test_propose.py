"""What the build gives the proposal form (`generator.pages.propose`, issue 16): the data it loads, each
gathering's values for "suggest a change", the links to the form, and the vendored validator."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from sitebuild import ROOT, build, read_html

from generator.pages import propose

VENDORED = ROOT / "theme" / "assets" / "javascripts" / "vendor" / "ajv7.min.js"


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    """The folder of the shipped site's build."""
    return shipped_site.site


def test_the_code_host_addresses_come_from_the_repository_settings():
    host = propose.code_host("https://github.com/microsolidarity/handbook-site", "edit/main/content/")
    assert host == {"new": "https://github.com/microsolidarity/handbook-site/new/main/",
                    "edit": "https://github.com/microsolidarity/handbook-site/edit/main/",
                    "tree": "https://github.com/microsolidarity/handbook-site/tree/main/", "content": "content"}
    assert propose.code_host("https://github.com/o/r/", "edit/trunk/docs/")["new"] == "https://github.com/o/r/new/trunk/"
    # Another host's "new file" page takes other parameters, if any: the form offers the other ways.
    assert propose.code_host("https://gitlab.com/o/r", "-/edit/main/content/") is None
    assert propose.code_host("", "") is None


def test_the_form_data_lists_what_an_organiser_chooses_from(site, shipped_content):
    data = json.loads((site / "schemas" / "propose.json").read_text(encoding="utf-8"))
    content = shipped_content
    assert [g["slug"] for g in data["groups"]] == sorted(content.groups, key=lambda s: (content.groups[s].name.lower(), s))
    newtown = next(g for g in data["groups"] if g["slug"] == "newtown-crew")
    assert newtown["timezone"] == "Pacific/Auckland" and newtown["kind"] == "crew"
    assert {p["slug"] for p in data["patterns"]} == set(content.patterns)
    assert set(data["taken"]["event"]) == set(content.events)
    assert "newcomers-welcome" in data["tags"]
    assert "Europe/London" in data["timezones"] and "Pacific/Auckland" in data["timezones"]
    assert data["organisers_email"] == "organisers@handbook.microsolidarity.example"
    assert data["content_folder"] == "content"
    assert data["modeline"]["event"] == "https://handbook.microsolidarity.example/schemas/event.schema.json"
    for kind in ("event", "group"):
        assert (site / data["schemas"][kind]).is_file()


def test_each_gathering_is_published_as_its_file_says_and_as_its_schema_allows(site, shipped_content):
    schema = json.loads((site / "schemas" / "event.schema.json").read_text(encoding="utf-8"))
    content = shipped_content
    folder = site / "schemas" / "events"
    assert {p.stem for p in folder.glob("*.json")} == set(content.events)
    for slug, event in content.events.items():
        record = json.loads((folder / f"{slug}.json").read_text(encoding="utf-8"))
        assert record["path"] == event.path and record["slug"] == slug
        jsonschema.validate(record["values"], schema)
    thursday = json.loads((folder / "newtown-thursday-crew.json").read_text(encoding="utf-8"))["values"]
    assert thursday["start"] == "2026-10-01 19:00"
    assert thursday["repeat"]["except"] == ["2026-12-24", "2026-12-31"]
    assert thursday["repeat"]["changes"][0]["date"] == "2027-01-07"


def test_event_values_read_the_file_as_written():
    raw = b"title: <b>Tea</b> & cake\nstart: 2026-12-03\nrepeat: {every: week, on: thursday}\n"
    assert propose.event_values(raw) == {"title": "<b>Tea</b> & cake", "start": "2026-12-03",
                                         "repeat": {"every": "week", "on": "thursday"}}
    assert propose.event_values(b"title: [unclosed\n") is None
    assert "<" not in propose.to_json({"title": "<script>"})


def test_the_calendar_links_to_the_form(site):
    def links(path: str) -> list[str]:
        soup = read_html(site / path)
        return [a["href"] for a in soup.select("article a[href]") if "contribute/propose/" in a["href"]]

    assert links("events/index.html") == ["../contribute/propose/"]
    assert links("groups/peckham-crew/index.html") == ["../../contribute/propose/?group=peckham-crew"]
    assert links("events/newtown-thursday-crew/index.html") == ["../../contribute/propose/?edit=newtown-thursday-crew"]
    assert "propose/" in " ".join(links("contribute/index.html") + [
        a["href"] for a in read_html(site / "contribute/index.html").select("article a[href]")])


def test_a_site_without_the_form_page_links_to_no_form(tmp_path):
    project = tmp_path / "project"
    (project / "content" / "groups").mkdir(parents=True)
    (project / "content" / "events").mkdir()
    (project / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "content" / "groups" / "tea-crew.yml").write_text(
        "name: Tea crew\nkind: crew\nsummary: We drink tea.\ntimezone: Europe/London\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: T\nsite_url: https://t.example/\ndocs_dir: content\ntheme:\n  name: material\n  custom_dir: {ROOT / 'theme'}\n"
        "plugins:\n  - handbook-patterns\n  - handbook-calendar\n  - handbook-editors\n", encoding="utf-8")
    done = build(project)
    assert done.returncode == 0, done.output
    site = done.site
    assert (site / "groups" / "tea-crew" / "index.html").is_file()
    assert "contribute/propose" not in (site / "groups" / "tea-crew" / "index.html").read_text(encoding="utf-8")


def test_the_vendored_validator_is_the_pinned_one():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["ajv-dist"]
    assert pinned == lock["packages"]["node_modules/ajv-dist"]["version"]
    assert VENDORED.read_text(encoding="utf-8").startswith(f"/* ajv {pinned} (ajv7)")
    assert (VENDORED.parent / "LICENSE-ajv.txt").is_file()
    installed = ROOT / "node_modules" / "ajv-dist" / "dist" / "ajv7.min.js"
    if not installed.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules/ajv-dist is missing: run `npm ci`")
        pytest.skip("node_modules/ajv-dist is missing: run `npm ci`")
    assert VENDORED.read_bytes() == installed.read_bytes(), \
        "theme/assets/javascripts/vendor/ajv7.min.js differs from the pinned ajv-dist: copy it from node_modules"
