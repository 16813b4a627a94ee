"""View models of the national maps: for one issue area, what the atlas records in each state.

A state's category is computed from its own record only: the duties the state government holds in
the area (`obligations`) and the duties its law gives every county, city, district or township
(`assignments`). A state with neither, or with no record at all, is "no duty recorded yet": the map
never guesses. Cities and counties with records of their own are on their own pages, not on the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from .counties import _states_by_ocd_id
from .model import ISSUE_AREA_LABELS, Atlas, roles
from .urls import map_path
from .views import compare_areas


@dataclass(frozen=True)
class MapCategory:
    key: str  # also the name of the fill pattern the template draws for it
    label: str
    description: str


# In legend order. Every state falls in exactly one.
CATEGORIES = (
    MapCategory(
        "state-provides",
        "The state provides it",
        "The state government itself provides a right in this area (its record says so).",
    ),
    MapCategory(
        "state-and-local",
        "The state provides it, and state law gives local governments duties",
        "The state government provides a right in this area, and state law gives every county "
        "(or every city, district or township) a duty in it too.",
    ),
    MapCategory(
        "local-by-state-law",
        "State law gives local governments duties",
        "State law gives every county (or every city, district or township) a duty in this area; "
        "the state government itself is not recorded as providing it.",
    ),
    MapCategory(
        "state-other-roles",
        "The state funds, regulates, oversees or hears complaints; no provider recorded",
        "The state government holds duties in this area, but the atlas does not yet record who provides it.",
    ),
    MapCategory(
        "no-record",
        "No duty recorded yet",
        "The atlas records no duty in this area for the state yet, or has no record of the state.",
    ),
)
CATEGORY_BY_KEY = {category.key: category for category in CATEGORIES}

# The outlines' extent in their 975 x 610 frame (the bbox of us-atlas's states-albers-10m.json, rounded
# outwards): the westernmost Aleutian islands lie left of x = 0.
VIEW_BOX = "-58 12 1016 596"


@dataclass(frozen=True)
class LocalAssignment:
    """A duty state law gives every government of one level in the state."""

    to_level: str
    role: str
    body_name: str  # record text: the generic name, "county sheriff"


@dataclass(frozen=True)
class StateOnMap:
    fips: str
    postal: str
    name: str  # the Census name: "Washington"
    path: str  # SVG path data
    record: str | None  # the state's record id, when the atlas has one
    category: MapCategory
    state_roles: tuple[str, ...]  # the roles the state government holds in the area, in schema order
    assignments: tuple[LocalAssignment, ...]
    claims: int  # duties behind the category (the state's and its law's)
    verified: int

    @property
    def title(self) -> str:
        """What the shape's <title> says: the state and its category."""
        return f"{self.name}: {self.category.label}"


@dataclass(frozen=True)
class LegendEntry:
    category: MapCategory
    states: int


@dataclass(frozen=True)
class AreaMap:
    area: str
    label: str
    states: list[StateOnMap]  # by name
    legend: list[LegendEntry]  # every category, in legend order, with how many states fall in it
    view_box: str = VIEW_BOX


def state_category(state_provides: bool, local_duties: bool, any_state_duty: bool) -> MapCategory:
    """The one category a state falls in, from what its record holds for the area."""
    if state_provides and local_duties:
        key = "state-and-local"
    elif state_provides:
        key = "state-provides"
    elif local_duties:
        key = "local-by-state-law"
    elif any_state_duty:
        key = "state-other-roles"
    else:
        key = "no-record"
    return CATEGORY_BY_KEY[key]


def _area_of(atlas: Atlas, right: str) -> str:
    return atlas.rights.get(right, {}).get("issue_area", "cross-cutting")


def state_on_map(atlas: Atlas, shape, area: str) -> StateOnMap:
    """One state's place on the map of an area: its category and what it rests on."""
    jid = _states_by_ocd_id(atlas).get(shape.ocd_id)
    record = atlas.jurisdictions.get(jid, {}) if jid else {}
    obligations = [o for o in record.get("obligations", []) if _area_of(atlas, o["right"]) == area]
    assigned = [a for a in record.get("assignments", []) if _area_of(atlas, a["right"]) == area]
    held = {o["role"] for o in obligations}
    assignments = tuple(dict.fromkeys(LocalAssignment(a["to_level"], a["role"], a["body_name"]) for a in assigned))
    claims = obligations + assigned
    return StateOnMap(
        fips=shape.fips,
        postal=shape.state,
        name=shape.name,
        path=shape.path,
        record=jid,
        category=state_category("provides" in held, bool(assigned), bool(obligations)),
        state_roles=tuple(role for role in roles() if role in held),
        assignments=assignments,
        claims=len(claims),
        verified=sum(claim["status"] == "verified" for claim in claims),
    )


def area_map(atlas: Atlas, area: str) -> AreaMap:
    """The map of one issue area: every state outline the atlas has, each in one category."""

    def compute() -> AreaMap:
        states = sorted((state_on_map(atlas, shape, area) for shape in atlas.state_shapes), key=lambda s: s.name)
        legend = [LegendEntry(c, sum(s.category == c for s in states)) for c in CATEGORIES]
        return AreaMap(area, ISSUE_AREA_LABELS[area], states, legend)

    return atlas.once(("area_map", area), compute)


def map_areas(atlas: Atlas) -> list[str]:
    """The issue areas that get a map: those with a right, when the atlas has state outlines to draw."""
    return compare_areas(atlas) if atlas.state_shapes else []


@dataclass(frozen=True)
class MapIndexItem:
    area: str
    label: str
    url: str  # site-relative
    legend: list[LegendEntry]


def maps_index(atlas: Atlas) -> list[MapIndexItem]:
    items = []
    for area in map_areas(atlas):
        view = area_map(atlas, area)
        items.append(MapIndexItem(area, view.label, map_path(area), view.legend))
    return items
