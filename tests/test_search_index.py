"""The search index's record feed (atlas/search_index.py): what each record page is found by."""

from __future__ import annotations

import gzip
import json

import html5lib
import pytest

from atlas.model import load_atlas
from atlas.records import PROJECT_ROOT
from atlas.search_index import (
    INDEX_FOLDER,
    PARTS_FILE,
    PLACES_PER_PART,
    SearchDocument,
    document_html,
    key_of,
    largest_query_bytes,
    name_words,
    parts_manifest,
    place_document,
    prose_page_html,
    prose_page_urls,
    right_document,
    routing_keys,
    routing_words,
    search_documents,
    split_documents,
    write_search_index,
)


def test_a_place_is_found_by_its_names_level_state_and_summary(data_dir):
    atlas = load_atlas(data_dir)
    city = next(jid for jid, record in atlas.jurisdictions.items() if record["level"] == "city")
    document = place_document(atlas, city)
    record = atlas.jurisdictions[city]
    assert document.url == f"places/{city}/"
    assert document.title == record["name"]
    assert document.kind.startswith("City in ")
    assert record["name"] in document.lead and " ".join(record["summary"].split())[:40] in document.lead


def test_a_place_has_a_section_per_issue_area_with_duties_naming_bodies_rights_and_everyday_words(data_dir):
    atlas = load_atlas(data_dir)
    city = next(jid for jid, record in atlas.jurisdictions.items() if record["level"] == "city")
    sections = {section.anchor: section for section in place_document(atlas, city).sections}
    assert sections
    right = next(record for record in atlas.rights.values() if record["issue_area"] in sections)
    right["keywords"] = ["eviction"]
    sections = {section.anchor: section for section in place_document(atlas, city).sections}
    assert "eviction" in sections[right["issue_area"]].text
    for area, section in sections.items():
        rights = [record for record in atlas.rights.values() if record["issue_area"] == area]
        assert "Bodies: " in section.text and "Rights: " in section.text
        for word in (w for record in rights for w in record.get("keywords", [])):
            assert word in section.text


def test_a_right_is_found_by_its_everyday_words(data_dir):
    atlas = load_atlas(data_dir)
    rid, record = next(iter(sorted(atlas.rights.items())))
    record["keywords"] = ["eviction", "rent increase"]
    document = right_document(atlas, rid)
    assert document.url == f"rights/{rid}/" and document.title == record["title"]
    assert all(word in document.lead for word in record["keywords"])


def test_every_record_page_has_one_document(data_dir):
    atlas = load_atlas(data_dir)
    urls = [document.url for document in search_documents(atlas)]
    assert len(urls) == len(set(urls))
    assert {f"places/{jid}/" for jid in atlas.jurisdictions} <= set(urls)
    assert {f"rights/{rid}/" for rid in atlas.rights} <= set(urls)
    assert {f"instruments/{iid}/" for iid in atlas.instruments} <= set(urls)
    assert {f"toolkit/goal-{goal}/" for goal in atlas.sdg.goals} <= set(urls)


def test_record_text_reaches_pagefind_escaped(data_dir):
    atlas = load_atlas(data_dir)
    city = next(jid for jid, record in atlas.jurisdictions.items() if record["level"] == "city")
    atlas.jurisdictions[city]["name"] = "<script>alert(1)</script> & <b>Town</b>"
    html = document_html(place_document(atlas, city))
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    assert not list(tree.iter("script")) and not list(tree.iter("b"))
    assert tree.find(".//h1").text == "<script>alert(1)</script> & <b>Town</b>"
    assert [h2.get("id") for h2 in tree.iter("h2")] == [s.anchor for s in place_document(atlas, city).sections]


def test_prose_pages_are_those_calling_no_listing_macro(tmp_path):
    (tmp_path / "about.md").write_text("# About\n\nPlain prose.\n", encoding="utf-8")
    (tmp_path / "api.md").write_text('# Data\n\n{{ dataset_jsonld() }}\n', encoding="utf-8")
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "index.md").write_text("# Places\n\n{{ places_index() }}\n", encoding="utf-8")
    (tmp_path / "report.md").write_text("---\ntitle: Figures\nsearch:\n  exclude: true\n---\n# Figures\n", encoding="utf-8")
    assert prose_page_urls(tmp_path) == ["about/", "api/"]
    assert "benchmark/" not in prose_page_urls(PROJECT_ROOT / "docs") and "about/" in prose_page_urls(PROJECT_ROOT / "docs")


def test_a_prose_page_is_indexed_from_its_article_only():
    built = ('<html><body><nav>Sidebar</nav><article class="md-content__inner md-typeset"><h1>Glossary</h1>'
             "<p>Duty-bearer: a government.</p></article><footer>Footer</footer></body></html>")
    reduced = prose_page_html(built)
    assert "Duty-bearer" in reduced and "Sidebar" not in reduced and "Footer" not in reduced
    assert prose_page_html("<html><body>no article</body></html>") is None


def test_the_most_a_search_downloads_counts_each_file_a_query_can_fetch(tmp_path):
    for name, size in {"pagefind.js": 100, "pagefind-worker.js": 50, "pagefind-entry.json": 10, "wasm.en.pagefind": 1000,
                       "wasm.unknown.pagefind": 5000, "pagefind-ui.js": 7000, "pagefind.en_1.pf_meta": 20,
                       "index/a.pf_index": 300, "index/b.pf_index": 200, "index/c.pf_index": 100,
                       "fragment/a.pf_fragment": 40, "fragment/b.pf_fragment": 30, "fragment/c.pf_fragment": 20}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    # Not the worker's script (the search box runs Pagefind without it), nor the other languages' or UIs' files.
    assert largest_query_bytes(tmp_path, words=2, results=2) == 100 + 10 + 1000 + 20 + 300 + 200 + 40 + 30
    # As a host that gzips text sends them: the script and the entry file compressed, the rest as stored.
    text = {name: len(gzip.compress(b"x" * size, compresslevel=1, mtime=0)) for name, size in
            {"pagefind.js": 100, "pagefind-entry.json": 10}.items()}
    assert text["pagefind.js"] < 100
    assert largest_query_bytes(tmp_path, words=2, results=2, as_served_gzipped=True) == (
        text["pagefind.js"] + text["pagefind-entry.json"] + 1000 + 20 + 300 + 200 + 40 + 30)


def test_a_part_of_the_index_holds_its_files_apart_and_counts_once_per_word(tmp_path):
    files = {"pagefind.js": 100, "pagefind-entry.json": 10, "wasm.en.pagefind": 1000, "pagefind.en_1.pf_meta": 20,
             PARTS_FILE: 5, "index/a.pf_index": 300, "fragment/a.pf_fragment": 40,
             "places-0/pagefind-entry.json": 1, "places-0/pagefind.en_2.pf_meta": 2, "places-0/index/a.pf_index": 30,
             "places-0/index/b.pf_index": 20, "places-0/index/c.pf_index": 10, "places-0/fragment/a.pf_fragment": 50,
             "places-1/pagefind-entry.json": 1, "places-1/pagefind.en_3.pf_meta": 3, "places-1/index/a.pf_index": 7}
    for name, size in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    fixed = 100 + 10 + 1000 + 20 + 5
    assert largest_query_bytes(tmp_path, words=1, results=1) == fixed + 300 + (1 + 2 + 30) + 50
    assert largest_query_bytes(tmp_path, words=2, results=2) == fixed + 300 + (1 + 2 + 30 + 20) + (1 + 3 + 7) + 50 + 40


def test_a_name_is_split_into_words_as_the_search_box_splits_a_query():
    assert name_words("St. Louis") == ["st", "louis"]
    assert name_words("Cañon City, O'Fallon") == ["canon", "city", "o", "fallon"]
    assert name_words("Española") == ["espanola"]


def test_a_place_is_found_in_the_parts_of_its_names_words_not_of_generic_words():
    assert routing_words("City of Los Angeles", "Los Angeles") == {"los", "angeles"}
    assert routing_words("Berport Unified School District") == {"berport"}
    assert routing_words("Township") == {"township"}  # a name of generic words alone still has a part


def test_a_prefix_shared_by_too_many_places_gets_longer_and_a_word_finds_its_longest_key():
    words = {"sa": {"a"}, "san": {"b", "c"}, "sal": {"d"}, "berport": {"e"}, "o": {"f"}}
    keys = routing_keys(words, per_part=2)
    assert keys == {"sa", "san", "sal", "be", "o"}
    assert key_of("santa", keys) == "san" and key_of("sa", keys) == "sa" and key_of("berportfield", keys) == "be"
    assert key_of("s", keys) is None  # a reader who typed one letter of a split prefix reaches no part yet
    # Places sharing one whole word stay together, however many.
    assert routing_keys({"springfield": {"a", "b", "c"}}, per_part=2) == {"springfield"}


def _place(url: str, *names: str) -> SearchDocument:
    return SearchDocument(url=url, title=names[0], kind="City", lead="", name_words=routing_words(*names))


def test_the_places_stay_in_the_main_index_while_they_fit_in_one_part():
    documents = [_place(f"places/p{n}/", f"Place {n}") for n in range(3)] + [
        SearchDocument(url="rights/r/", title="Right", kind="Right", lead="")]
    split = split_documents(documents, per_part=3)
    assert split.main == documents and split.parts == [] and parts_manifest(split)["parts"] == []
    assert parts_manifest(split)["hidden"] == []


def test_past_one_part_each_place_is_in_the_part_of_each_of_its_words():
    names = ["Alder", "Alton", "Birch", "Bison", "Cedar Falls", "Falls Church", "Dover", "Dune", "Elm"]
    places = [_place(f"places/{name.lower().replace(' ', '-')}/", name) for name in names]
    right = SearchDocument(url="rights/r/", title="Right", kind="Right", lead="")
    split = split_documents([*places, right], per_part=3)
    assert split.main[0] == right and all(0 < len(part) <= 3 for part in split.parts)
    # The main index knows the names' words (one hidden document per part), so it answers a name with nothing.
    names = split.main[1:]
    assert [document.url for document in names] == [f"search-names/{n}/" for n in range(len(split.parts))]
    for document, part in zip(names, split.parts, strict=True):
        assert document.lead.split() == sorted({word for place in part for word in place.name_words})
    for place in places:
        for word in place.name_words:
            assert place in split.parts[split.part_of_key[key_of(word, split.part_of_key)]]
    falls = [place for place in places if "falls" in place.name_words]
    assert len(falls) == 2 and all(place in split.parts[split.part_of_key["fa"]] for place in falls)
    manifest = parts_manifest(split)
    assert [key for number, keys in enumerate(manifest["parts"]) for key in keys
            if split.part_of_key[key] == number] == sorted(split.part_of_key)
    assert "county" in manifest["generic_words"]


@pytest.mark.site  # about ten seconds: Pagefind indexes 2,000 places
def test_one_search_of_2000_places_loads_parts_of_a_bounded_size(tmp_path):
    """What made one search grow with the country: the index's metadata lists every page, and a word
    on every place page is one chunk listing them all. Split, a query loads the main index (no places)
    and a part of at most PLACES_PER_PART places per word, and stays under 300 KB (issue 17)."""
    from benchmarks.bench import generate_dataset

    generate_dataset(tmp_path / "data", 2000)
    atlas = load_atlas(tmp_path / "data")
    (tmp_path / "docs").mkdir()
    summary = write_search_index(atlas, tmp_path / "site", tmp_path / "docs")
    index = tmp_path / "site" / INDEX_FOLDER
    parts = sorted(folder for folder in index.iterdir() if folder.is_dir() and folder.name.startswith("places-"))
    manifest = json.loads((index / PARTS_FILE).read_text(encoding="utf-8"))
    assert summary.parts == len(parts) == len(manifest["parts"]) > 1
    places = len(atlas.jurisdictions)
    assert len(list((index / "fragment").glob("*.pf_fragment"))) == summary.documents - places + len(parts)
    assert len(manifest["hidden"]) == len(parts)  # the names documents, by their fragment ids
    assert all((index / "fragment" / f"{id_}.pf_fragment").is_file() for id_ in manifest["hidden"])
    assert all(len(list((part / "fragment").glob("*.pf_fragment"))) <= PLACES_PER_PART for part in parts)
    assert not list(parts[0].glob("*.js")) and not list(parts[0].glob("wasm.*"))  # the main index's serve all
    assert largest_query_bytes(index) < 300_000
