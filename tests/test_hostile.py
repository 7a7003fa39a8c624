"""Hostile content, as a pull request from anyone could bring it: `handbook check` must answer in
seconds with a `path:line: message` and no traceback, and the build must either fail cleanly or
publish nothing hostile.

Each case is a folder `tests/hostile/<case>/`: `case.yml` says what the case is and what must
happen, and `content/` (optional) holds files laid over a fresh copy of the shipped project.
What git cannot hold (symbolic links, pipes, huge repetitive text, old versions in history) is
described in `case.yml` and made by the test. Keys of `case.yml`:

    class: hangs                 # which kind of attack (for the issue note): free text
    about: one line saying what the file tries
    remove: [content/x.md]       # shipped files to delete first
    links: {content/patterns/x.md: ../../outside/secret.txt}   # symbolic links to make
    fifos: [content/events/pipe.yml]                           # named pipes to make
    repeat:                      # generated files: head + unit * times + tail
      content/events/x.yml: {head: "title: ", unit: "[a](", times: 20000, tail: "\\n"}
    history:                     # versions committed in order before the final content
      - {content/events/x.yml: "title: ..."}
      - {content/events/x.yml: {head: "description: ", unit: "a", times: 40000000}}   # made as `repeat` makes it
    check: ["content/x.md:3: "]  # lines `handbook check` must print (each line starts so)
    check_exit: 1                # default: 1 when `check` lists lines, else 0
    build: fails                 # fails | succeeds; default: fails when `check` lists lines
    build_says: [...]            # lines the build log must contain; default: the `check` lines
    absent: [evil.html]          # site paths that must not exist
    present: [patterns/crew/index.html]

The project copy sits in `<tmp>/project` with a git repository whose config holds a token, and
`<tmp>/outside/secret.txt` beside it: neither may reach the site (see `hostile_site`).
Every run is bounded in time and memory, as CI bounds it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import hostile_site
import pytest
from ruamel.yaml import YAML
from sitebuild import FIXED_EPOCH, ROOT

from generator import engine

CASES = Path(__file__).parent / "hostile"
CHECK_SECONDS = 20  # "a few seconds" on a quiet machine; CI machines are slower and shared
BUILD_SECONDS = 300
CHECK_MEMORY = 1 << 30  # 1 GiB of address space
BUILD_MEMORY = 3 << 30
CASE_KEYS = {"class", "about", "remove", "links", "fifos", "repeat", "history", "check", "check_exit",
             "build", "build_says", "absent", "present"}


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "case.yml").is_file()) if CASES.is_dir() else []


def _spec(name: str) -> dict:
    spec = YAML(typ="safe", pure=True).load((CASES / name / "case.yml").read_text(encoding="utf-8"))
    unknown = set(spec) - CASE_KEYS
    assert not unknown, f"tests/hostile/{name}/case.yml: unknown keys {sorted(unknown)}"
    return spec


def _limits(seconds: int, memory: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 20, 256 << 20))  # no file over 256 MB
    return apply


def _run(command: list[str], cwd: Path, seconds: int, memory: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH}
    env.pop("HANDBOOK_REQUIRE_HISTORY", None)
    try:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, errors="replace",
                              timeout=seconds, preexec_fn=_limits(seconds, memory))
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' '.join(command[:4])} ...` did not finish within {seconds} s")


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"})


def _project(tmp: Path) -> Path:
    """A fresh copy of the shipped project, in git, with a secret where a CI checkout keeps its
    token, and another one in a file beside the project."""
    project = tmp / "project"
    project.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "secret.txt").write_text(f"password: {hostile_site.SECRET}\n")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "http.extraheader", f"AUTHORIZATION: basic {hostile_site.SECRET}")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "shipped content")
    return project


def _lay_out(project: Path, name: str, spec: dict) -> None:
    for version in spec.get("history") or []:
        for path, text in version.items():
            target = project / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_text(text), encoding="utf-8")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "an earlier version")
    for path in spec.get("remove") or []:
        (project / path).unlink()
    overlay = CASES / name / "content"
    if overlay.is_dir():
        shutil.copytree(overlay, project / "content", dirs_exist_ok=True)
    for path, parts in (spec.get("repeat") or {}).items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_text(parts), encoding="utf-8")
    if (spec.get("history") or []) and not spec.get("links") and not spec.get("fifos"):
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "the pull request")
    for path, target in (spec.get("links") or {}).items():
        link = project / path
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    for path in spec.get("fifos") or []:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(project / path)


def _text(value: str | dict) -> str:
    """A file's text as case.yml gives it: as is, or `{head, unit, times, tail}` repeated."""
    if isinstance(value, str):
        return value
    return value.get("head", "") + value["unit"] * value["times"] + value.get("tail", "")


def _handbook() -> list[str]:
    return [sys.executable, "-m", "generator.cli"]


def _mkdocs() -> list[str]:
    return engine.command()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> hostile_site.Baseline:
    tmp = tmp_path_factory.mktemp("baseline")
    project = _project(tmp)
    done = _run([*_mkdocs(), "build", "--strict", "-q", "-d", str(tmp / "site")], project, BUILD_SECONDS, BUILD_MEMORY)
    assert done.returncode == 0, done.stdout + done.stderr
    return hostile_site.Baseline.of(tmp / "site")


def test_the_shipped_site_is_clean_and_the_scan_finds_what_it_looks_for(baseline, tmp_path):
    """The scan passes the shipped site and fails a copy with each kind of hostile markup."""
    site = tmp_path / "site"
    project = _project(tmp_path)
    assert _run([*_mkdocs(), "build", "--strict", "-q", "-d", str(site)], project,
                BUILD_SECONDS, BUILD_MEMORY).returncode == 0
    assert hostile_site.problems(site, baseline) == []
    page = site / "about" / "index.html"
    html = page.read_text()
    plants = {
        "inline script": "<script>alert(1)</script>",
        "script from": '<script src="https://evil.example/x.js"></script>',
        "event handler": '<img src="x.png" onerror="alert(1)">',
        "javascript:": '<a href=" JavaScript:alert(1)">x</a>',
        "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        "<iframe>": '<iframe src="https://evil.example"></iframe>',
        "outside content/": hostile_site.SECRET,
    }
    for finding, markup in plants.items():
        page.write_text(html.replace("</article>", markup + "</article>", 1))
        found = hostile_site.problems(site, baseline)
        assert any(finding.lower() in line.lower() for line in found), (finding, found)
    page.write_text(html)
    (site / "assets" / "javascripts" / "copy.js").write_text("alert(1)")
    assert any("differs from the theme" in line for line in hostile_site.problems(site, baseline))


@pytest.mark.parametrize("name", _cases())
def test_hostile_case(name, baseline, tmp_path):
    spec = _spec(name)
    project = _project(tmp_path)
    _lay_out(project, name, spec)
    expected = list(spec.get("check") or [])

    check = _run([*_handbook(), "check", str(project)], ROOT, CHECK_SECONDS, CHECK_MEMORY)
    said = check.stdout + check.stderr
    assert "Traceback" not in said, said[-3000:]
    assert check.returncode == spec.get("check_exit", 1 if expected else 0), said[-3000:]
    lines = said.splitlines()
    for line in expected:
        assert any(printed.startswith(line) for printed in lines), f"check did not say {line!r}:\n{said[-3000:]}"

    site = tmp_path / "site"
    build = _run([*_mkdocs(), "build", "--strict", "-d", str(site)], project, BUILD_SECONDS, BUILD_MEMORY)
    log = build.stdout + build.stderr
    assert "Traceback" not in log, log[-3000:]
    if spec.get("build", "fails" if expected else "succeeds") == "fails":
        assert build.returncode != 0, log[-3000:]
    else:
        assert build.returncode == 0, log[-3000:]
    for line in spec.get("build_says", expected):
        assert line in log, f"the build did not say {line!r}:\n{log[-3000:]}"
    if site.is_dir():
        assert hostile_site.problems(site, baseline) == []
        for path in spec.get("absent") or []:
            assert not (site / path).exists(), f"{path} was published"
        for path in spec.get("present") or []:
            assert (site / path).exists(), f"{path} is missing"
