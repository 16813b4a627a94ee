"""MkDocs hooks: validate the records before anything renders, then add one page per record.

Listed under `hooks:` in mkdocs.yml. The work is done in the `atlas` package; this file
only connects it to MkDocs events.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# MkDocs puts only this file's folder on sys.path. Put the project's own folder first, so the build
# imports this checkout's atlas package even when the virtual environment was made in another checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from atlas.build_state import InvalidRecords, current_atlas, load_for_build  # noqa: E402
from atlas.export import site_files  # noqa: E402
from atlas.project import Project, foreign_package_message  # noqa: E402
from atlas.raw_blocks import new_nonce, restore_blocks, stash_blocks  # noqa: E402
from atlas.search_index import write_search_index  # noqa: E402
from atlas.site import generated_files, generated_pages, page_source, page_title  # noqa: E402
from atlas.validate import format_problem, summary_line  # noqa: E402

log = logging.getLogger("mkdocs.atlas")
_titles: dict[str, str] = {}  # generated page src_uri -> escaped title, for this build
_nonce = new_nonce()  # marks the tokens that stand for a generated page's raw HTML blocks (atlas.raw_blocks)
_stashed: dict[str, list[str]] = {}  # generated page src_uri -> its raw HTML blocks, between Markdown and content


@event_priority(100)  # before the macros plugin reads its configuration
def on_config(config):
    project = Project(Path(config["config_file_path"]).resolve().parent)
    foreign = foreign_package_message(project)
    if foreign:
        raise PluginError(foreign)
    data_dir = Path(os.environ.get("ATLAS_DATA_DIR") or project.data_dir)
    project_root = project.root
    try:
        load_for_build(data_dir)
    except InvalidRecords as invalid:
        for problem in invalid.problems:
            log.error(format_problem(problem, root=project_root))
        raise PluginError(f"the records are invalid: {summary_line(invalid.problems)}; nothing was built") from None
    if config.get("repo_url"):
        config["edit_uri"] = "edit/main/docs/"
    return config


def on_files(files, config):
    edit_base = config.get("repo_url")
    _titles.clear()
    for page in generated_pages(current_atlas()):
        _titles[page.src_uri] = page_title(page)
        generated = File.generated(config, page.src_uri, content=page_source(page))
        if page.edit_path and edit_base:
            generated.edit_uri = f"../{page.edit_path}"
        files.append(generated)
    for path, content in generated_files(current_atlas()).items():
        files.append(File.generated(config, path, content=content))
    # The open-data API is part of every build, so pages can link to it and it always matches them.
    contact_email = os.environ.get("ATLAS_CONTACT_EMAIL") or None  # data.json's contact point (DCAT-US requires one)
    site_url, repo_url = config.get("site_url") or None, config.get("repo_url") or None
    for path, content in site_files(current_atlas(), site_url, contact_email, repo_url).items():
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(-100)  # after mkdocs-macros, which renders any title it sees as a Jinja template
def on_page_markdown(markdown, page, config, files):
    title = _titles.get(page.file.src_uri)
    if title is None:
        return markdown
    page.meta["title"] = title
    # Python-Markdown would only re-read the HTML the atlas wrote; it converts the headings alone.
    markdown, _stashed[page.file.src_uri] = stash_blocks(markdown, _nonce)
    return markdown


def on_page_content(html, page, config, files):
    blocks = _stashed.pop(page.file.src_uri, None)
    if blocks is None:
        return html
    try:
        return restore_blocks(html, _nonce, blocks)
    except ValueError as lost:
        raise PluginError(f"{page.file.src_uri}: {lost}") from None


def on_post_build(config):
    # The search index reads the written pages (prose) and the records: it must come after MkDocs writes the site.
    summary = write_search_index(current_atlas(), Path(config["site_dir"]), Path(config["docs_dir"]))
    log.info("search index: %d record pages and %d prose pages (places in %d parts), %d files (%s bytes)",
             summary.documents, summary.prose_pages, summary.parts, summary.files, f"{summary.bytes:,}")
