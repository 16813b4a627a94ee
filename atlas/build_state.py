"""The records of the build in progress, read and validated once, shared by the hook and the macros."""

from __future__ import annotations

from pathlib import Path

from .model import Atlas, atlas_from_records
from .validate import validate_data_dir

_current: Atlas | None = None


class InvalidRecords(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems in the records")
        self.problems = problems


def load_for_build(data_dir: Path) -> Atlas:
    """Validate every record; on success keep the atlas for this build, else raise with all problems."""
    global _current
    records, problems = validate_data_dir(data_dir)
    if problems:
        _current = None
        raise InvalidRecords(problems)
    _current = atlas_from_records(records)
    return _current


def current_atlas() -> Atlas:
    if _current is None:
        raise RuntimeError("the records were not loaded: the atlas hook must run before the macros")
    return _current
