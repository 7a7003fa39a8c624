"""The one rule for what may be in content/ (`generator.content.files`): what it accepts, what it
refuses, that nothing the build makes or takes from the theme can come from content/, that each
file is read once, and that the walk stays bounded whatever the folder holds.

Hostile folders end to end (check and build) are in tests/hostile/ (tests/test_hostile.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sitebuild import FIXED_EPOCH, ROOT

from generator.content import files as content_files
from generator.content.files import GLOSSARY_SOURCE, scan
from generator.content.load import load_content

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


# `project` (tests/conftest.py): a copy of the shipped content and mkdocs.yml.


def refusals(project: Path) -> dict[str, str]:
    return {p.path: p.message for p in scan(project / "content", project).problems}


def test_the_shipped_content_is_accepted_whole(project):
    found = scan(project / "content", project)
    assert found.problems == [] and found.walk_hazards == []
    every = {p.relative_to(project / "content").as_posix() for p in (project / "content").rglob("*") if p.is_file()}
    assert {f.src_uri for f in found.files} == every
    # The glossary is appended to every page, never published as a page of its own.
    assert found.published == {uri for uri in every if not uri.endswith(".yml") and uri != GLOSSARY_SOURCE}


def test_everything_the_build_makes_or_takes_from_the_theme_is_refused_in_content(project, monkeypatch):
    """Generated pages and feeds, the search index and the theme's files: a file of content/ at any
    of those paths is refused, so it can neither replace them nor be replaced silently."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    shutil.copytree(ROOT / "theme", project / "theme")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    made = {f.src_uri for f in files if f.generated_by or os.path.abspath(f.src_dir or "") != str(project / "content")}
    made |= {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "404.html"}  # written after on_files
    committed = {f"schemas/{schema.name}" for schema in (ROOT / "content" / "schemas").glob("*.schema.json")}
    assert len(made) > 150 and {"feeds/all.ics", "assets/javascripts/copy.js", "patterns/tags/index.md"} <= made

    for uri in sorted(made - committed):
        target = project / "content" / uri
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PNG if uri.endswith(".png") else b"# Planted\n")
    problems = load_content(project / "content", project).problems
    reported = {p.path for p in problems}
    for uri in sorted(made - committed):
        path = Path("content") / uri
        assert any(str(folder.as_posix()) in reported for folder in (path, *path.parents)), f"{uri} was accepted"


@pytest.mark.parametrize("name, message", [
    ("evil.html", "`.html` files are not published from content/"),
    ("x.js", "`.js` files are not published from content/"),
    ("calendar.ics", "`.ics` files are not published from content/"),
    ("README", "files without an extension are not published from content/"),
    ("notes.markdown", "`.markdown` files are not read as pages"),
    ("notes.MD", "`.MD` is not `.md`"),
    ("data.yml", "YAML files belong in `groups/` or `events/`"),
    ("logo.svg", "`.svg` files are not published from content/"),
    ("photo.PNG", "`.PNG` is not `.png`"),
    ("events.md", "`events.md` would take the address /events/, which the build makes"),
    ("patterns/notes.txt", "`.txt` files are not read as pages"),
    ("groups/ghost.YML", "`groups/` holds group files (`.yml`) only"),
    ("events/london/index.md", "`events/` holds event files (`.yml`) only"),
    ("schemas/index.md", "`schemas/` holds the formats' schemas only"),
    ("feeds/all.ics", "`feeds/` belongs to the build: the build writes the calendar feeds there"),
    ("assets/javascripts/copy.js", "`assets/` belongs to the build: the theme's scripts, styles and images are published there"),
    ("templates/main.md", "`templates/` belongs to the build: MkDocs leaves this folder out of the site"),
    ("patterns/tags/trust.md", "this is a folder, not a pattern file"),
    ("images/" + "a" * 101 + ".png", "the name is 105 characters long; names in content/ may have at most 100"),
])
def test_files_of_other_kinds_or_places_are_refused(project, name, message):
    target = project / "content" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(PNG if name.lower().endswith(".png") else b"x\n")
    found = refusals(project)
    assert len(found) == 1, found
    assert next(iter(found.values())) == message


def test_media_are_published_when_they_are_what_their_name_says(project):
    images = project / "content" / "images"
    images.mkdir()
    (images / "dot.png").write_bytes(PNG)
    (images / "fake.png").write_bytes(b"<html><script>alert(1)</script></html>")
    (images / "doc.pdf").write_bytes(b"%PDF-1.7\n...")
    found = scan(project / "content", project)
    assert {"images/dot.png", "images/doc.pdf"} <= found.published
    assert [(p.path, p.message) for p in found.problems] == [
        ("content/images/fake.png", "this is not a PNG file, whatever its name says")]


def test_hidden_files_are_left_alone_but_hidden_links_are_not(project):
    (project / "content" / ".gitkeep").write_bytes(b"")
    (project / "content" / ".notes").mkdir()
    (project / "content" / ".notes" / "draft.html").write_bytes(b"<script></script>")
    assert refusals(project) == {}
    (project / "content" / ".notes" / "usr").symlink_to("/usr")
    found = scan(project / "content", project)
    assert [p.path for p in found.walk_hazards] == ["content/.notes/usr"]


def test_every_link_is_refused_and_links_to_folders_stop_the_build(project):
    content = project / "content"
    (content / "inside.md").symlink_to("about.md")
    (content / "loop").symlink_to(".")
    (content / "nowhere.md").symlink_to("missing.md")
    (content / "self.md").symlink_to("self.md")
    found = scan(content, project)
    assert {p.path for p in found.problems} == {"content/inside.md", "content/loop", "content/nowhere.md", "content/self.md"}
    assert [p.path for p in found.walk_hazards] == ["content/loop"]
    assert "inside.md" not in found.published


def test_a_content_folder_that_is_a_link_is_refused(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "real")
    (tmp_path / "content").symlink_to("real")
    found = scan(tmp_path / "content", tmp_path)
    assert [p.path for p in found.walk_hazards] == ["content"] and found.files == []


def test_special_files_are_refused_unread(project):
    os.mkfifo(project / "content" / "pipe.md")
    os.mkfifo(project / "content" / "events" / "pipe.yml")
    assert refusals(project) == {
        "content/pipe.md": "this is not a regular file (a pipe, socket or device)",
        "content/events/pipe.yml": "this is not a regular file (a pipe, socket or device)"}


def test_the_walk_is_bounded(project, monkeypatch):
    monkeypatch.setattr(content_files, "MAX_ENTRIES", 20)
    found = scan(project / "content", project)
    assert [p.message for p in found.walk_hazards] == ["the content folder holds more than 20 files and folders"]
    deep = project / "content" / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h" / "i"
    deep.mkdir(parents=True)
    monkeypatch.setattr(content_files, "MAX_ENTRIES", 100_000)
    found = scan(project / "content", project)
    assert [p.path for p in found.walk_hazards] == ["content/a/b/c/d/e/f/g/h/i"]


def test_each_file_is_read_once(project, monkeypatch):
    reads: dict[str, int] = {}
    read_bytes = Path.read_bytes

    def counting(path):
        reads[str(path)] = reads.get(str(path), 0) + 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    content = load_content(project / "content", project)
    assert content.problems == []
    assert reads and max(reads.values()) == 1
    texts = [p for p in (project / "content").rglob("*") if p.suffix in (".md", ".yml")]
    assert len(reads) == len(texts)


def test_a_text_file_too_large_is_refused_before_it_is_read(project, monkeypatch):
    big = project / "content" / "big.md"
    big.write_bytes(b"# Big\n" + b"text " * 60_000)
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: pytest.fail("read") if path.name == "big.md" else read_bytes(path))
    found = scan(project / "content", project)
    assert any(p.path == "content/big.md" and "content files must be under 256 KB" in p.message for p in found.problems)
