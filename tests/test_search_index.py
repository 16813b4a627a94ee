"""The search index's record feed (atlas/search_index.py): what each record page is found by."""

from __future__ import annotations

import html5lib

from atlas.model import load_atlas
from atlas.search_index import (
    document_html,
    largest_query_bytes,
    place_document,
    prose_page_html,
    prose_page_urls,
    right_document,
    search_documents,
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
    assert prose_page_urls(tmp_path) == ["about/", "api/"]


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
    assert largest_query_bytes(tmp_path, words=2, results=2) == 100 + 50 + 10 + 1000 + 20 + 300 + 200 + 40 + 30
