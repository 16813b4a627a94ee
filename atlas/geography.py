"""The Census county list the importer writes (data/geography/counties.csv), read into plain values."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

COUNTY_COLUMNS = ("geoid", "name", "state", "state_fips", "ocd_id", "kind", "formerly_in")


def csv_text(columns: Iterable[str], rows: Iterable[dict]) -> str:
    """The text of one of the importers' CSV files: a header, then the rows, each line ending in a bare newline."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def state_ocd_id(postal: str) -> str:
    """A state's Open Civic Data division id from its postal code (the District of Columbia is a district, not a state)."""
    kind = "district" if postal == "DC" else "state"
    return f"ocd-division/country:us/{kind}:{postal.lower()}"


@dataclass(frozen=True)
class County:
    """One county or county-equivalent, as the Census lists it."""

    geoid: str  # 5 digits: state FIPS + county FIPS
    name: str  # with its type word where known ("Cook County", "Alexandria city")
    state: str  # postal code ("IL")
    state_fips: str
    ocd_id: str | None
    kind: str | None  # the Open Civic Data division type: county, parish, borough, census_area, place, ...;
    # planning_region for Connecticut's county-equivalents since 2022
    formerly_in: tuple[str, ...] = ()  # a planning region's historical counties (GEOIDs) its towns lay in

    @property
    def state_ocd_id(self) -> str:
        return state_ocd_id(self.state)


def read_counties(path: Path) -> list[County]:
    """The county list, in file order (by GEOID); no file, no counties."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            County(
                geoid=row["geoid"],
                name=row["name"],
                state=row["state"],
                state_fips=row["state_fips"],
                ocd_id=row["ocd_id"] or None,
                kind=row["kind"] or None,
                formerly_in=tuple((row.get("formerly_in") or "").split()),
            )
            for row in csv.DictReader(handle)
        ]


STATE_SHAPE_COLUMNS = ("fips", "state", "name", "path")


@dataclass(frozen=True)
class StateShape:
    """A state's (or the District's) outline, as scripts/import_state_shapes.py writes it."""

    fips: str  # 2 digits
    state: str  # postal code ("IL")
    name: str  # "Illinois"
    path: str  # SVG path data in the 975 x 610 frame of us-atlas's Albers USA projection

    @property
    def ocd_id(self) -> str:
        return state_ocd_id(self.state)


def read_state_shapes(path: Path) -> list[StateShape]:
    """The state outlines, in file order (by FIPS code); no file, no shapes (and so no maps)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [StateShape(row["fips"], row["state"], row["name"], row["path"]) for row in csv.DictReader(handle)]
