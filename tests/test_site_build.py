"""The real site: strict build, one page per record, cross-links, and the SDG text exactly as the UN wrote it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import html5lib
import pytest

from atlas.model import load_atlas
from atlas.records import DATA_DIR

# Checksums of the UN's SDG reference files, kept in the repository so the check never depends on a folder outside it.
REFERENCE_SDG_CHECKSUMS = Path(__file__).parent / "fixtures" / "sdg-reference.sha256"


def _text_of(path: Path) -> str:
    document = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    return re.sub(r"\s+", " ", "".join(document.itertext()))


def test_every_record_has_exactly_one_page(real_site):
    atlas = load_atlas()
    for section, records in (("places", atlas.jurisdictions), ("rights", atlas.rights), ("instruments", atlas.instruments)):
        pages = {p.parent.name for p in (real_site / section).glob("*/index.html")}
        assert pages == set(records), section


def test_every_goal_has_a_page(real_site):
    assert {p.parent.name for p in (real_site / "toolkit").glob("goal-*/index.html")} == {f"goal-{g}" for g in range(1, 18)}


def test_index_pages_link_every_record(real_site):
    atlas = load_atlas()
    places_index = (real_site / "places/index.html").read_text()
    for jid in atlas.jurisdictions:
        assert f'href="../places/{jid}/"' in places_index, jid
    rights_index = (real_site / "rights/index.html").read_text()
    for rid in atlas.rights:
        assert f'href="../rights/{rid}/"' in rights_index, rid


def test_los_angeles_k12_names_the_school_district_as_provider(real_site):
    document = html5lib.parse(
        (real_site / "places/los-angeles/index.html").read_bytes(), treebuilder="etree", namespaceHTMLElements=False
    )
    section = next(div for div in document.iter("div") if div.find("h3[@id='k12-education']") is not None)
    duties = [li for li in section.iter("li") if "atlas-duty" in li.get("class", "").split()]
    rows = [re.sub(r"\s+", " ", "".join(li.itertext())) for li in duties]
    assert any("Runs it" in row and "Los Angeles Unified School District" in row for row in rows), rows


def test_all_169_targets_appear_with_the_official_text(real_site):
    atlas = load_atlas()
    assert len(atlas.sdg.targets) == 169
    for target, official in atlas.sdg.targets.items():
        goal = target.split(".")[0]
        page = _text_of(real_site / f"toolkit/goal-{goal}/index.html")
        assert official in page, target


def test_project_sdg_copy_is_identical_to_the_reference():
    """data/sdg is a verbatim copy of the UN reference text: every file has the reference's checksum."""
    expected = {}
    for line in REFERENCE_SDG_CHECKSUMS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, name = line.split()
            expected[name] = digest
    assert set(expected) == {"goals.yml", "targets.yml", "indicators.yml", "indicator_codes.yml", "SOURCE.md"}
    actual = {name: hashlib.sha256((DATA_DIR / "sdg" / name).read_bytes()).hexdigest() for name in expected}
    assert actual == expected


def test_unlinked_targets_say_so(real_site):
    atlas = load_atlas()
    unlinked = [t for t in atlas.sdg.targets if t not in atlas.sdg_links]
    assert unlinked
    page = (real_site / f"toolkit/goal-{unlinked[0].split('.')[0]}/index.html").read_text()
    assert "Not yet linked to a right in the atlas." in page


def test_unverified_claims_show_a_visible_badge(real_site):
    atlas = load_atlas()
    jid = next(j for j, r in atlas.jurisdictions.items() if any(o["status"] == "unverified" for o in r.get("obligations", [])))
    page = (real_site / f"places/{jid}/index.html").read_text()
    assert re.search(r'<span class="atlas-badge atlas-badge--unverified"[^>]*>Unverified</span>', page)


def test_right_page_lists_us_status_and_federalism_understanding(real_site):
    page = _text_of(real_site / "rights/life/index.html")
    assert "ICCPR" in page and "Ratified" in page
    assert "state and local governments" in page


def test_place_page_size_is_bounded(real_site):
    sizes = {p.parent.name: p.stat().st_size for p in (real_site / "places").glob("*/index.html")}
    assert max(sizes.values()) < 400_000, max(sizes.items(), key=lambda kv: kv[1])


@pytest.mark.site
def test_invalid_record_fails_the_build_with_the_validator_message(tmp_path):
    from conftest import make_data_dir
    from sitebuild import build_site

    data = make_data_dir(tmp_path / "data")
    city = data / "jurisdictions/city-one.yaml"
    city.write_text(city.read_text().replace("level: city", "level: town"))
    result = build_site(data, tmp_path / "site")
    assert result.returncode == 1
    assert "jurisdictions/city-one.yaml:3:8: level (Level of government): 'town' is not allowed" in result.stderr
    assert "nothing was built" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
