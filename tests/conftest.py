"""Fixtures shared by the test modules: the shipped site built once a session, the fixture sites of
tests/fixtures/ built once each, the shipped content loaded once, and a copy of the project for a
test to change. The functions they use are in tests/sitebuild.py, which any module can import
(two conftest.py files, here and in tests/browser/, make `import conftest` ambiguous).

The shared builds are read-only: a test that changes a site or its sources builds its own copy
(`sitebuild.copy_fixture`, `copy_project` and `build`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import ROOT, Build, build_ok, copy_fixture, copy_project

from generator.content.load import load_content
from generator.core.model import Content


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Build:
    """The shipped site (content/, mkdocs.yml, theme/) built in place, git history and all, with
    `mkdocs build --strict` at the fixed "now"; the HTML goes to a temporary folder."""
    return build_ok(ROOT, site=tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    """The shipped content, loaded as the plugins load it."""
    return load_content(ROOT / "content", ROOT)


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Callable[[str], Build]:
    """`built_fixture(name)`: the fixture site tests/fixtures/<name> as it is, built with --strict
    once a session, whichever modules ask for it."""
    builds: dict[str, Build] = {}

    def built(name: str) -> Build:
        if name not in builds:
            builds[name] = build_ok(copy_fixture(name, tmp_path_factory.mktemp(name)))
        return builds[name]

    return built


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the shipped content and mkdocs.yml, for a test to change and `handbook` to read.
    (A module may define its own `project`, which takes this one's place there.)"""
    return copy_project(tmp_path)
