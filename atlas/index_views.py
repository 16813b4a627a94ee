"""View models for the index and overview pages (places, rights, treaties, coverage, SDG goals):
small dataclasses built from an Atlas, for templates to present. No HTML here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Atlas, issue_areas
from .sdg import tile_text_colour
from .views import (
    LEVEL_ORDER,
    PLAIN_ROLE_LABELS,
    AreaCoverage,
    Duty,
    claim_counts,
    duties_for_right,
    duties_of,
    goal_targets,
    place_coverage,
    providers_by_place,
    sources_for_reading,
)


def share(part: int, whole: int) -> str:
    """A percentage for reading, or a dash when there is nothing to share."""
    return f"{round(100 * part / whole)}%" if whole else "—"


# --- places ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceRow:
    jurisdiction: str
    within: list[str]
    mapped_areas: list[str]  # issue-area ids mapped over the whole stack, cross-cutting left out
    obligations: int  # held by this government itself
    verified_share: str


@dataclass(frozen=True)
class LevelGroup:
    level: str
    rows: list[PlaceRow]


def places_index(atlas: Atlas, governments: Iterable[str] | None = None) -> list[LevelGroup]:
    """Every government (or the given ones) by level, the most local level first, names A–Z within a level."""
    listed = atlas.jurisdictions.keys() if governments is None else set(governments)
    groups = []
    for level in sorted({atlas.jurisdictions[j]["level"] for j in listed}, key=lambda lv: (LEVEL_ORDER[lv], lv)):
        members = sorted(
            (j for j in listed if atlas.jurisdictions[j]["level"] == level),
            key=lambda j: (atlas.jurisdictions[j]["name"].lower(), j),  # the id breaks ties: sets have no order
        )
        rows = []
        for jid in members:
            own = duties_of(atlas, jid)
            rows.append(
                PlaceRow(
                    jurisdiction=jid,
                    within=list(atlas.jurisdictions[jid].get("within", [])),
                    mapped_areas=[c.area for c in place_coverage(atlas, jid) if c.mapped and c.area != "cross-cutting"],
                    obligations=len(own),
                    verified_share=share(sum(d.status == "verified" for d in own), len(own)),
                )
            )
        groups.append(LevelGroup(level, rows))
    return groups


# --- coverage -------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageCell:
    coverage: AreaCoverage
    verified_share: str
    role_labels: list[str]


@dataclass(frozen=True)
class CoverageRow:
    place: str
    cells: list[CoverageCell]


@dataclass(frozen=True)
class CoverageView:
    places: int
    governments: int
    rights: int
    instruments: int
    claims: int
    verified: int
    verified_share: str
    areas: tuple[str, ...]
    rows: list[CoverageRow]


def coverage(atlas: Atlas, places: Iterable[str] | None = None) -> CoverageView:
    """Counts over the whole atlas; a row per place (or per given place)."""
    counts = claim_counts(atlas)
    total = counts["verified"] + counts["unverified"]
    rows = [
        CoverageRow(
            place,
            [
                CoverageCell(c, share(c.verified, c.duties), [PLAIN_ROLE_LABELS[role] for role in c.roles])
                for c in place_coverage(atlas, place)
            ],
        )
        for place in (atlas.places() if places is None else places)
    ]
    return CoverageView(
        places=len(atlas.places()),
        governments=len(atlas.jurisdictions),
        rights=len(atlas.rights),
        instruments=len(atlas.instruments),
        claims=total,
        verified=counts["verified"],
        verified_share=share(counts["verified"], total),
        areas=tuple(issue_areas()),
        rows=rows,
    )


# --- rights and treaties --------------------------------------------------------------


@dataclass(frozen=True)
class RightRow:
    right: str
    plain_title: str
    articles: list[tuple[str, str]]  # (instrument id, article)
    obligations: int


@dataclass(frozen=True)
class AreaGroup:
    area: str
    rows: list[RightRow]


def rights_index(atlas: Atlas) -> list[AreaGroup]:
    """Rights by issue area, titles A–Z; areas with no right are left out."""
    groups = []
    for area in issue_areas():
        members = sorted(
            (r for r, d in atlas.rights.items() if d["issue_area"] == area), key=lambda r: atlas.rights[r]["title"].lower()
        )
        if members:
            groups.append(
                AreaGroup(
                    area,
                    [
                        RightRow(
                            r,
                            atlas.rights[r].get("plain_title", ""),
                            [(a["instrument"], a["article"]) for a in atlas.rights[r]["articles"]],
                            len(duties_for_right(atlas, r)),
                        )
                        for r in members
                    ],
                )
            )
    return groups


@dataclass(frozen=True)
class InstrumentRow:
    instrument: str
    title: str
    adopted: str
    us_status: str | None  # None: a declaration
    us_date: str  # ratified, else signed, else a dash


def instruments_index(atlas: Atlas) -> list[InstrumentRow]:
    """Every instrument, oldest first."""
    rows = []
    for iid, instrument in sorted(atlas.instruments.items(), key=lambda kv: kv[1]["adopted"]):
        us = instrument.get("us_status")
        rows.append(
            InstrumentRow(
                iid,
                instrument["title"],
                instrument["adopted"],
                us["status"] if us else None,
                us.get("ratified", us.get("signed", "—")) if us else "—",
            )
        )
    return rows


# --- SDG toolkit ----------------------------------------------------------------------


@dataclass(frozen=True)
class GoalTile:
    """A goal's tile: its number in text on the goal's colour, with the more legible text colour."""

    goal: str
    title: str
    colour: str  # "#RRGGBB", read from data/sdg/goal-colours.yaml
    text_colour: str  # white or black, whichever contrasts more


def goal_tile(atlas: Atlas, goal: str) -> GoalTile | None:
    colour = atlas.sdg.colours.get(goal)
    if colour is None:
        return None
    return GoalTile(goal, atlas.sdg.goals[goal], colour, tile_text_colour(colour))


@dataclass(frozen=True)
class GoalRow:
    goal: str
    title: str
    targets: int
    linked_targets: int
    links: int
    tile: GoalTile | None = None


@dataclass(frozen=True)
class GoalsIndex:
    rows: list[GoalRow]
    linked_targets: int
    targets: int
    links: int


def goals_index(atlas: Atlas) -> GoalsIndex:
    rows = []
    for goal, title in atlas.sdg.goals.items():
        targets = goal_targets(atlas, goal)
        linked = sum(bool(t.links) for t in targets)
        rows.append(GoalRow(goal, title, len(targets), linked, sum(len(t.links) for t in targets), goal_tile(atlas, goal)))
    return GoalsIndex(rows, sum(r.linked_targets for r in rows), len(atlas.sdg.targets), sum(r.links for r in rows))


@dataclass(frozen=True)
class RightLinkView:
    right: str
    articles: str  # "ICCPR art. 6; …", empty when none is given
    note: str | None
    sources: list  # SourceView


@dataclass(frozen=True)
class GoalTarget:
    target: str
    anchor: str
    text: str
    indicators: list[tuple[str, str]]
    links: list[RightLinkView]


@dataclass(frozen=True)
class ProvidersOfRight:
    right: str
    title: str
    places: list[tuple[str, list[Duty]]]  # (place, the duties of those who provide it there)


@dataclass(frozen=True)
class GoalPage:
    goal: str
    title: str
    targets: list[GoalTarget]
    providers: list[ProvidersOfRight]  # once per right, however many targets serve it
    tile: GoalTile | None = None


def goal_page(atlas: Atlas, goal: str, places: Iterable[str] | None = None) -> GoalPage:
    """A goal's targets and who provides the rights they serve, in every place (or the given ones)."""
    targets = []
    rights_served: list[str] = []
    for target in goal_targets(atlas, goal):
        links = []
        for right_link in target.links:
            rid = right_link["right"]
            articles = "; ".join(
                f"{atlas.instruments.get(a['instrument'], {}).get('short_name', a['instrument'])} art. {a['article']}"
                for a in right_link.get("articles", [])
            )
            links.append(RightLinkView(rid, articles, right_link.get("note"), sources_for_reading(right_link["sources"])))
            if rid in atlas.rights and rid not in rights_served:
                rights_served.append(rid)
        targets.append(
            GoalTarget(
                target.target,
                f"target-{target.target.replace('.', '-')}",
                target.text,
                list(atlas.sdg.indicators_of_target(target.target).items()),
                links,
            )
        )
    return GoalPage(
        goal,
        atlas.sdg.goals[goal],
        targets,
        [ProvidersOfRight(rid, atlas.rights[rid]["title"], providers_by_place(atlas, rid, places)) for rid in rights_served],
        goal_tile(atlas, goal),
    )
