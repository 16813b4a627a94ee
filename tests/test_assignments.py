"""Duties a state's law assigns to every county in it: validation, one bad record per rule, exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from record_text import SHERIFF_ASSIGNMENT

from atlas.validate import format_problem, validate_data_dir

STATE = Path("jurisdictions/state-one.yaml")
COUNTY = Path("jurisdictions/county-one.yaml")
FIXTURES = Path(__file__).parent / "fixtures" / "atlas"

ASSIGNMENTS = SHERIFF_ASSIGNMENT  # "assignments:" is line 32 of the fixture state, its first item line 33


def with_assignments(relative: Path, **replacements: str) -> str:
    text = (FIXTURES / relative).read_text() + ASSIGNMENTS
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def problems_after(data_dir: Path, relative: Path, content: str) -> list[str]:
    (data_dir / relative).write_text(content, encoding="utf-8")
    _, problems = validate_data_dir(data_dir)
    return [format_problem(p, root=data_dir) for p in problems]


def test_a_state_may_assign_duties_to_its_counties(data_dir):
    assert problems_after(data_dir, STATE, with_assignments(STATE)) == []


RULES = [
    (
        "unknown right",
        STATE,
        with_assignments(STATE, **{"right: safety": "right: safty"}),
        ["jurisdictions/state-one.yaml:34:12: assignments[0].right: no right with id 'safty'; did you mean 'safety'?"],
    ),
    (
        "unknown level",
        STATE,
        with_assignments(STATE, **{"to_level: county": "to_level: village"}),
        [
            "jurisdictions/state-one.yaml:33:15: assignments[0].to_level (Assigned to): 'village' is not allowed; "
            "use one of: county, city, special-district, township"
        ],
    ),
    (
        "missing body name",
        STATE,
        with_assignments(STATE, **{"    body_name: county sheriff\n": ""}),
        ["jurisdictions/state-one.yaml:33:5: assignments[0]: missing required field 'body_name' (Body (generic name))"],
    ),
    (
        "verified without an official source",
        STATE,
        with_assignments(
            STATE, **{"        publisher_kind: official\n    last_reviewed": "        publisher_kind: press\n    last_reviewed"}
        ),
        None,  # the shared rule's message, checked below to name the assignment
    ),
    (
        "blocked host",
        STATE,
        with_assignments(STATE, **{"https://www.example-atlas.test/constitution": "https://www.scribd.com/doc/1"}),
        None,
    ),
    (
        "only on a state",
        COUNTY,
        with_assignments(COUNTY),
        [
            "jurisdictions/county-one.yaml:39:1: assignments: "
            "only a state record can assign duties to every county, city or township in it"
        ],
    ),
]


@pytest.mark.parametrize(("rule", "relative", "content", "expected"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_reports_one_problem_at_its_place(data_dir, rule, relative, content, expected):
    problems = problems_after(data_dir, relative, content)
    if expected is not None:
        assert problems == expected
    else:
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"{relative.as_posix()}:") and "assignments[0]" in problems[0], problems
