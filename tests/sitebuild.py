"""Build the site (and API) for tests, once per data set per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from atlas.records import PROJECT_ROOT

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(data_dir: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
