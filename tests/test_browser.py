"""The real site in headless Chromium (Debian's package; nothing downloads a browser)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from atlas.records import PROJECT_ROOT
from atlas.sdg import load_sdg_framework

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / ".cache/axe-core/node_modules/axe-core/axe.min.js"


def _console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_home_page_loads_without_console_errors(page, site_url):
    errors = _console_errors(page)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Who is responsible for your rights?"
    assert errors == []


def _search_by_keyboard(page, site_url, query):
    """Open the site, Tab to the header's search box, type the query; the results' status once shown."""
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "atlas-search-input":
            break
    else:
        raise AssertionError("Tab never reached the search box")
    page.keyboard.type(query, delay=20)
    status = page.locator(".atlas-search__status")
    status.filter(has_text=query).wait_for(timeout=15000)
    return status


def _focused_href(page):
    return page.evaluate("document.activeElement.getAttribute('href') || ''")


def test_search_for_los_angeles_leads_to_the_city_page(page, site_url):
    status = _search_by_keyboard(page, site_url, "Los Angeles")
    assert re.fullmatch(r"\d+ results? for “Los Angeles”(, the first \d+ shown)?\.", status.inner_text())
    assert status.get_attribute("role") == "status"
    for _ in range(20):  # arrow down through the results to the city's own page
        page.keyboard.press("ArrowDown")
        if _focused_href(page).endswith("places/los-angeles/"):
            break
    else:
        raise AssertionError("no result leads to places/los-angeles/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/places/los-angeles/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "City of Los Angeles"


def test_search_results_are_reached_with_tab_and_left_with_escape(page, site_url):
    _search_by_keyboard(page, site_url, "eviction")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.atlas-search__results') !== null")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "atlas-search-input"
    page.keyboard.press("Escape")
    assert page.locator(".atlas-search__panel").is_hidden()


def test_search_for_police_misconduct_finds_a_policing_section_or_right(page, site_url):
    _search_by_keyboard(page, site_url, "police misconduct")
    hrefs = page.locator("a.atlas-search__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("#policing" in href or "rights/" in href for href in hrefs[:4]), hrefs


def test_place_page_k12_section_names_the_school_district(page, site_url):
    page.goto(site_url + "places/los-angeles/#k12-education")
    section = page.locator(".atlas-area-section", has=page.locator("h3#k12-education"))
    section.locator("details.atlas-area[open]").wait_for(timeout=5000)  # the link to the area opens it
    rows = section.locator("li.atlas-duty").all_inner_texts()
    assert any("Runs it" in row and "Los Angeles Unified School District" in row for row in rows), rows


def test_a_law_limiting_the_district_leads_to_its_open_entry_on_the_federal_page(page, site_url):
    """The District's page lists the federal laws limiting it as links; each lands on the law's full
    entry, inside a closed section of the federal page that the link opens."""
    page.goto(site_url + "places/district-of-columbia/")
    link = page.locator("h2#preemptions ~ div li.atlas-duty--over a[href*='#preemption-']").first
    assert "places/united-states/#preemption-" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/places/united-states/#preemption-*")
    entry = page.locator(page.url[page.url.index("#"):])
    entry.wait_for(state="visible", timeout=5000)
    assert "Legal basis:" in entry.inner_text() and entry.is_visible()


def _axe_violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "finder/?place=" in url:  # check the finder with its result shown
        page.locator("#finder-status").filter(has_text="responsibilities found").wait_for(timeout=10000)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")]


# One page of every kind: home, finder with a result, place, state, right, treaty, goal, comparisons, indexes, coverage.
@pytest.mark.parametrize(
    "path",
    [
        "",
        "finder/?place=seattle",
        "places/los-angeles/",
        "places/california/",
        "rights/education/",
        "instruments/iccpr/",
        "toolkit/goal-11/",
        "toolkit/",
        "compare/policing/",
        "compare/",
        "places/",
        "rights/",
        "instruments/",
        "coverage/",
    ],
)
def test_no_serious_accessibility_violations(page, site_url, path):
    assert AXE.is_file(), "axe-core is not installed: run `make browser-deps`"
    assert _axe_violations(page, site_url + path) == []


def test_finder_shows_the_school_district_as_provider_and_keeps_the_choice_in_the_url(page, site_url):
    page.goto(site_url + "finder/")
    page.select_option("#finder-place", "los-angeles")
    page.select_option("#finder-topic", "area:k12-education")
    status = page.locator("#finder-status")
    status.filter(has_text="responsibilities found").wait_for(timeout=10000)
    first = page.locator("#finder-results li").first.inner_text()
    assert first.startswith("Provides:") and "Los Angeles Unified School District" in first
    assert "place=los-angeles" in page.url and "topic=area%3Ak12-education" in page.url

    shared = page.url
    fresh = page.context.new_page()
    fresh.goto(shared)
    fresh.locator("#finder-status").filter(has_text="responsibilities found").wait_for(timeout=10000)
    assert fresh.locator("#finder-results li").first.inner_text() == first
    assert fresh.locator("#finder-status").get_attribute("aria-live") == "polite"


def test_finder_is_keyboard_usable(page, site_url):
    page.goto(site_url + "finder/")
    page.focus("#finder-place")
    page.keyboard.press("End")  # last place in the list
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button
    page.locator("#finder-status").filter(has_text="for ").wait_for(timeout=10000)
    assert page.locator("#finder-results h2").count() >= 1


def test_without_javascript_every_place_is_still_reachable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "finder/")
    links = page.locator('#every-place ~ div a[href*="places/los-angeles/#k12-education"]')
    assert links.count() == 1
    context.close()


def test_printable_checklist_hides_navigation_and_renders_to_pdf(page, site_url, tmp_path):
    page.goto(site_url + "toolkit/checklist/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").first.evaluate("e => getComputedStyle(e).display") == "none"
    pdf = page.pdf(path=str(tmp_path / "checklist.pdf"))
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    screenshot = os.environ.get("ATLAS_SCREENSHOT_DIR")
    if screenshot:
        page.screenshot(path=str(Path(screenshot) / "checklist-print.png"), full_page=True)


def test_place_page_is_usable_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "places/los-angeles/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, "the page scrolls sideways on a phone; wide tables must scroll inside their own box"
    screenshot = os.environ.get("ATLAS_SCREENSHOT_DIR")
    if screenshot:
        page.screenshot(path=str(Path(screenshot) / "los-angeles-phone.png"))
    context.close()


def test_sortable_tables_sort_on_click(page, site_url):
    page.goto(site_url + "places/")
    header = page.locator("h2#level-city + div table th").nth(3)  # Obligations held here
    header.click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")


def test_hostile_record_stays_inert_in_the_browser(page, hostile_site_url):
    """Record text reaches the finder through the JSON API; nothing in it may run or become markup."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = _console_errors(page)
    page.goto(hostile_site_url + "places/evil-city/")
    page.wait_for_load_state("networkidle")
    page.goto(hostile_site_url + "finder/?place=evil-city")
    page.locator("#finder-status").filter(has_text="Evil").wait_for(timeout=10000)
    results = page.locator("#finder-results")
    assert results.locator("script, img, svg, iframe, style, marquee, details").count() == 0
    assert "<svg onload=alert('body')>Body</svg>" in results.inner_text()
    for href in results.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert not href.lower().startswith(("javascript:", "data:"))
    assert dialogs == []
    assert errors == []


# --- answer-first pages, phones, comparing places, everyday search words ----------------

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _page_height_in_screens(browser, url, viewport) -> float:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.locator("details.atlas-area[open]").count() == 0, "issue areas must be closed by default"
    height = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    return height / viewport["height"]


def test_los_angeles_page_answers_within_twelve_desktop_screens(browser, site_url):
    screens = _page_height_in_screens(browser, site_url + "places/los-angeles/", DESKTOP)
    phone_screens = _page_height_in_screens(browser, site_url + "places/los-angeles/", PHONE)
    print(f"Los Angeles page: {screens:.1f} desktop screens (1280x800), {phone_screens:.1f} phone screens (390x844)")
    assert screens <= 12


def test_where_to_complain_starts_within_the_first_two_screens(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "places/los-angeles/")
    top = page.evaluate("document.getElementById('complain').getBoundingClientRect().top + window.scrollY")
    routes = page.locator("#complain ~ div .atlas-route")
    assert top <= 1600 and routes.count() >= 1
    assert routes.first.locator("a[href^='https://']").count() >= 1  # a way to reach the body
    context.close()


@pytest.mark.parametrize(
    "path", ["places/los-angeles/", "rights/adequate-housing/", "toolkit/goal-16/", "places/", "compare/policing/", "coverage/"]
)
def test_nothing_scrolls_sideways_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    inner = page.evaluate(
        "[...document.querySelectorAll('.atlas-scroll')].filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    context.close()
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    assert inner == 0, f"{path} has {inner} table(s) that scroll sideways inside their box"


def _places_from_records():
    from atlas.model import load_atlas

    atlas = load_atlas()
    return atlas, [(jid, atlas.jurisdictions[jid]["name"]) for jid in atlas.places()]


def test_compare_page_lists_every_place(page, site_url):
    _, places = _places_from_records()
    page.goto(site_url + "compare/policing/")
    rows = page.locator("table.atlas-matrix tbody tr th[scope=row] a")
    hrefs = rows.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [href.split("/")[-2] for href in hrefs] == [jid for jid, _ in places]
    assert rows.all_inner_texts() == [name for _, name in places]


def test_compare_csv_download_has_one_row_per_place(page, site_url):
    import csv
    import io

    _, places = _places_from_records()
    page.goto(site_url + "compare/policing/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this table as CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["place_id"] for row in rows] == [jid for jid, _ in places]
    assert all(row["issue_area"] == "policing" for row in rows)
    table_rows = page.locator("table.atlas-matrix tbody tr:not(.atlas-matrix__shared)").count()
    assert table_rows == len(rows)


def test_compare_filters_narrow_cells_to_the_chosen_right(page, site_url):
    atlas, _ = _places_from_records()
    right = next(r for r, d in sorted(atlas.rights.items()) if d["issue_area"] == "policing")
    page.goto(site_url + "compare/policing/")
    page.get_by_label("Right").select_option(right)
    visible = page.locator(".atlas-holders li[data-route='no']:visible")
    hidden = page.locator(".atlas-holders li[data-route='no'][hidden]")
    assert visible.count() >= 1 and hidden.count() >= 1
    for rights in visible.evaluate_all("items => items.map(li => li.dataset.rights)"):
        assert right in rights.split()
    page.get_by_label("Right").select_option("")
    assert page.locator(".atlas-holders li[hidden]").count() == 0


def test_compare_table_works_without_javascript(browser, site_url):
    _, places = _places_from_records()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "compare/housing/")
    assert page.locator("table.atlas-matrix tbody tr:not(.atlas-matrix__shared)").count() == len(places)
    assert page.locator("form.atlas-filters").is_hidden()  # filters need JavaScript; the table does not
    # What every place shares (the federal government's bodies) is one first row, not repeated in each.
    shared = page.locator("table.atlas-matrix tbody tr.atlas-matrix__shared")
    assert shared.count() == 1 and shared.locator("a[href*='places/united-states/']").count() >= 1
    federal = shared.locator("li").first.inner_text()
    place_rows = page.locator("table.atlas-matrix tbody tr:not(.atlas-matrix__shared)").all_inner_texts()
    assert all(federal not in row for row in place_rows)
    context.close()


def test_search_for_homeless_leads_to_a_housing_section(page, site_url):
    _search_by_keyboard(page, site_url, "homeless")
    page.keyboard.press("ArrowDown")
    href = _focused_href(page)
    # A housing section, the right to housing, the housing comparison, or a homelessness agency's own page.
    relevant = ("#housing", "rights/adequate-housing/", "compare/housing/", "homeless")
    assert any(target in href for target in relevant), href
    snippet = page.evaluate("document.activeElement.innerText")
    assert "homeless" in snippet.lower()
    assert not re.search(r"[a-z][A-Z][a-z]+[A-Z]", snippet.split("\n", 1)[-1]), snippet  # no cells run together
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*(#housing|rights/adequate-housing/|compare/housing/|homeless).*"))


def test_fixture_site_place_page_shows_what_the_un_asked(page, hostile_site_url):
    """Built from the fixture records: the UN section lists their recommendations by issue area."""
    page.goto(hostile_site_url + "places/city-one/")
    section = page.locator("h2#un-recommendations")
    assert section.inner_text().rstrip("¶") == "What the UN has asked of these governments"
    areas = page.locator(".atlas-recommendations h3").all_inner_texts()
    assert areas == ["Public health", "K-12 education", "Policing and detention"]
    police = page.locator(".atlas-recommendation", has_text="CCPR/C/EXA/CO/1, para. 10 (a)")
    assert police.locator("blockquote").inner_text() == "Ensure that every use of force by police is necessary and proportionate."
    assert police.locator("a", has_text="para. 10 (a)").get_attribute("href") == "https://www.example-atlas.test/ccpr-c-exa-co-1"
    assert "Falls on: city, county (here: City of Example" in police.inner_text()
    screenshot = os.environ.get("ATLAS_SCREENSHOT_DIR")
    if screenshot:
        page.locator("h2#un-recommendations").scroll_into_view_if_needed()
        page.screenshot(path=str(Path(screenshot) / "un-recommendations.png"))


def test_goal_tiles_sit_side_by_side_in_their_colours(page, site_url):
    """The toolkit's 17 goal tiles form a grid (not a bulleted column), each in its goal's colour."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "toolkit/")
    tiles = page.locator(".atlas-goal-tiles .atlas-goal-tile")
    assert tiles.count() == 17
    tops = [tiles.nth(i).bounding_box()["y"] for i in range(3)]
    assert tops[0] == tops[1] == tops[2]
    assert page.locator(".atlas-goal-tiles > li").first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    colour = load_sdg_framework().colours["1"]
    expected = "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
    assert tiles.first.evaluate("a => getComputedStyle(a).backgroundColor") == expected


def test_one_click_on_the_place_page_saves_the_shadow_report_notes(page, hostile_site_url):
    """The Markdown link downloads the notes as a .md file whose first line names the place and the review."""
    page.goto(hostile_site_url + "places/city-one/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Markdown notes on ECCR (Example Committee)").click()
    download = download_info.value
    assert download.suggested_filename == "city-one-covenant-one-shadow-report.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Shadow-report notes: City of Example, ECCR (Example Committee)"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV notes on Universal Periodic Review (Human Rights Council)").click()
    assert download_info.value.suggested_filename == "city-one-upr-shadow-report.csv"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_treaty_page_answers_on_the_first_screen(browser, site_url, viewport):
    """The US status and the first condition bearing on state and local governments (the ICCPR's
    federalism understanding) start within the first screen."""
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(site_url + "instruments/iccpr/")
    page.wait_for_load_state("networkidle")
    status = page.locator(".atlas-answer__status")
    first_condition = page.locator("h2#ruds ~ div .atlas-duty").first
    assert "by the United States" in status.inner_text()
    assert "understanding" in first_condition.inner_text().lower()
    top = first_condition.evaluate("e => e.getBoundingClientRect().top")
    context.close()
    assert top < viewport["height"], f"the first condition starts at {top}px, below the first screen"


def test_search_results_show_record_text_as_text(page, site_url):
    _search_by_keyboard(page, site_url, "homeless")
    panel = page.locator(".atlas-search__panel")
    # Only our own elements and Pagefind's <mark> inside the results; everything else is text.
    tags = panel.evaluate("p => [...new Set([...p.querySelectorAll('*')].map(e => e.tagName))].sort()")
    assert set(tags) <= {"A", "LI", "MARK", "OL", "P", "SPAN", "UL"}, tags
    assert panel.locator("mark").count() > 0


def test_hostile_record_in_search_results_stays_text(page, hostile_site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _search_by_keyboard(page, hostile_site_url, "Evil")
    title = page.locator('a.atlas-search__link[href$="places/evil-city/"] .atlas-search__title').first
    assert title.inner_text() == "Evil <script>alert('name')</script> City {{ config.site_name }} {% raw %}"
    assert page.locator(".atlas-search__panel script, .atlas-search__panel img, .atlas-search__panel svg").count() == 0
    assert dialogs == []


def test_no_serious_accessibility_violations_with_search_open(page, site_url):
    assert AXE.is_file(), "axe-core is not installed: run `make browser-deps`"
    _search_by_keyboard(page, site_url, "homeless")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_one_search_downloads_a_small_part_of_the_index(page, site_url):
    """Pagefind fetches only what a query needs; the theme's whole-site index is gone."""
    fetched = {}
    page.on("response", lambda response: fetched.__setitem__(response.url, len(response.body())) if response.ok else None)
    _search_by_keyboard(page, site_url, "homeless")
    page.wait_for_load_state("networkidle")
    search_bytes = sum(size for url, size in fetched.items() if "/pagefind/" in url)
    print(f"one search downloaded {search_bytes:,} bytes in {sum('/pagefind/' in u for u in fetched)} files")
    assert not any("search_index.json" in url for url in fetched)
    assert any(url.endswith(".pf_fragment") for url in fetched)
    assert 0 < search_bytes < 300_000




# --- a search index split into parts (past PLACES_PER_PART places; the real atlas is one index) -------


@pytest.fixture(scope="module")
def split_search_url(tmp_path_factory):
    """A page holding the header's search form and assets/search.js, over the index of 40 synthetic
    places split into parts of at most 8 (as 20,000 places are split into parts of 250)."""
    import json
    import shutil

    from sitebuild import serve_site

    from atlas.model import load_atlas
    from atlas.search_index import PARTS_FILE, write_search_index
    from benchmarks.bench import generate_dataset

    root = tmp_path_factory.mktemp("split-search")
    generate_dataset(root / "data", 40)
    site, docs = root / "site", root / "docs"
    docs.mkdir()
    atlas = load_atlas(root / "data")
    summary = write_search_index(atlas, site, docs, per_part=8)  # Playwright's event loop runs in this thread
    assert summary.parts > 2
    header = (PROJECT_ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="atlas-search".*?</form>', header, re.DOTALL).group(0)
    (site / "index.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>'
                                     f'</head><body>{form}<script src="assets/search.js"></script></body></html>')
    (site / "assets").mkdir()
    shutil.copy(PROJECT_ROOT / "docs/assets/search.js", site / "assets/search.js")
    server = serve_site(site)
    manifest = json.loads((site / "pagefind" / PARTS_FILE).read_text(encoding="utf-8"))
    yield f"http://127.0.0.1:{server.server_address[1]}/", atlas, manifest
    server.shutdown()


def test_a_split_index_finds_a_place_by_name_loading_only_the_part_of_its_name(page, split_search_url):
    from atlas.home import short_name
    from atlas.search_index import key_of, routing_words

    url, atlas, manifest = split_search_url
    jid, record = next((jid, record) for jid, record in sorted(atlas.jurisdictions.items())
                       if record["level"] == "city" and len(routing_words(short_name(record))) == 1)
    name = short_name(record)
    part_of_key = {key: number for number, keys in enumerate(manifest["parts"]) for key in keys}
    part = f"places-{part_of_key[key_of(next(iter(routing_words(name))), part_of_key)]}/"
    fetched = []
    page.on("response", lambda response: fetched.append(response.url) if response.ok else None)
    _search_by_keyboard(page, url, name)
    hrefs = page.locator("ol.atlas-search__results > li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"/places/{jid}/" in hrefs
    assert len(hrefs) == len(set(hrefs))  # a place in two merged parts is shown once
    # Only places: not the main index's hidden names documents, nor pages it found for a prefix of the name.
    assert all(href.startswith("/places/") for href in hrefs), hrefs
    loaded_parts = {u.split("/pagefind/")[1].split("/")[0] + "/" for u in fetched if "/pagefind/places-" in u}
    assert loaded_parts == {part}
    assert not any(u.endswith("pagefind-worker.js") for u in fetched)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/places/.+/"))


def test_a_split_index_merges_the_parts_of_two_names_and_searches_only_the_latest_query(page, split_search_url):
    from atlas.home import short_name
    from atlas.search_index import key_of, routing_words

    url, atlas, manifest = split_search_url
    part_of_key = {key: number for number, keys in enumerate(manifest["parts"]) for key in keys}
    by_part = {}
    for jid, record in sorted(atlas.jurisdictions.items()):
        words = routing_words(short_name(record))
        if record["level"] == "city" and len(words) == 1:
            by_part.setdefault(part_of_key[key_of(next(iter(words)), part_of_key)], (jid, short_name(record)))
    (first_id, first), (second_id, second) = list(by_part.values())[:2]
    fetched = []
    page.on("response", lambda response: fetched.append(response.url) if response.ok else None)
    # Each part holds one of the names; Pagefind leaves out of a search a word its index does not have,
    # so each part answers with its own place.
    _search_by_keyboard(page, url, f"{first} {second}")
    assert len({u.split("/pagefind/")[1].split("/")[0] for u in fetched if "/pagefind/places-" in u}) == 2
    hrefs = page.locator("ol.atlas-search__results > li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {f"/places/{first_id}/", f"/places/{second_id}/"} <= set(hrefs)
    page.locator("#atlas-search-input").fill(second)
    page.locator(".atlas-search__status").filter(has_text=f"for “{second}”").wait_for(timeout=15000)
    hrefs = page.locator("ol.atlas-search__results > li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"/places/{second_id}/" in hrefs and f"/places/{first_id}/" not in hrefs
