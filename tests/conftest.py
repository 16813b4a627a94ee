from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (sitebuild)

from atlas.records import DATA_DIR, PROJECT_ROOT

FIXTURE_ATLAS = Path(__file__).parent / "fixtures" / "atlas"


def make_data_dir(target: Path, source: Path = FIXTURE_ATLAS) -> Path:
    """A data folder: the small fixture records plus the real UN SDG reference text and source rules."""
    shutil.copytree(source, target)
    shutil.copytree(DATA_DIR / "sdg", target / "sdg")
    shutil.copytree(DATA_DIR / "source-rules", target / "source-rules")
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "data")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture dataset plus hostile records, built into a site."""
    from sitebuild import build_site

    root = tmp_path_factory.mktemp("hostile")
    data = make_data_dir(root / "data")
    for record in sorted(HOSTILE.glob("*.yaml")):
        shutil.copy(record, data / "jurisdictions" / record.name)
    result = build_site(data, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


_real_site_link_check = []  # the one linkchecker run of the session, started with the real site's build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real records, built into a site with the API, once per test session. The link gate's
    linkchecker run starts right away in the background (see real_site_links)."""
    from sitebuild import LinkCheck, build_site

    site = tmp_path_factory.mktemp("real") / "site"
    result = build_site(DATA_DIR, site)
    assert result.returncode == 0, result.stderr[-3000:]
    _real_site_link_check.append(LinkCheck(site))
    return site


@pytest.fixture(scope="session")
def real_site_links(real_site):
    """linkchecker's finished run over the real site (it ran while other tests did)."""
    return _real_site_link_check[0].result()


SITE_FIXTURES = {"real_site", "real_site_links", "hostile_site"}


def pytest_collection_modifyitems(items):
    """Tests that need a built site carry the `site` marker, so `make test-unit` can leave them out."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)


# --- The browser tests' shared setup (tests/test_browser*.py): one Chromium and one server per site for the session.
# Playwright's sync API allows one running instance per thread, so these live here, not in each test file.

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site_url(real_site):
    from sitebuild import serve_site

    server = serve_site(real_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_site_url(hostile_site):
    from sitebuild import serve_site

    server = serve_site(hostile_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make browser-deps` (make test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
