"""The national maps in headless Chromium: a state's shape is a link (by mouse and by keyboard), focus
is visible, nothing scrolls sideways on a phone, the map shows without JavaScript, and axe-core finds
nothing serious. Screenshots of one map (desktop and phone) go to the test's temporary folder.

The browser and the served site are conftest.py's fixtures, the axe and console helpers test_browser.py's.
"""

from __future__ import annotations

import pytest
from test_browser import AXE, _axe_violations, _console_errors

pytestmark = pytest.mark.browser

POLICING_MAP = "maps/policing/"
STATE_LINKS = "svg.atlas-map__svg a.atlas-map__state"


def test_clicking_a_state_opens_its_page(page, site_url):
    errors = _console_errors(page)
    page.goto(site_url + POLICING_MAP)
    page.locator(f"{STATE_LINKS}[*|href$='places/washington-state/']").click()
    page.wait_for_url("**/places/washington-state/")
    assert "Washington" in page.locator("h1").first.inner_text()
    assert errors == []


def test_state_links_are_reached_with_tab_show_focus_and_open_with_enter(page, site_url):
    page.goto(site_url + POLICING_MAP)
    page.wait_for_load_state("networkidle")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.atlas-map__state')"):
            break
    else:
        raise AssertionError("Tab never reached a state on the map")
    focused = page.evaluate(
        "(() => { const a = document.activeElement, s = getComputedStyle(a.querySelector('path'));"
        " return {href: a.href.baseVal, stroke: parseFloat(s.strokeWidth), opacity: parseFloat(s.fillOpacity),"
        " title: a.querySelector('title').textContent}; })()"
    )
    assert focused["stroke"] >= 3 and focused["opacity"] < 1, focused  # a thick border and a paler fill
    assert focused["title"].startswith("Alabama: "), focused  # states are in name order
    page.keyboard.press("Enter")
    page.wait_for_url("**" + focused["href"].removeprefix("../.."))
    assert "Alabama" in page.locator("h1").first.inner_text()


def test_every_shape_on_the_map_has_a_title(page, site_url):
    page.goto(site_url + POLICING_MAP)
    titles = page.evaluate(
        "[...document.querySelectorAll('svg.atlas-map__svg path')]"
        ".map(p => p.parentElement.querySelector(':scope > title')?.textContent || '')"
    )
    assert len(titles) == 51 and all(": " in title for title in titles), titles


@pytest.mark.parametrize("path", ["maps/", POLICING_MAP])
def test_maps_have_no_serious_accessibility_violations(page, site_url, path):
    assert AXE.is_file(), "axe-core is not installed: run `make browser-deps`"
    assert _axe_violations(page, site_url + path) == []


def test_map_table_opened_has_no_serious_accessibility_violations(page, site_url):
    page.goto(site_url + POLICING_MAP)
    page.locator(".atlas-map__table summary").click()
    assert page.locator(".atlas-map__table tbody tr").count() == 51
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], v["impact"]) for v in results["violations"] if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("path", ["maps/", POLICING_MAP])
def test_maps_fit_a_phone_and_show_without_javascript(browser, site_url, tmp_path, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    inner = page.evaluate("[...document.querySelectorAll('.atlas-scroll')].filter(e => e.scrollWidth > e.clientWidth + 1).length")
    box = page.locator("svg.atlas-map__svg").bounding_box() if path == POLICING_MAP else None
    page.screenshot(path=str(tmp_path / "map-phone.png"), full_page=True)
    context.close()
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    assert inner == 0, f"{path} has {inner} box(es) that scroll sideways"
    if box:
        assert 300 <= box["width"] <= 390 and box["height"] > 150, box


def test_map_screenshot_on_a_desktop(page, site_url, tmp_path):
    page.goto(site_url + POLICING_MAP)
    box = page.locator("svg.atlas-map__svg").bounding_box()
    page.screenshot(path=str(tmp_path / "map-desktop.png"))
    assert box["width"] >= 600, box  # the map uses the width of the content column
