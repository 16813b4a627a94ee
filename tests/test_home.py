"""The ways in by place: short names, A–Z lists with a neutral first choice, cards from the records."""

from __future__ import annotations

import html5lib

from atlas.finder import render_finder
from atlas.home import NO_PLACE_LABEL, place_cards, places_a_to_z, render_place_cards, render_place_picker, short_name
from atlas.model import load_atlas

NS = {"h": "http://www.w3.org/1999/xhtml"}


def _tree(fragment: str):
    return html5lib.parse(fragment, namespaceHTMLElements=True)


def _options(fragment: str, select_id: str) -> list[tuple[str, str]]:
    select = _tree(fragment).find(f".//h:select[@id='{select_id}']", NS)
    return [(option.get("value"), option.text) for option in select.findall("h:option", NS)]


def test_short_name_prefers_the_field_and_falls_back_to_the_official_name():
    assert short_name({"name": "City of Los Angeles", "short_name": "Los Angeles"}) == "Los Angeles"
    assert short_name({"name": "Lane County"}) == "Lane County"


def test_place_lists_start_neutral_then_run_a_to_z_by_the_name_people_use():
    atlas = load_atlas()
    for fragment, select_id in [(render_place_picker(atlas, ""), "home-place"), (render_finder(atlas, "../"), "finder-place")]:
        options = _options(fragment, select_id)
        assert options[0] == ("", NO_PLACE_LABEL)
        labels = [label for _, label in options[1:]]
        assert labels == sorted(labels, key=str.casefold)
        assert [value for value, _ in options[1:]] == places_a_to_z(atlas) and len(labels) == len(atlas.places())
        assert "Los Angeles" in labels and "City of Los Angeles" not in labels


def test_a_new_place_gets_its_option_and_its_card():
    atlas = load_atlas()
    new = {**atlas.jurisdictions["eugene"], "id": "aardvark-city", "name": "City of Aardvark", "short_name": "Aardvark"}
    atlas.jurisdictions["aardvark-city"] = new
    assert places_a_to_z(atlas)[0] == "aardvark-city"
    cards = _tree(render_place_cards(atlas, "")).findall(".//h:a[@class='atlas-place-card']", NS)
    assert cards[0].get("href") == "places/aardvark-city/"
    assert len(cards) == len(atlas.places())


def test_cards_count_the_whole_stack_of_each_place():
    atlas = load_atlas()
    la = next(card for card in place_cards(atlas) if card.id == "los-angeles")
    assert la.name == "Los Angeles" and la.official_name == "City of Los Angeles" and la.state == "California"
    own = atlas.jurisdictions["los-angeles"]["obligations"]
    assert la.duties > len(own)  # the county's, state's and federal government's duties count too
    assert 0 < la.verified <= la.duties


def test_picker_and_cards_keep_record_text_inert():
    atlas = load_atlas()
    hostile = "<script>alert(1)</script>"
    atlas.jurisdictions["los-angeles"] = {**atlas.jurisdictions["los-angeles"], "short_name": hostile}
    for fragment in (render_place_picker(atlas, ""), render_place_cards(atlas, "")):
        assert "<script>" not in fragment and "&lt;script&gt;" in fragment


def test_the_finder_fallback_says_the_county_and_zip_look_ups_need_javascript_split_or_not(monkeypatch):
    from atlas import by_state

    atlas = load_atlas()
    whole = render_finder(atlas, "../")
    monkeypatch.setattr(by_state, "SPLIT_PAST", 0)
    split = render_finder(atlas, "../")
    assert 'href="../places/state/' in split and 'href="../places/state/' not in whole
    for fallback in (whole, split):
        section = fallback[fallback.index('id="every-place"'):]
        assert "ZIP code look-ups need JavaScript" in section
