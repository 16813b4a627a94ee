"""`python -m atlas render`: the site as finished Markdown that plain MkDocs builds into the same site."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import MKDOCS, build_site

from atlas.model import load_atlas
from atlas.records import PROJECT_ROOT
from atlas.render import MACRO_CALL, PAGE_MACROS, expand_macros, page_url, plain_config
from benchmarks.bench import generate_dataset


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_page_url_follows_mkdocs_directory_urls():
    assert page_url("index.md") == ""
    assert page_url("places/index.md") == "places/"
    assert page_url("places/los-angeles.md") == "places/los-angeles/"
    assert page_url("coverage.md") == "coverage/"


def test_every_macro_a_hand_written_page_calls_is_a_page_renderer():
    called = {match.group(1) for page in (PROJECT_ROOT / "docs").rglob("*.md")
              for match in MACRO_CALL.finditer(page.read_text(encoding="utf-8"))}
    assert called and called <= set(PAGE_MACROS), called - set(PAGE_MACROS)


def test_an_unknown_macro_is_an_error_naming_the_page(data_dir):
    with pytest.raises(ValueError, match=r"about\.md: unknown macro 'nope'"):
        expand_macros(load_atlas(data_dir), "text {{ nope() }}", "about.md")


def test_the_plain_config_has_no_hooks_and_no_macros():
    config = plain_config(PROJECT_ROOT / "mkdocs.yml")
    assert "hooks" not in config
    names = [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in config["plugins"]]
    assert "macros" not in names and "search" not in names  # search is Pagefind's, written by `atlas search-index`
    assert config["theme"]["name"] == "material"


def test_no_module_outside_the_mkdocs_glue_imports_mkdocs():
    """Only hooks/ and macros.py may depend on MkDocs, so the pages outlive the generator."""
    generator_modules = ("mkdocs", "material", "mkdocs_macros")
    offenders = []
    for path in sorted([*PROJECT_ROOT.glob("atlas/*.py"), *PROJECT_ROOT.glob("benchmarks/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in generator_modules]
    assert offenders == []


@pytest.mark.site
def test_rendered_markdown_builds_with_plain_mkdocs_into_the_same_site(tmp_path):
    """Every page and file byte for byte, the search index included once `python -m atlas
    search-index` has run on the plain build. The benchmark's floor is this output, so the ratio
    ours/floor is the cost of our code alone."""
    generate_dataset(tmp_path / "data", 6, obligations=3)
    ours = build_site(tmp_path / "data", tmp_path / "ours")
    assert ours.returncode == 0, ours.stderr
    rendered = subprocess.run(
        [sys.executable, "-m", "atlas", "render", str(tmp_path / "rendered"), "--data", str(tmp_path / "data")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert rendered.returncode == 0, rendered.stderr
    config = yaml.safe_load((tmp_path / "rendered" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    plain = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-d", str(tmp_path / "plain-site")],
        cwd=tmp_path / "rendered",
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert plain.returncode == 0, plain.stderr
    indexed = subprocess.run(
        [sys.executable, "-m", "atlas", "search-index", str(tmp_path / "plain-site"), "--data", str(tmp_path / "data")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert indexed.returncode == 0, indexed.stderr

    ours_files, plain_files = _files(tmp_path / "ours"), _files(tmp_path / "plain-site")
    assert sorted(ours_files) == sorted(plain_files)
    differing = [name for name in ours_files if ours_files[name] != plain_files[name]]
    assert set(differing) <= {"sitemap.xml.gz"}  # it carries its gzip time
    assert "pagefind/pagefind-entry.json" in ours_files
    assert any(name.startswith("places/") for name in ours_files) and "api/v2/obligations.csv" in ours_files


def test_render_refuses_an_existing_folder_and_invalid_records(tmp_path, data_dir):
    (tmp_path / "out").mkdir()
    existing = subprocess.run([sys.executable, "-m", "atlas", "render", str(tmp_path / "out"), "--data", str(data_dir)],
                              cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert existing.returncode == 2 and "already exists" in existing.stderr
    broken = data_dir / "jurisdictions" / "broken.yaml"
    broken.write_text("id: broken\n", encoding="utf-8")
    invalid = subprocess.run([sys.executable, "-m", "atlas", "render", str(tmp_path / "new"), "--data", str(data_dir)],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert invalid.returncode == 1 and "broken.yaml" in invalid.stdout and not (tmp_path / "new").exists()
