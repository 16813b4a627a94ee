"""Write data/geography/zip-counties.csv: every ZIP code and every county it touches.

    .venv/bin/python scripts/import_zips.py RELATIONSHIP_FILE [--postal-json FILE]
        [--ct-towns FILE --ct-zip-towns FILE] [OUTPUT_CSV]

RELATIONSHIP_FILE  the Census Bureau's 2020 ZCTA to County Relationship File: either the original
                   (tab20_zcta520_county20_natl.txt, '|'-delimited, columns GEOID_ZCTA5_20,
                   GEOID_COUNTY_20, AREALAND_PART) or the same table as CSV with columns zcta5,
                   fips_code_county, arealand_part
--postal-json FILE a JSON list of postal ZIP records (zip_code, state, county, active), for tests;
                   by default the list bundled in the `zipcodes` package (zipcodes.list_all())
--ct-towns FILE    ct-town-to-planning-region.csv and 2020zip-to-town.csv (CTData Collaborative): put
--ct-zip-towns FILE  Connecticut's planning regions, its county-equivalents since 2022, in place of the
                   historical counties the 2020 file names (see scripts/ct_towns.py for how)
OUTPUT_CSV         default: the project's data/geography/zip-counties.csv

A ZIP Code Tabulation Area lists every county it touches, with the share of its land in each (largest
first): a part's land over the sum of the ZCTA's parts, so the ZCTA's own total column is not needed
(in the CSV copy it is twice the sum of the parts). A ZIP the Census does not tabulate (PO boxes,
single-address ZIPs, military mail, some territories) is taken from the postal list, which gives one
county by name: it is matched to data/geography/counties.csv by state and name, and written without
a county when no name matches.
Inactive postal ZIPs are left out. Prints what it did to stderr; the same inputs give the same file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ct_towns import CrosswalkError, Town, read_towns, read_zip_towns, region_parts, regions_of_county, town_by_name  # noqa: E402

from atlas.geography import csv_text, read_counties  # noqa: E402
from atlas.model import COUNTIES_FILE, ZIPS_FILE  # noqa: E402
from atlas.records import DATA_DIR  # noqa: E402
from atlas.zips import ZIP_COLUMNS, ZipArea, ZipCounty, zip_row  # noqa: E402

# FIPS codes of the territories in the relationship file (the states' come from counties.csv).
TERRITORY_FIPS = {"60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI"}
COLUMN_NAMES = {  # our name: (the Census original's, the CSV copy's)
    "zip": ("GEOID_ZCTA5_20", "zcta5"),
    "county": ("GEOID_COUNTY_20", "fips_code_county"),
    "part_land": ("AREALAND_PART", "arealand_part"),
}


# Type words the postal list and the county list write differently ("Municipality of Anchorage", "James City").
_TYPE_WORDS = re.compile(
    r"^(municipality|city and borough) of |( county| parish| borough| census area| municipality| city and borough| city)$"
)


class InputError(ValueError):
    pass


def read_relationship(text: str) -> dict[str, list[tuple[str, int]]]:
    """ZCTA -> [(county GEOID, land of the ZCTA's part in that county, in square metres)], from either format."""
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = "|" if "|" in header else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = set(reader.fieldnames or [])
    columns = {}
    for ours, names in COLUMN_NAMES.items():
        found = [n for n in names if n in fields]
        if not found:
            raise InputError(f"no column {' or '.join(names)} in the header")
        columns[ours] = found[0]
    parts: dict[str, list[tuple[str, int]]] = {}
    for line, row in enumerate(reader, start=2):
        zcta, county = row[columns["zip"]].strip(), row[columns["county"]].strip()
        if not zcta:  # the original lists counties that hold no ZCTA with an empty ZCTA
            continue
        if not (len(zcta) == 5 and zcta.isdigit() and len(county) == 5 and county.isdigit()):
            raise InputError(f"line {line}: not a 5-digit ZCTA and county GEOID: {zcta!r}, {county!r}")
        try:
            part_land = int(row[columns["part_land"]] or 0)
        except ValueError as error:
            raise InputError(f"line {line}: {error}") from None
        parts.setdefault(zcta, []).append((county, part_land))
    return parts


def land_share(part_land: int, zip_land: int) -> float:
    return round(100 * part_land / zip_land, 1) if zip_land else 0.0


def zcta_areas(parts: dict[str, list[tuple[str, int]]], postal_by_fips: dict[str, str]) -> list[ZipArea]:
    areas = []
    for zcta, rows in parts.items():
        zip_land = sum(part for _, part in rows)
        counties = sorted(
            (ZipCounty(county, land_share(part, zip_land)) for county, part in rows),
            key=lambda c: (-(c.land_share or 0), c.geoid),
        )
        states = []
        for county in counties:
            state = postal_by_fips.get(county.geoid[:2]) or TERRITORY_FIPS.get(county.geoid[:2], "")
            if state and state not in states:
                states.append(state)
        areas.append(ZipArea(zcta, tuple(states), "census-zcta", tuple(counties)))
    return areas


def name_key(name: str) -> str:
    """A county name compared without accents, punctuation, spaces or case: "Doña Ana" = "Dona Ana", "St." = "St"."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[\s.'’-]", "", plain.casefold())


def _bare_key(name: str) -> str:
    return name_key(_TYPE_WORDS.sub("", name.casefold().strip()))


def county_matcher(counties) -> Callable[[str, str], str | None]:
    """(state, name) -> GEOID: the same name, else the same name without its type word if only one county has it."""
    exact = {(c.state, name_key(c.name)): c.geoid for c in counties}
    bare: dict[tuple[str, str], set[str]] = {}
    for c in counties:
        bare.setdefault((c.state, _bare_key(c.name)), set()).add(c.geoid)

    def match(state: str, name: str) -> str | None:
        found = exact.get((state, name_key(name)))
        if found is None:
            for key in (name_key(name), _bare_key(name)):
                candidates = bare.get((state, key), set())
                if len(candidates) == 1:
                    return next(iter(candidates))
        return found

    return match


def postal_areas(records: list[dict], known: set[str], match) -> tuple[list[ZipArea], list[str]]:
    """The active postal ZIPs the Census does not tabulate, each with its county when the name matches."""
    areas, unmatched = [], []
    for record in records:
        code, state = str(record.get("zip_code", "")), str(record.get("state", "")).upper()
        if not record.get("active", True) or code in known or not (len(code) == 5 and code.isdigit()):
            continue
        name = (record.get("county") or "").strip()
        geoid = match(state, name) if name else None
        if geoid is None and name and state not in TERRITORY_FIPS.values():
            unmatched.append(f"{code} {state} {name}")
        areas.append(ZipArea(code, (state,), "postal", (ZipCounty(geoid, None),) if geoid else ()))
    return areas, unmatched


def connecticut_regions(
    parts: dict[str, list[tuple[str, int]]], towns: list[Town], zip_towns: dict[str, Town]
) -> tuple[dict[str, list[tuple[str, int]]], list[str]]:
    """The relationship file's parts with Connecticut's historical counties replaced by planning regions, and the
    parts left under a historical county ("ZCTA GEOID")."""
    historical = set(regions_of_county(towns))
    placed, unplaced = {}, []
    for zcta, rows in parts.items():
        if any(county in historical for county, _ in rows):
            rows, left = region_parts(zcta, rows, towns, zip_towns)
            unplaced += [f"{zcta} {county}" for county in left]
        placed[zcta] = rows
    return placed, unplaced


def connecticut_postal(records: list[dict], towns: list[Town], known: set[str]) -> tuple[list[dict], int]:
    """The postal list with each Connecticut ZIP's county replaced by the planning region of the town its post
    office is named after, when a town has that name (the historical county names match no county any more).
    A ZIP whose post office names a village keeps its historical county's name, and so gets no county."""
    by_name = town_by_name(towns)
    out, named = [], 0
    for record in records:
        town = by_name.get(str(record.get("city") or "").strip().casefold())
        if str(record.get("state", "")).upper() == "CT" and town is not None:
            record = {**record, "county": town.region_name}
            named += record.get("active", True) and str(record.get("zip_code")) not in known
        out.append(record)
    return out, named


def rows_csv(areas: list[ZipArea]) -> str:
    return csv_text(ZIP_COLUMNS, (zip_row(area) for area in sorted(areas, key=lambda a: a.zip)))


def _bundled_postal_list() -> list[dict]:
    import zipcodes  # the `zipcodes` package (MIT), pinned in requirements.txt

    return zipcodes.list_all()


def main(argv: list[str]) -> int:
    args = list(argv)
    options = {}
    for option in ("--postal-json", "--ct-towns", "--ct-zip-towns"):
        if option in args:
            at = args.index(option)
            if at + 1 >= len(args):
                print(__doc__.strip(), file=sys.stderr)
                return 2
            options[option] = Path(args[at + 1])
            del args[at : at + 2]
    postal_json = options.get("--postal-json")
    if len(args) not in (1, 2) or any(a.startswith("-") for a in args) or (
        ("--ct-towns" in options) != ("--ct-zip-towns" in options)
    ):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    relationship = Path(args[0])
    output = Path(args[1]) if len(args) == 2 else DATA_DIR / ZIPS_FILE
    for path in [relationship] + list(options.values()):
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
    counties = read_counties(DATA_DIR / COUNTIES_FILE)
    try:
        parts = read_relationship(relationship.read_text(encoding="utf-8"))
    except InputError as error:
        print(f"{relationship}: {error}", file=sys.stderr)
        return 1
    if not parts:
        print(f"{relationship}: no ZCTA rows", file=sys.stderr)
        return 1
    postal = json.loads(postal_json.read_text(encoding="utf-8")) if postal_json else _bundled_postal_list()
    ct_unplaced, ct_postal_named = [], None
    if "--ct-towns" in options:
        try:
            towns = read_towns(options["--ct-towns"].read_text(encoding="utf-8"))
            zip_towns = read_zip_towns(options["--ct-zip-towns"].read_text(encoding="utf-8"), towns)
        except CrosswalkError as error:
            print(f"Connecticut crosswalk: {error}", file=sys.stderr)
            return 1
        parts, ct_unplaced = connecticut_regions(parts, towns, zip_towns)
        postal, ct_postal_named = connecticut_postal(postal, towns, set(parts))
    zctas = zcta_areas(parts, {c.state_fips: c.state for c in counties})
    postal_only, unmatched = postal_areas(postal, set(parts), county_matcher(counties))
    areas = zctas + postal_only
    listed = {c.geoid for c in counties}
    territories = set(TERRITORY_FIPS.values())
    unlisted = sorted({c.geoid for a in zctas for c in a.counties if c.geoid not in listed and a.states[0] not in territories})
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(rows_csv(areas), encoding="utf-8")
    spanning = sum(1 for a in areas if len(a.counties) > 1)
    print(
        f"{len(areas)} ZIPs written to {output}: {len(zctas)} Census ZCTAs ({spanning} spanning more than one county), "
        f"{len(postal_only)} from the postal list ({len(unmatched)} with a county name that matched none)",
        file=sys.stderr,
    )
    if ct_postal_named is not None:
        print(
            f"  Connecticut: {len(ct_unplaced)} ZCTA parts left under a historical county; "
            f"{ct_postal_named} postal ZIPs placed by their post office's town",
            file=sys.stderr,
        )
    for line in ct_unplaced:
        print(f"  Connecticut part not placed: {line}", file=sys.stderr)
    for geoid in unlisted:
        print(f"  county not in counties.csv: {geoid}", file=sys.stderr)
    for line in unmatched:
        print(f"  postal county unmatched: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
