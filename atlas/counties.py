"""Every county: the Census county list (data/geography/counties.csv) and the duties state law gives each.

A state record's `assignments` say what every county in the state must do. A county inherits them,
labelled as set by state law, with the state's basis, sources and status: a derived duty is never
shown as more certain than the state's claim. A county with its own record keeps its own obligations
first; an inherited duty is dropped when the county's own record already has a duty with the same
right and role.
"""

from __future__ import annotations

from dataclasses import dataclass

from .geography import County
from .model import Atlas
from .views import ClaimStatus, Duty, RoleChip, _claim_status, _most_common, duties_of, role_chip

SET_BY_STATE_LAW = "set by state law"
# County-equivalents that are not governments (the Census counts them all the same): Connecticut's planning regions.
NOT_GOVERNMENTS = {"planning_region": "planning regions"}


@dataclass(frozen=True)
class DerivedDuty:
    """A duty a county holds because its state's law assigns it to every county in the state."""

    right: str
    right_title: str
    issue_area: str
    role: str
    body_name: str  # the generic name: "county sheriff"
    basis: str  # the state law
    summary: str
    status: str  # the state claim's own status
    note: str | None
    sources: tuple
    last_reviewed: str
    state: str  # the id of the state record holding the assignment
    state_name: str
    index: int  # the assignment's position in the state record's `assignments`
    set_by: str = SET_BY_STATE_LAW


def state_for(atlas: Atlas, county: County) -> str | None:
    """The id of the county's state record, if the atlas has one."""
    return _states_by_ocd_id(atlas).get(county.state_ocd_id)


def _states_by_ocd_id(atlas: Atlas) -> dict[str, str]:
    def compute() -> dict[str, str]:
        return {
            record["ocd_id"]: jid
            for jid, record in sorted(atlas.jurisdictions.items())
            if "ocd_id" in record and (record["level"] == "state" or "state" in record.get("acts_as", []))
        }

    return atlas.once(("states_by_ocd_id",), compute)


def county_record(atlas: Atlas, county: County) -> str | None:
    """The id of the county's own record (a county, or a government acting as one, with this GEOID)."""
    return _county_records_by_geoid(atlas).get(county.geoid)


def _county_records_by_geoid(atlas: Atlas) -> dict[str, str]:
    def compute() -> dict[str, str]:
        found: dict[str, str] = {}
        for jid, record in sorted(atlas.jurisdictions.items()):
            if record["level"] == "county" or "county" in record.get("acts_as", []):
                geoids = {record.get("geoid")} | {
                    i["value"] for i in record.get("identifiers", []) if i["scheme"] == "census-geoid"
                }
                for geoid in geoids:
                    if geoid and len(geoid) == 5:
                        found.setdefault(geoid, jid)
        return found

    return atlas.once(("county_records_by_geoid",), compute)


def assigned_duties(atlas: Atlas, state: str, to_level: str = "county") -> list[DerivedDuty]:
    """What the state's law makes every government of one level in it do, in the record's order."""
    record = atlas.jurisdictions[state]
    duties = []
    for index, assignment in enumerate(record.get("assignments", [])):
        if assignment["to_level"] != to_level:
            continue
        right = atlas.rights.get(assignment["right"], {})
        duties.append(
            DerivedDuty(
                right=assignment["right"],
                right_title=right.get("title", assignment["right"]),
                issue_area=right.get("issue_area", "cross-cutting"),
                role=assignment["role"],
                body_name=assignment["body_name"],
                basis=assignment["basis"],
                summary=assignment["summary"],
                status=assignment["status"],
                note=assignment.get("note"),
                sources=tuple(assignment.get("sources", [])),
                last_reviewed=assignment["last_reviewed"],
                state=state,
                state_name=record["name"],
                index=index,
            )
        )
    return duties


@dataclass(frozen=True)
class CountyDuties:
    county: County
    state: str | None  # the state record's id, when the atlas has one
    record: str | None  # the county's own record's id, when it has one
    own: list[Duty]  # from its own record
    derived: list[DerivedDuty]  # from its state's law, less those its own record already states


def county_duties(atlas: Atlas, county: County) -> CountyDuties:
    """The county's own duties first, then those its state's law gives every county."""
    state = state_for(atlas, county)
    record = county_record(atlas, county)
    own = duties_of(atlas, record) if record else []
    stated = {(duty.right, duty.role) for duty in own}
    inherited = assigned_duties(atlas, state) if state else []
    derived = [duty for duty in inherited if (duty.right, duty.role) not in stated]
    return CountyDuties(county, state, record, list(own), derived)


def federal_government(atlas: Atlas) -> str | None:
    return next((jid for jid, record in sorted(atlas.jurisdictions.items()) if record["level"] == "federal"), None)


def counties_of_state(atlas: Atlas, state: str) -> list[County]:
    """The counties whose state is this record, by name."""
    return _counties_by_state(atlas).get(state, [])


def _counties_by_state(atlas: Atlas) -> dict[str, list[County]]:
    def compute() -> dict[str, list[County]]:
        states = _states_by_ocd_id(atlas)
        grouped: dict[str, list[County]] = {}
        for county in atlas.counties:
            if county.state_ocd_id in states:
                grouped.setdefault(states[county.state_ocd_id], []).append(county)
        return {state: sorted(counties, key=lambda c: c.name.lower()) for state, counties in grouped.items()}

    return atlas.once(("counties_by_state",), compute)


@dataclass(frozen=True)
class AssignmentView:
    body_name: str
    role: RoleChip
    right: str
    summary: str
    basis: str
    claim: ClaimStatus


@dataclass(frozen=True)
class CountyItem:
    geoid: str
    name: str
    record: str | None  # the county's own record, when it has one


@dataclass(frozen=True)
class StateCounties:
    """A state page's county section: what state law makes every county do, and the counties."""

    assignments: list[AssignmentView]
    assignments_reviewed: str | None
    counties: list[CountyItem]
    no_county_government: str | None = None  # said plainly when the state's county-equivalents are not governments


def no_county_government_note(state_name: str, counties: list[County]) -> str | None:
    """What to say when none of a state's county-equivalents is a government (Connecticut since 2022), else None."""
    kinds = {county.kind for county in counties}
    if len(kinds) != 1 or next(iter(kinds)) not in NOT_GOVERNMENTS:
        return None
    historical = {geoid for county in counties for geoid in county.formerly_in}
    replaced = f" in place of its {len(historical)} historical counties" if historical else ""
    return (
        f"{state_name} has no county government. Its {len(counties)} county-equivalents are "
        f"{NOT_GOVERNMENTS[next(iter(kinds))]}, which the Census Bureau counts{replaced}: they are not governments, "
        "so none of them holds a duty unless state law assigns one."
    )


def county_government_note(atlas: Atlas, county: County) -> str | None:
    """Its state's note that it has no county government, for a county-equivalent that is not a government."""
    state = state_for(atlas, county)
    if county.kind not in NOT_GOVERNMENTS or state is None:
        return None
    return no_county_government_note(_state_name(atlas, state, county.state), counties_of_state(atlas, state))


def _state_name(atlas: Atlas, state: str, postal: str) -> str:
    """The state's plain name ("Connecticut", from the Census outlines), else its record's short or official name."""
    record = atlas.jurisdictions[state]
    census = next((shape.name for shape in atlas.state_shapes if shape.state == postal), None)
    return census or record.get("short_name") or record["name"]


def state_counties(atlas: Atlas, state: str) -> StateCounties | None:
    """The county section of a state's page; None for a government with no counties listed."""
    counties = counties_of_state(atlas, state)
    if not counties:
        return None
    duties = assigned_duties(atlas, state)
    reviewed = _most_common([d.last_reviewed for d in duties])
    return StateCounties(
        assignments=[
            AssignmentView(
                body_name=d.body_name,
                role=role_chip(d.role),
                right=d.right,
                summary=d.summary,
                basis=d.basis,
                claim=_claim_status(d.status, d.note, d.sources, d.last_reviewed, reviewed),
            )
            for d in duties
        ],
        assignments_reviewed=reviewed,
        counties=[CountyItem(c.geoid, c.name, county_record(atlas, c)) for c in counties],
        no_county_government=no_county_government_note(_state_name(atlas, state, counties[0].state), counties),
    )
