"""Gates on the built site: links and anchors resolve, HTML is well formed, builds are reproducible."""

from __future__ import annotations

import collections
import hashlib
import re
from pathlib import Path

import html5lib
import pytest

from atlas.records import DATA_DIR


def test_every_internal_link_and_anchor_resolves(real_site_links):
    assert real_site_links.returncode == 0, real_site_links.stdout[-6000:] + real_site_links.stderr[-2000:]
    assert "0 errors found" in real_site_links.stdout, real_site_links.stdout[-3000:]


COUNTY_FILE_LINK = re.compile(r'href="([^"#?]*api/v2/counties/[0-9]{5}\.json)"')


def county_file_links(site: Path) -> dict[str, list[str]]:
    """Every link to a county API file in the built pages (linkchecker skips these, see linkcheckerrc):
    the linked file as a path inside the site, with the pages that link it."""
    links = collections.defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        for href in COUNTY_FILE_LINK.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve() if not href.startswith("/") else (site / href.lstrip("/")).resolve()
            links[str(target.relative_to(site.resolve()))].append(str(page.relative_to(site)))
    return links


def test_county_file_links_finder(tmp_path):
    (tmp_path / "api/v2/counties").mkdir(parents=True)
    (tmp_path / "places/texas").mkdir(parents=True)
    (tmp_path / "places/texas/index.html").write_text(
        '<a href="../../api/v2/counties/48201.json">Harris</a> <a href="/api/v2/counties/48113.json">Dallas</a>'
        ' <a href="../../api/v2/counties/index.json">not a county file</a>', encoding="utf-8")
    assert county_file_links(tmp_path) == {
        "api/v2/counties/48201.json": ["places/texas/index.html"],
        "api/v2/counties/48113.json": ["places/texas/index.html"],
    }


def test_every_county_file_link_resolves(real_site):
    links = county_file_links(real_site)
    assert len(links) > 3000, f"only {len(links)} county files linked: has the page that lists them changed?"
    missing = {target: pages[:3] for target, pages in links.items() if not (real_site / target).is_file()}
    assert not missing, f"{len(missing)} county links lead nowhere, e.g. {list(missing.items())[:5]}"


def _html_problems(path: Path) -> list[str]:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(path.read_bytes())
    problems = [f"parse error {code} {data}" for _pos, code, data in parser.errors if code not in _TOLERATED_PARSE_ERRORS]
    ids = collections.Counter(element.get("id") for element in document.iter() if element.get("id"))
    problems += [f"duplicate id '{element_id}' ({count}×)" for element_id, count in ids.items() if count > 1]
    for table in document.iter("table"):
        head = table.find("thead/tr")
        width = len(head) if head is not None else None
        for row in table.iterfind("tbody/tr"):
            if width is not None and len(row) != width:
                problems.append(f"table row with {len(row)} cells under a header of {width}")
    return problems


# The theme's own markup draws these from html5lib; they are not defects of generated content.
_TOLERATED_PARSE_ERRORS = {"unexpected-end-tag-implies-table-voodoo"}


def test_generated_pages_are_well_formed(real_site):
    problems = {}
    for page in sorted(real_site.rglob("*.html")):
        found = _html_problems(page)
        if found:
            problems[str(page.relative_to(real_site))] = found[:5]
    assert problems == {}


def test_well_formedness_gate_catches_duplicate_ids_and_ragged_tables(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!doctype html><html><head><title>x</title></head><body><p id='a'></p><p id='a'></p>"
        "<table><thead><tr><th>1</th><th>2</th></tr></thead><tbody><tr><td>only one</td></tr></tbody></table></body></html>"
    )
    problems = _html_problems(page)
    assert "duplicate id 'a' (2×)" in problems
    assert "table row with 1 cells under a header of 2" in problems


def _digest_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


# Files that legitimately differ between two builds of one commit, and why.
NONDETERMINISTIC = {
    "sitemap.xml.gz": "gzip stores the compression time in its header",
}


@pytest.mark.parametrize("page", ["places/los-angeles/index.html", "rights/education/index.html"])
def test_sample_pages_have_a_single_h1(real_site, page):
    document = html5lib.parse((real_site / page).read_bytes(), namespaceHTMLElements=False)
    assert len(list(document.iter("h1"))) == 1


def test_two_builds_of_the_same_commit_are_identical_whatever_the_hash_seed(real_site, tmp_path):
    """A second build, with another string-hash seed than the first (Python randomises it per
    process): neither the build nor set order may leave a trace in the output."""
    from sitebuild import build_site

    second = tmp_path / "site-again"
    result = build_site(DATA_DIR, second, extra_env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr[-2000:]
    first_files, second_files = _digest_tree(real_site), _digest_tree(second)
    assert set(first_files) == set(second_files)
    differing = sorted(name for name in first_files if first_files[name] != second_files[name] and name not in NONDETERMINISTIC)
    assert differing == []
