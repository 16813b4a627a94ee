"""Every special district overlapping a place reaches that place's duty-bearer stack.

An overlap may be written on either record (CONTRIBUTING.md: "either side may list the link"), so
the pairs are read here from the raw records, both sides, independently of the model's own lookup.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas import views
from atlas.model import load_atlas
from atlas.records import DATA_DIR

OVERLAP_FIXTURES = Path(__file__).parent / "fixtures" / "overlaps"


def declared_overlaps(atlas) -> set[tuple[str, str]]:
    """(special district, place) for every overlap either record declares."""
    pairs = set()
    for jid, record in atlas.jurisdictions.items():
        for other in record.get("overlaps", []):
            for district, place in ((jid, other), (other, jid)):
                if (
                    atlas.jurisdictions[district]["level"] == "special-district"
                    and atlas.jurisdictions[place]["level"] != "special-district"
                ):
                    pairs.add((district, place))
    return pairs


def missing_from_stacks(atlas) -> list[str]:
    """Each overlapping district whose government or duties are absent from its place's stack."""
    missing = []
    for district, place in sorted(declared_overlaps(atlas)):
        if district not in views.governments_over(atlas, place):
            missing.append(f"{district} is not among the governments over {place}")
            continue
        stacked = {(d.jurisdiction, d.index) for stack in views.duty_bearer_stack(atlas, place) for d in stack.duties}
        for duty in views.duties_of(atlas, district):
            if (district, duty.index) not in stacked:
                missing.append(f"{district}'s obligations[{duty.index}] is missing from the stack of {place}")
    return missing


def test_overlap_listed_only_by_the_place(data_dir):
    atlas = load_atlas(data_dir)
    assert "city-one" not in atlas.jurisdictions["school-district-one"].get("overlaps", [])
    assert ("school-district-one", "city-one") in declared_overlaps(atlas)
    assert missing_from_stacks(atlas) == []
    education = next(s for s in views.duty_bearer_stack(atlas, "city-one") if s.area == "k12-education")
    assert ("school-district-one", "provides") in [(d.jurisdiction, d.role) for d in education.duties]


def test_overlap_listed_only_by_the_district(data_dir):
    shutil.copy(OVERLAP_FIXTURES / "housing-authority-one.yaml", data_dir / "jurisdictions")
    atlas = load_atlas(data_dir)
    assert "housing-authority-one" not in atlas.jurisdictions["city-one"].get("overlaps", [])
    assert ("housing-authority-one", "city-one") in declared_overlaps(atlas)
    assert "housing-authority-one" in views.governments_over(atlas, "city-one")
    assert missing_from_stacks(atlas) == []
    policing = next(s for s in views.duty_bearer_stack(atlas, "city-one") if s.area == "policing")
    assert "Housing Authority Police Department" in [d.body_name for d in policing.duties]


def test_the_check_finds_a_district_left_out_of_a_stack(data_dir, monkeypatch):
    """The check itself can fail: with the model's overlap lookup emptied, it names the district."""
    atlas = load_atlas(data_dir)
    atlas.__dict__["overlapping"] = {jid: set() for jid in atlas.jurisdictions}
    assert missing_from_stacks(atlas) == ["school-district-one is not among the governments over city-one"]


@pytest.fixture(scope="module")
def real_atlas():
    return load_atlas(DATA_DIR)


def test_real_data_every_overlapping_district_is_in_its_places_stack(real_atlas):
    assert declared_overlaps(real_atlas), "the real data declares no overlaps at all"
    assert missing_from_stacks(real_atlas) == []


def test_real_data_every_special_district_serves_some_place(real_atlas):
    """A district overlapping no place appears on no place's page: its duties reach no resident.
    (A district lying `within` a government that acts as a city, such as the District of Columbia,
    must still list it in `overlaps`: `within` points up to enclosing governments only.)"""
    places_of = {district: set() for district, r in real_atlas.jurisdictions.items() if r["level"] == "special-district"}
    for district, place in declared_overlaps(real_atlas):
        places_of[district].add(place)
    assert sorted(district for district, places in places_of.items() if not places) == []
