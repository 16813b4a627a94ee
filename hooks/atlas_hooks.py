"""MkDocs hooks: validate the records before anything renders, then add one page per record.

Listed under `hooks:` in mkdocs.yml. The work is done in the `atlas` package; this file
only connects it to MkDocs events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from atlas.build_state import InvalidRecords, current_atlas, load_for_build
from atlas.export import site_files
from atlas.records import DATA_DIR
from atlas.site import generated_files, generated_pages, page_source, page_title
from atlas.validate import format_problem, summary_line

log = logging.getLogger("mkdocs.atlas")
_titles: dict[str, str] = {}  # generated page src_uri -> escaped title, for this build


@event_priority(100)  # before the macros plugin reads its configuration
def on_config(config):
    data_dir = Path(os.environ.get("ATLAS_DATA_DIR", DATA_DIR))
    project_root = Path(config["config_file_path"]).parent
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
    for path, content in site_files(current_atlas(), config.get("site_url") or None).items():
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(-100)  # after mkdocs-macros, which renders any title it sees as a Jinja template
def on_page_markdown(markdown, page, config, files):
    title = _titles.get(page.file.src_uri)
    if title is not None:
        page.meta["title"] = title
    return markdown
