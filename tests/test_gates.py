"""Gates on the built site: links and anchors resolve, HTML is well formed, builds are reproducible."""

from __future__ import annotations

import collections
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import html5lib
import pytest
from sitebuild import serve_site

from atlas.records import DATA_DIR

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
LINKCHECK_CONFIG = Path(__file__).parent / "linkcheck" / "linkcheckerrc"


def run_linkchecker(site: Path) -> subprocess.CompletedProcess:
    """linkchecker over HTTP (so #anchors are checked) on a world-readable copy:
    run as root it drops privileges to `nobody`, which cannot read private temp dirs."""
    readable = Path(tempfile.mkdtemp(prefix="atlas-linkcheck-"))
    try:
        os.chmod(readable, 0o755)
        copy = readable / "site"
        shutil.copytree(site, copy)
        for path in [copy, *copy.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        server = serve_site(copy)
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            return subprocess.run(
                [str(LINKCHECKER), "-f", str(LINKCHECK_CONFIG), "--no-status", "-o", "text", url],
                capture_output=True,
                text=True,
                timeout=900,
            )
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(readable, ignore_errors=True)


def test_every_internal_link_and_anchor_resolves(real_site):
    result = run_linkchecker(real_site)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout, result.stdout[-3000:]


def test_link_gate_fails_on_a_broken_link_and_a_missing_anchor(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><body><a href="a/">ok</a> <a href="missing/">broken</a> <a href="a/#nope">anchor</a></body></html>'
    )
    (site / "a" / "index.html").write_text('<html><body><h1 id="here">A</h1></body></html>')
    result = run_linkchecker(site)
    assert result.returncode == 1
    assert "missing/" in result.stdout and "nope" in result.stdout


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


def test_two_builds_of_the_same_commit_are_identical(real_site, tmp_path):
    from sitebuild import build_site

    second = tmp_path / "site-again"
    result = build_site(DATA_DIR, second)
    assert result.returncode == 0, result.stderr[-2000:]
    first_files, second_files = _digest_tree(real_site), _digest_tree(second)
    assert set(first_files) == set(second_files)
    differing = sorted(name for name in first_files if first_files[name] != second_files[name] and name not in NONDETERMINISTIC)
    assert differing == []


def test_determinism_gate_notices_a_changed_file(real_site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(real_site, copy)
    (copy / "api/v1/obligations.csv").write_text("changed\n")
    assert not filecmp.cmp(real_site / "api/v1/obligations.csv", copy / "api/v1/obligations.csv", shallow=False)
    first, second = _digest_tree(real_site), _digest_tree(copy)
    assert [name for name in first if first[name] != second[name]] == ["api/v1/obligations.csv"]


@pytest.mark.parametrize("page", ["places/los-angeles/index.html", "rights/education/index.html"])
def test_sample_pages_have_a_single_h1(real_site, page):
    document = html5lib.parse((real_site / page).read_bytes(), namespaceHTMLElements=False)
    assert len(list(document.iter("h1"))) == 1


def test_builds_agree_across_hash_seeds(tmp_path):
    """Python randomises string hashing per process: set order must never reach the output."""
    from sitebuild import build_site

    data = DATA_DIR
    sites = []
    for seed in ("1", "2"):
        site = tmp_path / f"site-{seed}"
        result = build_site(data, site, extra_env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr[-2000:]
        sites.append(_digest_tree(site))
    differing = sorted(name for name in sites[0] if sites[0][name] != sites[1].get(name) and name not in NONDETERMINISTIC)
    assert differing == []
