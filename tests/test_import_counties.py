"""scripts/import_counties.py on small inputs it is given here: GEOID matches, independent cities, unmatched names."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from atlas.geography import COUNTY_COLUMNS, read_counties
from atlas.records import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "import_counties.py"

BOUNDARIES = {
    "type": "Topology",
    "objects": {
        "counties": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "51510", "properties": {"name": "Alexandria"}},
                {"type": "Polygon", "arcs": [[1]], "id": "17031", "properties": {"name": "Cook"}},
                {"type": "Polygon", "arcs": [[2]], "id": "51059", "properties": {"name": "Fairfax"}},
                {"type": "Polygon", "arcs": [[3]], "id": "51600", "properties": {"name": "Fairfax"}},
                {"type": "Polygon", "arcs": [[4]], "id": "46102", "properties": {"name": "Oglala Lakota"}},
                {"type": "Polygon", "arcs": [[5]], "id": "72001", "properties": {"name": "Adjuntas"}},
                {"type": "Polygon", "arcs": [[6]], "id": "32510", "properties": {"name": "Carson City"}},
            ],
        }
    },
    "arcs": [],
}
OCD = """id,name,census_geoid
ocd-division/country:us/state:il/county:cook,Cook County,place-17031
ocd-division/country:us/state:il/county:cook/place:chicago,Chicago city,place-1714000
ocd-division/country:us/state:sd/county:shannon,Shannon County,place-46113
ocd-division/country:us/state:va/county:fairfax,Fairfax County,place-51059
ocd-division/country:us/state:va/place:alexandria,Alexandria city,place-5101000
ocd-division/country:us/state:va/place:fairfax,Fairfax city,place-5126496
ocd-division/country:us/state:nv/place:carson_city,Carson City,place-3209700
ocd-division/country:us/state:mi/place:carson_city,Carson City city,place-2613600
ocd-division/country:us/territory:pr/municipio:adjuntas,Adjuntas Municipio,place-72001
"""


# The 2023 boundaries: Connecticut's planning regions in place of its counties (two of the nine here).
BOUNDARIES_2023 = {
    "type": "Topology",
    "objects": {
        "counties": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "09110", "properties": {"name": "Capitol"}},
                {"type": "Polygon", "arcs": [[1]], "id": "09140", "properties": {"name": "Naugatuck Valley"}},
                {"type": "Polygon", "arcs": [[2]], "id": "17031", "properties": {"name": "Cook"}},
            ],
        }
    },
    "arcs": [],
}
# The CTData crosswalk, as written: codes as numbers, without their leading zero.
CT_TOWNS = """\ufefftown_name,town_fips_2020,town_fips_2022,ce_name_2022,ce_fips_2022
Andover,901301080,911001080,Capitol Planning Region,9110
Ansonia,900901220,914001220,Naugatuck Valley Planning Region,9140
Avon,900302060,911002060,Capitol Planning Region,9110
Bristol,900308490,914008490,Naugatuck Valley Planning Region,9140
"""
OCD_CT = OCD + "ocd-division/country:us/state:ct/county:hartford,Hartford County,place-09003\n"


def run_importer(tmp_path: Path, boundaries=BOUNDARIES, ocd=OCD, ct_towns: str | None = None):
    topojson, places, output = tmp_path / "counties.json", tmp_path / "places.csv", tmp_path / "out" / "counties.csv"
    topojson.write_text(json.dumps(boundaries) if isinstance(boundaries, dict) else boundaries)
    places.write_text(ocd)
    extra = []
    if ct_towns is not None:
        (tmp_path / "towns.csv").write_text(ct_towns, encoding="utf-8")
        extra = ["--ct-towns", str(tmp_path / "towns.csv")]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(topojson), str(places), *extra, str(output)], capture_output=True, text=True
    )
    return result, output


def test_counties_are_matched_to_their_divisions(tmp_path):
    result, output = run_importer(tmp_path)
    assert result.returncode == 0, result.stderr
    with output.open(newline="") as handle:
        rows = {row["geoid"]: row for row in csv.DictReader(handle)}
    assert list(rows) == ["17031", "32510", "46102", "51059", "51510", "51600"]  # by GEOID; Puerto Rico left out
    assert rows["17031"] == {
        "geoid": "17031",
        "name": "Cook County",
        "state": "IL",
        "state_fips": "17",
        "ocd_id": "ocd-division/country:us/state:il/county:cook",
        "kind": "county",
        "formerly_in": "",
    }
    # An independent city is a place division, matched by state and "<name> city", not the county of that name.
    alexandria = (rows["51510"]["name"], rows["51510"]["ocd_id"])
    assert alexandria == ("Alexandria city", "ocd-division/country:us/state:va/place:alexandria")
    assert rows["51600"]["ocd_id"] == "ocd-division/country:us/state:va/place:fairfax"
    assert rows["51059"]["ocd_id"] == "ocd-division/country:us/state:va/county:fairfax"
    # A bare-name match stays in its own state: Michigan's Carson City is not Nevada's.
    carson = (rows["32510"]["state"], rows["32510"]["ocd_id"])
    assert carson == ("NV", "ocd-division/country:us/state:nv/place:carson_city")
    # A renamed county the division list does not know keeps the boundary name and no division.
    unmatched = {
        "geoid": "46102", "name": "Oglala Lakota", "state": "SD", "state_fips": "46", "ocd_id": "", "kind": "", "formerly_in": "",
    }  # fmt: skip
    assert rows["46102"] == unmatched
    assert "6 counties written" in result.stderr and "1 unmatched" in result.stderr and "1 outside" in result.stderr
    assert "unmatched: 46102 Oglala Lakota" in result.stderr


def test_rerunning_writes_the_same_file_and_the_atlas_reads_it(tmp_path):
    _, output = run_importer(tmp_path)
    first = output.read_bytes()
    run_importer(tmp_path)
    assert output.read_bytes() == first
    counties = read_counties(output)
    assert [c.geoid for c in counties][:2] == ["17031", "32510"]
    assert counties[0].state_ocd_id == "ocd-division/country:us/state:il"
    assert first.decode().splitlines()[0] == ",".join(COUNTY_COLUMNS)


def test_bad_input_is_refused_with_a_reason(tmp_path):
    result, output = run_importer(tmp_path, boundaries="{not json")
    assert result.returncode == 1 and "not a us-atlas counties TopoJSON" in result.stderr
    assert not output.exists()
    result, _ = run_importer(tmp_path, ocd="id,name,census_geoid\n")
    assert result.returncode == 1 and "no Open Civic Data divisions" in result.stderr
    usage = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert usage.returncode == 2 and "COUNTIES_TOPOJSON" in usage.stderr


def test_connecticut_planning_regions_take_the_crosswalks_names_and_their_historical_counties(tmp_path):
    result, output = run_importer(tmp_path, BOUNDARIES_2023, OCD_CT, CT_TOWNS)
    assert result.returncode == 0, result.stderr
    with output.open(newline="") as handle:
        rows = {row["geoid"]: row for row in csv.DictReader(handle)}
    assert list(rows) == ["09110", "09140", "17031"]
    assert rows["09110"] == {
        "geoid": "09110",
        "name": "Capitol Planning Region",
        "state": "CT",
        "state_fips": "09",
        "ocd_id": "",
        "kind": "planning_region",
        "formerly_in": "09003 09013",  # Avon lay in Hartford County, Andover in Tolland County
    }
    assert rows["09140"]["formerly_in"] == "09003 09009"
    assert rows["17031"]["formerly_in"] == ""
    assert "2 Connecticut planning regions named by the town crosswalk" in result.stderr
    counties = read_counties(output)
    assert counties[0].formerly_in == ("09003", "09013") and counties[0].kind == "planning_region"


def test_old_boundaries_or_a_bad_crosswalk_are_refused_with_every_reason(tmp_path):
    # The 2017 boundaries still have Hartford County; the crosswalk's regions are then missing from them.
    old = {**BOUNDARIES_2023}
    old["objects"] = {"counties": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "id": "09003", "properties": {"name": "Hartford"}},
    ]}}  # fmt: skip
    result, output = run_importer(tmp_path, old, OCD_CT, CT_TOWNS)
    assert result.returncode == 1 and not output.exists()
    assert "09003: in the boundary file, not a planning region of the town crosswalk" in result.stderr
    assert "09110: a planning region of the town crosswalk, not in the boundary file" in result.stderr
    assert "09140: a planning region of the town crosswalk, not in the boundary file" in result.stderr
    bad = CT_TOWNS.replace("911001080,Capitol", "914001080,Capitol").replace("900901220", "9009x1220")
    result, _ = run_importer(tmp_path, BOUNDARIES_2023, OCD_CT, bad)
    assert result.returncode == 1
    assert "line 2: Andover: its codes 0901301080, 0914001080 and region 09110 disagree" in result.stderr
    assert "line 3: town_fips_2020: not a code of at most 10 digits: '9009x1220'" in result.stderr


def test_the_committed_county_list_covers_every_state_and_the_district():
    counties = read_counties(PROJECT_ROOT / "data" / "geography" / "counties.csv")
    # The 2023 boundaries: the 3,143 county-equivalents of the 2020 census, less Connecticut's 8 historical
    # counties, plus its 9 planning regions.
    connecticut = [c for c in counties if c.state == "CT"]
    assert len(counties) == 3143 - 8 + 9
    assert len({c.state for c in counties}) == 51
    assert all(len(c.geoid) == 5 and c.geoid.startswith(c.state_fips) for c in counties)
    assert sum(c.ocd_id is not None for c in counties) >= 3100
    assert len(connecticut) == 9 and {c.kind for c in connecticut} == {"planning_region"}
    assert all(c.name.endswith(" Planning Region") for c in connecticut)
    historical = {geoid for c in connecticut for geoid in c.formerly_in}
    assert len(historical) == 8 and not historical & {c.geoid for c in counties}
    assert all(not c.formerly_in for c in counties if c.state != "CT")
