"""The finder and the home page in headless Chromium: routes to remedy first and linked, sources by
publisher, places A–Z by the names people use, no sideways scroll on a phone, no serious axe finding.

The browser and the served sites are conftest.py's fixtures, the axe and console helpers test_browser.py's.
"""

from __future__ import annotations

import pytest
from test_browser import AXE, _axe_violations, _console_errors

from atlas.home import NO_PLACE_LABEL
from atlas.model import load_atlas

pytestmark = pytest.mark.browser

LA_K12 = "finder/?place=los-angeles&topic=area%3Ak12-education"


def _wait_for_answer(tab):
    tab.locator("#finder-status").filter(has_text="responsibilities found").wait_for(timeout=10000)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


def _sideways_overflow(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_finder_lists_linked_routes_to_remedy_before_the_duties(page, site_url):
    errors = _console_errors(page)
    page.goto(site_url + LA_K12)
    _wait_for_answer(page)
    routes = page.locator("#finder-remedies li")
    links = page.locator("#finder-remedies li a[href^='https://']")
    assert routes.count() >= 3 and links.count() >= 3
    first_route, first_duty = page.locator("#finder-remedies").bounding_box(), page.locator("#finder-results").bounding_box()
    assert first_route["y"] + first_route["height"] <= first_duty["y"]
    assert page.evaluate(
        "document.querySelector('#finder-remedies').compareDocumentPosition(document.querySelector('#finder-results'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert "routes to remedy listed first" in page.locator("#finder-status").inner_text()
    assert page.get_by_role("region", name="Where to seek a remedy").count() == 1  # a landmark screen readers can jump to
    assert errors == []


def test_finder_shows_sources_by_publisher_with_official_ones_first(page, site_url):
    page.goto(site_url + LA_K12)
    _wait_for_answer(page)
    lists = page.locator("#finder-results .atlas-finder-sources ul")
    assert lists.count() >= 3
    for index in range(lists.count()):
        items = lists.nth(index).locator("li")
        texts = [items.nth(i).inner_text() for i in range(items.count())]
        official = [text.endswith("official") for text in texts]
        assert official == sorted(official, reverse=True), texts  # every official source before the others
        for link in items.locator("a").all():
            assert not link.inner_text().startswith("http") and len(link.inner_text()) < 100
            assert link.get_attribute("href").startswith("https://")


def test_place_lists_run_a_to_z_after_a_neutral_choice(page, site_url):
    for path, select in [("", "#home-place"), ("finder/", "#finder-place")]:
        page.goto(site_url + path)
        options = page.locator(f"{select} option")
        labels = options.all_inner_texts()
        assert labels[0] == NO_PLACE_LABEL and options.first.get_attribute("value") == ""
        assert labels[1:] == sorted(labels[1:], key=str.casefold)
        assert "Los Angeles" in labels and not any(label.startswith("City of") for label in labels)
        assert page.locator(select).input_value() == ""


def test_finder_without_a_place_asks_for_one(page, site_url):
    page.goto(site_url + "finder/")
    page.locator("#finder-place").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button, with the neutral choice left as it is
    page.locator("#finder-status").filter(has_text="Choose a place").wait_for(timeout=10000)
    assert page.locator("#finder-results li").count() == 0 and "place=" not in page.url


def test_home_page_picker_opens_the_place_page(page, site_url):
    page.goto(site_url)
    page.select_option("#home-place", "los-angeles")
    page.get_by_role("button", name="Open the place page").click()
    page.wait_for_url("**/places/los-angeles/")
    assert page.locator("h1").first.is_visible()


def test_home_page_cards_are_links_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url)
    cards = tab.locator("a.atlas-place-card")
    assert cards.count() == len(load_atlas().places())
    card = tab.locator('a.atlas-place-card[href$="places/los-angeles/"]')
    assert card.count() == 1 and card.inner_text().startswith("Los Angeles")
    context.close()


def test_home_page_shows_the_picker_on_a_phones_first_screen(phone, site_url):
    phone.goto(site_url)
    box = phone.locator("#atlas-place-picker button").bounding_box()
    assert box["y"] + box["height"] <= 844
    assert _sideways_overflow(phone) <= 1


def test_finder_with_an_answer_does_not_scroll_sideways_on_a_phone(phone, site_url):
    phone.goto(site_url + LA_K12)
    _wait_for_answer(phone)
    assert _sideways_overflow(phone) <= 1


@pytest.mark.parametrize("path", ["", LA_K12])
def test_home_and_finder_answer_have_no_serious_accessibility_violations(page, site_url, path):
    assert _axe_violations(page, site_url + path) == []
    if path:
        assert "responsibilities found" in page.locator("#finder-status").inner_text()  # axe saw the answer


def test_hostile_route_stays_inert_in_the_finder(page, hostile_site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site_url + "finder/?place=evil-city")
    page.locator("#finder-status").filter(has_text="Evil").wait_for(timeout=10000)
    remedies = page.locator("#finder-remedies")
    assert remedies.locator("script, img, marquee, iframe").count() == 0
    assert "<marquee>Route</marquee>" in remedies.inner_text()
    for href in remedies.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.startswith("https://")
    assert dialogs == []


def test_finder_answers_for_a_county_chosen_after_its_state(page, site_url):
    # Real data: Washington's records assign every county a sheriff; Snohomish County has no record of its own.
    errors = _console_errors(page)
    page.goto(site_url + "finder/")
    assert page.locator("#finder-county").is_disabled()
    page.select_option("#finder-state", "washington-state")
    page.locator("#finder-county option", has_text="Snohomish County").wait_for(state="attached", timeout=10000)
    assert page.locator("#finder-county option").count() == 1 + 39  # "Choose a county" and Washington's 39
    page.select_option("#finder-county", label="Snohomish County")
    _wait_for_answer(page)
    assert "for Snohomish County" in page.locator("#finder-status").inner_text()
    assert "county=53061" in page.url and "state=washington-state" in page.url
    results = page.locator("#finder-results")
    sheriff = results.locator("li", has_text="county sheriff")
    assert sheriff.count() == 1
    assert "Set by state law (State of Washington)" in sheriff.inner_text()
    assignments = load_atlas().jurisdictions["washington-state"]["assignments"]
    state_claim = next(a for a in assignments if a["body_name"] == "county sheriff")
    # exactly as certain as the state's own claim, never more
    assert sheriff.locator(".atlas-badge").inner_text() == state_claim["status"].capitalize()
    assert sheriff.locator("a", has_text="Snohomish County").get_attribute("href").endswith(
        "places/washington-state/#county-53061"
    )
    # The state's and the federal government's duties follow, from the state's file.
    text = results.inner_text()
    assert "State of Washington (state)" in text and "(federal)" in text
    page.reload()  # the address keeps the choice
    _wait_for_answer(page)
    assert page.locator("#finder-county").input_value() == "53061"
    assert errors == []


# --- ZIP codes (real data: data/geography/zip-counties.csv) ---


def _zip_answer(tab, text: str):
    tab.locator("#finder-status").filter(has_text=text).wait_for(timeout=10000)
    return tab.locator("#finder-zip-answer")


def test_finder_answers_for_a_zip_in_one_county(page, site_url):
    errors = _console_errors(page)
    page.goto(site_url + "finder/?zip=90012")
    answer = _zip_answer(page, "responsibilities found for Los Angeles County")
    assert page.locator("#finder-zip").input_value() == "90012"
    assert page.get_by_role("region", name="ZIP code 90012").count() == 1
    counties = answer.locator(".atlas-finder-zip-counties > li")
    assert counties.count() == 1 and counties.first.inner_text().startswith("Los Angeles County, California — 100% of its land")
    assert "can still cross city lines" in answer.inner_text()
    # The city is named because its record says it lies in the county, with the warning that a ZIP is not a city.
    city = answer.locator(".atlas-finder-zip-places a", has_text="Los Angeles")
    assert city.get_attribute("href").endswith("places/los-angeles/")
    assert "A ZIP code is not a city" in answer.locator(".atlas-finder-zip-places").inner_text()
    assert page.locator("#finder-results li").count() > 10  # the county's stack follows
    assert errors == []


def test_finder_lists_every_county_of_a_zip_that_spans_two_and_answers_for_the_one_chosen(page, site_url):
    # Real data: ZCTA 30307 lies mostly in DeKalb County and partly in Fulton County, Georgia.
    errors = _console_errors(page)
    page.goto(site_url + "finder/")
    page.locator("#finder-zip").focus()
    page.keyboard.type("30307")
    page.keyboard.press("Enter")
    answer = _zip_answer(page, "touches 2 counties")
    assert "ZIP code 30307 touches 2 counties: DeKalb County and Fulton County" in page.locator("#finder-status").inner_text()
    assert "zip=30307" in page.url
    items = answer.locator(".atlas-finder-zip-counties > li").all_inner_texts()
    assert [item.split(",")[0] for item in items] == ["DeKalb County", "Fulton County"]
    assert "% of its land" in items[0] and "% of its land" in items[1]
    assert page.locator("#finder-results li").count() == 0  # no stack until the reader says which county
    answer.get_by_role("link", name="Show who is responsible in Fulton County").click()
    _wait_for_answer(page)
    assert "for Fulton County" in page.locator("#finder-status").inner_text()
    assert "county=13121" in page.url and "zip=30307" in page.url
    assert answer.locator(".atlas-finder-zip-counties > li").count() == 2  # the list stays
    page.reload()  # the address keeps the choice
    _wait_for_answer(page)
    assert "for Fulton County" in page.locator("#finder-status").inner_text()
    assert errors == []


def test_a_connecticut_zip_names_its_planning_region_and_says_there_is_no_county_government(page, site_url):
    errors = _console_errors(page)
    page.goto(site_url + "finder/?zip=06451")  # Meriden: a sliver lies in a historical county no region can be told for
    answer = _zip_answer(page, "responsibilities found for South Central Connecticut Planning Region")
    items = answer.locator(".atlas-finder-zip-counties > li").all_inner_texts()
    assert items[0].startswith("South Central Connecticut Planning Region, ")
    assert items[1] == (
        "Part of this ZIP code (less than 1% of its land) lies in the historical county with Census code 09003, whose "
        "towns now lie in Capitol Planning Region, Naugatuck Valley Planning Region and Northwest Hills Planning Region; "
        "the atlas cannot tell in which of these."
    )
    note = page.locator("#finder-results .atlas-finder-note")
    assert note.inner_text().startswith("Connecticut has no county government.")
    assert page.locator("#finder-results li").count() > 5  # the state's and the federal duties follow
    assert errors == []


@pytest.mark.parametrize("code", ["99999", "00000"])  # a prefix the atlas has, and one with no file at all
def test_finder_says_an_unknown_zip_is_not_one_it_knows(page, site_url, code):
    page.goto(site_url + "finder/?zip=" + code)
    answer = _zip_answer(page, "is not a ZIP code we know")
    assert "This is not a ZIP code we know." in answer.inner_text()
    assert "choose your state and county" in answer.inner_text()
    assert page.locator("#finder-results li").count() == 0


def test_finder_says_a_territory_is_not_covered_yet(page, site_url):
    page.goto(site_url + "finder/?zip=96910")
    answer = _zip_answer(page, "Guam is not covered yet")
    assert "The atlas does not cover Guam yet" in answer.inner_text()
    assert page.locator("#finder-results li").count() == 0


def test_a_malformed_zip_gets_a_message_tied_to_the_field(page, site_url):
    page.goto(site_url + "finder/")
    field = page.locator("#finder-zip")
    field.fill("123")
    page.get_by_role("button", name="Look up the ZIP code").click()
    page.locator("#finder-zip-error").filter(has_text="5 digits").wait_for(timeout=10000)
    assert field.get_attribute("aria-invalid") == "true"
    assert "finder-zip-error" in field.get_attribute("aria-describedby").split()
    assert page.evaluate("document.activeElement.id") == "finder-zip"
    assert "needs 5 digits" in page.locator("#finder-status").inner_text()
    assert "zip=" not in page.url
    field.fill("90012")
    field.press("Enter")
    _wait_for_answer(page)
    assert field.get_attribute("aria-invalid") is None and page.locator("#finder-zip-error").inner_text() == ""


@pytest.mark.parametrize("path", ["finder/?zip=30307", "finder/?zip=90012"])
def test_zip_answers_have_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    _zip_answer(page, "ZIP code 30307 touches" if "30307" in path else "responsibilities found")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")] == []


def test_a_zip_answer_fits_a_phone_and_a_desktop(page, phone, site_url, tmp_path):
    for tab, name in [(page, "desktop"), (phone, "phone")]:
        tab.goto(site_url + "finder/?zip=30307&county=13089")
        _wait_for_answer(tab)
        answer = tab.locator("#finder-zip-answer")
        answer.scroll_into_view_if_needed()
        answer.screenshot(path=str(tmp_path / f"zip-answer-{name}.png"))
        assert (tmp_path / f"zip-answer-{name}.png").stat().st_size > 1000
        assert _sideways_overflow(tab) <= 1
        assert answer.locator("li", has_text="DeKalb County").locator(".atlas-badge", has_text="Shown below").count() == 1
