"""The build and the command line read the project they run in, not the checkout the package was installed from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_data_dir
from sitebuild import MKDOCS

from atlas.project import Project, ProjectNotFound, find_project, foreign_package_message
from atlas.records import PROJECT_ROOT, RECORD_KINDS

# What a second checkout holds: the project's files, not its build products or virtual environment.
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", ".cache", ".pytest_cache", ".hypothesis", "__pycache__")


def _copy_of_the_checkout(target: Path, with_package: bool = True) -> Path:
    shutil.copytree(PROJECT_ROOT, target, ignore=_NOT_COPIED)
    # The copy's records differ from the original's: the small fixture world.
    shutil.rmtree(target / "data")
    make_data_dir(target / "data")
    if not with_package:  # an empty folder is no package: Python imports the environment's atlas instead
        shutil.rmtree(target / "atlas")
        (target / "atlas").mkdir()
    return target


def _build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "ATLAS_DATA_DIR"} | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def test_find_project_walks_up_to_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    assert find_project(tmp_path / "docs" / "deep") == Project(tmp_path.resolve())
    with pytest.raises(ProjectNotFound, match="no mkdocs.yml"):
        find_project(Path("/"))


def test_the_package_belongs_to_this_checkout_and_not_to_another():
    assert foreign_package_message(Project(PROJECT_ROOT)) is None
    message = foreign_package_message(Project(Path("/elsewhere/atlas-copy")))
    assert message and "does not belong to the project being built at /elsewhere/atlas-copy" in message


@pytest.mark.site
def test_a_copy_built_with_the_original_environment_reads_its_own_records(tmp_path):
    copy = _copy_of_the_checkout(tmp_path / "copy")
    result = _build(copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    built = {path.name for path in (tmp_path / "site" / "places").iterdir() if path.is_dir()}
    assert built == {path.stem for path in (copy / "data" / "jurisdictions").glob("*.yaml")}
    assert "los-angeles" not in built  # the original checkout's records were not read


@pytest.mark.site
def test_a_build_whose_package_belongs_elsewhere_stops_with_a_clear_message(tmp_path):
    copy = _copy_of_the_checkout(tmp_path / "copy", with_package=False)  # only the environment's package is left
    result = _build(copy, tmp_path / "site")
    assert result.returncode != 0
    assert "does not belong to the project being built" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_command_line_reads_the_project_it_runs_in(tmp_path):
    copy = _copy_of_the_checkout(tmp_path / "copy")
    records = sum(1 for kind in RECORD_KINDS.values() for path in (copy / "data" / kind.folder).glob("*.yaml")
                  if not path.name.startswith("_"))
    done = subprocess.run([sys.executable, "-m", "atlas", "validate"], cwd=copy, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{records} records valid" in done.stderr


def test_the_command_line_outside_any_project_says_so(tmp_path):
    done = subprocess.run([sys.executable, "-m", "atlas", "validate"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == 2 and "no mkdocs.yml" in done.stderr


def test_every_module_imports_in_a_copy_of_the_package_away_from_any_checkout(tmp_path):
    """Nothing reads schemas/ or data/ at import time: they are read when a command or a build asks."""
    shutil.copytree(PROJECT_ROOT / "atlas", tmp_path / "atlas", ignore=shutil.ignore_patterns("__pycache__"))
    script = (
        "import importlib, pkgutil, sys; sys.path.insert(0, '.'); import atlas; "
        "names = [m.name for m in pkgutil.iter_modules(atlas.__path__) if m.name != '__main__']; "
        "[importlib.import_module('atlas.' + name) for name in names]; "
        "assert atlas.__file__.startswith(sys.argv[1]), atlas.__file__; print(len(names))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) >= 20  # the whole package, not an empty folder
