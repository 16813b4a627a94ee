"""The published records themselves: valid, and complete enough to answer the atlas's question."""

from __future__ import annotations

from atlas.model import load_atlas
from atlas.records import DATA_DIR
from atlas.validate import format_problem, validate_data_dir


def test_real_records_are_valid():
    _, problems = validate_data_dir(DATA_DIR)
    assert [format_problem(p) for p in problems] == []


def test_every_verified_claim_cites_a_source():
    atlas = load_atlas()
    for jid, record in atlas.jurisdictions.items():
        for kind in ("obligations", "commitments", "accountability", "preemptions"):
            for claim in record.get(kind, []):
                if claim["status"] == "verified":
                    assert claim["sources"], (jid, kind, claim)


def test_us_treaty_status_matches_the_known_record():
    """The US has ratified ICCPR, CERD and CAT, and signed without ratifying ICESCR, CEDAW, CRC and CRPD."""
    atlas = load_atlas()
    status = {iid: i["us_status"]["status"] for iid, i in atlas.instruments.items() if "us_status" in i}
    assert {k: status.get(k) for k in ("iccpr", "cerd", "cat")} == dict.fromkeys(("iccpr", "cerd", "cat"), "ratified")
    assert {k: status.get(k) for k in ("icescr", "cedaw", "crc", "crpd")} == dict.fromkeys(
        ("icescr", "cedaw", "crc", "crpd"), "signed"
    )


def test_cerd_ratification_is_not_the_signature_year():
    """The copied reference table wrongly gives 1966 (the US signature year) as CERD's ratification."""
    cerd = load_atlas().instruments["cerd"]["us_status"]
    assert cerd["signed"].startswith("1966")
    assert cerd["ratified"].startswith("1994")


def test_every_record_declares_its_schema_for_editors():
    from atlas.records import RECORD_KINDS, record_files

    for kind in RECORD_KINDS.values():
        for path, is_record in record_files(DATA_DIR / kind.folder):
            if is_record:
                first = path.read_text(encoding="utf-8").splitlines()[0]
                assert first == f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}", path
