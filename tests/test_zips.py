"""The ZIP table read back, what the atlas can say of a ZIP, and the shards the finder loads (api/v2/zip/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas.export import api_documents
from atlas.model import load_atlas
from atlas.validate import format_problem, validate_data_dir
from atlas.zips import ZipArea, ZipCounty, coverage, parse_counties, read_zip_areas, shard_name, zip_row, zip_shards

COUNTIES = """geoid,name,state,state_fips,ocd_id,kind
99001,Example County,EX,99,ocd-division/country:us/state:ex/county:example,county
99003,Other County,EX,99,ocd-division/country:us/state:ex/county:other,county
"""
# 99010 spans both counties; 99011 is a postal ZIP with one county; 99012 is a ZCTA in a county the list lacks;
# 99020 a postal ZIP whose county matched none; 96910 Guam; 09001 military mail; 96941 Micronesia.
ZIPS = """zip,states,source,counties
09001,AE,postal,
96910,GU,census-zcta,66010:100.0
96941,FM,postal,
99010,EX,census-zcta,99003:70.5 99001:29.5
99011,EX,postal,99001
99012,EX,census-zcta,99001:99.9 99005:0.1
99020,EX,postal,
"""


@pytest.fixture
def zip_data(data_dir: Path) -> Path:
    state = data_dir / "jurisdictions" / "state-one.yaml"
    state.write_text(state.read_text().replace("level: state\n", "level: state\nocd_id: ocd-division/country:us/state:ex\n"))
    county = data_dir / "jurisdictions" / "county-one.yaml"
    county.write_text(county.read_text().replace("level: county\n", 'level: county\ngeoid: "99001"\n'))
    (data_dir / "geography").mkdir()
    (data_dir / "geography" / "counties.csv").write_text(COUNTIES)
    (data_dir / "geography" / "zip-counties.csv").write_text(ZIPS)
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p) for p in problems] == []
    return data_dir


def test_the_table_reads_back_as_it_was_written(zip_data):
    areas = read_zip_areas(zip_data / "geography" / "zip-counties.csv")
    assert [a.zip for a in areas] == ["09001", "96910", "96941", "99010", "99011", "99012", "99020"]
    spanning = areas[3]
    assert spanning == ZipArea("99010", ("EX",), "census-zcta", (ZipCounty("99003", 70.5), ZipCounty("99001", 29.5)))
    assert areas[4].counties == (ZipCounty("99001", None),)  # the postal list gives no land share
    assert [zip_row(a) for a in areas] == [
        dict(zip(["zip", "states", "source", "counties"], line.split(","), strict=True)) for line in ZIPS.splitlines()[1:]
    ]
    assert parse_counties("") == ()


def test_what_the_atlas_can_say_of_each_zip(zip_data):
    areas = {a.zip: a for a in read_zip_areas(zip_data / "geography" / "zip-counties.csv")}
    assert {z: coverage(a) for z, a in areas.items()} == {
        "09001": "military",
        "96910": "territory",
        "96941": "freely-associated",
        "99010": "covered",
        "99011": "covered",
        "99012": "covered",
        "99020": "no-county",
    }


def test_shards_group_zips_by_their_first_three_digits_and_describe_each_county_once(zip_data):
    atlas = load_atlas(zip_data)
    areas = read_zip_areas(atlas.zips_file)
    shards = zip_shards(atlas, areas, "v2")
    assert sorted(shards) == ["zip/090.json", "zip/969.json", "zip/990.json"]
    assert shard_name("99010") == "zip/990.json"
    shard = shards["zip/990.json"]
    assert (shard["prefix"], sorted(shard["zips"])) == ("990", ["99010", "99011", "99012", "99020"])
    assert shard["zips"]["99010"]["counties"] == [
        {"geoid": "99003", "land_share": 70.5},
        {"geoid": "99001", "land_share": 29.5},
    ]
    assert sorted(shard["counties"]) == ["99001", "99003", "99005"]
    example = shard["counties"]["99001"]
    # The county's own record, its state, its API file, and the city whose record says it lies in the county.
    assert example["record"]["id"] == "county-one" and example["page"] == "places/county-one/"
    assert example["state_record"] == {"id": "state-one", "name": "State of Example", "page": "places/state-one/"}
    assert example["api"] == "counties/99001.json" and example["record_is_place"] is False
    assert [p["id"] for p in example["places"]] == ["city-one"]
    other = shard["counties"]["99003"]
    assert other["record"] is None and other["places"] == [] and other["page"] == "places/state-one/#county-99003"
    assert shard["counties"]["99005"] == {"geoid": "99005", "name": None, "listed": False}
    # Areas the atlas does not cover name no county and say where they are.
    guam = shards["zip/969.json"]
    assert guam["zips"]["96910"]["coverage"] == "territory" and guam["zips"]["96910"]["area_name"] == "Guam"
    assert guam["counties"] == {}
    assert shards["zip/090.json"]["zips"]["09001"]["coverage"] == "military"


def test_the_api_ships_the_shards_when_the_data_has_a_zip_table(zip_data, data_dir):
    documents = api_documents(load_atlas(zip_data))
    shard = json.loads(documents["zip/990.json"])
    assert shard["version"] == "v2" and "99011" in shard["zips"]
    assert json.loads(documents[shard["counties"]["99001"]["api"]])["county"]["geoid"] == "99001"


def test_without_a_zip_table_there_are_no_shards(data_dir):
    atlas = load_atlas(data_dir)
    assert atlas.zips_file is None
    assert not [name for name in api_documents(atlas) if name.startswith("zip/")]


def test_real_data_lists_every_county_of_a_zip_that_spans_two():
    # Real data: ZCTA 30307 (Atlanta's east side) lies in DeKalb and Fulton counties, Georgia.
    atlas = load_atlas()
    areas = {a.zip: a for a in read_zip_areas(atlas.zips_file)}
    assert [c.geoid for c in areas["30307"].counties] == ["13089", "13121"]
    assert [c.geoid for c in areas["90012"].counties] == ["06037"]
    assert len(areas) > 40000 and sum(1 for a in areas.values() if len(a.counties) > 1) > 9000
    shard = zip_shards(atlas, [areas["30307"]], "v2")["zip/303.json"]
    assert [shard["counties"][g]["name"] for g in ("13089", "13121")] == ["DeKalb County", "Fulton County"]
    assert [p["id"] for p in shard["counties"]["13121"]["places"]] == ["atlanta"]  # Atlanta's record: within Fulton


def test_a_table_with_another_header_is_refused(tmp_path):
    table = tmp_path / "zip-counties.csv"
    table.write_text("zip,county\n90012,06037\n")
    with pytest.raises(ValueError, match="the header is not zip,states,source,counties"):
        read_zip_areas(table)


def test_a_zip_part_left_in_a_historical_county_names_the_county_equivalents_that_replaced_it(zip_data):
    # As in Connecticut: 99007 replaced the historical county 99005 (and part of 99001's towns).
    counties = zip_data / "geography" / "counties.csv"
    counties.write_text(
        COUNTIES.replace("kind\n", "kind,formerly_in\n").replace(",county\n", ",county,\n")
        + "99007,Example Planning Region,EX,99,,planning_region,99001 99005\n"
    )
    shard = zip_shards(load_atlas(zip_data), read_zip_areas(zip_data / "geography" / "zip-counties.csv"), "v2")["zip/990.json"]
    assert shard["counties"]["99005"] == {
        "geoid": "99005",
        "name": None,
        "listed": False,
        "now_in": [{"geoid": "99007", "name": "Example Planning Region"}],
    }
    assert "now_in" not in shard["counties"]["99001"]  # a listed county is described as itself
