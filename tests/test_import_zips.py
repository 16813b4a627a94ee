"""scripts/import_zips.py on small inputs given here: every county a ZCTA touches, land shares, the postal
list's ZIPs matched to the county list by name, and clear errors. County GEOIDs are real (counties.csv)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from atlas.records import PROJECT_ROOT
from atlas.zips import ZIP_COLUMNS

SCRIPT = PROJECT_ROOT / "scripts" / "import_zips.py"

# The Census original: '|'-delimited; a county with no ZCTA has an empty ZCTA; the ZCTA's own land column
# is ignored (the shares are parts over the sum of parts).
CENSUS_COLUMNS = [
    "OID_ZCTA5_20", "GEOID_ZCTA5_20", "NAMELSAD_ZCTA5_20", "AREALAND_ZCTA5_20", "AREAWATER_ZCTA5_20", "MTFCC_ZCTA5_20",
    "CLASSFP_ZCTA5_20", "FUNCSTAT_ZCTA5_20", "OID_COUNTY_20", "GEOID_COUNTY_20", "NAMELSAD_COUNTY_20", "AREALAND_COUNTY_20",
    "AREAWATER_COUNTY_20", "MTFCC_COUNTY_20", "CLASSFP_COUNTY_20", "FUNCSTAT_COUNTY_20", "AREALAND_PART", "AREAWATER_PART",
]  # fmt: skip
CENSUS = (
    "|".join(CENSUS_COLUMNS)
    + """
1|90012|ZCTA5 90012|9000|0|G6350|B5|S|2|06037|Los Angeles County|1|0|G4020|H1|A|9000|0
3|30307|ZCTA5 30307|1000|0|G6350|B5|S|4|13121|Fulton County|1|0|G4020|H1|A|178|0
3|30307|ZCTA5 30307|1000|0|G6350|B5|S|5|13089|DeKalb County|1|0|G4020|H1|A|822|0
6|96910|ZCTA5 96910|500|0|G6350|B5|S|7|66010|Guam|1|0|G4020|H1|A|500|0
|||||||8|02261|Valdez-Cordova Census Area|1|0|G4020|H1|A||
"""
)
COPY_COLUMNS = [
    "zcta5", "arealand_zcta5_20", "areawater_zcta5_20", "fips_code_county", "arealand_part", "areawater_part",
    "state_fips_code", "is_primary",
]  # fmt: skip
# The CSV copy: other column names, and a ZCTA total column twice the sum of its parts.
COPY = (
    "\ufeff"
    + ",".join(COPY_COLUMNS)
    + """
90012,18000,0,06037,9000,0,06,1
30307,2000,0,13089,822,0,13,1
30307,2000,0,13121,178,0,13,0
96910,1000,0,66010,500,0,66,1
"""
)
POSTAL = [
    {"zip_code": "90053", "state": "CA", "county": "Los Angeles County", "active": True},
    {"zip_code": "90012", "state": "CA", "county": "Los Angeles County", "active": True},  # a ZCTA: the Census wins
    {"zip_code": "88006", "state": "NM", "county": "Dona Ana County", "active": True},  # Doña Ana County
    {"zip_code": "99509", "state": "AK", "county": "Municipality of Anchorage", "active": True},
    {"zip_code": "23090", "state": "VA", "county": "James City", "active": True},
    {"zip_code": "24619", "state": "VA", "county": "McDowell County", "active": True},  # no such county in Virginia
    {"zip_code": "09001", "state": "AE", "county": None, "active": True},
    {"zip_code": "90099", "state": "CA", "county": "Los Angeles County", "active": False},
]


def run_importer(tmp_path: Path, relationship: str, postal=POSTAL):
    rel, postal_json, output = tmp_path / "rel.txt", tmp_path / "postal.json", tmp_path / "out" / "zips.csv"
    rel.write_text(relationship, encoding="utf-8")
    postal_json.write_text(json.dumps(postal))
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(rel), "--postal-json", str(postal_json), str(output)],
        capture_output=True,
        text=True,
    )
    return result, output


def rows(output: Path) -> dict[str, dict]:
    with output.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == ZIP_COLUMNS
        return {row["zip"]: row for row in reader}


def test_every_county_a_zcta_touches_is_listed_largest_share_first(tmp_path):
    result, output = run_importer(tmp_path, CENSUS)
    assert result.returncode == 0, result.stderr
    table = rows(output)
    assert table["30307"] == {"zip": "30307", "states": "GA", "source": "census-zcta", "counties": "13089:82.2 13121:17.8"}
    assert table["90012"]["counties"] == "06037:100.0" and table["90012"]["source"] == "census-zcta"
    assert table["96910"]["states"] == "GU"  # a territory is kept, so the finder can say it is not covered
    assert "3 Census ZCTAs (1 spanning more than one county)" in result.stderr


def test_the_csv_copy_gives_the_same_table_as_the_census_original(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    census, census_out = run_importer(tmp_path / "a", CENSUS)
    copy, copy_out = run_importer(tmp_path / "b", COPY)
    assert census.returncode == copy.returncode == 0, census.stderr + copy.stderr
    assert census_out.read_bytes() == copy_out.read_bytes()


def test_postal_zips_that_are_not_zctas_get_the_county_their_name_matches(tmp_path):
    result, output = run_importer(tmp_path, CENSUS)
    table = rows(output)
    assert table["90053"]["counties"] == "06037" and table["90053"]["source"] == "postal"
    assert table["88006"]["counties"] == "35013"  # accents and punctuation ignored
    assert table["99509"]["counties"] == "02020"  # "Municipality of Anchorage" = "Anchorage Municipality"
    assert table["23090"]["counties"] == "51095"  # "James City" = "James City County", the only one so named
    assert table["24619"] == {"zip": "24619", "states": "VA", "source": "postal", "counties": ""}
    assert table["09001"]["states"] == "AE" and table["09001"]["counties"] == ""
    assert "90099" not in table  # inactive
    assert "postal county unmatched: 24619 VA McDowell County" in result.stderr
    assert list(table) == sorted(table)


def test_rerunning_on_the_same_inputs_writes_the_same_file(tmp_path):
    _, output = run_importer(tmp_path, CENSUS)
    first = output.read_bytes()
    run_importer(tmp_path, CENSUS)
    assert output.read_bytes() == first


def test_a_file_without_the_columns_is_refused_with_what_is_missing(tmp_path):
    result, output = run_importer(tmp_path, "zip,county\n90012,06037\n")
    assert result.returncode == 1 and not output.exists()
    assert "no column GEOID_ZCTA5_20 or zcta5" in result.stderr


def test_a_malformed_row_is_refused_with_its_line(tmp_path):
    result, output = run_importer(tmp_path, COPY.replace("30307,2000,0,13121", "3030,2000,0,13121"))
    assert result.returncode == 1 and not output.exists()
    assert "line 4: not a 5-digit ZCTA and county GEOID: '3030', '13121'" in result.stderr


def test_wrong_arguments_print_the_usage(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 2 and "RELATIONSHIP_FILE" in result.stderr
    missing = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr


# Connecticut: real rows of the CTData crosswalks. Hartford County's towns lie in the Capitol, Naugatuck Valley and
# Northwest Hills regions, Litchfield County's in Naugatuck Valley and Northwest Hills, New Haven County's in
# Naugatuck Valley and South Central; Middlesex County's (Chester) all in Lower Connecticut River Valley.
CT_TOWNS = """\ufefftown_name,town_fips_2020,town_fips_2022,ce_name_2022,ce_fips_2022
Avon,900302060,911002060,Capitol Planning Region,9110
Bristol,900308490,914008490,Naugatuck Valley Planning Region,9140
Hartland,900337140,916037140,Northwest Hills Planning Region,9160
Bethlehem,900504930,914004930,Naugatuck Valley Planning Region,9140
Colebrook,900516050,916016050,Northwest Hills Planning Region,9160
Chester,900714300,913014300,Lower Connecticut River Valley Planning Region,9130
Ansonia,900901220,914001220,Naugatuck Valley Planning Region,9140
Meriden,900946520,917046520,South Central Connecticut Planning Region,9170
"""
CT_ZIP_TOWNS = """\ufeff2020zip5,Town_FIPS_22,Town_Name
06001,911002060,Avon
06065,916037140,Hartland
06451,917046520,Meriden
"""
CT_CENSUS = (
    "|".join(CENSUS_COLUMNS)
    + """
1|06001|ZCTA5 06001|1|0|G6350|B5|S|2|09003|Hartford County|1|0|G4020|H1|A|600|0
1|06065|ZCTA5 06065|1|0|G6350|B5|S|2|09003|Hartford County|1|0|G4020|H1|A|761|0
1|06065|ZCTA5 06065|1|0|G6350|B5|S|2|09005|Litchfield County|1|0|G4020|H1|A|239|0
1|06417|ZCTA5 06417|1|0|G6350|B5|S|2|09007|Middlesex County|1|0|G4020|H1|A|50|0
1|06451|ZCTA5 06451|1|0|G6350|B5|S|2|09009|New Haven County|1|0|G4020|H1|A|998|0
1|06451|ZCTA5 06451|1|0|G6350|B5|S|2|09003|Hartford County|1|0|G4020|H1|A|2|0
"""
)
CT_POSTAL = [
    {"zip_code": "06011", "city": "Bristol", "state": "CT", "county": "Hartford County", "active": True},
    {"zip_code": "06025", "city": "East Glastonbury", "state": "CT", "county": "Hartford County", "active": True},
]


def run_ct_importer(tmp_path: Path, towns=CT_TOWNS, zip_towns=CT_ZIP_TOWNS):
    rel, postal_json, output = tmp_path / "rel.txt", tmp_path / "postal.json", tmp_path / "out" / "zips.csv"
    rel.write_text(CT_CENSUS, encoding="utf-8")
    postal_json.write_text(json.dumps(CT_POSTAL))
    (tmp_path / "towns.csv").write_text(towns, encoding="utf-8")
    (tmp_path / "zip-towns.csv").write_text(zip_towns, encoding="utf-8")
    ct = ["--ct-towns", str(tmp_path / "towns.csv"), "--ct-zip-towns", str(tmp_path / "zip-towns.csv")]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(rel), "--postal-json", str(postal_json), *ct, str(output)],
        capture_output=True,
        text=True,
    )
    return result, output


def test_connecticut_zips_get_planning_regions_in_place_of_historical_counties(tmp_path):
    result, output = run_ct_importer(tmp_path)
    assert result.returncode == 0, result.stderr
    table = rows(output)
    # Hartford County spans regions: the part goes to the region of the town holding the ZCTA's centre.
    assert table["06001"]["counties"] == "09110:100.0"
    # Both historical counties' parts lie where the centre town's region is one their towns are in: merged.
    assert table["06065"]["counties"] == "09160:100.0"
    # Middlesex County's towns are all in one region: no centre town is needed.
    assert table["06417"]["counties"] == "09130:100.0"
    # Meriden's region is not one of Hartford County's: that part stays under the historical county.
    assert table["06451"]["counties"] == "09170:99.8 09003:0.2"
    assert "Connecticut part not placed: 06451 09003" in result.stderr
    # A postal ZIP takes the region of the town its post office is named after; a village's gets no county.
    assert table["06011"] == {"zip": "06011", "states": "CT", "source": "postal", "counties": "09140"}
    assert table["06025"]["counties"] == ""
    assert "1 ZCTA parts left under a historical county; 1 postal ZIPs placed by their post office's town" in result.stderr


def test_without_the_connecticut_crosswalks_the_historical_counties_stay(tmp_path):
    rel, postal_json, output = tmp_path / "rel.txt", tmp_path / "postal.json", tmp_path / "zips.csv"
    rel.write_text(CT_CENSUS, encoding="utf-8")
    postal_json.write_text(json.dumps(CT_POSTAL))
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(rel), "--postal-json", str(postal_json), str(output)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert rows(output)["06065"]["counties"] == "09003:76.1 09005:23.9"
    # One crosswalk without the other is a usage error.
    half = subprocess.run(
        [sys.executable, str(SCRIPT), str(rel), "--ct-towns", str(rel), str(output)], capture_output=True, text=True
    )
    assert half.returncode == 2 and "--ct-zip-towns" in half.stderr


def test_a_zip_town_missing_from_the_town_crosswalk_is_refused(tmp_path):
    result, output = run_ct_importer(tmp_path, zip_towns=CT_ZIP_TOWNS + "06010,914008499,Nowhere\n")
    assert result.returncode == 1 and not output.exists()
    assert "line 5: 06010: town 0914008499 is not in the town crosswalk" in result.stderr
