"""Lists that would grow with the country, split by state.

Below SPLIT_PAST governments, the pages that list every place (places index, coverage, compare,
right and goal pages, the finder's fallback, the home page) list them all on one page, as a
small atlas reads best. Past it, those pages list the states with a link to each state's own
page, and a state's page is split into numbered parts of at most `per_page` rows, so that no
page grows with the number of places. Pure functions on an Atlas; no HTML here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Atlas
from .views import _ancestors

# Governments in the atlas past which national lists link to per-state pages (the real atlas
# holds about 80; the benchmark's smallest size, 300 local governments, is past it).
SPLIT_PAST = 150
# Rows on one per-state page. A comparison row names every body over a place (about 4 KB of
# HTML in the benchmark's data), so those pages take fewer rows than the other lists (~0.5 KB a row).
COMPARE_ROWS_PER_PAGE = 50
ROWS_PER_PAGE = 250


def is_split(atlas: Atlas) -> bool:
    return len(atlas.jurisdictions) > SPLIT_PAST


def state_of(atlas: Atlas, jid: str) -> str | None:
    """The state a government lies in (a state is its own), None for the federal government."""
    if atlas.jurisdictions[jid]["level"] == "state":
        return jid
    return next((g for g in _ancestors(atlas, jid) if atlas.jurisdictions[g]["level"] == "state"), None)


@dataclass(frozen=True)
class StatePart:
    state: str
    part: int  # 1-based
    parts: int
    members: tuple[str, ...]  # in the order the listing gave them


def _chunks(members: list[str], per_page: int) -> list[list[str]]:
    """Balanced parts of at most per_page members each (sizes differ by one at most)."""
    count = max(1, -(-len(members) // per_page))
    size, longer = divmod(len(members), count)
    chunks, start = [], 0
    for index in range(count):
        end = start + size + (index < longer)
        chunks.append(members[start:end])
        start = end
    return chunks


def state_parts(atlas: Atlas, members: Iterable[str], per_page: int) -> list[StatePart]:
    """The members of a listing by state (states A–Z by name), each state in parts of at most
    per_page; members lying in no state (the federal government) are left out."""
    by_state: dict[str, list[str]] = {}
    for jid in members:
        state = state_of(atlas, jid)
        if state is not None:
            by_state.setdefault(state, []).append(jid)
    parts = []
    for state in sorted(by_state, key=lambda s: (atlas.jurisdictions[s]["name"].lower(), s)):
        chunks = _chunks(by_state[state], per_page)
        parts.extend(StatePart(state, n, len(chunks), tuple(chunk)) for n, chunk in enumerate(chunks, 1))
    return parts


def part_of(parts: list[StatePart], state: str, part: int) -> StatePart:
    for candidate in parts:
        if candidate.state == state and candidate.part == part:
            return candidate
    raise KeyError(f"no part {part} for state {state!r}")


@dataclass(frozen=True)
class StateLink:
    """A state on a national page that lists states instead of places."""

    state: str
    name: str
    rows: int  # the state's members in this listing
    parts: list[tuple[int, str]]  # (part number, site-relative URL), one per part of the state's page


def state_links(atlas: Atlas, parts: list[StatePart], url: Callable[[str, int], str]) -> list[StateLink]:
    """One link group per state, in the order of `parts`, for a national page past SPLIT_PAST."""
    links: dict[str, StateLink] = {}
    for p in parts:
        link = links.get(p.state) or StateLink(p.state, atlas.jurisdictions[p.state]["name"], 0, [])
        links[p.state] = StateLink(
            link.state, link.name, link.rows + len(p.members), link.parts + [(p.part, url(p.state, p.part))]
        )
    return list(links.values())


def counted_state_links(atlas: Atlas, members: Iterable[str], pages: list[StateLink]) -> list[StateLink]:
    """The states where `members` lie, with their count, linking to `pages` (another listing's
    parts, e.g. a right's holders linking to the comparison of its issue area, state by state).
    A state with members but no such page is listed without links."""
    counts: dict[str, int] = {}
    for jid in members:
        state = state_of(atlas, jid)
        if state is not None:
            counts[state] = counts.get(state, 0) + 1
    by_state = {link.state: link for link in pages}
    ordered = sorted(counts, key=lambda s: (atlas.jurisdictions[s]["name"].lower(), s))
    return [StateLink(s, atlas.jurisdictions[s]["name"], counts[s], by_state[s].parts if s in by_state else []) for s in ordered]


@dataclass(frozen=True)
class PartNav:
    """Where a state's page is: its state, which part, and every part's URL."""

    state: str
    state_name: str
    current: int
    parts: list[tuple[int, str]]


def part_nav(atlas: Atlas, parts: list[StatePart], state: str, part: int, url: Callable[[str, int], str]) -> PartNav:
    numbers = [p.part for p in parts if p.state == state]
    return PartNav(state, atlas.jurisdictions[state]["name"], part, [(n, url(state, n)) for n in numbers])


def state_page(
    atlas: Atlas, parts: list[StatePart], state: str, part: str, url: Callable[[str, int], str]
) -> tuple[list[str], PartNav]:
    """What one per-state page of a split listing shows: its members, and the links to the state's other parts.
    `part` is the page's part number as its URL gives it."""
    number = int(part)
    return part_of(parts, state, number).members, part_nav(atlas, parts, state, number, url)


# The listings split by state: each one's members and rows per page, memoised per build.


def place_parts(atlas: Atlas) -> list[StatePart]:
    """Places (cities, consolidated city-counties) by state, for compare, coverage and goal pages."""
    return atlas.once(("place_parts",), lambda: state_parts(atlas, atlas.places(), COMPARE_ROWS_PER_PAGE))


def government_parts(atlas: Atlas) -> list[StatePart]:
    """Every government below the federal level by state (the state first), for the places index."""

    def members() -> list[str]:
        ordered = sorted(
            atlas.jurisdictions,
            key=lambda j: (atlas.jurisdictions[j]["level"] != "state", atlas.jurisdictions[j]["name"].lower(), j),
        )
        return ordered

    return atlas.once(("government_parts",), lambda: state_parts(atlas, members(), ROWS_PER_PAGE))
