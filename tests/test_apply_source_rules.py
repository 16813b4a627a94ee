"""scripts/apply_source_rules.py on a copy of the fixtures: exactly the intended lines change."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path

from atlas.records import PROJECT_ROOT
from atlas.validate import format_problem, validate_data_dir

SCRIPT = PROJECT_ROOT / "scripts" / "apply_source_rules.py"
CITY = Path("jurisdictions/city-one.yaml")
COVENANT = Path("instruments/covenant-one.yaml")


def _script():
    spec = importlib.util.spec_from_file_location("apply_source_rules", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def break_the_rules(data_dir: Path) -> None:
    """city-one: the obligation also cites a blocked copy (with a comment before the next source);
    the commitment cites only a blocked copy; the record cites a blocked page among others.
    covenant-one: the US status cites only a press story, and has a note."""
    city = data_dir / CITY
    _replace(
        city,
        "        publisher_kind: official\n    last_reviewed: 2026-01-01\ncommitments:",
        "        publisher_kind: official\n"
        "      - title: A copy on Scribd\n"
        "        url: https://www.scribd.com/document/1/charter\n"
        "        publisher_kind: reference\n"
        "      # the state's own copy of the charter\n"
        "      - title: State copy of the charter  # kept\n"
        "        url: https://www.example-atlas.test/state-charter\n"
        "        publisher_kind: official\n"
        "    last_reviewed: 2026-01-01\ncommitments:",
    )
    _replace(
        city,
        "    sources:\n      - title: Example resolution\n        url: https://www.example-atlas.test/resolution\n",
        "    sources:   # to be replaced\n      - title: >-\n          Example resolution, as summarised\n"
        "          by a content farm\n        url: https://instalawyer.io/resolution\n",
    )
    _replace(
        city,
        "sources:\n  - title: Example city page\n",
        "sources:\n  - title: City page on a mirror\n    url: \"https://vdocuments.mx/city-page\"\n"
        "    publisher_kind: reference\n  - title: Example city page\n",
    )
    _replace(
        data_dir / COVENANT,
        "  review_status: verified\n  sources:\n    - title: Example status page\n"
        "      url: https://www.example-atlas.test/status\n      publisher_kind: official\n",
        "  review_status: verified   # checked once\n  note: Only a news story reports the ratification.\n  sources:\n"
        "    - title: Example status story\n      url: https://news.example-atlas.test/status\n      publisher_kind: press\n",
    )


EXPECTED_CITY_TAIL = """\
    status: verified
    sources:
      - title: Example city charter
        url: https://www.example-atlas.test/charter
        publisher_kind: official
      # the state's own copy of the charter
      - title: State copy of the charter  # kept
        url: https://www.example-atlas.test/state-charter
        publisher_kind: official
    last_reviewed: 2026-01-01
commitments:
  - title: Human Rights City resolution
    kind: resolution
    instruments: [declaration-one]
    summary: Declares the city a human rights city.
    status: unverified
    note: No official source stating this claim has been cited yet.
    sources: []  # to be replaced
    last_reviewed: 2026-01-01
sources:
  - title: Example city page
    url: https://www.example-atlas.test/city
    publisher_kind: official
last_reviewed: 2026-01-01
"""


def test_fix_up_removes_blocked_sources_and_unverifies_claims_without_an_official_source(data_dir):
    break_the_rules(data_dir)
    before = {path: path.read_text() for path in sorted(data_dir.rglob("*.yaml"))}
    out = io.StringIO()
    changes, failures = _script().apply_source_rules(data_dir, out=out)
    assert (changes, failures) == (6, 0)
    assert out.getvalue().splitlines() == [
        "data/instruments/covenant-one.yaml:13: us_status.review_status: verified -> unverified (no official source)",
        "data/jurisdictions/city-one.yaml:21: obligations[0].sources[1]: removed the source on scribd.com (a document mirror "
        "(copies uploaded or scraped by a third party, which may be altered or out of date))",
        "data/jurisdictions/city-one.yaml:34: commitments[0].status: verified -> unverified (no official source); note added",
        "data/jurisdictions/city-one.yaml:35: commitments[0].sources: no source left, written as []",
        "data/jurisdictions/city-one.yaml:36: commitments[0].sources[0]: removed the source on instalawyer.io "
        "(AI-written legal summaries)",
        "data/jurisdictions/city-one.yaml:43: sources[0]: removed the source on vdocuments.* (a document mirror "
        "(copies uploaded or scraped by a third party, which may be altered or out of date))",
        "changed 6 thing(s); 0 file(s) not edited",
        "then `python -m atlas validate` finds 0 problems in 0 files",
    ]
    city = (data_dir / CITY).read_text()
    assert city.endswith(EXPECTED_CITY_TAIL), city
    assert city.startswith(before[data_dir / CITY].split("    status: verified\n    sources:\n")[0])
    covenant = (data_dir / COVENANT).read_text()
    assert "  review_status: unverified   # checked once\n  note: Only a news story reports the ratification.\n" in covenant
    assert covenant.count("note:") == before[data_dir / COVENANT].count("note:")
    changed = {path for path in before if path.read_text() != before[path]}
    assert changed == {data_dir / CITY, data_dir / COVENANT}
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p) for p in problems] == []


def test_fix_up_changes_nothing_the_second_time(data_dir):
    break_the_rules(data_dir)
    _script().apply_source_rules(data_dir, out=io.StringIO())
    after = {path: path.read_text() for path in sorted(data_dir.rglob("*.yaml"))}
    out = io.StringIO()
    assert _script().apply_source_rules(data_dir, out=out) == (0, 0)
    assert {path: path.read_text() for path in after} == after


def test_dry_run_writes_nothing(data_dir):
    break_the_rules(data_dir)
    before = {path: path.read_text() for path in sorted(data_dir.rglob("*.yaml"))}
    run = subprocess.run([sys.executable, str(SCRIPT), "--dry-run", str(data_dir)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "would change 6 thing(s); 0 file(s) not edited" in run.stdout
    assert {path: path.read_text() for path in before} == before


def test_a_flow_style_list_is_reported_and_left_alone(data_dir):
    _replace(
        data_dir / CITY,
        "    sources:\n      - title: Example resolution\n        url: https://www.example-atlas.test/resolution\n"
        "        publisher_kind: official\n",
        "    sources: [{title: Copy, url: 'https://scribd.com/x', publisher_kind: reference}]\n",
    )
    before = (data_dir / CITY).read_text()
    out = io.StringIO()
    assert _script().apply_source_rules(data_dir, out=out) == (0, 1)
    assert "data/jurisdictions/city-one.yaml: not edited: commitments[0].sources is written as a [flow] list; remove its " \
        "blocked sources by hand" in out.getvalue()
    assert (data_dir / CITY).read_text() == before
