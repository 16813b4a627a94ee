"""The real site in headless Chromium (Debian's package; nothing downloads a browser)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from atlas.records import PROJECT_ROOT

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


def test_search_for_los_angeles_leads_to_the_city_page(page, site_url):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    search = page.locator("input.md-search__input")
    result = page.locator('.md-search-result__link[href*="places/los-angeles/"]').first
    # A query typed before the search worker has built its index is dropped: type again, as a reader would.
    deadline = time.monotonic() + 90
    while True:
        search.fill("")
        search.type("Los Angeles", delay=20)
        try:
            result.wait_for(timeout=3000)
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
    result.click()
    page.wait_for_url("**/places/los-angeles/**")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "City of Los Angeles"


def test_place_page_k12_section_names_the_school_district(page, site_url):
    page.goto(site_url + "places/los-angeles/")
    k12_table = page.locator("h3#k12-education + div table")
    text = k12_table.inner_text()
    assert "Provides" in text and "Los Angeles Unified School District" in text


def _axe_violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["", "rights/education/", "places/los-angeles/", "finder/?place=seattle", "toolkit/goal-11/"])
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
    page.goto(site_url + "places/los-angeles/")
    header = page.locator("h3#housing + div table th").nth(1)  # Role
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
