"""Lighthouse (pinned npm package, run in Debian's Chromium) on a place page, as `make lighthouse`
measures it (emulated mobile, default throttling, gzip like production hosts): accessibility must
be 100. The performance score is a timing measured on a shared machine, so it is printed here and
its target (at least 90) is checked by hand with `make lighthouse` (docs/benchmark.md), never
asserted in a test that a busy runner could fail. About 45 seconds a run."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess

import pytest

from atlas.records import PROJECT_ROOT

pytestmark = pytest.mark.browser

PAGE = "places/los-angeles/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scores(site, report) -> dict[str, int]:
    subprocess.run(
        ["bash", str(PROJECT_ROOT / "scripts/lighthouse.sh"), str(site), PAGE],
        check=True,
        timeout=300,
        env={**os.environ, "LIGHTHOUSE_REPORT": str(report), "LIGHTHOUSE_PORT": str(_free_port())},
        cwd=PROJECT_ROOT,
    )
    categories = json.loads(report.read_text())["categories"]
    return {key: round(category["score"] * 100) for key, category in categories.items()}


def test_place_page_lighthouse_accessibility_is_100(real_site, tmp_path):
    if not shutil.which("npm") or not shutil.which("chromium"):
        pytest.fail("Lighthouse needs npm and Debian's chromium: run `make browser-deps`")
    scores = _scores(real_site, tmp_path / "report.json")
    print(f"Lighthouse on /{PAGE}: {scores} (performance target 90: see docs/benchmark.md)")
    assert scores["accessibility"] == 100, scores
