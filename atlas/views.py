"""Pure functions that turn records into view models: what each page shows, before any HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import CLAIM_KINDS, ISSUE_AREA_LABELS, ISSUE_AREAS, LEVEL_ORDER, ROLE_RANK, ROLES, Atlas


@dataclass(frozen=True)
class Duty:
    """One obligation, resolved: who (body, government), what role, for which right, on what basis."""

    right: str
    right_title: str
    issue_area: str
    role: str
    jurisdiction: str
    jurisdiction_name: str
    level: str
    body: str
    body_name: str
    body_url: str | None
    basis: str
    summary: str
    status: str
    sources: tuple
    last_reviewed: str
    index: int  # the obligation's position in its jurisdiction's record: (jurisdiction, index) names it


@dataclass
class IssueAreaStack:
    area: str
    label: str
    duties: list[Duty] = field(default_factory=list)

    @property
    def verified(self) -> int:
        return sum(duty.status == "verified" for duty in self.duties)


def _ancestors(atlas: Atlas, jid: str) -> list[str]:
    """Enclosing jurisdictions, nearest first, each once (follows `within` transitively)."""
    order: list[str] = []
    frontier = list(atlas.jurisdictions[jid].get("within", []))
    while frontier:
        current = frontier.pop(0)
        if current in order or current == jid or current not in atlas.jurisdictions:
            continue
        order.append(current)
        frontier.extend(atlas.jurisdictions[current].get("within", []))
    return order


def governments_over(atlas: Atlas, jid: str) -> list[str]:
    """The jurisdictions whose duties reach a resident of jid, most local first.

    That is jid itself, the special districts overlapping it (school districts,
    housing authorities), and every jurisdiction it lies within up to the federal level.
    """
    return atlas.once(("governments_over", jid), lambda: _governments_over(atlas, jid))


def _governments_over(atlas: Atlas, jid: str) -> list[str]:
    districts = sorted(
        other for other in atlas.overlapping.get(jid, ()) if atlas.jurisdictions[other]["level"] == "special-district"
    )
    chain = [jid] + districts + _ancestors(atlas, jid)
    unique = list(dict.fromkeys(chain))
    return sorted(unique, key=lambda j: (j != jid, LEVEL_ORDER[atlas.jurisdictions[j]["level"]]))


def duties_of(atlas: Atlas, jid: str) -> list[Duty]:
    """The obligations recorded on one jurisdiction, resolved to names."""
    return atlas.once(("duties_of", jid), lambda: _duties_of(atlas, jid))


def _duties_of(atlas: Atlas, jid: str) -> list[Duty]:
    record = atlas.jurisdictions[jid]
    bodies = {body["id"]: body for body in record.get("bodies", [])}
    duties = []
    for index, obligation in enumerate(record.get("obligations", [])):
        right = atlas.rights.get(obligation["right"], {})
        body = bodies.get(obligation["body"], {})
        duties.append(
            Duty(
                right=obligation["right"],
                right_title=right.get("title", obligation["right"]),
                issue_area=right.get("issue_area", "cross-cutting"),
                role=obligation["role"],
                jurisdiction=jid,
                jurisdiction_name=record["name"],
                level=record["level"],
                body=obligation["body"],
                body_name=body.get("name", obligation["body"]),
                body_url=body.get("url"),
                basis=obligation["basis"],
                summary=obligation["summary"],
                status=obligation["status"],
                sources=tuple(obligation.get("sources", [])),
                last_reviewed=obligation["last_reviewed"],
                index=index,
            )
        )
    return duties


def roles_held(duties) -> tuple[str, ...]:
    """The roles among these duties, in the vocabulary's order."""
    present = {duty.role for duty in duties}
    return tuple(role for role in ROLES if role in present)


def _duty_order(duty: Duty):
    """Grouped by right; within a right, from the most local government to the federal one."""
    return (duty.right_title.lower(), LEVEL_ORDER[duty.level], duty.jurisdiction_name, ROLE_RANK[duty.role], duty.body_name)


def duty_bearer_stack(atlas: Atlas, jid: str) -> list[IssueAreaStack]:
    """For each issue area, every duty held over a resident of jid, at every level."""
    stacks = {area: IssueAreaStack(area, ISSUE_AREA_LABELS[area]) for area in ISSUE_AREAS}
    for government in governments_over(atlas, jid):
        for duty in duties_of(atlas, government):
            stacks[duty.issue_area].duties.append(duty)
    for stack in stacks.values():
        stack.duties.sort(key=_duty_order)
    return list(stacks.values())


@dataclass(frozen=True)
class MatrixView:
    levels: list[str]  # jurisdiction ids, as columns, most local first
    rows: list[tuple[str, list[list[str]]]]  # (right id, roles per column)


def rights_by_level_matrix(atlas: Atlas, jid: str) -> MatrixView:
    """Rights down, governments across, the roles each holds in the cells."""
    governments = governments_over(atlas, jid)
    cells: dict[str, dict[str, set[str]]] = {}
    for government in governments:
        for duty in duties_of(atlas, government):
            cells.setdefault(duty.right, {}).setdefault(government, set()).add(duty.role)
    rows = []
    for rid in sorted(cells, key=lambda r: (ISSUE_AREAS.index(atlas.rights[r]["issue_area"]) if r in atlas.rights else 99, r)):
        rows.append((rid, [[role for role in ROLES if role in cells[rid].get(g, ())] for g in governments]))
    return MatrixView(levels=governments, rows=rows)


def accountability_routes(atlas: Atlas, jid: str) -> list[tuple[str, dict]]:
    """Every route to remedy open to a resident of jid: (jurisdiction id, route), most local first."""
    return [(g, route) for g in governments_over(atlas, jid) for route in atlas.jurisdictions[g].get("accountability", [])]


def preemptions_over(atlas: Atlas, jid: str) -> list[tuple[str, dict]]:
    """State (and federal) laws limiting what jid may do: (jurisdiction id, preemption).

    A government's own preemptions count when it is, or acts as, a state (the District of Columbia).
    """
    record = atlas.jurisdictions[jid]
    acts_as_state = record["level"] == "state" or "state" in record.get("acts_as", [])
    return [
        (g, preemption)
        for g in governments_over(atlas, jid)
        if g != jid or acts_as_state
        for preemption in atlas.jurisdictions[g].get("preemptions", [])
    ]


def served_places(atlas: Atlas, jid: str) -> list[str]:
    """For a special district: the places it overlaps."""
    return sorted(atlas.overlapping.get(jid, ()), key=lambda j: (atlas.jurisdictions[j]["name"].lower(), j))


@dataclass(frozen=True)
class AreaCoverage:
    area: str
    duties: int
    verified: int
    roles: tuple[str, ...]

    @property
    def mapped(self) -> bool:
        return self.duties > 0


def place_coverage(atlas: Atlas, jid: str) -> list[AreaCoverage]:
    coverage = []
    for stack in duty_bearer_stack(atlas, jid):
        roles = roles_held(stack.duties)
        coverage.append(AreaCoverage(stack.area, len(stack.duties), stack.verified, roles))
    return coverage


def every_claim(atlas: Atlas):
    """(kind, status) for every reviewable claim in the atlas, for counts and coverage."""
    for record in atlas.jurisdictions.values():
        for kind in CLAIM_KINDS:
            for claim in record.get(kind, []):
                yield kind, claim["status"]
    for instrument in atlas.instruments.values():
        if "us_status" in instrument:
            yield "us_status", instrument["us_status"]["review_status"]
        for rud in instrument.get("us_ruds", []):
            yield "us_ruds", rud["status"]


def claim_counts(atlas: Atlas) -> dict[str, int]:
    counts = {"verified": 0, "unverified": 0}
    for _, status in every_claim(atlas):
        counts[status] += 1
    return counts


def duties_for_right(atlas: Atlas, rid: str) -> list[Duty]:
    """Every duty recorded for one right, across all jurisdictions."""
    return atlas.once(("duties_by_right",), lambda: _duties_by_right(atlas)).get(rid, [])


def _duties_by_right(atlas: Atlas) -> dict[str, list[Duty]]:
    by_right: dict[str, list[Duty]] = {}
    for jid in atlas.jurisdictions:
        for duty in duties_of(atlas, jid):
            by_right.setdefault(duty.right, []).append(duty)
    for duties in by_right.values():
        duties.sort(key=lambda d: (LEVEL_ORDER[d.level], d.jurisdiction_name, ROLE_RANK[d.role], d.body_name))
    return by_right


@dataclass(frozen=True)
class RightHolder:
    """One government's part in a right: the roles it holds and how many of those duties are verified."""

    jurisdiction: str
    roles: tuple[str, ...]
    duties: int
    verified: int


def holders_of_right(atlas: Atlas, rid: str) -> list[RightHolder]:
    """A row per government holding the right, most local level first: one line each, so the
    right's page grows by a line per government, not by every duty's sources."""
    by_government: dict[str, list[Duty]] = {}
    for duty in duties_for_right(atlas, rid):
        by_government.setdefault(duty.jurisdiction, []).append(duty)
    return [
        RightHolder(
            jurisdiction=jid,
            roles=roles_held(duties),
            duties=len(duties),
            verified=sum(d.status == "verified" for d in duties),
        )
        for jid, duties in by_government.items()
    ]


def local_implementation_ruds(atlas: Atlas, instrument_ids) -> list[tuple[str, dict]]:
    """US conditions, on the given instruments, that bear on state and local implementation."""
    return [
        (iid, rud)
        for iid in dict.fromkeys(instrument_ids)
        if iid in atlas.instruments
        for rud in atlas.instruments[iid].get("us_ruds", [])
        if rud.get("bears_on_local")
    ]


def commitments_citing(atlas: Atlas, iid: str) -> list[tuple[str, dict]]:
    """Local and state commitments that adopt or draw on an instrument."""
    return [
        (jid, commitment)
        for jid, record in sorted(atlas.jurisdictions.items())
        for commitment in record.get("commitments", [])
        if iid in commitment.get("instruments", [])
    ]


@dataclass(frozen=True)
class TargetView:
    target: str
    text: str
    links: list[dict]  # the sourced right links, empty when not yet linked


def goal_targets(atlas: Atlas, goal: str) -> list[TargetView]:
    return [
        TargetView(tid, text, list(atlas.sdg_links.get(tid, {}).get("rights", [])))
        for tid, text in atlas.sdg.targets_of_goal(goal).items()
    ]


def providers_by_place(atlas: Atlas, rid: str) -> list[tuple[str, list[Duty]]]:
    """For each place, who provides a right there (any level), for the toolkit's place view."""
    result = []
    for place in atlas.places():
        providers = [
            duty
            for government in governments_over(atlas, place)
            for duty in duties_of(atlas, government)
            if duty.right == rid and duty.role == "provides"
        ]
        result.append((place, providers))
    return result
