"""ZIP codes: the table scripts/import_zips.py writes (data/geography/zip-counties.csv), read into plain values,
and the static shards the finder loads (api/v2/zip/<first three digits>.json).

A ZIP code is a postal route, not a government: it can cross county and city lines. The table lists every
county a ZIP Code Tabulation Area touches (from the Census relationship file), with the share of the ZIP's land
in each; a ZIP the Census does not tabulate (a PO box or single-address ZIP) has the one county of the postal
list. A city is never inferred from a ZIP: the shards name the places whose records say they lie in or overlap
the county, and the finder says that a ZIP can cross city lines.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from . import counties as county_views
from .geography import County
from .home import short_name
from .model import PLACE_LEVELS, Atlas
from .urls import page_path

ZIP_COLUMNS = ("zip", "states", "source", "counties")
SOURCES = ("census-zcta", "postal")
# Postal codes of the areas the atlas does not cover yet, and of the mail that reaches no place.
TERRITORIES = {
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "the Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "the U.S. Virgin Islands",
}
FREELY_ASSOCIATED_STATES = {"FM": "the Federated States of Micronesia", "MH": "the Marshall Islands", "PW": "Palau"}
MILITARY_MAIL = {"AA", "AE", "AP"}  # APO/FPO/DPO addresses
SHARD_PREFIX_LENGTH = 3


@dataclass(frozen=True)
class ZipCounty:
    geoid: str  # 5-digit county GEOID
    land_share: float | None  # percent of the ZIP's land in this county; None when the source gives no areas


@dataclass(frozen=True)
class ZipArea:
    zip: str
    states: tuple[str, ...]  # postal codes, in the order of the counties
    source: str  # census-zcta | postal
    counties: tuple[ZipCounty, ...]  # largest land share first


def format_counties(counties: tuple[ZipCounty, ...]) -> str:
    return " ".join(c.geoid if c.land_share is None else f"{c.geoid}:{c.land_share:.1f}" for c in counties)


def parse_counties(text: str) -> tuple[ZipCounty, ...]:
    counties = []
    for item in text.split():
        geoid, _, share = item.partition(":")
        counties.append(ZipCounty(geoid, float(share) if share else None))
    return tuple(counties)


def zip_row(area: ZipArea) -> dict[str, str]:
    return {
        "zip": area.zip,
        "states": " ".join(area.states),
        "source": area.source,
        "counties": format_counties(area.counties),
    }


def read_zip_areas(path: Path) -> list[ZipArea]:
    """The ZIP table, in file order (by ZIP); no file, no ZIPs."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        if tuple(next(rows, ())) != ZIP_COLUMNS:
            raise ValueError(f"{path}: the header is not {','.join(ZIP_COLUMNS)}")
        return [ZipArea(code, tuple(states.split()), source, parse_counties(counties)) for code, states, source, counties in rows]


def coverage(area: ZipArea) -> str:
    """What the atlas can say about a ZIP: covered (every county named), territory, freely-associated, military,
    or no-county (a postal ZIP whose county could not be matched)."""
    for kind, codes in _OUTSIDE_KINDS:
        if any(state in codes for state in area.states):
            return kind
    return "covered" if area.counties else "no-county"


_OUTSIDE_KINDS = (("military", MILITARY_MAIL), ("freely-associated", FREELY_ASSOCIATED_STATES), ("territory", TERRITORIES))
_OUTSIDE_NAMES = {**TERRITORIES, **FREELY_ASSOCIATED_STATES}


def shard_name(zip_code: str) -> str:
    return f"zip/{zip_code[:SHARD_PREFIX_LENGTH]}.json"


def _place_ref(atlas: Atlas, jid: str) -> dict:
    return {"id": jid, "name": short_name(atlas.jurisdictions[jid]), "page": page_path("jurisdictions", jid)}


def places_in_county(atlas: Atlas, record: str | None) -> list[str]:
    """The places (cities) whose records say they lie in, or overlap, the county's record, A-Z."""
    if record is None:
        return []
    found = {
        jid
        for jid, r in atlas.jurisdictions.items()
        if r["level"] in PLACE_LEVELS and jid != record and (record in r.get("within", []) or record in atlas.overlapping[jid])
    }
    return sorted(found, key=lambda jid: short_name(atlas.jurisdictions[jid]).lower())


def county_entry(atlas: Atlas, geoid: str, county: County | None) -> dict:
    """A county as a ZIP answer names it: its name, state, API file and page, and the atlas's places in it."""
    if county is None:  # not in the county list: a county-equivalent newer than it, or a historical county
        entry = {"geoid": geoid, "name": None, "listed": False}
        successors = [c for c in atlas.counties if geoid in c.formerly_in]
        if successors:
            entry["now_in"] = [{"geoid": c.geoid, "name": c.name} for c in successors]
        return entry
    state = county_views.state_for(atlas, county)
    record = county_views.county_record(atlas, county)
    page = (
        page_path("jurisdictions", record)
        if record
        else (f"{page_path('jurisdictions', state)}#county-{county.geoid}" if state else None)
    )
    return {
        "geoid": geoid,
        "name": county.name,
        "listed": True,
        "state": county.state,
        "state_record": _place_ref(atlas, state) if state else None,
        "api": f"counties/{geoid}.json",
        "page": page,
        "record": _place_ref(atlas, record) if record else None,
        "record_is_place": bool(record) and atlas.jurisdictions[record]["level"] in PLACE_LEVELS,
        "places": [_place_ref(atlas, jid) for jid in places_in_county(atlas, record)],
    }


def _zip_entry(area: ZipArea, kind: str) -> dict:
    entry = {
        "source": area.source,
        "states": list(area.states),
        "coverage": kind,
        "counties": [{"geoid": c.geoid, "land_share": c.land_share} for c in area.counties],
    }
    if kind in ("territory", "freely-associated"):
        entry["area_name"] = next(_OUTSIDE_NAMES[s] for s in area.states if s in _OUTSIDE_NAMES)
    return entry


def zip_shards(atlas: Atlas, areas: list[ZipArea], version: str) -> dict[str, dict]:
    """One document per 3-digit ZIP prefix: its ZIPs, and each county they touch, described once."""
    counties = {c.geoid: c for c in atlas.counties}
    entries: dict[str, dict] = {}  # a county touched by ZIPs of several prefixes is described once, shared

    def county(geoid: str) -> dict:
        if geoid not in entries:
            entries[geoid] = county_entry(atlas, geoid, counties.get(geoid))
        return entries[geoid]

    grouped: dict[str, list[ZipArea]] = {}
    for area in areas:
        grouped.setdefault(shard_name(area.zip), []).append(area)
    shards = {}
    for name, members in sorted(grouped.items()):
        zips, geoids = {}, set()
        for area in sorted(members, key=lambda a: a.zip):
            kind = coverage(area)
            zips[area.zip] = _zip_entry(area, kind)
            if kind == "covered":
                geoids.update(c.geoid for c in area.counties)
        shards[name] = {
            "version": version,
            "prefix": members[0].zip[:SHARD_PREFIX_LENGTH],
            "zips": zips,
            "counties": {geoid: county(geoid) for geoid in sorted(geoids)},
        }
    return shards
