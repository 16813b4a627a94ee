"""The static API: documented shapes, no record field lost, CSV safe for spreadsheets, valid feed."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

from atlas import views
from atlas.export import (
    COMMITMENT_COLUMNS,
    OBLIGATION_COLUMNS,
    PREEMPTION_COLUMNS,
    RESOLVED,
    ROUTE_COLUMNS,
    SDG_LINK_COLUMNS,
    api_documents,
    atom_feed,
    dataset_jsonld_block,
    dcat_us_catalog,
    latest_review,
    obligations_csv,
    script_safe_json,
    site_files,
    write_files,
)
from atlas.model import load_atlas
from atlas.records import DATA_DIR, SCHEMA_DIR, read_records

API_FILES = [
    "rights.json",
    "instruments.json",
    "jurisdictions.json",
    "obligations.json",
    "obligations.csv",
    "accountability-routes.csv",
    "preemptions.csv",
    "commitments.csv",
    "sdg-links.csv",
    "datapackage.json",
    "sdg/targets.json",
    "LICENSE.txt",
]


def _without_resolved(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != RESOLVED}


def test_every_yaml_field_round_trips_through_the_api():
    records = read_records(DATA_DIR)
    docs = api_documents(load_atlas())
    rights = {r["id"]: _without_resolved(r) for r in json.loads(docs["rights.json"])["rights"]}
    instruments = {i["id"]: _without_resolved(i) for i in json.loads(docs["instruments.json"])["instruments"]}
    assert rights == {rid: rec.data for rid, rec in records.of_kind("rights").items()}
    assert instruments == {iid: rec.data for iid, rec in records.of_kind("instruments").items()}
    for jid, record in records.of_kind("jurisdictions").items():
        exported = json.loads(docs[f"jurisdictions/{jid}.json"])["jurisdiction"]
        assert _without_resolved(exported) == record.data, jid
    targets = {t["id"]: t for t in json.loads(docs["sdg/targets.json"])["targets"]}
    for record in records.of_kind("sdg-targets").values():
        assert targets[record.data["target"]]["links"] == record.data["rights"]


def test_api_files_have_their_documented_shapes():
    docs = api_documents(load_atlas())
    assert set(API_FILES) <= set(docs)
    obligations = json.loads(docs["obligations.json"])
    assert obligations["columns"] == OBLIGATION_COLUMNS
    assert all(set(row) == set(OBLIGATION_COLUMNS) for row in obligations["obligations"])
    assert all(isinstance(row["sources"], list) for row in obligations["obligations"])
    index = json.loads(docs["jurisdictions.json"])
    for entry in index["jurisdictions"]:
        assert entry["api"] in docs
        assert {"id", "name", "level", "within", "page", "api", "is_place"} <= set(entry)
    targets = json.loads(docs["sdg/targets.json"])["targets"]
    assert len(targets) == 169
    assert all({"id", "goal", "title", "rights"} <= set(t) for t in targets)


def test_csv_has_one_row_per_obligation_in_the_json():
    docs = api_documents(load_atlas())
    rows = list(csv.DictReader(io.StringIO(docs["obligations.csv"])))
    assert len(rows) == len(json.loads(docs["obligations.json"])["obligations"])
    assert list(rows[0]) == OBLIGATION_COLUMNS


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    text = obligations_csv([dict.fromkeys(OBLIGATION_COLUMNS, '=HYPERLINK("x")') | {"sources": ["+1"]}])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["basis"].startswith("'=") and row["sources"] == "'+1"


def test_export_is_deterministic():
    assert api_documents(load_atlas()) == api_documents(load_atlas())
    first = json.loads(api_documents(load_atlas())["obligations.json"])["obligations"]
    assert first == sorted(
        first, key=lambda r: (r["jurisdiction"], r["issue_area"], r["right"], r["role"], r["body"], r["basis"])
    )


def test_a_place_file_holds_its_own_duties_and_references_the_governments_above_it():
    atlas = load_atlas()
    docs = api_documents(atlas)
    doc = json.loads(docs["jurisdictions/los-angeles.json"])["jurisdiction"]
    above = doc[RESOLVED]["governments_over"]
    assert [g["id"] for g in above] == views.governments_over(atlas, "los-angeles")
    assert {"los-angeles-unified-school-district", "california", "united-states"} <= {g["id"] for g in above}
    assert all(g["api"] in docs and g["page"] == f"places/{g['id']}/" for g in above)
    own = {d["jurisdiction"] for s in doc[RESOLVED]["stack"] for d in s["duties"]}
    assert own == {"los-angeles"}  # the others' duties are in their own files, not copied here
    assert len(docs["jurisdictions/los-angeles.json"]) < len(docs["jurisdictions/california.json"]) + 60_000


def _merged_stack(docs: dict[str, str], jid: str) -> dict[str, list[dict]]:
    """What the finder does: a place's file and the files it references, merged section by section."""
    doc = json.loads(docs[f"jurisdictions/{jid}.json"])["jurisdiction"][RESOLVED]
    files = [json.loads(docs[g["api"]])["jurisdiction"][RESOLVED] for g in doc["governments_over"]]
    merged = {}
    for index, section in enumerate(doc["stack"]):
        duties = [d for f in files for d in f["stack"][index]["duties"]]
        duties.sort(key=lambda d: (d["right_title"].lower(), d["rank"][0], d["jurisdiction_name"], d["rank"][1], d["body_name"]))
        merged[section["issue_area"]] = duties
    return merged


def test_merging_the_referenced_files_gives_the_place_pages_stack():
    atlas = load_atlas()
    docs = api_documents(atlas)
    for jid in ("los-angeles", "chicago", "cook-county"):
        merged = _merged_stack(docs, jid)
        for section in views.duty_bearer_stack(atlas, jid):
            expected = [(d.jurisdiction, d.right, d.role, d.body) for d in section.duties]
            found = [(d["jurisdiction"], d["right"], d["role"], d["body"]) for d in merged[section.area]]
            assert found == expected, (jid, section.area)
    k12 = _merged_stack(docs, "los-angeles")["k12-education"]
    assert "los-angeles-unified-school-district" in [d["jurisdiction"] for d in k12 if d["role"] == "provides"]


def test_each_state_has_bulk_files_of_its_own_governments():
    atlas = load_atlas()
    docs = api_documents(atlas)
    california = json.loads(docs["states/california.json"])
    ids = [entry["id"] for entry in california["jurisdictions"]]
    assert ids[0] == "california" and "los-angeles" in ids and "united-states" not in ids
    assert california["obligations_csv"] == "states/california.csv" and "obligations" not in california
    whole = list(csv.DictReader(io.StringIO(docs["obligations.csv"])))
    csv_rows = list(csv.DictReader(io.StringIO(docs["states/california.csv"])))
    assert csv_rows == [row for row in whole if row["jurisdiction"] in set(ids)]
    assert {row["jurisdiction"] for row in csv_rows} == {jid for jid in ids if atlas.jurisdictions[jid]["obligations"]}
    states = {jid for jid, r in atlas.jurisdictions.items() if r["level"] == "state"}
    state_files = {name.split("/")[1] for name in docs if name.startswith("states/")}
    assert state_files == {f"{state}.{ext}" for state in states for ext in ("json", "csv")}


def test_built_site_publishes_the_api_schemas_zip_and_feed(real_site):
    api = real_site / "api/v2"
    for name in API_FILES:
        assert (api / name).is_file(), name
    with zipfile.ZipFile(api / "duty-bearer-atlas-data.zip") as archive:
        names = archive.namelist()
        assert "duty-bearer-atlas-v2/obligations.csv" in names
        assert archive.read("duty-bearer-atlas-v2/obligations.csv").decode() == (api / "obligations.csv").read_text()
    assert {p.name for p in (real_site / "schemas").glob("*.json")} == {
        p.name for p in (DATA_DIR.parent / "schemas").glob("*.json")
    }
    feed = minidom.parse(str(real_site / "feed.xml"))
    assert feed.documentElement.tagName == "feed"
    assert len(feed.getElementsByTagName("entry")) == len(load_atlas().jurisdictions)


def test_feed_escapes_record_text():
    atlas = load_atlas()
    atlas.jurisdictions["los-angeles"] = {**atlas.jurisdictions["los-angeles"], "name": "<b>&</b>"}
    feed = minidom.parseString(atom_feed(atlas, "https://example.org/atlas/"))
    titles = [node.firstChild.data for node in feed.getElementsByTagName("title")]
    assert any(title.startswith("<b>&</b>") for title in titles)
    ids = [node.firstChild.data for node in feed.getElementsByTagName("id")]
    assert "https://example.org/atlas/places/los-angeles/" in ids


# --- CSVs beside the obligations, the data package, the catalogue metadata -------------------------

CLAIM_CSVS = {  # file -> (columns, the record field whose claims it lists)
    "accountability-routes.csv": (ROUTE_COLUMNS, "accountability"),
    "preemptions.csv": (PREEMPTION_COLUMNS, "preemptions"),
    "commitments.csv": (COMMITMENT_COLUMNS, "commitments"),
}


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_claim_csvs_have_one_row_per_claim_with_its_sources_and_status():
    atlas = load_atlas()
    docs = api_documents(atlas)
    for name, (columns, field) in CLAIM_CSVS.items():
        rows = _csv_rows(docs[name])
        claims = [(jid, claim) for jid, record in sorted(atlas.jurisdictions.items()) for claim in record.get(field, [])]
        assert rows and list(rows[0]) == columns, name
        assert len(rows) == len(claims), name
        for row, (jid, claim) in zip(rows, claims, strict=True):
            assert row["jurisdiction"] == jid
            assert row["status"] == claim["status"] and row["last_reviewed"] == claim["last_reviewed"]
            assert row["sources"] == " | ".join(source["url"] for source in claim["sources"])


def test_routes_csv_keeps_contact_address_and_body_name():
    rows = _csv_rows(api_documents(load_atlas())["accountability-routes.csv"])
    la = [row for row in rows if row["jurisdiction"] == "los-angeles"]
    record = load_atlas().jurisdictions["los-angeles"]
    assert [row["contact"] for row in la] == [route.get("contact", "") for route in record["accountability"]]
    bodies = {body["id"]: body["name"] for body in record["bodies"]}
    assert all(row["body_name"] == bodies[row["body"]] for row in la if row["body"])


def test_sdg_links_csv_has_one_row_per_sourced_link():
    atlas = load_atlas()
    rows = _csv_rows(api_documents(atlas)["sdg-links.csv"])
    links = [(tid, link) for tid in atlas.sdg.targets for link in atlas.sdg_links.get(tid, {}).get("rights", [])]
    assert list(rows[0]) == SDG_LINK_COLUMNS and len(rows) == len(links)
    for row, (tid, link) in zip(rows, links, strict=True):
        assert row["target"] == tid and row["right"] == link["right"] and row["sources"]


def _schema_json(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text())


def test_data_package_describes_every_csv_with_enums_from_the_json_schemas():
    docs = api_documents(load_atlas())
    package = json.loads(docs["datapackage.json"])
    csvs = {name for name in docs if name.endswith(".csv")}
    assert {resource["path"] for resource in package["resources"]} == csvs
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(docs[resource["path"]])))
        assert [field["name"] for field in resource["schema"]["fields"]] == header, resource["path"]
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    common, jurisdiction = _schema_json("common.schema.json"), _schema_json("jurisdiction.schema.json")
    assert fields["obligations", "status"]["constraints"]["enum"] == common["$defs"]["status"]["enum"]
    assert fields["obligations", "jurisdiction_level"]["constraints"]["enum"] == common["$defs"]["level"]["enum"]
    roles = jurisdiction["$defs"]["obligation"]["properties"]["role"]["enum"]
    assert fields["obligations", "role"]["constraints"]["enum"] == roles
    kinds = jurisdiction["$defs"]["accountability"]["properties"]["kind"]["enum"]
    assert fields["accountability-routes", "kind"]["constraints"]["enum"] == kinds
    assert fields["commitments", "adopted"]["type"] == "date" and fields["obligations", "last_reviewed"]["type"] == "date"
    assert "' | '" in fields["obligations", "sources"]["description"]  # the joined sources column says how it is joined


@pytest.fixture
def exported_api(tmp_path) -> Path:
    write_files(site_files(load_atlas()), tmp_path)
    return tmp_path / "api/v2"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_frictionless_validates_the_data_package_offline(exported_api, no_network):
    from frictionless import validate

    report = validate(str(exported_api / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(json.loads((exported_api / "datapackage.json").read_text())["resources"])
    assert no_network == []


def test_frictionless_validation_catches_a_value_outside_the_schema_enum(exported_api, no_network):
    from frictionless import validate

    path = exported_api / "preemptions.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace(",verified,", ",probably,").replace(",unverified,", ",probably,")
    path.write_text("\n".join(lines) + "\n")
    report = validate(str(exported_api / "datapackage.json"))
    assert not report.valid
    assert report.flatten(["type", "fieldName", "rowNumber"]) == [["constraint-error", "status", 2]]


def _jsonld_scripts(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)


def test_open_data_page_carries_the_dataset_json_ld(real_site):
    scripts = _jsonld_scripts((real_site / "api/index.html").read_text())
    assert len(scripts) == 1
    dataset = json.loads(scripts[0])
    atlas = load_atlas()
    assert dataset["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["creator"]["name"] and dataset["spatialCoverage"]["name"] == "United States"
    dates = [r["last_reviewed"] for r in atlas.jurisdictions.values()]
    assert dataset["dateModified"] == latest_review(atlas) >= max(dates)
    files = {d["contentUrl"].rsplit("api/v2/", 1)[1] for d in dataset["distribution"]}
    assert {"duty-bearer-atlas-data.zip", "obligations.csv", "accountability-routes.csv", "obligations.json"} <= files
    for name in files:  # every distribution is a file the build published
        assert (real_site / "api/v2" / name).is_file(), name


def test_json_ld_text_cannot_close_its_script_element():
    hostile = "</script><script>alert(1)</script> & <!--"
    text = script_safe_json({"name": hostile})
    assert not set("<>&") & set(text) and json.loads(text) == {"name": hostile}
    block = dataset_jsonld_block(load_atlas(), None)
    assert block.count("<script") == 1 and block.count("</script>") == 1


DCAT_DATASET_REQUIRED = ["title", "description", "publisher", "contactPoint", "identifier"]  # DCAT-US 3.0 Dataset


def test_data_json_is_a_dcat_us_catalog_with_the_required_fields():
    atlas = load_atlas()
    catalog = dcat_us_catalog(atlas, "https://atlas.example.org/", "data@example.org")
    assert catalog["@type"] == "Catalog" and len(catalog["dataset"]) == 1  # a catalogue needs at least one dataset
    dataset = catalog["dataset"][0]
    assert all(dataset.get(field) for field in DCAT_DATASET_REQUIRED)
    assert dataset["publisher"]["name"] and dataset["contactPoint"]["fn"]
    assert re.fullmatch(r"mailto:[\w.+-]+@[\w.-]+\.\w+", dataset["contactPoint"]["hasEmail"])
    assert dataset["modified"] == latest_review(atlas)
    assert dataset["spatial"][0]["prefLabel"] == "United States"
    for distribution in dataset["distribution"] + [dataset["describedBy"]]:
        assert distribution["downloadURL"].startswith("https://atlas.example.org/api/v2/") and distribution["mediaType"]
    assert dataset["describedBy"]["downloadURL"].endswith("/datapackage.json")


def test_data_json_has_no_e_mail_unless_the_deployer_gives_one():
    contact = dcat_us_catalog(load_atlas(), None)["dataset"][0]["contactPoint"]
    assert "hasEmail" not in contact and contact["fn"]


def test_built_site_publishes_data_json_at_its_root(real_site):
    catalog = json.loads((real_site / "data.json").read_text())
    distributions = catalog["dataset"][0]["distribution"]
    for distribution in distributions:
        assert (real_site / distribution["downloadURL"]).is_file(), distribution["downloadURL"]


def test_jurisdiction_index_gives_the_name_people_use():
    index = json.loads(api_documents(load_atlas())["jurisdictions.json"])["jurisdictions"]
    names = {entry["id"]: entry for entry in index}
    assert names["los-angeles"]["short_name"] == "Los Angeles" and names["los-angeles"]["name"] == "City of Los Angeles"
    assert names["los-angeles-county"]["short_name"] == names["los-angeles-county"]["name"]  # no short_name: the name


def test_every_county_has_an_index_entry_and_a_file_naming_its_state_and_the_federal_government():
    atlas = load_atlas()
    docs = api_documents(atlas)
    index = json.loads(docs["jurisdictions.json"])["jurisdictions"]
    counties = {entry["geoid"]: entry for entry in index if "county_api" in entry}
    assert set(counties) == {county.geoid for county in atlas.counties}
    assert all(entry["county_api"] in docs for entry in counties.values())
    assert counties["06075"]["id"] == "san-francisco"  # a consolidated city-county, acting as a county
    assert {e["level"] for e in counties.values()} == {"county", "consolidated-city-county"}
    autauga = counties["01001"]
    assert (autauga["name"], autauga["state"], autauga["within"]) == ("Autauga County", "AL", ["alabama"])
    assert autauga["ocd_id"] == "ocd-division/country:us/state:al/county:autauga"
    assert counties["17031"]["id"] == "cook-county"  # a county with its own record is listed once, as that record
    document = json.loads(docs["counties/01001.json"])["county"]
    assert [g["api"] for g in document["governments_over"]] == ["jurisdictions/alabama.json", "jurisdictions/united-states.json"]
    assert "stack" not in document  # the state's and federal duties are referenced, not copied
    assert len(docs["counties/01001.json"]) < 2_000
    cook = json.loads(docs["counties/17031.json"])["county"]
    assert cook["record"]["id"] == "cook-county" and cook["own_duties"]
    illinois = json.loads(docs["jurisdictions/illinois.json"])["jurisdiction"]["resolved"]
    assert {county["geoid"] for county in illinois["counties"]} == {c.geoid for c in atlas.counties if c.state == "IL"}
    assert document["formerly_in"] == [] and document["no_county_government"] is None


def test_connecticuts_planning_regions_say_that_it_has_no_county_government():
    atlas = load_atlas()
    docs = api_documents(atlas)
    regions = [c for c in atlas.counties if c.state == "CT"]
    connecticut = json.loads(docs["jurisdictions/connecticut.json"])["jurisdiction"]["resolved"]
    assert {county["geoid"] for county in connecticut["counties"]} == {c.geoid for c in regions}
    for region in regions:
        document = json.loads(docs[f"counties/{region.geoid}.json"])["county"]
        assert document["kind"] == "planning_region" and document["formerly_in"] == list(region.formerly_in)
        assert document["no_county_government"].startswith("Connecticut has no county government.")
        assert [g["id"] for g in document["governments_over"]] == ["connecticut", "united-states"]
        # Nothing is derived unless Connecticut's record assigns something to every county.
        assigned = [a for a in atlas.jurisdictions["connecticut"].get("assignments", []) if a["to_level"] == "county"]
        assert len(document["derived_duties"]) == len(assigned)


def test_whole_country_files_over_the_site_limit_become_release_downloads(monkeypatch):
    from atlas import export

    atlas = load_atlas()
    assert export.release_files(atlas) == {}  # the real atlas fits in the site
    obligations_size = len(api_documents(atlas)["obligations.csv"].encode())
    monkeypatch.setattr(export, "SITE_FILE_LIMIT", obligations_size - 1)
    repo = "https://github.com/example/atlas"
    files = site_files(atlas, repo_url=repo)
    released = export.release_files(atlas)
    assert "obligations.csv" in released
    assert released["obligations.csv"] == api_documents(atlas)["obligations.csv"]
    assert not any(f"api/v2/{name}" in files for name in released)
    assert "api/v2/states/california.csv" in files  # per-state files stay in the site
    package = json.loads(files["api/v2/datapackage.json"])
    paths = {r["name"]: r["path"] for r in package["resources"]}
    assert paths["obligations"] == f"{repo}/releases/latest/download/obligations.csv"
    assert paths["accountability-routes"] == "accountability-routes.csv"
    catalog = json.loads(files["data.json"])
    urls = {d["title"]: d["downloadURL"] for d in catalog["dataset"][0]["distribution"]}
    assert urls["Obligations (CSV)"] == f"{repo}/releases/latest/download/obligations.csv"


def test_no_page_links_a_whole_country_file_in_markdown():
    """Past SITE_FILE_LIMIT those files are release downloads; a Markdown link to one would stop the
    strict build (MkDocs checks Markdown links, not HTML ones), as it did at 20,000 places."""
    from atlas.export import WHOLE_COUNTRY_FILES

    for page in sorted((DATA_DIR.parent / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for name in WHOLE_COUNTRY_FILES:
            assert f"]({'api/v2/' + name})" not in text and f"](v2/{name})" not in text, (page.name, name)
