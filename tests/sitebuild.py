"""Build a fixture site with `mkdocs build --strict` in a temporary folder, as a user would, with the
engine installed or named by HANDBOOK_ENGINE (`generator.engine`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator import engine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A fixed "now" (2026-11-26 12:00 UTC) so fixture builds are reproducible.
FIXED_EPOCH = "1795694400"


@dataclass
class Build:
    project: Path  # the copied fixture, with mkdocs.yml
    site: Path
    returncode: int
    output: str  # stdout and stderr together

    def page(self, url_path: str) -> Path:
        """The HTML file served at a site URL such as `patterns/crew/`."""
        path = self.site / url_path.strip("/")
        return path / "index.html" if not path.suffix else path


def copy_fixture(name: str, dest: Path, extra_config: str = "") -> Path:
    """Copy a fixture project into `dest`, pointing its theme at this repository's theme/;
    `extra_config` (top-level YAML) is added to the end of its mkdocs.yml."""
    project = dest / name
    shutil.copytree(FIXTURES / name, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("THEME_DIR", str(ROOT / "theme")) + extra_config)
    return project


def build(project: Path, strict: bool = True, env: dict | None = None) -> Build:
    site = project / "site"
    command = engine.command("build", "--clean", "-d", str(site), "-f", str(project / "mkdocs.yml"))
    if strict:
        command.append("--strict")
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH, **(env or {})}
    done = subprocess.run(command, cwd=project, env=run_env, capture_output=True, text=True)
    return Build(project, site, done.returncode, done.stdout + done.stderr)


def build_fixture(name: str, dest: Path, strict: bool = True, env: dict | None = None,
                  extra_config: str = "") -> Build:
    return build(copy_fixture(name, dest, extra_config), strict=strict, env=env)
