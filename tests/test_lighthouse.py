"""Lighthouse (pinned npm package, run in Debian's Chromium) on a place page: accessibility 100,
performance at least 90, as `make lighthouse` measures them (emulated mobile, default throttling,
gzip like production hosts). About 45 seconds a run."""

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


def test_place_page_lighthouse_scores(real_site, tmp_path):
    if not shutil.which("npm") or not shutil.which("chromium"):
        pytest.fail("Lighthouse needs npm and Debian's chromium: run `make browser-deps`")
    scores = _scores(real_site, tmp_path / "first.json")
    # The performance score is simulated from timings taken on this machine: on a busy shared runner
    # one run can fall a few points short, so a second run decides (accessibility must hold in both).
    if scores["performance"] < 90:
        second = _scores(real_site, tmp_path / "second.json")
        assert second["accessibility"] == 100, second
        scores["performance"] = max(scores["performance"], second["performance"])
    print(f"Lighthouse on /{PAGE}: {scores}")
    assert scores["accessibility"] == 100, scores
    assert scores["performance"] >= 90, scores
