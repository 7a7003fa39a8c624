"""Run the project as a user would, in a temporary folder: build a site with `mkdocs build --strict`
(on the engine installed or named by HANDBOOK_ENGINE, `generator.engine`), run the `handbook`
command, copy the shipped project or a fixture site to change it, and read a built page as HTML.

The fixtures that share these builds between test modules are in tests/conftest.py; this module
holds the plain functions, so that any test module (and tests/browser/) can import them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from generator import engine
from generator.content.load import load_content
from generator.core.model import Content

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A fixed "now" (2026-11-26 12:00 UTC) so fixture builds are reproducible.
FIXED_EPOCH = "1795694400"
# The shipped site's public address, as mkdocs.yml writes it.
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@dataclass
class Build:
    project: Path  # the folder with mkdocs.yml
    site: Path
    returncode: int
    output: str  # stdout and stderr together

    def page(self, url_path: str) -> Path:
        """The HTML file served at a site URL such as `patterns/crew/`."""
        path = self.site / url_path.strip("/")
        return path / "index.html" if not path.suffix else path

    def html(self, url_path: str) -> BeautifulSoup:
        """The page served at `url_path`, parsed."""
        return read_html(self.page(url_path))

    def article(self, url_path: str) -> Tag | None:
        """The page's content, without the theme's header, navigation and footer."""
        return self.html(url_path).select_one("article.md-content__inner")

    def feeds(self) -> list[Path]:
        """Every iCalendar file of the site: the feeds and each gathering's own file."""
        return sorted(self.site.glob("feeds/**/*.ics")) + sorted(self.site.glob("events/*.ics"))

    def content(self) -> Content:
        """The content the site was built from, loaded as the plugins load it."""
        return load_content(self.project / "content", self.project)


def copy_fixture(name: str, dest: Path, extra_config: str = "") -> Path:
    """Copy a fixture project into `dest`, pointing its theme at this repository's theme/;
    `extra_config` (top-level YAML) is added to the end of its mkdocs.yml."""
    project = dest / name
    shutil.copytree(FIXTURES / name, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("THEME_DIR", str(ROOT / "theme")) + extra_config)
    return project


def copy_project(dest: Path, theme: bool = False, files: dict[str, str] | None = None) -> Path:
    """The shipped project (content/ and mkdocs.yml; theme/ too when it is to be built) copied to
    `dest/project`, with `files` (a path in the project: its text) written over it."""
    project = dest / "project"
    shutil.copytree(ROOT / "content", project / "content")
    if theme:
        shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for path, text in (files or {}).items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


def commit_all(project: Path) -> None:
    """Make `project` a git repository whose one commit holds every file in it."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project,
                       check=True, capture_output=True)


def build(project: Path, strict: bool = True, env: dict | None = None, site: Path | None = None) -> Build:
    """Build `project` into `site` (by default `project/site`) at the fixed "now"."""
    site = site or project / "site"
    command = engine.command("build", "--clean", "-d", str(site), "-f", str(project / "mkdocs.yml"))
    if strict:
        command.append("--strict")
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH, **(env or {})}
    done = subprocess.run(command, cwd=project, env=run_env, capture_output=True, text=True)
    return Build(project, site, done.returncode, done.stdout + done.stderr)


def build_fixture(name: str, dest: Path, strict: bool = True, env: dict | None = None,
                  extra_config: str = "") -> Build:
    return build(copy_fixture(name, dest, extra_config), strict=strict, env=env)


def build_ok(project: Path, **options) -> Build:
    """`build`, which must succeed: a failed build fails the test with the build's output."""
    result = build(project, **options)
    assert result.returncode == 0, result.output
    return result


def handbook(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The `handbook` command as an editor runs it, from the code of this checkout."""
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=run_env,
                          capture_output=True, text=True)
