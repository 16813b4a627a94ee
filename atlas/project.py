"""Which project a command works on: the folder holding mkdocs.yml, with data/ and schemas/ beside it.

Paths come from the project being built or checked, never from where the atlas package happens to
be installed: with one virtual environment shared by two checkouts (git worktrees, say), the
package of one would otherwise read the records of the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


class ProjectNotFound(Exception):
    pass


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schemas"


def find_project(start: Path) -> Project:
    """The nearest folder at or above start that holds mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return Project(folder)
    raise ProjectNotFound(f"no {CONFIG_FILE} in {start} or any folder above it: "
                          "run this inside the project, or name it with --project")


def package_project_root() -> Path:
    """The checkout the imported atlas package belongs to."""
    return Path(__file__).resolve().parent.parent


def foreign_package_message(project: Project) -> str | None:
    """Why the imported atlas package cannot build this project, or None when it belongs to it."""
    package_root = package_project_root()
    if package_root == project.root.resolve():
        return None
    return (
        f"the atlas package imported from {package_root} does not belong to the project being built at {project.root}: "
        "its code, schemas and records would be used in place of this checkout's. "
        "Run `make install` in this checkout (it makes its own .venv) and build with that."
    )
