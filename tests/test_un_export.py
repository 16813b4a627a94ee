"""The UN recommendations in the API, the shadow-report notes, the SDG goal tiles and Voluntary Local
Reviews: view models and files on the fixture world, bad values with their exact messages, and the
built pages and files of the fixture (hostile) and real sites."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from atlas.export import api_documents, data_package, dcat_us_catalog, site_files, write_files
from atlas.model import load_atlas
from atlas.recommendations_export import RECOMMENDATION_COLUMNS, recommendation_rows
from atlas.sdg import BLACK, WHITE, contrast_ratio, load_sdg_framework, read_goal_colours, tile_text_colour
from atlas.shadow_report import (
    CSV_COLUMNS,
    markdown_text,
    markdown_url,
    reviews,
    shadow_report,
    shadow_report_csv,
    shadow_report_files,
    shadow_report_links,
    shadow_report_markdown,
    shadow_report_places,
)
from atlas.urls import shadow_report_download_name, shadow_report_path
from atlas.validate import format_problem, validate_data_dir
from atlas.vlr import local_reviews, places_that_have_reported

POLICING = Path("recommendations/ccpr-c-exa-co-1-10-a.yaml")
HOSTILE_TEXT = (
    "=HYPERLINK(\"https://evil.example\") [click](javascript:alert(1)) <script>alert('x')</script> "
    "![img](https://evil.example/x.png) https://evil.example/autolink www.evil.com evil.com/x me@evil.example "
    "*bold* _em_ `code` | a | b | \\\n\n# Heading injected"
)


@pytest.fixture
def atlas(data_dir):
    return load_atlas(data_dir)


def _hostile_recommendation(data_dir: Path) -> None:
    path = data_dir / POLICING
    text = path.read_text(encoding="utf-8")
    old = "text: Ensure that every use of force by police is necessary and proportionate."
    assert old in text
    path.write_text(text.replace(old, "text: " + json.dumps(HOSTILE_TEXT)), encoding="utf-8")


# --- /api/v2/recommendations.json and .csv -------------------------------------------------------


def test_recommendation_rows_follow_document_then_paragraph_order(atlas):
    rows = recommendation_rows(atlas)
    assert [row["id"] for row in rows] == [
        "a-hrc-99-1-26-3",
        "ccpr-c-exa-co-1-5",
        "ccpr-c-exa-co-1-10-a",
        "ccpr-c-exa-co-1-12",
        "ccpr-c-exa-co-1-20",
    ]
    assert all(list(row) == RECOMMENDATION_COLUMNS for row in rows)


def test_a_recommendation_row_carries_levels_reasons_bodies_and_sources(atlas):
    row = next(r for r in recommendation_rows(atlas) if r["id"] == "ccpr-c-exa-co-1-10-a")
    assert row["citation"] == "CCPR/C/EXA/CO/1, para. 10 (a)"
    assert row["date"] == "2023-12-07"
    assert row["levels"] == ["city", "county"]
    assert row["level_reasons"] == ["city: Cities run police departments.", "county: Counties run sheriffs' departments."]
    assert row["bodies"] == ["city: police departments"]
    assert row["official_text"] == "https://www.example-atlas.test/ccpr-c-exa-co-1"
    assert row["sources"] == ["https://www.example-atlas.test/ccpr-c-exa-co-1"]
    upr = next(r for r in recommendation_rows(atlas) if r["id"] == "a-hrc-99-1-26-3")
    assert (upr["upr_position"], upr["recommending_states"], upr["date"]) == ("supported", ["Exampleland"], None)


def test_recommendations_json_keeps_every_field_as_written(atlas, data_dir):
    exported = json.loads(api_documents(atlas)["recommendations.json"])["recommendations"]
    assert len(exported) == len(atlas.recommendations)
    for item in exported:
        resolved = item.pop("resolved")
        assert item == atlas.recommendations[item["id"]]
        assert resolved["symbol"] == atlas.un_documents[item["document"]]["symbol"]


def test_recommendations_csv_parses_and_no_cell_is_a_formula(data_dir):
    _hostile_recommendation(data_dir)
    text = api_documents(load_atlas(data_dir))["recommendations.csv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 and list(rows[0]) == RECOMMENDATION_COLUMNS
    hostile = next(row for row in rows if row["id"] == "ccpr-c-exa-co-1-10-a")
    assert hostile["text"] == "'" + HOSTILE_TEXT
    assert hostile["levels"] == "city | county"


def test_the_data_package_and_catalogue_list_the_recommendations(atlas):
    package = data_package(atlas)
    resource = next(r for r in package["resources"] if r["name"] == "recommendations")
    assert [field["name"] for field in resource["schema"]["fields"]] == RECOMMENDATION_COLUMNS
    mechanism = next(field for field in resource["schema"]["fields"] if field["name"] == "mechanism")
    assert mechanism["constraints"]["enum"] == ["cerd", "ccpr", "cat", "upr"]
    downloads = [d["downloadURL"] for d in dcat_us_catalog(atlas, "https://atlas.example")["dataset"][0]["distribution"]]
    assert "https://atlas.example/api/v2/recommendations.csv" in downloads
    assert "https://atlas.example/api/v2/recommendations.json" in downloads


def test_frictionless_validates_the_recommendations_table(atlas, tmp_path):
    from frictionless import validate

    write_files(site_files(atlas), tmp_path)
    report = validate(str(tmp_path / "api/v2/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    path = tmp_path / "api/v2/recommendations.csv"
    path.write_text(path.read_text().replace(",ccpr,", ",hrc,", 1))
    report = validate(str(tmp_path / "api/v2/datapackage.json"))
    assert report.flatten(["type", "fieldName"]) == [["constraint-error", "mechanism"]]


# --- shadow-report notes ------------------------------------------------------------------------


def test_reviews_are_the_treaties_with_a_treaty_body_and_rights_then_the_upr(atlas):
    found = reviews(atlas)
    assert [(r.slug, r.mechanism, r.rights) for r in found] == [
        ("covenant-one", "ccpr", ("safety", "schooling")),
        ("upr", "upr", ("clinics", "safety", "schooling")),
    ]
    assert found[0].label == "ECCR (Example Committee)"


def test_real_reviews_cover_the_iccpr_cerd_and_cat_and_the_upr():
    assert [r.slug for r in reviews(load_atlas())] == ["cat", "cerd", "iccpr", "upr"]


def test_shadow_reports_are_written_for_places_and_counties_with_records_only(atlas):
    assert shadow_report_places(atlas) == ["city-one", "county-one"]
    assert shadow_report_links(atlas, "state-one") == []
    links = shadow_report_links(atlas, "city-one")
    assert [(link.markdown, link.markdown_name, link.csv, link.csv_name) for link in links] == [
        (
            "api/v2/shadow-report/city-one/covenant-one.md.txt",
            "city-one-covenant-one-shadow-report.md",
            "api/v2/shadow-report/city-one/covenant-one.csv",
            "city-one-covenant-one-shadow-report.csv",
        ),
        (
            "api/v2/shadow-report/city-one/upr.md.txt",
            "city-one-upr-shadow-report.md",
            "api/v2/shadow-report/city-one/upr.csv",
            "city-one-upr-shadow-report.csv",
        ),
    ]
    assert set(shadow_report_files(atlas)) == {
        shadow_report_path(place, review, ext)
        for place in ("city-one", "county-one")
        for review in ("covenant-one", "upr")
        for ext in ("md", "csv")
    }


def test_the_url_rule_refuses_other_formats():
    with pytest.raises(ValueError):
        shadow_report_path("city-one", "upr", "html")
    with pytest.raises(ValueError):
        shadow_report_download_name("city-one", "upr", "txt")


def test_a_treaty_report_holds_the_duties_routes_and_recommendations_for_its_rights(atlas):
    covenant = reviews(atlas)[0]
    report = shadow_report(atlas, "city-one", covenant)
    assert report.right_titles == ("Right to security of person", "Right to schooling")
    assert {d.right for d in report.duties} == {"Right to security of person", "Right to schooling"}
    police = next(d for d in report.duties if d.body == "Example Police Department")
    assert (police.government, police.role, police.source_url) == ("City of Example", "Provides", "https://www.example-atlas.test/charter")
    assert [r.name for r in report.routes] == ["Civil rights complaint portal"]
    # ccpr recommendations that fall on city-one's stack; the UPR's and the housing one (no housing duty here) are left out
    assert [r.citation for r in report.recommendations] == [
        "CCPR/C/EXA/CO/1, para. 5",
        "CCPR/C/EXA/CO/1, para. 10 (a)",
        "CCPR/C/EXA/CO/1, para. 12",
    ]
    police_recommendation = report.recommendations[1]
    assert police_recommendation.governments == ("City of Example", "Example County")
    assert police_recommendation.source_url == "https://www.example-atlas.test/ccpr-c-exa-co-1"


def test_the_upr_report_carries_the_us_position_and_every_right(atlas):
    report = shadow_report(atlas, "city-one", reviews(atlas)[-1])
    assert [(r.citation, r.upr_position) for r in report.recommendations] == [("A/HRC/99/1, para. 26.3", "supported")]
    assert "The United States supported it." in shadow_report_markdown(report)
    assert len(report.right_titles) == 3


def test_markdown_lines_each_give_a_source(atlas):
    text = shadow_report_markdown(shadow_report(atlas, "city-one", reviews(atlas)[0]))
    items = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(items) == 5 + 1 + 3  # duties, routes, recommendations
    assert all(re.search(r"Source: (<https://[^>]+>|none recorded)$", line) for line in items), items


def test_markdown_text_escapes_everything_that_could_become_markup():
    assert markdown_text("[a](javascript:x) <b>&") == "\\[a\\](javascript\\:x) &lt;b&gt;&amp;"
    assert markdown_text("line one\n\n# two") == "line one \\# two"
    assert markdown_text("www.evil.com/x and U.S.C. 1983.") == "www\\.evil\\.com/x and U\\.S\\.C. 1983."
    assert markdown_url("https://ok.example/a?b=1") == "<https://ok.example/a?b=1>"
    assert markdown_url("https://x.example/\"><script>") == "https\\://x\\.example/\"&gt;&lt;script&gt;"
    assert markdown_url(None) == "none recorded"


def _rendered(markdown: str):
    html = MarkdownIt("gfm-like").render(markdown)  # CommonMark with GFM autolinks and tables
    return html, html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def test_record_text_cannot_inject_links_html_or_headings_into_the_markdown(data_dir):
    _hostile_recommendation(data_dir)
    atlas = load_atlas(data_dir)
    markdown = shadow_report_markdown(shadow_report(atlas, "city-one", reviews(atlas)[0]))
    html, tree = _rendered(markdown)
    links = [a.attrib["href"] for a in tree.iter("a")]
    assert links and all(href.startswith("https://www.example-atlas.test/") for href in links), links
    assert not [element.tag for element in tree.iter() if element.tag in {"script", "img", "em", "strong", "code", "table"}
                and "evil" in "".join(element.itertext())]
    assert [h.text for h in tree.iter("h2")] == [
        "Rights this review covers",
        "Who owes these rights here",
        "Where residents can seek a remedy",
        "What the UN has asked of these governments",
    ]
    assert "<script>" not in html and "Heading injected" in html
    shown = "".join(next(li for li in tree.iter("li") if "HYPERLINK" in "".join(li.itertext())).itertext())
    assert "[click](javascript:alert(1)) <script>alert('x')</script>" in shown  # the text itself survives, as text


def test_the_csv_parses_with_one_source_column_and_no_formula(data_dir):
    _hostile_recommendation(data_dir)
    atlas = load_atlas(data_dir)
    rows = list(csv.DictReader(io.StringIO(shadow_report_csv(shadow_report(atlas, "city-one", reviews(atlas)[0])))))
    assert list(rows[0]) == CSV_COLUMNS
    assert [row["section"] for row in rows].count("duty-bearer") == 5
    hostile = next(row for row in rows if "HYPERLINK" in row["what"])
    assert hostile["what"].startswith("'=HYPERLINK")
    assert hostile["source_url"] == "https://www.example-atlas.test/ccpr-c-exa-co-1"


# --- SDG goal colours ----------------------------------------------------------------------------


def test_every_goal_has_a_colour_and_legible_tile_text():
    framework = load_sdg_framework()
    assert set(framework.colours) == set(framework.goals) and len(framework.colours) == 17
    for goal, colour in framework.colours.items():
        text_colour = tile_text_colour(colour)
        assert contrast_ratio(colour, text_colour) >= 4.5, (goal, colour, text_colour)


def test_contrast_follows_wcag():
    assert round(contrast_ratio(WHITE, BLACK), 2) == 21.0
    assert contrast_ratio("#777777", "#777777") == 1.0
    assert round(contrast_ratio("#767676", WHITE), 2) == 4.54  # the lightest grey WCAG AA allows on white
    assert tile_text_colour("#FCC30B") == BLACK and tile_text_colour("#19486A") == WHITE


def test_a_colour_file_with_anything_but_hex_colours_is_refused(tmp_path):
    path = tmp_path / "goal-colours.yaml"
    path.write_text('colours:\n  "1": "red; background: url(https://evil.example)"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not #RRGGBB colours"):
        read_goal_colours(path)


def test_the_colour_file_names_its_source():
    text = (Path(__file__).parents[1] / "data/sdg/goal-colours.yaml").read_text(encoding="utf-8")
    assert "url: https://" in text and "status: unverified" in text


# --- Voluntary Local Reviews --------------------------------------------------------------------

VLR = """voluntary_local_reviews:
  - title: Example Voluntary Local Review
    year: {year}
    url: https://www.example-atlas.test/vlr-{year}
    publisher: City of Example
    publisher_kind: {kind}
    status: verified
    last_reviewed: 2026-01-01
"""


def _with_reviews(data_dir: Path, *entries: str) -> Path:
    path = data_dir / "jurisdictions/city-one.yaml"
    text = path.read_text(encoding="utf-8")
    block = entries[0] + "".join(entry.split("\n", 1)[1] for entry in entries[1:])
    path.write_text(text.replace("\nsources:\n", "\n" + block + "sources:\n", 1), encoding="utf-8")
    return path


def test_local_reviews_newest_first_and_places_that_have_reported(data_dir):
    _with_reviews(data_dir, VLR.format(year=2019, kind="official"), VLR.format(year=2021, kind="official"))
    atlas = load_atlas(data_dir)
    assert [r.year for r in local_reviews(atlas, "city-one")] == [2021, 2019]
    assert [p.jurisdiction for p in places_that_have_reported(atlas)] == ["city-one"]
    assert local_reviews(atlas, "county-one") == []


def test_a_verified_review_needs_an_official_page(data_dir):
    path = _with_reviews(data_dir, VLR.format(year=2020, kind="press"))
    _, problems = validate_data_dir(data_dir)
    line = path.read_text().splitlines().index("    publisher_kind: press") + 1
    assert [format_problem(p, root=data_dir) for p in problems] == [
        f"jurisdictions/city-one.yaml:{line}:21: voluntary_local_reviews[0].publisher_kind (Publisher kind): "
        "must be official when status is verified: a verified entry cites the government's own page or the UN's"
    ]


def test_real_reviews_cite_pages_and_only_official_ones_are_verified():
    atlas = load_atlas()
    reported = {p.jurisdiction: p.reviews for p in places_that_have_reported(atlas)}
    assert {"los-angeles", "pittsburgh"} <= set(reported)
    for reviews_ in reported.values():
        for review in reviews_:
            assert review.url.startswith("https://")
            assert review.status == "unverified" or review.publisher_kind == "official"
            assert review.status == "verified" or review.note


# --- built pages and files ------------------------------------------------------------------------


def _elements(path: Path):
    return list(html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False).iter())


def test_fixture_place_page_links_its_shadow_report_files_and_they_parse(hostile_site):
    page = hostile_site / "places/city-one/index.html"
    downloads = [(a.attrib["href"], a.attrib["download"]) for a in _elements(page) if a.tag == "a" and "download" in a.attrib]
    assert downloads == [
        ("../../api/v2/shadow-report/city-one/covenant-one.md.txt", "city-one-covenant-one-shadow-report.md"),
        ("../../api/v2/shadow-report/city-one/covenant-one.csv", "city-one-covenant-one-shadow-report.csv"),
        ("../../api/v2/shadow-report/city-one/upr.md.txt", "city-one-upr-shadow-report.md"),
        ("../../api/v2/shadow-report/city-one/upr.csv", "city-one-upr-shadow-report.csv"),
    ]
    hrefs = [href for href, _ in downloads]
    for href in hrefs:
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        if href.endswith(".csv"):
            assert list(csv.DictReader(target.open(encoding="utf-8")))[0]["source_url"]
        else:
            _, tree = _rendered(target.read_text(encoding="utf-8"))
            assert [h.text for h in tree.iter("h1")] == [
                "Shadow-report notes: City of Example, " + ("ECCR (Example Committee)" if "covenant" in href else
                                                            "Universal Periodic Review (Human Rights Council)")
            ]


def test_hostile_place_shadow_report_stays_inert(hostile_site):
    markdown = (hostile_site / "api/v2/shadow-report/evil-city/covenant-one.md.txt").read_text(encoding="utf-8")
    html, tree = _rendered(markdown)
    assert "<script" not in html and "<iframe" not in html and "<marquee" not in html
    assert all(a.attrib["href"].startswith("https://www.example-atlas.test/") for a in tree.iter("a"))
    assert not any("javascript" in a.attrib["href"] for a in tree.iter("a"))
    assert [h.text for h in tree.iter("h1")] == ["Shadow-report notes: Evil <script>alert('name')</script> City "
                                                 "{{ config.site_name }} {% raw %}, ECCR (Example Committee)"]


def test_goal_pages_and_the_toolkit_show_goal_tiles_in_their_colours(hostile_site):
    colours = load_sdg_framework().colours
    tiles = [e for e in _elements(hostile_site / "toolkit/index.html") if "atlas-goal-tile" in e.attrib.get("class", "").split()]
    assert ["".join(t.itertext()).split()[:2] for t in tiles] == [["Goal", str(g)] for g in range(1, 18)]
    for goal, tile in enumerate(tiles, start=1):
        background, colour = re.findall(r"#[0-9A-F]{6}", tile.attrib["style"])
        assert background == colours[str(goal)] and contrast_ratio(background, colour) >= 4.5
    goal_page = _elements(hostile_site / "toolkit/goal-14/index.html")
    banner = next(e for e in goal_page if "atlas-goal-tile--banner" in e.attrib.get("class", ""))
    assert colours["14"] in banner.attrib["style"] and "".join(banner.itertext()).startswith("Goal 14")


def test_the_toolkit_lists_places_that_have_reported_and_their_reviews_stay_inert(hostile_site):
    toolkit = (hostile_site / "toolkit/index.html").read_text(encoding="utf-8")
    assert 'id="cities-that-have-reported"' in toolkit
    assert "&lt;script&gt;alert(&#39;vlr&#39;)&lt;/script&gt;" in toolkit and "<script>alert('vlr')" not in toolkit
    place = (hostile_site / "places/evil-city/index.html").read_text(encoding="utf-8")
    assert 'id="voluntary-local-reviews"' in place and "<img src=x onerror=alert('vlr-note')>" not in place
    assert '<h1 id="heading-from-a-note"' not in place


def test_real_site_has_the_recommendations_api_and_shadow_reports(real_site):
    assert (real_site / "api/v2/recommendations.csv").read_text().startswith(",".join(RECOMMENDATION_COLUMNS))
    assert "recommendations" in json.loads((real_site / "api/v2/recommendations.json").read_text())
    page = (real_site / "places/los-angeles/index.html").read_text(encoding="utf-8")
    for review in ("iccpr", "cerd", "cat", "upr"):
        assert f"api/v2/shadow-report/los-angeles/{review}.md.txt" in page
        assert (real_site / f"api/v2/shadow-report/los-angeles/{review}.csv").is_file()
    assert 'id="voluntary-local-reviews"' in page
