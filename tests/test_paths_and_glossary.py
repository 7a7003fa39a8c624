"""Paths (sequences of patterns) and the glossary as content: loaded, checked like everything else
(`path:line: message`, through `handbook check`), and published as schema and template."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT, build, handbook

from generator.content import templates
from generator.content.files import scan
from generator.content.glossary import inert_snippet_lines, load_glossary
from generator.content.paths import load_path_files, paths_through


def check(project: Path) -> subprocess.CompletedProcess:
    return handbook("check", str(project))


def write_path(project: Path, name: str, text: str) -> None:
    (project / "content" / "paths" / name).write_text(text, encoding="utf-8")


# -- paths ------------------------------------------------------------------------------------


def test_the_shipped_paths_load_with_their_steps_in_order(shipped_content):
    assert {"start-a-crew", "first-dinner-table"} <= set(shipped_content.paths)
    crew = shipped_content.paths["start-a-crew"]
    assert crew.title == "Start a crew"
    assert crew.steps[0].pattern == "circles-of-belonging" and crew.steps[-1].pattern == "end-the-season-well"
    assert all(step.pattern in shipped_content.patterns and step.do for path in shipped_content.paths.values() for step in path.steps)
    # Where a pattern stands in each path: the check-in is a step of both
    through = {path.slug: numbers for path, numbers in paths_through(shipped_content.paths, "check-in")}
    assert through == {"first-dinner-table": [5], "start-a-crew": [5]}


def test_an_unknown_pattern_in_a_path_is_reported_with_its_line_and_the_closest_name(project):
    write_path(project, "walk.md", "---\ntitle: Walk\nsummary: A walk.\nsteps:\n"
                                   "  - pattern: check-in\n    do: Go round.\n"
                                   "  - pattern: sitting-in-circle\n    do: Sit.\n---\n")
    done = check(project)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/paths/walk.md:7: pattern `sitting-in-circle` does not exist; did you mean `sitting-in-a-circle`?"]
    assert "Traceback" not in done.stderr


def test_every_problem_of_a_path_is_reported_at_once(project):
    write_path(project, "one.md", "---\ntitel: One\nsummary: S\nsteps:\n  - pattern: crew\n"
                                  "  - pattern: no-such-thing\n    do: X\n    time: 5 minutes\n---\n")
    write_path(project, "empty.md", "---\ntitle: Empty\nsummary: S\nsteps: []\n---\n")
    write_path(project, "index.md", "---\ntitle: I\nsummary: S\nsteps: []\n---\n")
    write_path(project, "Bad Name.md", "---\ntitle: B\nsummary: S\nsteps: []\n---\n")
    lines = check(project).stdout.splitlines()
    assert "content/paths/one.md:2: unknown key `titel`; did you mean `title`?" in lines
    assert "content/paths/one.md:1: `title` is missing; the path's name, like `Start a crew`" in lines
    assert "content/paths/one.md:5: `steps[1].do` is missing; what to do at this step, in a sentence or two" in lines
    assert "content/paths/one.md:6: pattern `no-such-thing` does not exist" in lines
    assert any(line.startswith("content/paths/one.md:8: unknown key `steps[2].time`") for line in lines)
    assert any(line.startswith("content/paths/empty.md:4: a path needs at least one step") for line in lines)
    assert any(line.startswith("content/paths/index.md:1: `index` is the name of a generated page") for line in lines)
    assert any(line.startswith("content/paths/Bad Name.md:1: the file name `Bad Name.md` is not a slug") for line in lines)


def test_a_step_on_a_broken_pattern_points_at_the_pattern_file(project):
    (project / "content/patterns/check-in.md").write_text("---\ntitle: The check-in\n---\nNo sections.\n")
    lines = check(project).stdout.splitlines()
    assert "content/paths/start-a-crew.md:17: pattern `check-in` has problems; fix content/patterns/check-in.md first" in lines


def test_the_path_template_passes_check_and_the_published_schema(project):
    write_path(project, "a-first-evening.md", templates.path("A first evening", ["sitting-in-a-circle", "check-in"]))
    done = check(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 paths" in done.stderr
    front = (project / "content/paths/a-first-evening.md").read_text().split("---\n")[1]
    schema = json.loads((ROOT / "content" / "schemas" / "path.schema.json").read_text())
    jsonschema.validate(YAML(typ="safe", pure=True).load(front), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "summary": "S", "steps": [{"pattern": "crew"}]}, schema)


def test_every_shipped_path_file_validates_against_the_committed_schema():
    schema = json.loads((ROOT / "content" / "schemas" / "path.schema.json").read_text())
    for path in (ROOT / "content" / "paths").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        jsonschema.validate(YAML(typ="safe", pure=True).load(front), schema)


# -- glossary ---------------------------------------------------------------------------------


def test_the_shipped_glossary_defines_the_handbook_own_words():
    terms, problems = load_glossary(scan(ROOT / "content", ROOT), ROOT)
    assert problems == []
    words = {t.term for t in terms}
    assert {"crew", "congregation", "network", "check-in", "circles of belonging", "escalate the bandwidth",
            "mutual aid", "microsolidarity"} <= words
    assert all(t.definition and len(t.definition) < 200 for t in terms)


def test_a_line_that_is_not_a_definition_would_show_on_every_page_and_is_reported(project):
    terms = project / "content" / "glossary" / "terms.md"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n# More words\n*[crew]: Again.\n*[nothing]:\n",
                     encoding="utf-8")
    lines = check(project).stdout.splitlines()
    count = len(terms.read_text().splitlines())
    assert lines == [
        f"content/glossary/terms.md:{count - 2}: not a glossary definition; every line is `*[term]: what it means` "
        "(the file is added to every page, so anything else would show on all of them)",
        f"content/glossary/terms.md:{count - 1}: `crew` is defined twice; it is already defined on line 2",
        f"content/glossary/terms.md:{count}: `nothing` has no definition; write it after `*[nothing]: `",
    ]


def test_a_handbook_without_a_glossary_is_fine(tmp_path):
    (tmp_path / "content").mkdir()
    files = scan(tmp_path / "content", tmp_path)
    assert load_glossary(files, tmp_path) == ((), [])
    assert load_path_files(files, tmp_path, {}) == ({}, [], {})


def test_a_snippet_line_in_a_page_is_reported_not_followed(project):
    # Snippets is on to append the glossary; a page must not pull another file in with it.
    with open(project / "content" / "about.md", "a", encoding="utf-8") as page:
        page.write('\n--8<-- "../../mkdocs.yml"\n')
    with open(project / "content" / "patterns" / "crew.md", "a", encoding="utf-8") as page:
        page.write("\n  --8<--\n")
    lines = check(project).stdout.splitlines()
    about = len((project / "content" / "about.md").read_text().splitlines())
    crew = len((project / "content" / "patterns" / "crew.md").read_text().splitlines())
    hint = "pages cannot include files; write the text out, or start the line with `;` to show it as it is"
    assert lines == [f"content/about.md:{about}: `--8<--` would include another file here; {hint}",
                     f"content/patterns/crew.md:{crew}: `--8<--` would include another file here; {hint}"]
    assert inert_snippet_lines('a\n--8<-- "x"\n  ---8<---\n') == 'a\n;--8<-- "x"\n  ;---8<---\n'


def test_the_build_says_which_glossary_file_is_missing(project):
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "content" / "glossary" / "terms.md").unlink()
    built = build(project)
    assert built.returncode == 1
    assert ("mkdocs.yml: pymdownx.snippets appends `terms.md` to every page, but there is no such file in "
            "content/glossary") in built.output
    assert "Traceback" not in built.output
