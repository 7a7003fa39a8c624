"""The CI workflows treat a pull request as untrusted (issue 11), and an edit cannot silently undo it:
no checkout leaves its token in .git/config, tokens may only read except where the site is
published, no workflow runs a pull request's code with the base repository's rights, the site is
built only after `handbook check` passed, and a fork's site is never kept as an artifact.

One workflow runs with more rights on a pull request's behalf: preview-comment.yml, which posts
the Check workflow's text preview as a comment. It never checks out the pull request, may only
write comments (and read the artifact), and reads the artifact as data: a file passed to the API,
never a shell command, never executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The only rights a token may have beyond reading code: publishing the site, in the job that does;
# commenting a pull request's preview; and proposing a refreshed lock file as a pull request (never
# from a pull request's code).
PUBLISHING = {("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
              ("preview-comment.yml", "comment"): {"pull-requests": "write"},
              ("lock.yml", "refresh"): {"contents": "write", "pull-requests": "write"}}
# The one workflow started by another's run (with the base repository's token), and the one
# artifact a fork's pull request may leave: the preview, a text file.
COMMENTING = "preview-comment.yml"
PREVIEW_ARTIFACT = {"name": "review-preview", "path": "preview.md"}


def load(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))  # YAML 1.2: `on` stays "on"


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def needs(job: dict) -> set[str]:
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def runs(step: dict, command: str) -> bool:
    return command in str(step.get("run", ""))


def test_there_are_workflows_to_check():
    assert {path.name for path in WORKFLOWS} >= {"check.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_checkout_keeps_its_token(path):
    """With the token in .git/config, any step (or a page that renders the file) can read it."""
    checkouts = [(job, step) for job, step in steps(load(path)) if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts or path.name == COMMENTING
    for job, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: job {job}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_tokens_only_read_except_to_publish(path):
    workflow = load(path)
    assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: the workflow's default"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        if granted is None:
            continue
        writes = {scope: level for scope, level in granted.items() if level != "read"}
        assert writes == PUBLISHING.get((path.name, name), {}), f"{path.name}: job {name} may {writes}"
        if writes:
            assert "pull_request" not in triggers(workflow), f"{path.name}: publishes from a pull request"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_code_runs_with_the_repositorys_rights(path):
    """`pull_request_target` and `workflow_run` run with the base repository's token and secrets:
    only the comment workflow may, and it checks nothing out."""
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    if "workflow_run" in triggers(workflow):
        assert path.name == COMMENTING
        assert not [s for _, s in steps(workflow) if "checkout" in str(s.get("uses", ""))]


def test_the_comment_workflow_treats_the_preview_as_text():
    workflow = load(ROOT / ".github" / "workflows" / COMMENTING)
    assert workflow["on"]["workflow_run"] == {"workflows": ["Check"], "types": ["completed"]}
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    used = {str(step.get("uses", "")).split("@")[0] for step in job["steps"] if "uses" in step}
    assert used == {"actions/download-artifact"}  # nothing else acts: no checkout, no script action
    commands = "\n".join(str(step.get("run", "")) for step in job["steps"])
    downloaded = "${{ runner.temp }}/preview"
    assert any((step.get("with") or {}).get("path") == downloaded for step in job["steps"])
    # The artifact is only ever read by head (bounded) and jq, and the body reaches the API as a file.
    assert "--input \"$BODY\"" in commands and "head -c 60000 \"$PREVIEW\"" in commands
    for word in ("source ", "bash ", "sh ", "eval ", "chmod", "./", "python", "node ", "-F body", "-f body"):
        assert word not in commands, word
    # No value an author controls is written into a script: they arrive as environment variables.
    for step in job["steps"]:
        assert "${{" not in str(step.get("run", "")), step.get("name")
    # The number comes from the event, not from the artifact.
    numbers = [step for step in job["steps"] if step.get("id") == "pr"]
    assert numbers and "github.event.workflow_run" in str(numbers[0]["env"]["NUMBER"])


def test_a_pull_request_is_built_only_after_the_check_passed_and_a_fork_is_never_kept():
    workflow = load(ROOT / ".github" / "workflows" / "check.yml")
    assert "pull_request" in triggers(workflow)
    jobs = workflow["jobs"]
    checking = {name for name, job in jobs.items() if any(runs(s, "handbook check") for s in job.get("steps", []))}
    building = {name for name, job in jobs.items() if any(runs(s, "mkdocs build") for s in job.get("steps", []))}
    assert checking and building
    for name in building:
        assert needs(jobs[name]) & checking, f"job {name} builds without waiting for the check"
    uploads = [step for name, step in steps(workflow) if "upload-artifact" in str(step.get("uses", ""))]
    for step in uploads:
        if {k: step["with"][k] for k in PREVIEW_ARTIFACT} == PREVIEW_ARTIFACT:
            continue  # the preview's text: data, never run (test_the_comment_workflow_treats_the_preview_as_text)
        condition = str(step.get("if", ""))
        assert "github.event.pull_request.head.repo.full_name == github.repository" in condition, condition


def test_the_preview_is_made_on_pull_requests_from_the_base_branch():
    workflow = load(ROOT / ".github" / "workflows" / "check.yml")
    [job] = [job for job in workflow["jobs"].values()
             if any(runs(step, "handbook preview") for step in job.get("steps", []))]
    [step] = [step for step in job["steps"] if runs(step, "handbook preview")]
    assert "--base \"origin/$BASE_REF\"" in step["run"] and step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any((s.get("with") or {}).get("name") == PREVIEW_ARTIFACT["name"] for s in job["steps"])


def test_the_deploy_checks_the_content_before_it_builds():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    for job in workflow["jobs"].values():
        commands = [str(step.get("run", "")) for step in job.get("steps", [])]
        built = [i for i, run in enumerate(commands) if "mkdocs build" in run]
        checked = [i for i, run in enumerate(commands) if "handbook check" in run]
        if built:
            assert checked and checked[0] < built[0]


def test_the_lock_pins_every_dependency_with_its_hashes():
    """The deploy installs requirements/deploy.txt with --require-hashes: every runtime dependency of
    pyproject.toml is pinned there, and every pin carries a hash."""
    import re

    import tomllib

    lock = (ROOT / "requirements" / "deploy.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", lock, re.M))
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0).lower().replace("_", "-").replace(".", "-")
        assert name in pins, f"{name} is not in the lock; run .ci/lock"
    blocks = re.split(r"\n(?=[a-z0-9])", lock)
    for block in blocks:
        if "==" in block.split("\n", 1)[0]:
            assert "--hash=sha256:" in block, block.split("\n", 1)[0]


def test_the_zensical_canary_never_blocks_a_merge():
    jobs = load(ROOT / ".github" / "workflows" / "check.yml")["jobs"]
    canary = jobs["zensical"]
    assert canary.get("continue-on-error") is True
    assert "content" in needs(canary)  # untrusted content is built only after the check passed
    assert any("sitecompare.py" in str(step.get("run", "")) for step in canary["steps"])
