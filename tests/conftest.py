from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas.records import DATA_DIR, PROJECT_ROOT

FIXTURE_ATLAS = Path(__file__).parent / "fixtures" / "atlas"


def make_data_dir(target: Path, source: Path = FIXTURE_ATLAS) -> Path:
    """A data folder: the small fixture records plus the real UN SDG reference text."""
    shutil.copytree(source, target)
    shutil.copytree(DATA_DIR / "sdg", target / "sdg")
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT
