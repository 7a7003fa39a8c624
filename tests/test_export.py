"""`handbook export DIR` is the way out should the plugin API go: the folder it writes is built by
an engine with its search plugin alone, and gives the same site as the plugin build of the
shipped handbook: the same pages, the same feeds, map, QR codes and schemas byte for byte, and
the same article text on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitebuild import FIXED_EPOCH, ROOT, build_ok, copy_project, handbook, read_html
from sitecompare import compare, data_files, files

EPOCH = {"SOURCE_DATE_EPOCH": FIXED_EPOCH}


@pytest.fixture(scope="module")
def sites(tmp_path_factory, shipped_site) -> tuple[Path, Path, Path]:
    """The plugin build, the exported folder, and the exported folder built without our plugins."""
    tmp = tmp_path_factory.mktemp("export")
    done = handbook("export", str(tmp / "export"), env=EPOCH)
    assert done.returncode == 0, done.stdout + done.stderr
    build_ok(tmp / "export", site=tmp / "plain")
    return shipped_site.site, tmp / "export", tmp / "plain"


def test_the_export_is_built_with_the_search_plugin_alone(sites):
    _, exported, _ = sites
    config = yaml.load((exported / "mkdocs.yml").read_text(), Loader=yaml.SafeLoader)
    # Material's search alone, with the project's own settings for it (field weights).
    names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in config["plugins"]]
    assert names == ["search"]
    project = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.SafeLoader)
    assert [entry for entry in project["plugins"] if entry == "search" or (isinstance(entry, dict) and "search" in entry)] == config["plugins"]
    assert (exported / "docs" / ".nojekyll").is_file()
    assert not list((exported / "docs").rglob("*.yml")), "event and group files are data, not pages to publish"
    front = (exported / "docs" / "events" / "index.md").read_text()
    assert front.startswith("---\n") and "template: calendar.html" in front


def test_the_plain_build_has_the_same_pages_and_files(sites):
    plugins, _, plain = sites
    assert files(plugins) == files(plain)
    assert compare(plugins, plain).pages > 100


def test_feeds_map_qr_codes_and_schemas_are_byte_identical(sites):
    plugins, _, plain = sites
    data = data_files(files(plugins))
    assert any(name.startswith("feeds/") for name in data) and "patterns/map.svg" in data
    assert any(name.startswith("schemas/") for name in data)
    assert compare(plugins, plain).data_differ == []


def test_every_page_says_the_same(sites):
    plugins, _, plain = sites
    assert compare(plugins, plain).text_differ == []


def test_the_theme_draws_pattern_pages_and_the_home_page_without_our_plugins(sites):
    plugins, _, plain = sites
    for site in (plugins, plain):
        crew = read_html(site / "patterns" / "crew" / "index.html")
        assert [a.get_text(strip=True) for a in crew.select("nav.md-tags a")], site
        assert crew.select_one("#related-patterns") is not None
        home = read_html(site / "index.html")
        assert home.select_one(".hb-home-head") is not None, site


def edit_links(site: Path) -> dict[str, list[str]]:
    return {page.relative_to(site).as_posix(): [a["href"] for a in read_html(page).select("a[rel=edit]")]
            for page in sorted(site.rglob("*.html"))}


def test_every_page_edits_the_same_files_without_our_plugins(sites):
    """A generated page's front matter says where its sources are (a folder, or the event's YAML
    file) or that it has none: without it the plain build would link a file that does not exist."""
    plugins, _, plain = sites
    ours = edit_links(plugins)
    assert ours == edit_links(plain)
    assert ours["events/newtown-thursday-crew/index.html"][0].endswith("/content/events/wellington/newtown-thursday-crew.yml")
    assert ours["patterns/tags/index.html"][0].endswith("/tree/main/content/patterns/")
    assert ours["subscribe/index.html"] == []


def test_export_refuses_content_with_problems(tmp_path):
    project = copy_project(tmp_path)
    broken = project / "content" / "events" / "broken.yml"
    broken.write_text("title: Broken\ngroup: no-such-group\nstart: 2026-12-01 19:00\nduration: 2h\n")
    done = handbook("export", str(tmp_path / "out"), "--root", str(project), env=EPOCH)
    assert done.returncode == 1
    assert "content/events/broken.yml:2:" in done.stdout
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
