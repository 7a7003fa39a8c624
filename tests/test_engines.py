"""The handbook builds on MkDocs and on ProperDocs, its maintained fork, and both give the same
site: every file byte for byte, except the `<meta name="generator">` tag of each HTML page.
`HANDBOOK_ENGINE` names the engine that `handbook build` and the tests run; a wrong name gets one
line and exit 2."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from sitebuild import FIXED_EPOCH, ROOT, handbook

from generator import engine
from generator.site import options

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH}
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
BOTH = engine.installed() == list(engine.ENGINES)


def test_an_unknown_engine_is_one_line_and_exit_2():
    done = handbook("build", env={engine.VARIABLE: "sphinx"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "handbook: HANDBOOK_ENGINE=sphinx names no engine; use one of: mkdocs, properdocs"]


def test_the_engine_named_is_the_one_run(monkeypatch):
    installed = engine.installed()
    assert installed, "the tests need MkDocs or ProperDocs"
    for name in installed:
        monkeypatch.setenv(engine.VARIABLE, name)
        assert engine.name() == name
        assert engine.command("build")[1:] == ["-m", name, "build"]
    monkeypatch.delenv(engine.VARIABLE)
    assert engine.name() == installed[0]


def test_handbook_build_builds_the_site_strictly(tmp_path):
    done = handbook("build", "-d", str(tmp_path / "site"), "-q", env={"SOURCE_DATE_EPOCH": FIXED_EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "feeds" / "all.ics").is_file()


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.skipif(not BOTH and os.environ.get("HANDBOOK_BOTH_ENGINES") != "1",
                    reason="needs MkDocs and ProperDocs side by side: pip install -e '.[properdocs]'")
def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    sites = {}
    for name in engine.ENGINES:
        site = tmp_path / name
        done = subprocess.run([*engine.command("build", engine=name), "--strict", "-q", "-d", str(site)],
                              cwd=ROOT, env=ENV, capture_output=True, text=True)
        assert done.returncode == 0, name + ": " + done.stdout + done.stderr
        sites[name] = files(site)
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert mkdocs.keys() == properdocs.keys()
    differ = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    tags = [name for name in differ if name.endswith(".html")
            and GENERATOR_TAG.sub(b"", mkdocs[name]) == GENERATOR_TAG.sub(b"", properdocs[name])]
    assert sorted(set(differ) - set(tags)) == []
    assert b"properdocs" in GENERATOR_TAG.search(properdocs["index.html"]).group(0).lower()


def test_the_readme_lists_every_plugin_option_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert options.with_tables(readme) == readme, "run: python -m generator.site.options README.md"
    for name in ("handbook-calendar", "handbook-feeds"):
        assert f"<!-- options: {name} -->" in readme
