"""The CI workflows treat a pull request as untrusted (issue 11), and an edit cannot silently undo it:
no checkout leaves its token in .git/config, tokens may only read except where the site is
published, no workflow runs a pull request's code with the base repository's rights, the site is
built only after `handbook check` passed, and a fork's site is never kept as an artifact."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The only rights a token may have beyond reading code: publishing the site, in the job that does.
PUBLISHING = {("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"}}


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
    assert checkouts
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
    """`pull_request_target` and `workflow_run` run with the base repository's token and secrets."""
    assert not triggers(load(path)) & {"pull_request_target", "workflow_run"}


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
        condition = str(step.get("if", ""))
        assert "github.event.pull_request.head.repo.full_name == github.repository" in condition, condition


def test_the_deploy_checks_the_content_before_it_builds():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    for job in workflow["jobs"].values():
        commands = [str(step.get("run", "")) for step in job.get("steps", [])]
        built = [i for i, run in enumerate(commands) if "mkdocs build" in run]
        checked = [i for i, run in enumerate(commands) if "handbook check" in run]
        if built:
            assert checked and checked[0] < built[0]
