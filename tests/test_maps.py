"""The national maps: the view model (atlas.maps) on fixture records, and the map page's markup."""

from __future__ import annotations

import html5lib
import pytest

from atlas.geography import StateShape
from atlas.maps import CATEGORIES, area_map, map_areas, maps_index, state_category
from atlas.model import load_atlas

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SQUARE = "M0 0l10 0 0 10-10 0z"


def _claim(**fields) -> dict:
    return {"basis": "State Code 1", "summary": "A duty.", "sources": [], "last_reviewed": "2026-01-01"} | fields


def _state(jid: str, postal: str, obligations=(), assignments=()) -> dict:
    return {
        "id": jid,
        "name": f"State of {jid}",
        "level": "state",
        "within": ["federal"],
        "ocd_id": f"ocd-division/country:us/state:{postal.lower()}",
        "bodies": [{"id": "department", "name": "Department"}],
        "obligations": list(obligations),
        "assignments": list(assignments),
    }


@pytest.fixture
def atlas(data_dir):
    """The fixture records (rights: clinics → public health, safety → policing, schooling → K-12) plus
    five states, one per category for public health, and outlines for them and one state with no record."""
    atlas = load_atlas(data_dir)
    provides = _claim(right="clinics", body="department", role="provides", status="verified")
    funds = _claim(right="clinics", body="department", role="funds", status="unverified")
    to_counties = _claim(
        to_level="county", right="clinics", role="oversees", body_name="county board of health", status="verified"
    )
    sheriffs = _claim(to_level="county", right="safety", role="provides", body_name="county sheriff", status="verified")
    atlas.jurisdictions |= {
        "alpha": _state("alpha", "AA", obligations=[provides]),
        "beta": _state("beta", "BB", obligations=[provides, funds], assignments=[to_counties]),
        "gamma": _state("gamma", "CC", obligations=[funds], assignments=[to_counties, sheriffs]),
        "delta": _state("delta", "DD", obligations=[funds]),
        "epsilon": _state("epsilon", "EE", assignments=[sheriffs]),  # policing only: nothing for public health
    }
    names = {"AA": "Alpha", "BB": "Beta", "CC": "Gamma", "DD": "Delta", "EE": "Epsilon", "ZZ": "Zeta"}
    atlas.state_shapes = [StateShape(f"{i:02d}", postal, name, SQUARE) for i, (postal, name) in enumerate(names.items())]
    return atlas


def _by_postal(view):
    return {state.postal: state for state in view.states}


def test_every_state_outline_is_on_the_map_once_in_name_order(atlas):
    view = area_map(atlas, "public-health")
    assert [s.postal for s in view.states] == ["AA", "BB", "DD", "EE", "CC", "ZZ"]  # Alpha, Beta, Delta, Epsilon, Gamma, Zeta


def test_categories_come_from_the_state_records(atlas):
    states = _by_postal(area_map(atlas, "public-health"))
    assert {postal: state.category.key for postal, state in states.items()} == {
        "AA": "state-provides",
        "BB": "state-and-local",
        "CC": "local-by-state-law",
        "DD": "state-other-roles",
        "EE": "no-record",  # its only duty is in policing
        "ZZ": "no-record",  # no record at all
    }
    assert states["ZZ"].record is None and states["AA"].record == "alpha"
    assert states["EE"].record == "epsilon"


def test_only_the_areas_own_duties_count(atlas):
    states = _by_postal(area_map(atlas, "policing"))
    assert states["EE"].category.key == "local-by-state-law"
    assert states["CC"].category.key == "local-by-state-law"
    assert [(a.to_level, a.role, a.body_name) for a in states["CC"].assignments] == [("county", "provides", "county sheriff")]
    assert states["AA"].category.key == "no-record"  # its duty is in public health


def test_roles_assignments_and_verified_counts(atlas):
    beta = _by_postal(area_map(atlas, "public-health"))["BB"]
    assert beta.state_roles == ("provides", "funds")  # the schema's order
    assert [(a.to_level, a.role, a.body_name) for a in beta.assignments] == [("county", "oversees", "county board of health")]
    assert (beta.verified, beta.claims) == (2, 3)
    assert beta.title == "Beta: The state provides it, and state law gives local governments duties"


def test_legend_lists_every_category_with_its_count(atlas):
    legend = area_map(atlas, "public-health").legend
    assert [entry.category for entry in legend] == list(CATEGORIES)
    assert [entry.states for entry in legend] == [1, 1, 1, 1, 2]


def test_state_category_truth_table():
    assert state_category(True, True, True).key == "state-and-local"
    assert state_category(True, False, True).key == "state-provides"
    assert state_category(False, True, True).key == "local-by-state-law"
    assert state_category(False, True, False).key == "local-by-state-law"
    assert state_category(False, False, True).key == "state-other-roles"
    assert state_category(False, False, False).key == "no-record"


def test_no_outlines_no_maps(data_dir):
    atlas = load_atlas(data_dir)
    assert atlas.state_shapes == []
    assert map_areas(atlas) == [] and maps_index(atlas) == []


def test_maps_index_has_a_row_per_area_with_counts(atlas):
    items = maps_index(atlas)
    assert [item.area for item in items] == map_areas(atlas) == ["public-health", "k12-education", "policing"]
    assert items[0].url == "maps/public-health/"
    assert all(sum(entry.states for entry in item.legend) == 6 for item in items)


# --- the page ----------------------------------------------------------------------------


def _page(atlas, area: str):
    from atlas.pages import render_map_page

    body = render_map_page(atlas, area, "../../")
    return body, html5lib.parse(body, namespaceHTMLElements=False)


def test_every_shape_has_a_title_and_each_state_with_a_record_links_to_its_page(atlas):
    _, document = _page(atlas, "public-health")
    svg = document.find(f".//{SVG}svg")
    assert svg is not None
    shapes = [element for element in svg.iter() if element.tag in (f"{SVG}a", f"{SVG}g")]
    assert len(shapes) == 6
    for shape in shapes:
        title = shape.find(f"{SVG}title")
        assert title is not None and title.text.strip(), shape.attrib
        assert len(shape.findall(f"{SVG}path")) == 1
    links = {shape.find(f"{SVG}title").text.split(":")[0]: shape.get(XLINK_HREF) for shape in shapes if shape.tag == f"{SVG}a"}
    assert links == {
        "Alpha": "../../places/alpha/",
        "Beta": "../../places/beta/",
        "Delta": "../../places/delta/",
        "Epsilon": "../../places/epsilon/",
        "Gamma": "../../places/gamma/",
    }
    paths = list(svg.iter(f"{SVG}path"))
    assert len(paths) == 6 and all(p.get("fill", "").startswith("url(#atlas-map-") for p in paths)


def test_the_page_has_a_legend_and_a_table_alternative(atlas):
    body, document = _page(atlas, "public-health")
    legend = document.find(".//ul[@class='atlas-map__legend']")
    assert legend is not None
    assert [" ".join("".join(li.itertext()).split()) for li in legend.findall("li")][0] == "The state provides it (1 of 6)"
    table = document.find(".//details[@class='atlas-map__table']//table")
    rows = table.findall("tbody/tr")
    assert len(rows) == 6
    zeta = [" ".join("".join(cell.itertext()).split()) for cell in rows[-1]]
    assert zeta[:2] == ["Zeta (no record)", "No duty recorded yet"]
    gamma = [" ".join("".join(cell.itertext()).split()) for cell in rows[4]]
    assert gamma == [
        "State of gamma",
        "State law gives local governments duties",
        "funds",
        "every county: oversees (county board of health)",
        "1 of 2",
    ]
    assert "|safe" not in body and "<script" not in body


def test_record_text_in_the_map_is_escaped(atlas):
    atlas.jurisdictions["gamma"]["assignments"][0] = atlas.jurisdictions["gamma"]["assignments"][0] | {
        "body_name": "<script>alert(1)</script>"
    }
    atlas.memo.clear()
    body, _ = _page(atlas, "public-health")
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_maps_index_links_each_area_with_its_counts(atlas):
    from atlas.pages import render_maps_index

    document = html5lib.parse(render_maps_index(atlas, "../"), namespaceHTMLElements=False)
    items = document.findall(".//ul[@class='atlas-maps-index']/li")
    assert [item.find("a").get("href") for item in items] == [
        "../maps/public-health/",
        "../maps/k12-education/",
        "../maps/policing/",
    ]
    counts = [" ".join("".join(li.itertext()).split()) for li in items[0].findall("ul/li")]
    assert counts == [  # categories no state falls in are left out
        "The state provides it: 1",
        "The state provides it, and state law gives local governments duties: 1",
        "State law gives local governments duties: 1",
        "The state funds, regulates, oversees or hears complaints; no provider recorded: 1",
        "No duty recorded yet: 2",
    ]


def test_maps_index_without_outlines_says_so(data_dir):
    from atlas.pages import render_maps_index

    assert "No maps: the state outlines" in render_maps_index(load_atlas(data_dir), "../")


# --- the real data -------------------------------------------------------------------------


def test_real_map_draws_every_state_and_the_district():
    atlas = load_atlas()
    assert len(atlas.state_shapes) == 51
    view = area_map(atlas, "policing")
    assert len(view.states) == 51 and sum(entry.states for entry in view.legend) == 51
    assert len({state.postal for state in view.states}) == 51


def test_built_map_pages_are_small_and_every_shape_is_titled(real_site):
    from atlas.maps import map_areas

    areas = map_areas(load_atlas())
    assert areas
    for area in areas:
        page = real_site / "maps" / area / "index.html"
        assert page.stat().st_size < 150_000, (area, page.stat().st_size)
        document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        svg = next(e for e in document.iter(f"{SVG}svg") if e.get("class") == "atlas-map__svg")
        paths = list(svg.iter(f"{SVG}path"))
        assert len(paths) == 51, area
        parents = {child: parent for parent in svg.iter() for child in parent}
        assert all((parents[p].findtext(f"{SVG}title") or "").strip() for p in paths), area
        assert document.find(".//ul[@class='atlas-map__legend']") is not None
        assert len(document.findall(".//details[@class='atlas-map__table']//tbody/tr")) == 51
