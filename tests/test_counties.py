"""A county's duties from its state's law: inherited by every county, overridden by the county's own record."""

from __future__ import annotations

from pathlib import Path

import pytest
from record_text import SHERIFF_ASSIGNMENT

from atlas.counties import (
    SET_BY_STATE_LAW,
    assigned_duties,
    counties_of_state,
    county_duties,
    federal_government,
    no_county_government_note,
    state_counties,
)
from atlas.geography import County
from atlas.model import load_atlas
from atlas.pages import render_jurisdiction_page
from atlas.validate import format_problem, validate_data_dir

# The state assigns two duties to every county: a sheriff who keeps the jail (policing), and a
# board of health (clinics). The first is verified on an official source, the second is not.
ASSIGNMENTS = SHERIFF_ASSIGNMENT + """  - to_level: county
    right: clinics
    role: oversees
    body_name: county board of health
    basis: State Health Code 12
    summary: Every county has a board of health.
    status: unverified
    note: Only a press report was found.
    sources:
      - title: A report
        url: https://news.example-atlas.test/boards
        publisher_kind: press
    last_reviewed: 2026-01-02
  - to_level: city
    right: schooling
    role: funds
    body_name: city council
    basis: State Code 40
    summary: Every city pays towards its schools.
    status: unverified
    sources: []
    last_reviewed: 2026-01-01
"""
COUNTIES = """geoid,name,state,state_fips,ocd_id,kind
99001,Example County,EX,99,ocd-division/country:us/state:ex/county:example,county
99003,Other County,EX,99,ocd-division/country:us/state:ex/county:other,county
98001,Elsewhere County,EY,98,,
"""


@pytest.fixture
def county_data(data_dir: Path) -> Path:
    state = data_dir / "jurisdictions" / "state-one.yaml"
    state.write_text(
        state.read_text().replace("level: state\n", "level: state\nocd_id: ocd-division/country:us/state:ex\n") + ASSIGNMENTS
    )
    county = data_dir / "jurisdictions" / "county-one.yaml"
    county.write_text(county.read_text().replace("level: county\n", 'level: county\ngeoid: "99001"\n'))
    (data_dir / "geography").mkdir()
    (data_dir / "geography" / "counties.csv").write_text(COUNTIES)
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p) for p in problems] == []
    return data_dir


def test_a_county_without_a_record_inherits_its_states_county_assignments(county_data):
    atlas = load_atlas(county_data)
    other = next(c for c in atlas.counties if c.geoid == "99003")
    duties = county_duties(atlas, other)
    assert (duties.state, duties.record, duties.own) == ("state-one", None, [])
    assert [(d.right, d.role, d.body_name) for d in duties.derived] == [
        ("safety", "provides", "county sheriff"),
        ("clinics", "oversees", "county board of health"),
    ]  # the city's assignment is not a county's
    sheriff, board = duties.derived
    assert sheriff.set_by == SET_BY_STATE_LAW == "set by state law"
    assert (sheriff.basis, sheriff.state, sheriff.state_name) == ("State Constitution 9", "state-one", "State of Example")
    assert sheriff.sources[0]["url"] == "https://www.example-atlas.test/constitution"
    # Never more certain than its source: the board's claim stays unverified, with the state's note.
    assert (sheriff.status, board.status, board.note) == ("verified", "unverified", "Only a press report was found.")
    assert board.issue_area == "public-health" and board.last_reviewed == "2026-01-02"


def test_a_county_with_its_own_record_keeps_its_own_duty_first(county_data):
    atlas = load_atlas(county_data)
    example = next(c for c in atlas.counties if c.geoid == "99001")
    duties = county_duties(atlas, example)
    assert duties.record == "county-one"
    assert [(d.right, d.role) for d in duties.own] == [("clinics", "provides"), ("safety", "provides")]
    # The county's record already says who provides security (its sheriff): the state's duty of the same
    # right and role is dropped. Overseeing clinics is a different role, so the board's duty stays.
    assert [(d.right, d.role) for d in duties.derived] == [("clinics", "oversees")]


def test_a_county_whose_state_has_no_record_inherits_nothing(county_data):
    atlas = load_atlas(county_data)
    elsewhere = next(c for c in atlas.counties if c.geoid == "98001")
    duties = county_duties(atlas, elsewhere)
    assert (duties.state, duties.record, duties.own, duties.derived) == (None, None, [], [])


def test_a_states_counties_and_assignments_by_level(county_data):
    atlas = load_atlas(county_data)
    assert [c.name for c in counties_of_state(atlas, "state-one")] == ["Example County", "Other County"]
    assert [d.body_name for d in assigned_duties(atlas, "state-one", "city")] == ["city council"]
    assert federal_government(atlas) == "federal"


def test_without_a_county_list_the_atlas_has_no_counties(data_dir):
    assert load_atlas(data_dir).counties == []


def _region(geoid: str, formerly_in: tuple[str, ...]) -> County:
    return County(geoid, f"Region {geoid}", "EX", "99", None, "planning_region", formerly_in)


def test_a_state_whose_county_equivalents_are_planning_regions_says_it_has_no_county_government():
    regions = [_region("99110", ("99001", "99003")), _region("99120", ("99003", "99005"))]
    assert no_county_government_note("Example", regions) == (
        "Example has no county government. Its 2 county-equivalents are planning regions, which the Census Bureau "
        "counts in place of its 3 historical counties: they are not governments, so none of them holds a duty "
        "unless state law assigns one."
    )
    county = County("99001", "Example County", "EX", "99", None, "county")
    assert no_county_government_note("Example", [county]) is None
    assert no_county_government_note("Example", [*regions, county]) is None  # a state with real counties too


def test_the_state_page_says_so_and_its_regions_inherit_only_what_state_law_assigns(county_data):
    counties = county_data / "geography" / "counties.csv"
    counties.write_text(
        "geoid,name,state,state_fips,ocd_id,kind,formerly_in\n"
        "99110,Capitol Region,EX,99,,planning_region,99001 99003\n"
        "99120,Valley Region,EX,99,,planning_region,99003\n"
    )
    state = county_data / "jurisdictions" / "state-one.yaml"
    state.write_text(state.read_text().replace(ASSIGNMENTS, ""))
    atlas = load_atlas(county_data)
    section = state_counties(atlas, "state-one")
    assert section.no_county_government.startswith("State of Example has no county government. Its 2 county-equivalents")
    assert "in place of its 2 historical counties" in section.no_county_government
    assert section.assignments == []
    region = next(c for c in atlas.counties if c.geoid == "99110")
    assert county_duties(atlas, region).derived == []
    body = render_jurisdiction_page(atlas, "state-one", "../../")
    assert '<p class="atlas-lead" id="no-county-government">State of Example has no county government.' in body
    assert "No duty that state law gives every county is recorded yet" not in body
    assert 'id="county-99120"' in body  # the regions are still listed, for the ZIP lookup and the open data
    assert "<summary>Show the 2 county-equivalents</summary>" in body
