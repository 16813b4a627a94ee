"""Jinja2 templates for page bodies: the templates present view models, and nothing else.

Record text stays inert: autoescape is on, every expression's value has its newlines folded
(a blank line would end the raw HTML block and let Markdown parse record text), and the only
values marked safe are the escaping helpers' own output (`html.link`, `html.text`).

A page body is Markdown: Markdown headings (so they reach the table of contents) between raw
HTML blocks. Templates call `heading(level, label, anchor)`; `render_page` turns each into a
Markdown heading made inert and wraps the HTML between headings in one block with no blank line.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import html
from .model import ISSUE_AREA_LABELS, LEVEL_LABELS, US_STATUS_LABELS
from .records import PROJECT_ROOT
from .urls import MAPS_PATH, compare_path, goal_path, map_path, page_path

TEMPLATES_DIR = PROJECT_ROOT / "templates"
_HEADING_TOKEN = re.compile(r"<!--atlas-heading:(\d+)-->")


def _fold_newlines(value):
    """Every {{ expression }}: text loses its newlines (then autoescape escapes it); helper
    output (Markup) is already escaped and folded."""
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    if isinstance(value, str):
        return value.replace("\n", " ").replace("\r", " ")
    return value


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        finalize=_fold_newlines,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        link=html.link,
        chip=html.chip,
        level_label=lambda level: LEVEL_LABELS[level],
        area_label=lambda area: ISSUE_AREA_LABELS[area],
        us_status_label=lambda status: US_STATUS_LABELS.get(status, status),
        compare_path=compare_path,
        goal_path=goal_path,
        page_path=page_path,
        map_path=map_path,
        maps_path=MAPS_PATH,
    )
    return env


def render_page(template: str, **context) -> str:
    """The page body: Markdown headings between raw HTML blocks."""
    headings: list[str] = []

    def heading(level: int, label: str, anchor: str) -> Markup:
        attributes = f" {{#{anchor}}}" if anchor else ""
        headings.append(f"{'#' * level} {html.markdown_inert(label)}{attributes}")
        return Markup(f"<!--atlas-heading:{len(headings) - 1}-->")

    rendered = environment().get_template(template).render(heading=heading, **context)
    out = []
    for index, chunk in enumerate(_HEADING_TOKEN.split(rendered)):
        if index % 2:
            out.append(f"\n\n{headings[int(chunk)]}\n\n")
            continue
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines:
            out.append('\n\n<div class="atlas-block">' + "\n".join(lines) + "</div>\n\n")
    return "".join(out)
