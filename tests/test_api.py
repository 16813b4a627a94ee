"""The static API: documented shapes, no record field lost, CSV safe for spreadsheets, valid feed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from xml.dom import minidom

from atlas.export import OBLIGATION_COLUMNS, RESOLVED, api_documents, atom_feed, obligations_csv
from atlas.model import load_atlas
from atlas.records import DATA_DIR, read_records

API_FILES = [
    "rights.json",
    "instruments.json",
    "jurisdictions.json",
    "obligations.json",
    "obligations.csv",
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
        assert f"jurisdictions/{entry['id']}.json" in docs
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


def test_los_angeles_document_carries_the_stack_for_the_finder():
    doc = json.loads(api_documents(load_atlas())["jurisdictions/los-angeles.json"])["jurisdiction"]
    k12 = next(s for s in doc[RESOLVED]["stack"] if s["issue_area"] == "k12-education")
    providers = [d["jurisdiction"] for d in k12["duties"] if d["role"] == "provides"]
    assert "los-angeles-unified-school-district" in providers


def test_built_site_publishes_the_api_schemas_zip_and_feed(real_site):
    api = real_site / "api/v1"
    for name in API_FILES:
        assert (api / name).is_file(), name
    with zipfile.ZipFile(api / "duty-bearer-atlas-data.zip") as archive:
        names = archive.namelist()
        assert "duty-bearer-atlas-v1/obligations.csv" in names
        assert archive.read("duty-bearer-atlas-v1/obligations.csv").decode() == (api / "obligations.csv").read_text()
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
