"""Connecticut's towns, the historical county each lay in and the planning region it lies in: what the county and
ZIP importers need to put Connecticut's nine planning regions in place of its eight historical counties.

Since 2022 the Census Bureau counts Connecticut's planning regions as its county-equivalents. A planning region
is made of whole towns, and so was each historical county, so the towns are what relates the two. Read from the
CTData Collaborative's crosswalks (MIT):

- ct-town-to-planning-region.csv (repository CT-Data-Collaborative/ct-town-to-planning-region): town_name,
  town_fips_2020 (the town's county subdivision code under its historical county), town_fips_2022 (under its
  planning region), ce_name_2022, ce_fips_2022. The codes are written as numbers, without their leading zero.
- data/2020zip-to-town.csv (repository CT-Data-Collaborative/ct-zip-to-town): 2020zip5, Town_FIPS_22,
  Town_Name: the town holding the centre of each 2020 ZIP Code Tabulation Area.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

CT_FIPS = "09"
PLANNING_REGION_KIND = "planning_region"


class CrosswalkError(ValueError):
    pass


@dataclass(frozen=True)
class Town:
    name: str
    geoid_2020: str  # 10 digits: state, historical county, town
    geoid_2022: str  # 10 digits: state, planning region, town
    region: str  # 5 digits: the planning region's county-equivalent GEOID
    region_name: str  # "Capitol Planning Region"

    @property
    def county_2020(self) -> str:
        return self.geoid_2020[:5]


def _digits(value: str, width: int, line: int, column: str) -> str:
    value = (value or "").strip()
    if not value.isdigit() or len(value) > width:
        raise CrosswalkError(f"line {line}: {column}: not a code of at most {width} digits: {value!r}")
    return value.zfill(width)


def _rows(text: str, columns: tuple[str, ...]):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise CrosswalkError(f"no column {', '.join(missing)} in the header")
    return enumerate(reader, start=2)


def read_towns(text: str) -> list[Town]:
    """The towns of the town-to-planning-region crosswalk, checked: every code in Connecticut, a town keeps its
    own code across the change, and its 2022 code names its region."""
    towns, problems = [], []
    for line, row in _rows(text, ("town_name", "town_fips_2020", "town_fips_2022", "ce_name_2022", "ce_fips_2022")):
        try:
            town = Town(
                name=row["town_name"].strip(),
                geoid_2020=_digits(row["town_fips_2020"], 10, line, "town_fips_2020"),
                geoid_2022=_digits(row["town_fips_2022"], 10, line, "town_fips_2022"),
                region=_digits(row["ce_fips_2022"], 5, line, "ce_fips_2022"),
                region_name=row["ce_name_2022"].strip(),
            )
        except CrosswalkError as error:
            problems.append(str(error))
            continue
        if not all(code.startswith(CT_FIPS) for code in (town.geoid_2020, town.geoid_2022, town.region)):
            problems.append(f"line {line}: {town.name}: a code outside Connecticut")
        elif town.geoid_2022[:5] != town.region or town.geoid_2020[5:] != town.geoid_2022[5:]:
            codes = f"{town.geoid_2020}, {town.geoid_2022} and region {town.region}"
            problems.append(f"line {line}: {town.name}: its codes {codes} disagree")
        else:
            towns.append(town)
    if problems:
        raise CrosswalkError("; ".join(problems))
    if not towns:
        raise CrosswalkError("no towns")
    return towns


def regions(towns: list[Town]) -> dict[str, str]:
    """GEOID -> name of each planning region."""
    return {town.region: town.region_name for town in sorted(towns, key=lambda t: t.region)}


def historical_counties_of(towns: list[Town]) -> dict[str, tuple[str, ...]]:
    """Planning region -> the historical counties (2020 GEOIDs) its towns lay in."""
    found: dict[str, set[str]] = {}
    for town in towns:
        found.setdefault(town.region, set()).add(town.county_2020)
    return {region: tuple(sorted(counties)) for region, counties in sorted(found.items())}


def regions_of_county(towns: list[Town]) -> dict[str, tuple[str, ...]]:
    """Historical county -> the planning regions its towns lie in now."""
    found: dict[str, set[str]] = {}
    for town in towns:
        found.setdefault(town.county_2020, set()).add(town.region)
    return {county: tuple(sorted(regions)) for county, regions in sorted(found.items())}


def read_zip_towns(text: str, towns: list[Town]) -> dict[str, Town]:
    """ZCTA -> the town holding its centre."""
    by_code = {town.geoid_2022: town for town in towns}
    found, problems = {}, []
    for line, row in _rows(text, ("2020zip5", "Town_FIPS_22")):
        try:
            zcta = _digits(row["2020zip5"], 5, line, "2020zip5")
            code = _digits(row["Town_FIPS_22"], 10, line, "Town_FIPS_22")
        except CrosswalkError as error:
            problems.append(str(error))
            continue
        if code not in by_code:
            problems.append(f"line {line}: {zcta}: town {code} is not in the town crosswalk")
        else:
            found[zcta] = by_code[code]
    if problems:
        raise CrosswalkError("; ".join(problems))
    return found


def town_by_name(towns: list[Town]) -> dict[str, Town]:
    return {town.name.casefold(): town for town in towns}


def region_parts(
    zcta: str, parts: list[tuple[str, int]], towns: list[Town], zip_towns: dict[str, Town]
) -> tuple[list[tuple[str, int]], list[str]]:
    """A ZCTA's (county, land) parts with each historical Connecticut county replaced by a planning region, and
    the parts that could not be placed (kept under the historical county's GEOID).

    The Census relationship file gives the land of a ZCTA in each historical county, not in each town. A part
    goes to the one region that holds all the county's towns; else to the region of the town holding the ZCTA's
    centre, when the county has towns in that region. This assumes that a ZCTA's part in one historical county
    lies in the region of its centre town: an approximation, said so wherever the table is described."""
    by_county = regions_of_county(towns)
    centre = zip_towns.get(zcta)
    land: dict[str, int] = {}
    unplaced = []
    for county, part_land in parts:
        candidates = by_county.get(county)
        if candidates is None:  # another state, or already a planning region
            target = county
        elif len(candidates) == 1:
            target = candidates[0]
        elif centre is not None and centre.region in candidates:
            target = centre.region
        else:
            target = county
            unplaced.append(county)
        land[target] = land.get(target, 0) + part_land
    return list(land.items()), unplaced
