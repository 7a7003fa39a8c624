"""The `handbook` command as editors run it: `check` and `new`, exit codes, messages, templates."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT, handbook

from generator.cli import github_annotation
from generator.core.problems import Problem

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# `project` (tests/conftest.py): a copy of the shipped content and mkdocs.yml, for `new` to write into.


def assert_clean(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("All good: ")


# -- check ----------------------------------------------------------------------------------


def test_the_shipped_content_passes_check():
    assert_clean(handbook("check", cwd=ROOT))


def test_check_takes_the_project_folder_as_an_argument(project, tmp_path):
    done = handbook("check", str(project), cwd=tmp_path)
    assert_clean(done)


def test_check_reads_docs_dir_from_mkdocs_yml(project):
    (project / "content").rename(project / "docs")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: content", "docs_dir: docs"))
    (project / "docs/groups/hackney-crew.yml").write_text("name: Hackney\n")
    done = handbook("check", cwd=project)
    assert done.returncode == 1
    assert "docs/groups/hackney-crew.yml:1: `kind` is missing; what sort of group it is" in done.stdout.splitlines()


def test_check_does_not_load_the_site_builder():
    """`check` runs in pre-commit hooks and on every pull request: it must not pay for MkDocs,
    Markdown rendering or iCalendar, which only the build needs."""
    code = ("import sys, contextlib, io\n"
            "from generator.cli import main\n"
            "with contextlib.redirect_stderr(io.StringIO()): main(['check', '.'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'mkdocs', 'material', 'markdown', 'pymdownx', 'icalendar', 'recurring_ical_events', 'jinja2'}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.parametrize("args, message", [
    ([], "the following arguments are required: COMMAND"),
    (["deploy"], "invalid choice: 'deploy'"),
    (["check", "--format", "json"], "invalid choice: 'json'"),
    (["check", "no-such-folder"], "no-such-folder is not a folder"),
    (["new"], "the following arguments are required: KIND"),
    (["new", "event", "Picnic", "--start", "2027-01-14"], "the following arguments are required: --group"),
    (["new", "group", "Crew", "--kind", "crews", "--timezone", "Europe/London"], "invalid choice: 'crews'"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, args, message):
    done = handbook(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_folder_without_content_is_a_usage_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ndocs_dir: pages\n")
    done = handbook("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("handbook: . has no content folder (looked for `pages/`, from mkdocs.yml's docs_dir); "
                           "run the command in the project folder, or give its path\n")


def test_an_unreadable_mkdocs_yml_is_a_usage_error(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_bytes(b"docs_dir: \xff\xfe\n")
    done = handbook("check", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("handbook: cannot read mkdocs.yml")


def test_github_annotations_escape_what_the_syntax_needs():
    problem = Problem("content/events/a,b:c.yml", 3, "100% sure: no", "hint")
    assert github_annotation(problem) == ("::error file=content/events/a%2Cb%3Ac.yml,line=3,title=handbook check::"
                                          "100%25 sure: no; hint")


def test_a_problem_quoting_the_file_stays_on_one_line():
    """A key or value with a line break or a terminal escape in it must not break the
    one-line-per-problem output, nor reach the terminal raw."""
    problem = Problem("content/events/e.yml", 2, "unknown key `a\nb\u2028c`", "did you mean `\x1b[31mred`?")
    assert str(problem) == "content/events/e.yml:2: unknown key `a b c`; did you mean `\\x1b[31mred`?"


# -- new ------------------------------------------------------------------------------------


def test_new_pattern_passes_check(project):
    done = handbook("new", "pattern", "Walk and talk", "--scale", "partner", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Wrote content/patterns/walk-and-talk.md: fill it in, then run `handbook check`.\n"
    text = (project / "content/patterns/walk-and-talk.md").read_text()
    assert text.startswith('---\ntitle: "Walk and talk"\n') and "scale: partner\n" in text
    assert_clean(handbook("check", cwd=project))


@pytest.mark.parametrize("start, written", [("2027-01-14 19:00", "2027-01-14 19:00"), ("2027-01-14", "2027-01-14"),
                                            ("2027-01-14T19:00", "2027-01-14 19:00"),
                                            ("2027-01-14 19:00:30", "2027-01-14 19:00:30")])
def test_new_event_passes_check(project, start, written):
    # Every start `handbook check` accepts is accepted here too (a `T` between date and time once
    # passed the argument check and then failed in the template, with a traceback).
    done = handbook("new", "event", "Tottenham supper", "--group", "hackney-crew", "--start", start, cwd=project)
    assert done.returncode == 0, done.stderr
    path = project / "content/events/hackney-crew/tottenham-supper.yml"
    assert done.stdout == f"Wrote {path.relative_to(project)}: fill it in, then run `handbook check`.\n"
    assert f"start: {written} " in path.read_text()
    assert_clean(handbook("check", cwd=project))


def test_new_group_then_an_event_of_it_pass_check(project):
    done = handbook("new", "group", "Tottenham Crew", "--kind", "crew", "--timezone", "Europe/London",
                    "--part-of", "london-congregation", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "content/groups/tottenham-crew.yml").read_text().count("part_of: london-congregation\n") == 1
    done = handbook("new", "event", "First supper", "--group", "tottenham-crew", "--start", "2027-01-14 19:00",
                    "--duration", "90m", cwd=project)
    assert done.returncode == 0, done.stderr
    assert_clean(handbook("check", cwd=project))


def test_uncommenting_the_series_in_an_event_template_still_passes_check(project):
    handbook("new", "event", "Weekly walk", "--group", "hackney-crew", "--start", "2027-01-14 10:00", cwd=project)
    path = project / "content/events/hackney-crew/weekly-walk.yml"
    lines = path.read_text().splitlines(keepends=True)
    series = [i for i, line in enumerate(lines) if line.startswith(("# repeat:", "#   "))]
    for i in series:
        lines[i] = lines[i][2:]
    path.write_text("".join(lines))
    assert_clean(handbook("check", cwd=project))


def test_yaml_templates_name_their_published_schema(project):
    handbook("new", "event", "Picnic", "--group", "hackney-crew", "--start", "2027-07-03", cwd=project)
    handbook("new", "group", "Deptford Crew", "--kind", "crew", "--timezone", "Europe/London", cwd=project)
    event = (project / "content/events/hackney-crew/picnic.yml").read_text()
    group = (project / "content/groups/deptford-crew.yml").read_text()
    site = "https://handbook.microsolidarity.example"
    assert event.splitlines()[0] == f"# yaml-language-server: $schema={site}/schemas/event.schema.json"
    assert group.splitlines()[0] == f"# yaml-language-server: $schema={site}/schemas/group.schema.json"


def test_without_a_site_address_the_template_names_the_committed_schema_by_a_relative_path(project):
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text().splitlines() if not line.startswith("site_url:")))
    handbook("new", "event", "Picnic", "--group", "hackney-crew", "--start", "2027-07-03", cwd=project)
    path = project / "content/events/hackney-crew/picnic.yml"
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/event.schema.json"
    assert (path.parent / "../../schemas/event.schema.json").resolve() == (project / "content/schemas/event.schema.json")
    assert (project / "content/schemas/event.schema.json").is_file()


def test_what_new_writes_is_valid_against_the_published_schemas(project):
    handbook("new", "event", "Picnic", "--group", "hackney-crew", "--start", "2027-07-03 12:00", cwd=project)
    handbook("new", "group", "Deptford Crew", "--kind", "crew", "--timezone", "Europe/London", cwd=project)
    for kind, path in (("event", "events/hackney-crew/picnic.yml"), ("group", "groups/deptford-crew.yml")):
        schema = json.loads((project / f"content/schemas/{kind}.schema.json").read_text())
        # As a YAML language server reads the file: YAML 1.2, dates as text.
        data = YAML(typ="safe", pure=True).load((project / "content" / path).read_text())
        data = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in data.items()}
        assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []


def test_new_refuses_to_overwrite(project):
    assert handbook("new", "pattern", "Walk and talk", cwd=project).returncode == 0
    path = project / "content/patterns/walk-and-talk.md"
    path.write_text(path.read_text() + "\nMy own words.\n")
    before = path.read_bytes()
    done = handbook("new", "pattern", "Walk and talk", cwd=project)
    assert done.returncode == 1
    assert done.stderr == ("handbook: content/patterns/walk-and-talk.md already exists (a pattern named "
                           "`walk-and-talk`); choose another title or edit that file\n")
    assert path.read_bytes() == before


def test_new_event_refuses_a_slug_taken_in_another_folder(project):
    taken = next((project / "content/events").rglob("*.yml"))
    done = handbook("new", "event", taken.stem.replace("-", " "), "--group", "hackney-crew",
                    "--start", "2027-01-14", cwd=project)
    assert done.returncode == 1
    assert f"handbook: {taken.relative_to(project).as_posix()} already exists" in done.stderr
    assert not (project / "content/events/hackney-crew" / taken.name).exists()


def test_new_group_refuses_an_existing_group(project):
    done = handbook("new", "group", "Hackney Crew", "--kind", "crew", "--timezone", "Europe/London", cwd=project)
    assert done.returncode == 1 and "content/groups/hackney-crew.yml already exists" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["event", "Supper", "--group", "hackney-crw", "--start", "2027-01-14"],
     "--group: no group `hackney-crw`; did you mean `hackney-crew`?"),
    (["event", "Supper", "--group", "hackney-crew", "--start", "next thursday"],
     "--start: is not a date or a date and time: `next thursday`; "
     "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event"),
    (["event", "Supper", "--group", "hackney-crew", "--start", "2027-03-28 01:30"],
     "--start: 2027-03-28 01:30 does not exist in Europe/London: the clocks go forward at that time; "
     "choose a time outside the change"),
    (["event", "Supper", "--group", "hackney-crew", "--start", "2027-01-14 19:00", "--duration", "2 hours"],
     "--duration: `2 hours` is not a duration; write it like `2h`, `90m` or `1h30m`"),
    (["event", "Past", "--group", "hackney-crew", "--start", "2027-01-14"],
     "`past` is an address the site uses for its own pages; choose another title"),
    (["group", "Crew", "--kind", "crew", "--timezone", "London"],
     "--timezone: `London` is not a time zone; time zones look like `Europe/London`; did you mean `Europe/London`?"),
    (["group", "Crew", "--kind", "crew", "--timezone", "Europe/London", "--part-of", "hackney-crew"],
     "--part-of: no congregation `hackney-crew`; the congregations are: london-congregation, wellington-congregation"),
    (["group", "Big", "--kind", "congregation", "--timezone", "Europe/London", "--part-of", "london-congregation"],
     "--part-of is for crews: a congregation is made of crews"),
    (["group", "Index", "--kind", "crew", "--timezone", "Europe/London"],
     "`index` is an address the site uses for its own pages; choose another title"),
    (["pattern", "Tags"], "`tags` is an address the site uses for its own pages; choose another title"),
    (["pattern", "!!!"], "the title needs at least one letter or digit (the file name is made from it)"),
    (["pattern", "Two\nlines"], "the pattern's title must be one line"),
])
def test_new_refuses_arguments_that_would_fail_check(project, args, message):
    before = sorted(p for p in (project / "content").rglob("*"))
    done = handbook("new", *args, cwd=project)
    assert done.returncode == 2
    assert done.stderr == f"handbook: {message}\n"
    assert sorted(p for p in (project / "content").rglob("*")) == before


@pytest.mark.parametrize("kind, args, folder, suffix", [
    ("group", ["--kind", "crew", "--timezone", "Europe/London"], "groups", ".yml"),
    ("pattern", [], "patterns", ".md"),
])
def test_check_suggests_the_name_new_would_write(project, kind, args, folder, suffix):
    # One slug rule: the name `check` asks for is the one `new` gives the same title.
    title = "Café Crème"
    badly_named = project / "content" / folder / f"{title}{suffix}"
    done = handbook("new", kind, title, *args, cwd=project)
    assert done.returncode == 0, done.stderr
    written = project / "content" / folder / f"cafe-creme{suffix}"
    assert written.is_file()
    written.rename(badly_named)
    done = handbook("check", cwd=project)
    assert f"rename it to `cafe-creme{suffix}`" in done.stdout, done.stdout


# -- schemas ------------------------------------------------------------------------------------


def test_schemas_rewrites_the_committed_schemas_from_the_formats(project):
    folder = project / "content" / "schemas"
    committed = {path.name: path.read_text() for path in folder.glob("*.schema.json")}
    for path in folder.glob("*.schema.json"):
        path.write_text("{}\n")
    done = handbook("schemas", cwd=project)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.splitlines()) == [f"wrote content/schemas/{name}" for name in sorted(committed)]
    assert {path.name: path.read_text() for path in folder.glob("*.schema.json")} == committed


def test_schemas_outside_a_project_is_a_usage_error(tmp_path):
    done = handbook("schemas", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("handbook: . has no content folder")


# -- where the check runs: pre-commit and the code host's workflows ---------------------------


def read_yaml(path: Path):
    return YAML(typ="safe", pure=True).load(path.read_text())  # YAML 1.2: `on:` stays a key


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


@pytest.mark.parametrize("config, hooks", [(".pre-commit-config.yaml", lambda c: c["repos"][0]["hooks"]),
                                            (".pre-commit-hooks.yaml", lambda c: c)])
def test_the_pre_commit_hook_runs_handbook_check_on_content_changes(config, hooks):
    (hook,) = [hook for hook in hooks(read_yaml(ROOT / config)) if hook["id"] == "handbook-check"]
    assert hook["id"] == "handbook-check" and hook["pass_filenames"] is False
    assert hook["entry"] == "handbook check"
    for path in ("content/events/london/x.yml", "content/groups/x.yml", "content/patterns/x.md", "mkdocs.yml"):
        assert re.search(hook["files"], path), path
    assert not re.search(hook["files"], "README.md")
    assert_clean(handbook(*hook["entry"].split()[1:], cwd=ROOT))


def test_pull_requests_run_the_check_the_tests_and_a_strict_build():
    workflow = read_yaml(ROOT / ".github/workflows/check.yml")
    assert "pull_request" in workflow["on"]
    steps = run_steps(workflow)
    assert "handbook check --format github" in steps
    assert "python -m pytest" in steps
    assert "mkdocs build --strict" in steps
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"


def test_the_site_is_deployed_on_merge_and_daily_with_full_history_and_the_real_clock():
    workflow = read_yaml(ROOT / ".github/workflows/deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert len(workflow["on"]["schedule"]) == 1  # daily, so "upcoming" stays true
    assert workflow["on"]["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    checkouts = [step for job in workflow["jobs"].values() for step in job["steps"]
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)
    assert workflow["env"]["HANDBOOK_REQUIRE_HISTORY"] == "1"
    envs = [workflow.get("env", {})] + [part.get("env", {}) for job in workflow["jobs"].values()
                                        for part in [job, *job.get("steps", [])]]
    assert not any("SOURCE_DATE_EPOCH" in env for env in envs)  # "now" is the time of the build
    assert not any("SOURCE_DATE_EPOCH" in step for step in run_steps(workflow))
    assert "mkdocs build --strict" in run_steps(workflow)
    # Every package as locked, checked against its hash: no release upstream reaches the site unreviewed.
    assert any("pip install --require-hashes -r requirements/deploy.txt" in step for step in run_steps(workflow))
    assert any(step.get("uses", "").startswith("actions/deploy-pages@")
               for job in workflow["jobs"].values() for step in job["steps"])


def test_vscode_maps_content_files_to_the_committed_schemas():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    mapped = {schema: globs for schema, globs in settings["yaml.schemas"].items()}
    assert (ROOT / "content/schemas/event.schema.json").is_file() and (ROOT / "content/schemas/group.schema.json").is_file()
    assert "content/events/**/*.yml" in mapped["./content/schemas/event.schema.json"]
    assert "content/groups/*.yml" in mapped["./content/schemas/group.schema.json"]
