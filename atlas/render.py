"""The whole site as finished Markdown: `python -m atlas render OUT/`.

Writes OUT/docs (the hand-written pages with their macro calls expanded, one page per record
with its title and tags in front matter, and the open-data files as static files), OUT/overrides
(the theme overrides) and OUT/mkdocs.yml: this site's configuration without the macros plugin
and without hooks. Plain MkDocs with mkdocs-material builds it into the same site as the
project's own build, and a generator that runs no MkDocs plugins can build it too.

The MkDocs build and this renderer share one table of page renderers (PAGE_MACROS): the build
reaches it through mkdocs-macros (macros.py), this module calls it directly. No MkDocs import here.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape

from . import export, finder, home, pages
from .model import Atlas
from .site import GeneratedPage, generated_files, generated_pages


@dataclass(frozen=True)
class PageContext:
    """What a page renderer needs to know about the page it renders."""

    url: str  # the page's URL as MkDocs gives it: "" for the home page, "places/los-angeles/" below
    repo_url: str | None = None  # the repository, for "improve this record" links; None in local builds
    site_url: str | None = None  # the published site's address, for absolute links in metadata; None in local builds

    @property
    def base(self) -> str:
        """The relative path from this page to the site root, so links work on any host."""
        return "../" * self.url.count("/")


# Every macro a page may call, by name: (atlas, page context, *arguments) -> page body.
PAGE_MACROS: dict[str, Callable[..., str]] = {
    "jurisdiction_page": lambda atlas, page, jid: pages.render_jurisdiction_page(atlas, jid, page.base, page.repo_url),
    "right_page": lambda atlas, page, rid: pages.render_right_page(atlas, rid, page.base, page.repo_url),
    "instrument_page": lambda atlas, page, iid: pages.render_instrument_page(atlas, iid, page.base, page.repo_url),
    "goal_page": lambda atlas, page, goal: pages.render_goal_page(atlas, goal, page.base),
    "places_index": lambda atlas, page: pages.render_places_index(atlas, page.base),
    "places_state_page": lambda atlas, page, state, part: pages.render_places_state_page(atlas, state, part, page.base),
    "coverage_state_page": lambda atlas, page, state, part: pages.render_coverage_state_page(atlas, state, part, page.base),
    "compare_state_page": lambda atlas, page, area, state, part: pages.render_compare_state_page(
        atlas, area, state, part, page.base
    ),
    "rights_index": lambda atlas, page: pages.render_rights_index(atlas, page.base),
    "instruments_index": lambda atlas, page: pages.render_instruments_index(atlas, page.base),
    "coverage_table": lambda atlas, page: pages.render_coverage(atlas, page.base),
    "goals_index": lambda atlas, page: pages.render_goals_index(atlas, page.base),
    "compare_page": lambda atlas, page, area: pages.render_compare_page(atlas, area, page.base),
    "compare_index": lambda atlas, page: pages.render_compare_index(atlas, page.base),
    "map_page": lambda atlas, page, area: pages.render_map_page(atlas, area, page.base),
    "maps_index": lambda atlas, page: pages.render_maps_index(atlas, page.base),
    "finder_form": lambda atlas, page: finder.render_finder(atlas, page.base),
    "place_picker": lambda atlas, page: home.render_place_picker(atlas, page.base),
    "place_cards": lambda atlas, page: home.render_place_cards(atlas, page.base),
    "dataset_jsonld": lambda atlas, page: export.dataset_jsonld_block(atlas, page.site_url, page.base),
}

# A macro call as hand-written pages and generated pages write it: {{ name("argument", ...) }}.
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(([^)]*)\)\s*\}\}")


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a Markdown file with directory URLs: index.md -> "", a/index.md -> "a/", a/b.md -> "a/b/"."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def expand_macros(atlas: Atlas, markdown: str, src_uri: str, repo_url: str | None = None) -> str:
    """A hand-written page with each macro call replaced by what the macro renders.
    Arguments are Python literals (ids and goal numbers); anything else is an error, as in the build."""
    page = PageContext(page_url(src_uri), repo_url)

    def expand(match: re.Match) -> str:
        name, arguments = match.group(1), match.group(2).strip()
        if name not in PAGE_MACROS:
            raise ValueError(f"{src_uri}: unknown macro {name!r}")
        values = ast.literal_eval(f"({arguments},)") if arguments else ()
        return PAGE_MACROS[name](atlas, page, *values)

    return MACRO_CALL.sub(expand, markdown)


def rendered_page(atlas: Atlas, page: GeneratedPage, repo_url: str | None = None) -> str:
    """A generated page as finished Markdown: front matter (the title HTML-escaped, because the
    theme prints titles as HTML, and written as a JSON string) and the rendered body."""
    front = {"title": str(escape(page.title))} | ({"tags": list(page.tags)} if page.tags else {})
    front_matter = "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items()) + "---\n"
    body = PAGE_MACROS[page.macro](atlas, PageContext(page_url(page.src_uri), repo_url), *page.arguments)
    return front_matter + body


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags (site and repository addresses) are dropped here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)

# Settings of mkdocs.yml the rendered project leaves out: ours (hooks, the file watcher) and
# those read from the environment at build time.
_LEFT_OUT_SETTINGS = {"hooks", "watch", "site_url", "repo_url", "plugins"}


def _plugin_name(entry) -> str:
    """mkdocs.yml lists a plugin as its name, or as a one-key mapping of name to settings."""
    return entry if isinstance(entry, str) else next(iter(entry))


def plain_config(mkdocs_yml: Path) -> dict:
    """This site's configuration without the macros plugin, the hooks and the environment's settings."""
    ours = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    plugins = [plugin for plugin in ours.get("plugins", []) if _plugin_name(plugin) != "macros"]
    return {key: value for key, value in ours.items() if key not in _LEFT_OUT_SETTINGS} | {"plugins": plugins}


@dataclass(frozen=True)
class RenderResult:
    pages: int  # Markdown pages written
    seconds: float  # time spent writing docs/ (pages and open-data files)


def render_project(atlas: Atlas, project_root: Path, out: Path) -> RenderResult:
    """Write the finished project under out (which must not exist yet)."""
    from .export import site_files, write_files

    out.mkdir(parents=True)
    started = time.perf_counter()
    docs = out / "docs"
    shutil.copytree(project_root / "docs", docs)
    count = 0
    for path in sorted(docs.rglob("*.md")):
        count += 1
        source = path.read_text(encoding="utf-8")
        if "{{" in source:
            path.write_text(expand_macros(atlas, source, path.relative_to(docs).as_posix()), encoding="utf-8")
    for page in generated_pages(atlas):
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered_page(atlas, page), encoding="utf-8")
        count += 1
    write_files(generated_files(atlas), docs)  # files published beside generated pages (the comparison CSVs)
    write_files(site_files(atlas), docs)
    seconds = time.perf_counter() - started

    config = plain_config(project_root / "mkdocs.yml")
    custom_dir = config.get("theme", {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(project_root / custom_dir, out / custom_dir)
    (out / "mkdocs.yml").write_text(
        "# Rendered by `python -m atlas render`: finished pages, no macros, no hooks. Do not edit; render again.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return RenderResult(count, seconds)
