"""The source audit (scripts/source_audit.py) on the fixture data: every figure counted by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from atlas.records import PROJECT_ROOT
from atlas.source_audit import audit_data_dir, render

CITY = Path("jurisdictions/city-one.yaml")


def degrade_city_sources(data_dir: Path) -> None:
    """city-one's commitment now cites only a news story; its obligation also cites a Scribd copy."""
    path = data_dir / CITY
    text = path.read_text()
    text = text.replace(
        "url: https://www.example-atlas.test/resolution\n        publisher_kind: official",
        "url: https://news.example-atlas.test/resolution\n        publisher_kind: press",
    )
    text = text.replace(
        "        publisher_kind: official\n    last_reviewed: 2026-01-01\ncommitments:",
        "        publisher_kind: official\n      - title: A copy\n        url: https://www.scribd.com/doc/1\n"
        "        publisher_kind: reference\n    last_reviewed: 2026-01-01\ncommitments:",
    )
    path.write_text(text)


def test_figures_on_the_fixture_data(data_dir):
    # 11 claims: 6 obligations (1 unverified, in state-one), 1 commitment, 1 accountability route,
    # 1 preemption (unverified, no sources), the covenant's US status and 1 understanding (unverified).
    result = audit_data_dir(data_dir)
    assert (result.total.claims, result.total.verified, result.total.unverified) == (11, 8, 3)
    assert result.total.with_official == 8
    assert result.total.verified_with_official == 8
    assert result.by_kind["obligation"].claims == 6
    assert result.by_kind["US reservation/understanding/declaration"].unverified == 1
    assert not result.blocked_citations


def test_report_counts_official_sources_and_blocked_hosts(data_dir):
    degrade_city_sources(data_dir)
    report = render(audit_data_dir(data_dir))
    lines = report.splitlines()
    row = {line.split("  ")[0].strip(): line.split() for line in lines}
    # kind, claims, verified, unverified, official, % official, verified+official, % of verified, cite blocked
    assert row["obligation"][1:] == ["6", "5", "1", "5", "83.3%", "5", "100.0%", "1"]
    assert row["commitment"][1:] == ["1", "1", "0", "0", "0.0%", "0", "0.0%", "0"]
    assert row["preemption"][1:] == ["1", "0", "1", "0", "0.0%", "0", "n/a", "0"]
    assert row["all claims"][2:] == ["11", "8", "3", "7", "63.6%", "7", "87.5%", "1"]
    assert "Claims with at least one official source: 7 of 11 (63.6%)" in lines
    assert "Verified claims with at least one official source: 7 of 8 (87.5%)" in lines
    assert "Verified claims: 8; unverified claims: 3" in lines
    assert "Claims citing a blocked host: 1" in lines
    assert row["scribd.com"][1:] == ["document-mirror", "1"]
    # jurisdiction, level, duties, verified, routes, verified
    assert row["city-one"][1:] == ["city", "1", "1", "0", "0"]
    assert row["federal"][1:] == ["federal", "1", "1", "1", "1"]
    assert row["state-one"][1:] == ["state", "1", "0", "0", "0"]


def test_script_prints_the_same_report_every_time(data_dir):
    degrade_city_sources(data_dir)
    runs = [
        subprocess.run([sys.executable, "scripts/source_audit.py", str(data_dir)], cwd=PROJECT_ROOT,
                       capture_output=True, text=True, timeout=120)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout == render(audit_data_dir(data_dir))
    assert str(data_dir) not in runs[0].stdout


def test_script_refuses_a_missing_folder(tmp_path):
    run = subprocess.run([sys.executable, "scripts/source_audit.py", str(tmp_path / "nowhere")], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "no such data folder" in run.stderr
