"""No page grows with the number of places: every page of the 2,000-place synthetic atlas,
rendered as finished Markdown (atlas.render, as the floor build gets it), stays under the size
limit, and the lists that hold every place link to per-state pages instead (atlas.by_state)."""

from __future__ import annotations

import re

import pytest

from atlas import by_state
from atlas.model import load_atlas
from atlas.records import PROJECT_ROOT
from atlas.render import expand_macros, rendered_page
from atlas.site import generated_pages
from benchmarks.bench import generate_dataset

pytestmark = pytest.mark.site  # about half a minute: kept out of `make test-fast`, run by `make test`

PAGE_LIMIT = 300_000  # bytes of HTML a page may weigh (issue 17)
# What the theme adds around a page's Markdown once built (header, navigation, footer, scripts):
# 18-22 KB on the real site's pages (places/los-angeles: 209,014 bytes of HTML from 189,315 of
# Markdown; places/index 57,325 from 35,848), with room to spare.
THEME_ALLOWANCE = 30_000


@pytest.fixture(scope="module")
def atlas_2000(tmp_path_factory):
    data = tmp_path_factory.mktemp("scale") / "data"
    generate_dataset(data, 2000)
    return load_atlas(data)


def _hand_written(atlas) -> dict[str, str]:
    docs = PROJECT_ROOT / "docs"
    return {
        path.relative_to(docs).as_posix(): expand_macros(
            atlas, path.read_text(encoding="utf-8"), path.relative_to(docs).as_posix()
        )
        for path in sorted(docs.rglob("*.md"))
    }


def test_no_page_of_2000_places_is_over_the_limit(atlas_2000):
    assert by_state.is_split(atlas_2000)
    sizes = {page.src_uri: len(rendered_page(atlas_2000, page).encode()) for page in generated_pages(atlas_2000)}
    sizes |= {uri: len(text.encode()) for uri, text in _hand_written(atlas_2000).items()}
    too_big = {uri: size for uri, size in sizes.items() if size + THEME_ALLOWANCE > PAGE_LIMIT}
    assert not too_big, f"pages over {PAGE_LIMIT - THEME_ALLOWANCE} bytes of Markdown: {too_big}"
    # The lists that held every place now link to every state's page, each of which exists.
    urls = {uri.removesuffix(".md") + "/" for uri in sizes}
    places_index = _hand_written(atlas_2000)["places/index.md"]
    state_links = set(re.findall(r'href="\.\./(places/state/[a-z0-9-]+/(?:\d+/)?)"', places_index))
    states = [jid for jid, r in atlas_2000.jurisdictions.items() if r["level"] == "state"]
    assert len({link.split("/")[2] for link in state_links}) == len(states) == 50
    assert state_links <= urls


def test_every_place_is_on_exactly_one_page_of_each_split_list(atlas_2000):
    parts = by_state.place_parts(atlas_2000)
    listed = [jid for part in parts for jid in part.members]
    assert sorted(listed) == sorted(atlas_2000.places())
    assert all(0 < len(part.members) <= by_state.COMPARE_ROWS_PER_PAGE for part in parts)
    governments = [jid for part in by_state.government_parts(atlas_2000) for jid in part.members]
    below_federal = [j for j, r in atlas_2000.jurisdictions.items() if r["level"] != "federal"]
    assert sorted(governments) == sorted(below_federal)


def test_a_small_atlas_keeps_its_lists_on_one_page():
    real = load_atlas()
    assert len(real.jurisdictions) <= by_state.SPLIT_PAST
    assert not any("/state/" in page.src_uri for page in generated_pages(real))


def test_parts_are_balanced_and_bounded():
    assert [len(c) for c in by_state._chunks(list("abcdefg"), 3)] == [3, 2, 2]
    assert [len(c) for c in by_state._chunks(list("abc"), 3)] == [3]
    assert by_state._chunks([], 3) == [[]]


def test_past_the_threshold_each_list_links_states_and_each_state_page_lists_only_its_part(atlas_2000):
    from atlas import finder, home, pages, views

    atlas = atlas_2000
    states = sorted(jid for jid, r in atlas.jurisdictions.items() if r["level"] == "state")
    part = next(p for p in by_state.place_parts(atlas) if p.parts > 1 or p.part == 1)
    body = pages.render_compare_state_page(atlas, "housing", part.state, str(part.part), "../../../")
    linked_places = set(re.findall(r'href="\.\./\.\./\.\./places/([a-z0-9-]+)/#housing"', body))
    assert linked_places == set(part.members)
    national = pages.render_compare_page(atlas, "housing", "../../")
    assert not re.search(r'href="\.\./\.\./places/[a-z0-9-]+/#housing"', national)
    assert len(set(re.findall(r'href="\.\./\.\./compare/housing/([a-z0-9-]+)/"', national))) == len(states)

    right = pages.render_right_page(atlas, "adequate-housing", "../../")
    rows = re.findall(r'<tr><td><a href="\.\./\.\./places/([a-z0-9-]+)/#housing"', right)
    assert rows and {atlas.jurisdictions[j]["level"] for j in rows} <= {"federal", "state"}
    local = {h.jurisdiction for h in views.holders_of_right(atlas, "adequate-housing")} - set(rows)
    assert local and "Local governments holding this right, by state" in right

    cards = home.render_place_cards(atlas, "")
    assert sorted(re.findall(r'href="places/state/([a-z0-9-]+)/"', cards)) == states
    picker = home.place_options(atlas, "")
    assert sorted(re.findall(r'value="([a-z0-9-]+)"', picker)) == states
    fallback = finder.render_finder(atlas, "../")
    assert sorted(re.findall(r'href="\.\./places/state/([a-z0-9-]+)/"', fallback)) == states


# A city page of the 2,000-place atlas once listed every duty of the five governments over it in full:
# 110,458 bytes of Markdown. It now details only its own and links the others' (about 68 KB).
CITY_PAGE_LIMIT = 80_000


def test_a_city_page_links_the_duties_held_above_it_instead_of_repeating_them(atlas_2000):
    from atlas import pages, views

    atlas = atlas_2000
    city = next(jid for jid, r in sorted(atlas.jurisdictions.items()) if r["level"] == "city")
    body = pages.render_jurisdiction_page(atlas, city, "../../")
    assert len(body.encode()) < CITY_PAGE_LIMIT
    over = [g for g in views.governments_over(atlas, city) if g != city]
    assert {atlas.jurisdictions[g]["level"] for g in over} >= {"state", "federal", "county"}
    for government in over:
        for duty in views.duties_of(atlas, government):
            # Each duty held above is a link to its entry (the synthetic bases are unique to their government).
            assert f'href="../../places/{government}/#{views.duty_anchor(duty.index)}"' in body
            assert duty.basis not in body and duty.summary not in body
    for duty in views.duties_of(atlas, city):
        assert f'id="{views.duty_anchor(duty.index)}"' in body and duty.basis in body


def test_past_the_threshold_shadow_report_notes_are_release_downloads_one_zip_per_state(atlas_2000):
    import io
    import zipfile

    from atlas import export, pages
    from atlas.shadow_report import shadow_report_links

    atlas = atlas_2000
    assert not any("/shadow-report/" in path for path in export.site_files(atlas))
    released = export.release_files(atlas)
    states = sorted(jid for jid, r in atlas.jurisdictions.items() if r["level"] == "state")
    assert sorted(name for name in released if name.startswith("shadow-reports-")) == [
        f"shadow-reports-{state}.zip" for state in states
    ]
    city = next(jid for jid, r in sorted(atlas.jurisdictions.items()) if r["level"] == "city")
    state = by_state.state_of(atlas, city)
    with zipfile.ZipFile(io.BytesIO(released[f"shadow-reports-{state}.zip"])) as bundle:
        assert f"{city}/upr.md.txt" in bundle.namelist() and f"{city}/upr.csv" in bundle.namelist()
        assert bundle.read(f"{city}/upr.md.txt").decode().startswith("# Shadow-report notes: City of ")
    assert shadow_report_links(atlas, city) == []
    body = pages.render_jurisdiction_page(atlas, city, "../../", "https://github.com/example/atlas")
    assert f'href="https://github.com/example/atlas/releases/latest/download/shadow-reports-{state}.zip"' in body
    assert "api/v2/shadow-report/" not in body
