"""The layout holds: the import contracts of pyproject.toml are kept (layers, no cycles, no MkDocs
in generator/), they catch an import that breaks them, and ruff finds nothing. ARCHITECTURE.md
explains the layers these tests enforce."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT

BIN = Path(sys.executable).parent


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """`lint-imports` in `project`, importing the generator/ and plugins/ found there."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=project, env=env,
                          capture_output=True, text=True)


def test_the_import_contracts_are_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def copy(tmp_path) -> Path:
    """generator/, plugins/ and pyproject.toml, to break on purpose."""
    for folder in ("generator", "plugins"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize("module, line, broken", [
    # an arrow pointing up: the model knowing about the pages
    ("generator/core/model.py", "from ..pages import calendar", "generator's packages are layered"),
    # the loaders reaching for the feeds
    ("generator/content/load.py", "from ..feeds import build", "generator's packages are layered"),
    # the core importing MkDocs
    ("generator/content/files.py", "import mkdocs.utils", "generator works without MkDocs"),
    # generator depending on a plugin
    ("generator/pages/subscribe.py", "import plugins.shared", "plugins use generator, never the other way"),
    # a new top-level module that nobody placed in the layers
    ("generator/stray.py", "", "generator's packages are layered"),
    # two modules of one package importing each other
    ("generator/core/limits.py", "from . import problems", "no import cycles"),
])
def test_a_broken_contract_is_caught(copy, module, line, broken):
    path = copy / module
    text = path.read_text() if path.exists() else '"""A module nobody placed."""\n'
    path.write_text(text + (f"\n{line}  # noqa\n" if line else ""))
    done = lint_imports(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    verdicts = [line for line in done.stdout.splitlines() if line.endswith((" KEPT", " BROKEN"))]
    (verdict,) = [line for line in verdicts if line.startswith(broken)]
    assert verdict.endswith(" BROKEN"), done.stdout


def test_ci_and_pre_commit_run_the_linters_before_the_tests():
    ci = (ROOT / ".ci/run").read_text().splitlines()
    steps = [line for line in ci if line and not line.startswith("#")]
    tests = next(i for i, line in enumerate(steps) if "-m pytest" in line)
    assert ".venv/bin/ruff check ." in steps[:tests]
    assert ".venv/bin/lint-imports" in steps[:tests]
    assert "set -euo pipefail" in steps  # a failing linter stops the run with its exit code
    hooks = {hook["id"]: hook for repo in YAML(typ="safe", pure=True).load(
        (ROOT / ".pre-commit-config.yaml").read_text())["repos"] for hook in repo["hooks"]}
    assert hooks["ruff"]["entry"].startswith("ruff check")
    assert hooks["import-contracts"]["entry"] == "lint-imports"


# A file or folder of the project named in a comment, a docstring, a message or a document:
# `generator/pages/propose.py`, `theme/assets/javascripts/`. This file is left out: it names
# modules that do not exist on purpose (above).
NAMED_PATH = re.compile(r"(?<![\w./-])((?:generator|plugins|theme|tests|benchmarks)/[\w./-]*?"
                        r"(?:\.(?:py|js|html|css|json|md|toml|yml)|/))(?![\w-])")
SKIPPED_PARTS = {"__pycache__", "vendor", ".artifacts", "node_modules"}


def project_sources() -> list[Path]:
    """The project's own sources, documents and configuration, without this file."""
    sources = [path for folder in ("generator", "plugins", "theme", "content", "benchmarks", "tests")
               for path in (ROOT / folder).rglob("*")
               if path.is_file() and path.suffix in (".py", ".js", ".html", ".css", ".md", ".yml", ".toml")
               and not SKIPPED_PARTS & set(path.relative_to(ROOT).parts)]
    sources += [ROOT / name for name in ("README.md", "ARCHITECTURE.md", "mkdocs.yml", "pyproject.toml", ".ci/run")]
    return [path for path in sources if path != Path(__file__)]


def missing_names(path: Path) -> list[str]:
    """Each project path named in `path` that does not exist, as `file:line: name`."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [f"{path.relative_to(ROOT)}:{number}: {named}"
            for number, line in enumerate(lines, 1)
            for named in NAMED_PATH.findall(line) if not (ROOT / named).exists()]


def test_every_file_the_project_names_exists():
    # A comment, message or document that names a module by a path it no longer has sends the
    # next reader nowhere; a module that moves must take every mention of it along.
    missing = [problem for path in project_sources() for problem in missing_names(path)]
    assert not missing, "\n".join(missing)
