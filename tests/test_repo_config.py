"""The repository's tooling configuration: CI, pre-commit, editor and GitHub files stay consistent."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from atlas.records import PROJECT_ROOT, RECORD_KINDS, SCHEMA_DIR

WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
PRE_COMMIT = PROJECT_ROOT / ".pre-commit-config.yaml"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def commands(text: str) -> list[str]:
    """Shell lines without comments or blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step]


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def requirement_pins() -> dict[str, str]:
    pins = {}
    for line in commands((PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8")):
        name, _, version = line.partition("==")
        pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


# --- workflows -------------------------------------------------------------------------------


def test_there_are_the_three_workflows():
    assert {path.name for path in WORKFLOWS} >= {"pr.yml", "deploy.yml", "links-weekly.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_parses_and_has_jobs_with_steps(path):
    workflow = load(path)
    assert isinstance(workflow, dict) and workflow.get("name")
    assert triggers(workflow)
    assert workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["steps"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_major_version(path):
    for action in uses(load(path)):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), action


def test_ci_runs_make_test():
    assert "make test" in commands((PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8"))


def test_pr_workflow_runs_what_ci_runs_and_annotates_problems():
    workflow = load(PROJECT_ROOT / ".github" / "workflows" / "pr.yml")
    assert "pull_request" in triggers(workflow)
    lines = [line for run in run_steps(workflow) for line in commands(run)]
    ci_lines = commands((PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert "make test" in lines and "make test" in ci_lines
    assert any(re.search(r"python -m atlas validate --github$", line) for line in lines)
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    setup = [step for step in steps if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup and str(setup[0]["with"]["python-version"]) == "3.11"


def test_deploy_workflow_builds_exports_and_publishes_to_pages():
    workflow = load(PROJECT_ROOT / ".github" / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    lines = [line for run in run_steps(workflow) for line in commands(run)]
    export = next(i for i, line in enumerate(lines) if "python -m atlas export site" in line)
    assert lines.index("make build") < export and "--release-dir release" in lines[export]
    actions = [action.split("@")[0] for action in uses(workflow)]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages", "actions/configure-pages"} <= set(actions)
    build_env = next(s["env"] for s in workflow["jobs"]["build"]["steps"] if s.get("run") == "make build")
    assert build_env["ATLAS_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "steps.pages.outputs.base_url" in build_env["ATLAS_SITE_URL"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_weekly_link_check_never_gates_and_keeps_its_report():
    workflow = load(PROJECT_ROOT / ".github" / "workflows" / "links-weekly.yml")
    assert triggers(workflow)["schedule"]
    job = workflow["jobs"]["links"]
    assert job["continue-on-error"] is True
    assert any("linkchecker" in run for run in run_steps(workflow))
    assert any(action.startswith("actions/upload-artifact@") for action in uses(workflow))


def test_dependabot_updates_pip_and_actions():
    config = load(PROJECT_ROOT / ".github" / "dependabot.yml")
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions"}


# --- issue forms and pull-request template ----------------------------------------------------


@pytest.mark.parametrize("path", sorted((PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_parse(path):
    form = load(path)
    if path.name == "config.yml":
        return
    assert form["name"] and form["description"] and form["body"]
    assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])


def test_pull_request_checklist_covers_the_rules():
    text = (PROJECT_ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8").lower()
    for rule in ("one place per pull request", "state", "unverified", "python -m atlas validate"):
        assert rule in text, rule


# --- pre-commit ---------------------------------------------------------------------------------


def pre_commit_hooks() -> list[dict]:
    config = load(PRE_COMMIT)
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_runs_the_projects_validator():
    hook = next(hook for hook in pre_commit_hooks() if hook["id"] == "atlas-validate")
    assert hook["entry"] == "python -m atlas validate"
    assert hook["pass_filenames"] is False


def test_pre_commit_hooks_pin_the_versions_in_requirements_txt():
    pins = requirement_pins()
    for hook in pre_commit_hooks():
        assert hook["language"] in {"python", "system"}, hook["id"]
        for requirement in hook.get("additional_dependencies", []):
            name, _, version = requirement.partition("==")
            assert pins.get(re.sub(r"[-_.]+", "-", name).lower()) == version, (hook["id"], requirement)


def test_pre_commit_checks_every_record_kind_with_check_jsonschema():
    entries = {hook["files"]: hook["entry"] for hook in pre_commit_hooks() if hook["id"].startswith("check-jsonschema")}
    for kind in RECORD_KINDS.values():
        entry = entries[rf"^data/{kind.folder}/[^/]+\.yaml$"]
        assert f"--schemafile schemas/{kind.schema_file}" in entry


@pytest.mark.tools
def test_check_jsonschema_hooks_accept_the_real_records():
    """The hooks' entries as pre-commit runs them, from the repository root, on every record file."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for hook in pre_commit_hooks():
        if not hook["id"].startswith("check-jsonschema"):
            continue
        every_file = sorted(path.relative_to(PROJECT_ROOT).as_posix() for path in PROJECT_ROOT.glob("data/*/*.yaml"))
        files = [name for name in every_file if re.search(hook["files"], name)]
        assert files, hook["id"]
        command = shlex.split(hook["entry"]) + files
        result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (hook["id"], result.stdout[-2000:], result.stderr[-2000:])


@pytest.mark.tools
def test_yamllint_rules_accept_the_real_data():
    config = YamlLintConfig(file=str(PROJECT_ROOT / ".yamllint.yaml"))
    problems = []
    for path in sorted((PROJECT_ROOT / "data").rglob("*.y*ml")):
        for problem in linter.run(path.read_text(encoding="utf-8"), config, str(path)):
            problems.append(f"{path.relative_to(PROJECT_ROOT)}:{problem.line}:{problem.column}: {problem.desc} ({problem.rule})")
    assert problems == []


# --- editor ---------------------------------------------------------------------------------------


def test_vscode_maps_every_schema_with_a_data_folder():
    settings = json.loads((PROJECT_ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    folder_of = {kind.schema_file: kind.folder for kind in RECORD_KINDS.values()}
    with_folders = [path.name for path in sorted(SCHEMA_DIR.glob("*.schema.json")) if path.name in folder_of]
    assert with_folders, "no schema has a data folder"
    for schema_file in with_folders:
        assert mapping.get(f"./schemas/{schema_file}") == f"data/{folder_of[schema_file]}/*.yaml", schema_file
    for schema_path in mapping:
        assert (PROJECT_ROOT / schema_path).is_file(), schema_path


def test_vscode_recommends_the_yaml_extension():
    extensions = json.loads((PROJECT_ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
