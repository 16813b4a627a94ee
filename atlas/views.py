"""Pure functions that turn records into view models: what each page shows, before any HTML."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .model import CLAIM_KINDS, ISSUE_AREA_LABELS, LEVEL_ORDER, Atlas, issue_areas, role_rank, roles


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
    note: str | None = None  # the reviewer's note, when the record gives one


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
    housing authorities), the counties a city lies partly in (Atlanta is in Fulton County and
    partly in DeKalb County), and every jurisdiction it lies within up to the federal level.
    """
    return atlas.once(("governments_over", jid), lambda: _governments_over(atlas, jid))


def _governments_over(atlas: Atlas, jid: str) -> list[str]:
    partly_in = {"special-district"} | ({"county"} if atlas.jurisdictions[jid]["level"] == "city" else set())
    overlapping = sorted(other for other in atlas.overlapping.get(jid, ()) if atlas.jurisdictions[other]["level"] in partly_in)
    ancestors = _ancestors(atlas, jid)
    unique = list(dict.fromkeys([jid] + overlapping + ancestors))
    # Most local first; at one level, the government jid lies within before one it lies partly in.
    return sorted(unique, key=lambda j: (j != jid, LEVEL_ORDER[atlas.jurisdictions[j]["level"]], j not in ancestors))


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
                note=obligation.get("note"),
            )
        )
    return duties


def roles_held(duties) -> tuple[str, ...]:
    """The roles among these duties, in the vocabulary's order."""
    present = {duty.role for duty in duties}
    return tuple(role for role in roles() if role in present)


def _duty_order(duty: Duty):
    """Grouped by right; within a right, from the most local government to the federal one."""
    return (duty.right_title.lower(), LEVEL_ORDER[duty.level], duty.jurisdiction_name, role_rank()[duty.role], duty.body_name)


def duty_bearer_stack(atlas: Atlas, jid: str) -> list[IssueAreaStack]:
    """For each issue area, every duty held over a resident of jid, at every level."""
    stacks = {area: IssueAreaStack(area, ISSUE_AREA_LABELS[area]) for area in issue_areas()}
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
    for rid in sorted(cells, key=lambda r: (issue_areas().index(atlas.rights[r]["issue_area"]) if r in atlas.rights else 99, r)):
        rows.append((rid, [[role for role in roles() if role in cells[rid].get(g, ())] for g in governments]))
    return MatrixView(levels=governments, rows=rows)


def numbered_routes(atlas: Atlas, jid: str) -> list[tuple[str, int, dict]]:
    """Every route to remedy open to a resident of jid, most local first: (jurisdiction id, the route's
    index in that jurisdiction's record, route)."""
    return [
        (g, index, route)
        for g in governments_over(atlas, jid)
        for index, route in enumerate(atlas.jurisdictions[g].get("accountability", []))
    ]


def accountability_routes(atlas: Atlas, jid: str) -> list[tuple[str, dict]]:
    """Every route to remedy open to a resident of jid: (jurisdiction id, route), most local first."""
    return [(g, route) for g, _, route in numbered_routes(atlas, jid)]


def numbered_preemptions(atlas: Atlas, jid: str, own: bool) -> list[tuple[str, int, dict]]:
    """Laws limiting what jid may do: (jurisdiction id, the law's index in that jurisdiction's record,
    preemption), those of the governments over it and, with `own`, its own. A preemption that names
    the jurisdictions it applies to counts only on their pages."""
    return [
        (g, index, preemption)
        for g in governments_over(atlas, jid)
        if g != jid or own
        for index, preemption in enumerate(atlas.jurisdictions[g].get("preemptions", []))
        if jid in preemption.get("applies_to", (jid,))
    ]


def preemptions_over(atlas: Atlas, jid: str) -> list[tuple[str, dict]]:
    """State (and federal) laws limiting what jid may do: (jurisdiction id, preemption).
    A government's own preemptions count when it is, or acts as, a state (the District of Columbia)."""
    record = atlas.jurisdictions[jid]
    acts_as_state = record["level"] == "state" or "state" in record.get("acts_as", [])
    return [(g, preemption) for g, _, preemption in numbered_preemptions(atlas, jid, own=acts_as_state)]


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
    return atlas.once(("claim_counts",), lambda: _claim_counts(atlas))


def _claim_counts(atlas: Atlas) -> dict[str, int]:
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
        duties.sort(key=lambda d: (LEVEL_ORDER[d.level], d.jurisdiction_name, role_rank()[d.role], d.body_name))
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


def providers_by_place(atlas: Atlas, rid: str, places: Iterable[str] | None = None) -> list[tuple[str, list[Duty]]]:
    """For each place (or the given ones), who provides a right there (any level), for the toolkit's place view."""
    result = []
    for place in atlas.places() if places is None else places:
        providers = [
            duty
            for government in governments_over(atlas, place)
            for duty in duties_of(atlas, government)
            if duty.right == rid and duty.role == "provides"
        ]
        result.append((place, providers))
    return result


# --- answer-first reading pages -------------------------------------------------------

# Plain words for the roles on reading pages; the formal names stay in the schema, the API and
# docs/methodology.md, which shows the mapping. The symbols repeat the meaning in shape, not colour.
PLAIN_ROLE_LABELS = {
    "provides": "Runs it",
    "funds": "Pays",
    "regulates": "Sets the rules",
    "oversees": "Checks",
    "remedies": "Handles complaints",
}
ROLE_SYMBOLS = {"provides": "●", "funds": "■", "regulates": "▲", "oversees": "◆", "remedies": "★"}

ROUTE_KIND_LABELS = {
    "complaint-body": "Complaint body",
    "oversight-commission": "Oversight commission",
    "inspector-general": "Inspector general",
    "ombuds": "Ombuds",
    "court": "Court",
    "elected-body": "Elected body",
    "human-rights-commission": "Human-rights commission",
}


@dataclass(frozen=True)
class RoleChip:
    role: str
    label: str  # plain words
    symbol: str
    formal: str  # the vocabulary's own name


def role_chip(role: str) -> RoleChip:
    return RoleChip(role, PLAIN_ROLE_LABELS[role], ROLE_SYMBOLS[role], role.capitalize())


def role_legend() -> list[RoleChip]:
    return [role_chip(role) for role in roles()]


@dataclass(frozen=True)
class SourceView:
    publisher: str  # who published it: the name a reader recognises
    title: str
    url: str
    official: bool


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        return url
    return host.removeprefix("www.")


def sources_for_reading(sources) -> list[SourceView]:
    """A claim's sources by publisher, official ones first (otherwise in the record's order)."""
    views = [
        SourceView(
            publisher=source.get("publisher") or _host(source["url"]),
            title=source["title"],
            url=source["url"],
            official=source.get("publisher_kind") == "official",
        )
        for source in sources or ()
    ]
    return sorted(views, key=lambda s: not s.official)


@dataclass(frozen=True)
class ClaimStatus:
    """What every claim ends with: review status, the reviewer's note, the sources."""

    status: str
    note: str | None
    sources: list[SourceView]
    reviewed: str | None  # shown only where it differs from its section's date


def _claim_status(claim_status: str, note, sources, reviewed: str, section_reviewed: str | None) -> ClaimStatus:
    return ClaimStatus(
        claim_status, note or None, sources_for_reading(sources), None if reviewed == section_reviewed else reviewed
    )


def _most_common(values: list[str]) -> str | None:
    """The value most rows share (the latest on a tie), so it can be said once for the section."""
    if not values:
        return None
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda v: (counts[v], v))


@dataclass(frozen=True)
class RouteView:
    """One place to complain or get help."""

    name: str
    kind: str
    handled_by: str  # the body, else the government
    jurisdiction: str
    jurisdiction_name: str
    level: str
    issue_areas: list[str]  # labels
    summary: str
    deadline: str | None  # only as the record states it
    contact: str | None
    claim: ClaimStatus
    local: bool  # held by the place itself or a special district serving it
    here: bool = True  # the page's own government's: shown in full; any other is a short row linking to `anchor`
    anchor: str = ""  # the route's full entry, on its own government's page: "#route-<index in the record>"


def route_anchor(index: int) -> str:
    """The id of a route's full entry on its government's page (its position in the record's accountability)."""
    return f"route-{index}"


def complaint_routes(atlas: Atlas, jid: str) -> list[RouteView]:
    """Where a resident of jid can complain or get help, most local first."""
    routes = numbered_routes(atlas, jid)
    section_reviewed = _most_common([route["last_reviewed"] for _, _, route in routes])
    result = []
    for government, index, route in routes:
        record = atlas.jurisdictions[government]
        bodies = {body["id"]: body["name"] for body in record.get("bodies", [])}
        result.append(
            RouteView(
                name=route["name"],
                kind=ROUTE_KIND_LABELS.get(route["kind"], route["kind"]),
                handled_by=bodies.get(route.get("body"), record["name"]),
                jurisdiction=government,
                jurisdiction_name=record["name"],
                level=record["level"],
                issue_areas=[ISSUE_AREA_LABELS[area] for area in route["issue_areas"]],
                summary=route["summary"],
                deadline=route.get("deadline"),
                contact=route.get("contact"),
                claim=_claim_status(
                    route["status"], route.get("note"), route.get("sources"), route["last_reviewed"], section_reviewed
                ),
                local=record["level"] in ("city", "consolidated-city-county", "special-district"),
                here=government == jid,
                anchor=route_anchor(index),
            )
        )
    return result


def routes_reviewed(atlas: Atlas, jid: str) -> str | None:
    return _most_common([route["last_reviewed"] for _, route in accountability_routes(atlas, jid)])


@dataclass(frozen=True)
class AreaRoles:
    area: str
    label: str
    roles: list[RoleChip]


@dataclass(frozen=True)
class GovernmentRow:
    """One government in the duty-bearer stack picture: the roles it holds, per issue area."""

    jurisdiction: str
    name: str
    level: str
    areas: list[AreaRoles]  # only the areas where it holds a role

    @property
    def roles(self) -> list[RoleChip]:
        held = {chip.role for area in self.areas for chip in area.roles}
        return [role_chip(role) for role in roles() if role in held]


def stack_picture(atlas: Atlas, jid: str) -> list[GovernmentRow]:
    """One row per government whose duties reach a resident of jid, from the place up to federal."""
    rows = []
    for government in governments_over(atlas, jid):
        duties = duties_of(atlas, government)
        areas = []
        for area in issue_areas():
            roles = roles_held(duty for duty in duties if duty.issue_area == area)
            if roles:
                areas.append(AreaRoles(area, ISSUE_AREA_LABELS[area], [role_chip(role) for role in roles]))
        record = atlas.jurisdictions[government]
        rows.append(GovernmentRow(government, record["name"], record["level"], areas))
    return rows


@dataclass(frozen=True)
class DutyRow:
    right: str
    right_title: str
    role: RoleChip
    body_name: str
    body_url: str | None
    jurisdiction: str
    jurisdiction_name: str
    level: str
    basis: str
    summary: str
    claim: ClaimStatus
    here: bool  # held by the page's own government: shown in full; any other is a row linking to `anchor`
    anchor: str  # the duty's full entry, on its own government's page: "#duty-<index in the record>"

    @property
    def short_body_name(self) -> str:
        return short_body_name(self.body_name, self.jurisdiction_name)


def duty_anchor(index: int) -> str:
    """The id of a duty's full entry on its government's page (its position in the record's obligations)."""
    return f"duty-{index}"


@dataclass(frozen=True)
class HeldAbove:
    """The duties one government over the place holds for one right: one row of links on the place's page."""

    jurisdiction: str
    level: str
    duties: list[DutyRow]


@dataclass(frozen=True)
class RightDuties:
    """A right's duties in an issue section: the place's own in full, then each government over it."""

    right: str
    right_title: str
    own: list[DutyRow]
    above: list[HeldAbove]


def short_body_name(body_name: str, jurisdiction_name: str) -> str:
    """A body's name without its government's name in front, for a row that names the government once."""
    return body_name.removeprefix(jurisdiction_name + " ").strip() or body_name


def right_duties(rows: list[DutyRow]) -> list[RightDuties]:
    """Rows grouped by right (rights in the order of their titles), and within a right the rows of
    governments over the place grouped by government (in the order they come: most local first)."""
    groups: dict[str, RightDuties] = {}
    for row in rows:
        group = groups.setdefault(row.right, RightDuties(row.right, row.right_title, [], []))
        if row.here:
            group.own.append(row)
        elif group.above and group.above[-1].jurisdiction == row.jurisdiction:
            group.above[-1].duties.append(row)
        else:
            group.above.append(HeldAbove(row.jurisdiction, row.level, [row]))
    return sorted(groups.values(), key=lambda group: group.right_title.lower())


@dataclass(frozen=True)
class IssueSection:
    """One issue area on a place page: a sentence that answers, then the compact rows."""

    area: str
    label: str
    sentence: str  # readable on its own: what the search index shows
    keywords: list[str]
    reviewed: str | None  # said once for the section; rows that differ say their own
    rows: list[DutyRow]
    rights: list[RightDuties]  # the same rows, grouped as the page shows them
    verified: int
    roles: list[RoleChip]
    local_bodies: list[str]  # the page's own bodies with a duty here, named in the indexed sentence


def area_keywords(atlas: Atlas, area: str) -> list[str]:
    """The everyday words of the rights in an issue area, each once, in the rights' order."""
    words: list[str] = []
    for rid in sorted(atlas.rights):
        if atlas.rights[rid]["issue_area"] == area:
            words += [w for w in atlas.rights[rid].get("keywords", []) if w not in words]
    return words


def _names(values: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def _area_sentence(place_name: str, label: str, duties: list[Duty]) -> str:
    if not duties:
        sentence = f"{label}: no duty over residents of {place_name} is recorded yet."
    else:
        # most local first, as the duties' governments are met
        ordered = sorted(duties, key=lambda duty: (LEVEL_ORDER[duty.level], duty.level != "city"))
        governments = list(dict.fromkeys(duty.jurisdiction_name for duty in ordered))
        plain = [PLAIN_ROLE_LABELS[role].lower() for role in roles_held(duties)]
        sentence = (
            f"{label} in {place_name}: {len(duties)} {'duty' if len(duties) == 1 else 'duties'} held by "
            f"{_names(governments)} (who {_names(plain)})."
        )
    return sentence


def issue_sections(atlas: Atlas, jid: str) -> list[IssueSection]:
    place_name = atlas.jurisdictions[jid]["name"]
    sections = []
    for stack in duty_bearer_stack(atlas, jid):
        reviewed = _most_common([duty.last_reviewed for duty in stack.duties])
        keywords = area_keywords(atlas, stack.area)
        rows = [
            DutyRow(
                right=duty.right,
                right_title=duty.right_title,
                role=role_chip(duty.role),
                body_name=duty.body_name,
                body_url=duty.body_url,
                jurisdiction=duty.jurisdiction,
                jurisdiction_name=duty.jurisdiction_name,
                level=duty.level,
                basis=duty.basis,
                summary=duty.summary,
                claim=_claim_status(duty.status, duty.note, duty.sources, duty.last_reviewed, reviewed),
                here=duty.jurisdiction == jid,
                anchor=duty_anchor(duty.index),
            )
            for duty in stack.duties
        ]
        sections.append(
            IssueSection(
                area=stack.area,
                label=stack.label,
                sentence=_area_sentence(place_name, stack.label, stack.duties),
                keywords=keywords,
                reviewed=reviewed,
                rows=rows,
                rights=right_duties(rows),
                verified=stack.verified,
                roles=[role_chip(role) for role in roles_held(stack.duties)],
                local_bodies=list(dict.fromkeys(duty.body_name for duty in stack.duties if duty.jurisdiction == jid)),
            )
        )
    return sections


# --- comparing places -----------------------------------------------------------------

COMPARE_ROLES = ("provides", "oversees", "remedies")


@dataclass(frozen=True)
class Holder:
    """A body that holds a role for an issue area in a place, and for which rights and treaties."""

    name: str
    url: str | None
    jurisdiction: str
    jurisdiction_name: str
    rights: tuple[str, ...]  # empty: a complaint route open on every right of the area
    treaties: tuple[str, ...]
    route: bool = False


@dataclass(frozen=True)
class CompareRow:
    place: str
    place_name: str
    level: str
    holders: dict[str, list[Holder]]  # by role in COMPARE_ROLES


@dataclass(frozen=True)
class CompareView:
    area: str
    label: str
    rights: list[tuple[str, str]]  # (id, title) of the area's rights, for the filter
    treaties: list[tuple[str, str]]  # (id, short name) of the instruments stating them
    rows: list[CompareRow]


def _treaties_of(atlas: Atlas, rights) -> tuple[str, ...]:
    found = {a["instrument"] for rid in rights for a in atlas.rights.get(rid, {}).get("articles", [])}
    return tuple(sorted(found))


def compare_area(atlas: Atlas, area: str, places: Iterable[str] | None = None) -> CompareView:
    """For every place (or the given ones): who provides, oversees and remedies the issue area, at any level."""
    area_rights = sorted(
        (r for r, d in atlas.rights.items() if d["issue_area"] == area), key=lambda r: atlas.rights[r]["title"].lower()
    )
    rows = []
    for place in atlas.places() if places is None else places:
        holders: dict[str, list[Holder]] = {role: [] for role in COMPARE_ROLES}
        for government in governments_over(atlas, place):
            by_body: dict[tuple[str, str], list[Duty]] = {}
            for duty in duties_of(atlas, government):
                if duty.issue_area == area and duty.role in COMPARE_ROLES:
                    by_body.setdefault((duty.role, duty.body), []).append(duty)
            for (role, _), duties in by_body.items():
                rights = tuple(dict.fromkeys(duty.right for duty in duties))
                first = duties[0]
                holders[role].append(
                    Holder(
                        first.body_name, first.body_url, government, first.jurisdiction_name, rights, _treaties_of(atlas, rights)
                    )
                )
            record = atlas.jurisdictions[government]
            bodies = {body["id"]: body for body in record.get("bodies", [])}
            # A route run by a body already listed as remedying, or listed twice, is named once.
            seen = {(government, body) for role, body in by_body if role == "remedies"}
            for route in record.get("accountability", []):
                key = (government, route.get("body") or route["name"])
                if area in route["issue_areas"] and key not in seen:
                    seen.add(key)
                    body = bodies.get(route.get("body"), {})
                    holders["remedies"].append(
                        Holder(
                            route["name"], route.get("contact") or body.get("url"), government, record["name"], (), (), route=True
                        )
                    )
        record = atlas.jurisdictions[place]
        rows.append(CompareRow(place, record["name"], record["level"], holders))
    treaties = _treaties_of(atlas, area_rights)
    return CompareView(
        area=area,
        label=ISSUE_AREA_LABELS[area],
        rights=[(r, atlas.rights[r]["title"]) for r in area_rights],
        treaties=[(i, atlas.instruments[i]["short_name"]) for i in treaties if i in atlas.instruments],
        rows=rows,
    )


@dataclass(frozen=True)
class CompareTable:
    """A comparison as a page shows it: the holders every row shares (in a state's table, the state's and
    the federal bodies) once, in a first row, and each place's row with only what is its own."""

    shared: dict[str, list[Holder]]  # by role in COMPARE_ROLES; empty lists when no row shares anything
    rows: list[CompareRow]


def compare_table(view: CompareView) -> CompareTable:
    if len(view.rows) < 2:
        return CompareTable({role: [] for role in COMPARE_ROLES}, view.rows)
    shared = {
        role: [h for h in view.rows[0].holders[role] if all(h in row.holders[role] for row in view.rows[1:])]
        for role in COMPARE_ROLES
    }
    rows = [
        CompareRow(row.place, row.place_name, row.level,
                   {role: [h for h in row.holders[role] if h not in shared[role]] for role in COMPARE_ROLES})
        for row in view.rows
    ]
    return CompareTable(shared, rows)


def compare_areas(atlas: Atlas) -> list[str]:
    """The issue areas that get a comparison page: those with at least one right."""
    return [area for area in issue_areas() if any(r["issue_area"] == area for r in atlas.rights.values())]


def compare_csv_rows(view: CompareView) -> list[list[str]]:
    """The comparison table as CSV rows (header first), one row per place."""
    header = ["place_id", "place", "issue_area"] + [f"{role}" for role in COMPARE_ROLES]

    def cell(holders: list[Holder]) -> str:
        return "; ".join(f"{h.name} ({h.jurisdiction_name})" for h in holders)

    return [header] + [
        [row.place, row.place_name, view.area] + [cell(row.holders[role]) for role in COMPARE_ROLES] for row in view.rows
    ]


@dataclass(frozen=True)
class CommitmentView:
    title: str
    kind: str
    adopted: str | None
    citation: str | None
    instruments: list[str]
    summary: str
    claim: ClaimStatus


@dataclass(frozen=True)
class PreemptionView:
    title: str
    jurisdiction: str
    jurisdiction_name: str
    rights: list[str]
    basis: str
    summary: str
    claim: ClaimStatus
    anchor: str = ""  # its full entry, on the page of the government that made it: "#preemption-<index>"
    applies_to: list[str] = field(default_factory=list)  # the governments it names, when it names some


def preemption_anchor(index: int) -> str:
    return f"preemption-{index}"


def own_preemptions(atlas: Atlas, jid: str) -> list[tuple[str, int, dict]]:
    """The laws jid has made that limit other governments, every one (also those naming the
    places they apply to): (jid, index in the record, preemption)."""
    return [(jid, index, p) for index, p in enumerate(atlas.jurisdictions[jid].get("preemptions", []))]


@dataclass(frozen=True)
class PlacePage:
    """Everything a place page shows, in reading order: the answer first, the detail on demand."""

    jurisdiction: str
    name: str
    level: str
    summary: str
    district_type: str | None
    acts_as: list[str]
    within: list[str]
    form_of_government: str | None
    website: str | None
    ocd_id: str | None
    geoid: str | None
    served: list[str]  # for a special district: the places it serves
    routes: list[RouteView]
    routes_reviewed: str | None
    stack: list[GovernmentRow]
    sections: list[IssueSection]
    commitments: list[CommitmentView]
    commitments_reviewed: str | None
    preemptions: list[PreemptionView]  # the laws of governments over it that limit it: rows linking to them
    preemptions_reviewed: str | None
    own_preemptions: list[PreemptionView]  # the laws it has made that limit others: in full
    own_preemptions_reviewed: str | None
    reviewed: str
    sources: list[SourceView]


def place_page(atlas: Atlas, jid: str) -> PlacePage:
    record = atlas.jurisdictions[jid]
    commitments = record.get("commitments", [])
    commitments_reviewed = _most_common([c["last_reviewed"] for c in commitments])
    above, own = numbered_preemptions(atlas, jid, own=False), own_preemptions(atlas, jid)
    above_reviewed = _most_common([p["last_reviewed"] for _, _, p in above])
    own_reviewed = _most_common([p["last_reviewed"] for _, _, p in own])

    def preemption_views(preemptions: list[tuple[str, int, dict]], reviewed: str | None) -> list[PreemptionView]:
        return [
            PreemptionView(
                title=p["title"],
                jurisdiction=g,
                jurisdiction_name=atlas.jurisdictions[g]["name"],
                rights=list(p["rights"]),
                basis=p["basis"],
                summary=p["summary"],
                claim=_claim_status(p["status"], p.get("note"), p.get("sources"), p["last_reviewed"], reviewed),
                anchor=preemption_anchor(index),
                applies_to=[j for j in p.get("applies_to", []) if j in atlas.jurisdictions],
            )
            for g, index, p in preemptions
        ]

    return PlacePage(
        jurisdiction=jid,
        name=record["name"],
        level=record["level"],
        summary=record["summary"],
        district_type=record.get("district_type"),
        acts_as=list(record.get("acts_as", [])),
        within=[j for j in record.get("within", []) if j in atlas.jurisdictions],
        form_of_government=record.get("form_of_government"),
        website=record.get("website"),
        ocd_id=record.get("ocd_id"),
        geoid=record.get("geoid"),
        served=served_places(atlas, jid) if record["level"] == "special-district" else [],
        routes=complaint_routes(atlas, jid),
        routes_reviewed=routes_reviewed(atlas, jid),
        stack=stack_picture(atlas, jid),
        sections=issue_sections(atlas, jid),
        commitments=[
            CommitmentView(
                title=c["title"],
                kind=c["kind"].replace("-", " "),
                adopted=c.get("adopted"),
                citation=c.get("citation"),
                instruments=list(c.get("instruments", [])),
                summary=c["summary"],
                claim=_claim_status(c["status"], c.get("note"), c.get("sources"), c["last_reviewed"], commitments_reviewed),
            )
            for c in commitments
        ],
        commitments_reviewed=commitments_reviewed,
        preemptions=preemption_views(above, above_reviewed),
        preemptions_reviewed=above_reviewed,
        own_preemptions=preemption_views(own, own_reviewed),
        own_preemptions_reviewed=own_reviewed,
        reviewed=record["last_reviewed"],
        sources=sources_for_reading(record.get("sources")),
    )


def compare_sentence(view: CompareView, with_label: bool = True) -> str:
    """One readable sentence for the search index and the compare index."""
    places = len(view.rows)
    with_role = {role: sum(bool(row.holders[role]) for row in view.rows) for role in COMPARE_ROLES}
    subject = f"{view.label}, compared" if with_label else "Compared"
    return (
        f"{subject} across {places} {'place' if places == 1 else 'places'}: "
        f"who runs it is recorded for {with_role['provides']}, who checks it for {with_role['oversees']} "
        f"and where to complain for {with_role['remedies']}."
    )


def compare_csv_name(area: str) -> str:
    return f"who-is-responsible-{area}.csv"


@dataclass(frozen=True)
class CompareIndexItem:
    area: str
    label: str
    sentence: str
    csv_name: str


def compare_index(atlas: Atlas) -> list[CompareIndexItem]:
    items = []
    for area in compare_areas(atlas):
        view = compare_area(atlas, area)
        items.append(CompareIndexItem(area, view.label, compare_sentence(view, with_label=False), compare_csv_name(area)))
    return items


@dataclass(frozen=True)
class ArticleView:
    instrument: str
    article: str
    us_status: str | None  # None: a declaration, which no country ratifies


@dataclass(frozen=True)
class RudView:
    instrument: str
    instrument_name: str
    kind: str
    summary: str
    claim: ClaimStatus


@dataclass(frozen=True)
class InterpretationView:
    title: str
    body: str
    symbol: str | None
    sources: list[SourceView]


@dataclass(frozen=True)
class HolderRow:
    """One government's part in a right, in plain roles."""

    jurisdiction: str
    level: str
    roles: list[RoleChip]
    duties: int
    verified: int


@dataclass(frozen=True)
class RightPage:
    """A right's page, answer first: what it means, who holds it, then where it is written."""

    right: str
    title: str
    plain_title: str | None
    issue_area: str
    summary: str
    keywords: list[str]
    holders: list[HolderRow]
    articles: list[ArticleView]
    ruds: list[RudView]
    ruds_reviewed: str | None
    interpretations: list[InterpretationView]
    targets: list[tuple[str, str, str]]  # (target, goal, official text)
    reviewed: str
    sources: list[SourceView]


def right_page(atlas: Atlas, rid: str) -> RightPage:
    right = atlas.rights[rid]
    ruds = local_implementation_ruds(atlas, (a["instrument"] for a in right["articles"]))
    ruds_reviewed = _most_common([rud["last_reviewed"] for _, rud in ruds])
    return RightPage(
        right=rid,
        title=right["title"],
        plain_title=right.get("plain_title"),
        issue_area=right["issue_area"],
        summary=right["summary"],
        keywords=list(right.get("keywords", [])),
        holders=[
            HolderRow(
                h.jurisdiction,
                atlas.jurisdictions[h.jurisdiction]["level"],
                [role_chip(r) for r in h.roles],
                h.duties,
                h.verified,
            )
            for h in holders_of_right(atlas, rid)
        ],
        articles=[
            ArticleView(
                a["instrument"], a["article"], atlas.instruments.get(a["instrument"], {}).get("us_status", {}).get("status")
            )
            for a in right["articles"]
        ],
        ruds=[
            RudView(
                iid,
                atlas.instruments[iid]["short_name"],
                rud["kind"],
                rud["summary"],
                _claim_status(rud["status"], rud.get("note"), rud.get("sources"), rud["last_reviewed"], ruds_reviewed),
            )
            for iid, rud in ruds
        ],
        ruds_reviewed=ruds_reviewed,
        interpretations=[
            InterpretationView(i["title"], i["body"], i.get("symbol"), sources_for_reading(i.get("sources")))
            for i in right.get("interpretations", [])
        ],
        targets=[(t, atlas.sdg.goal_of(t), atlas.sdg.targets[t]) for t in atlas.targets_by_right.get(rid, [])],
        reviewed=right["last_reviewed"],
        sources=sources_for_reading(right.get("sources")),
    )


@dataclass(frozen=True)
class InstrumentRud:
    """One US reservation, understanding or declaration, as the record states it."""

    kind: str
    summary: str
    quote: str | None
    bears_on_local: bool
    claim: ClaimStatus


@dataclass(frozen=True)
class UsStatusView:
    status: str
    signed: str | None
    ratified: str | None
    claim: ClaimStatus


@dataclass(frozen=True)
class InstrumentPage:
    """A treaty's page, answer first: where the United States stands and what that means for state
    and local governments, then the facts, the rights it states and who adopted it locally."""

    instrument: str
    title: str
    short_name: str
    kind: str
    adopted: str
    adopted_by: str | None
    monitoring_body: str | None
    summary: str
    us: UsStatusView | None  # None: a declaration, which no country ratifies
    local_ruds: list[InstrumentRud]  # those bearing on state and local implementation
    other_ruds: list[InstrumentRud]
    ruds_reviewed: str | None
    rights: list[str]
    commitments: list[tuple[str, str]]  # (jurisdiction id, commitment title)
    reviewed: str
    sources: list[SourceView]


def instrument_page(atlas: Atlas, iid: str) -> InstrumentPage:
    instrument = atlas.instruments[iid]
    us = instrument.get("us_status")
    ruds = instrument.get("us_ruds", [])
    ruds_reviewed = _most_common([rud["last_reviewed"] for rud in ruds])
    rud_views = [
        InstrumentRud(
            kind=rud["kind"],
            summary=rud["summary"],
            quote=rud.get("quote"),
            bears_on_local=rud["bears_on_local"],
            claim=_claim_status(rud["status"], rud.get("note"), rud.get("sources"), rud["last_reviewed"], ruds_reviewed),
        )
        for rud in ruds
    ]
    return InstrumentPage(
        instrument=iid,
        title=instrument["title"],
        short_name=instrument["short_name"],
        kind=instrument["kind"],
        adopted=instrument["adopted"],
        adopted_by=instrument.get("adopted_by"),
        monitoring_body=instrument.get("monitoring_body"),
        summary=instrument["summary"],
        us=UsStatusView(
            status=us["status"],
            signed=us.get("signed"),
            ratified=us.get("ratified"),
            claim=_claim_status(us["review_status"], us.get("note"), us.get("sources"), us["last_reviewed"], None),
        )
        if us
        else None,
        local_ruds=[rud for rud in rud_views if rud.bears_on_local],
        other_ruds=[rud for rud in rud_views if not rud.bears_on_local],
        ruds_reviewed=ruds_reviewed,
        rights=list(atlas.rights_by_instrument.get(iid, [])),
        commitments=[(jid, c["title"]) for jid, c in commitments_citing(atlas, iid)],
        reviewed=instrument["last_reviewed"],
        sources=sources_for_reading(instrument.get("sources")),
    )
