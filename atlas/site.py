"""What the site publishes from the records: which pages exist, and what each page's
generated Markdown says. No MkDocs import here, so it can be tested and reused alone."""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import escape

from . import by_state
from .maps import map_areas
from .model import ISSUE_AREA_LABELS, Atlas
from .pages import compare_csv
from .records import RECORD_KINDS
from .urls import (
    compare_path,
    compare_state_path,
    coverage_state_path,
    goal_path,
    map_path,
    markdown_path,
    page_path,
    places_state_path,
)
from .views import compare_areas, compare_csv_name


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "places/los-angeles.md"
    macro: str  # the macro that renders it
    argument: str  # a validated id or goal number: [a-z0-9-] only
    title: str
    edit_path: str | None  # the YAML record behind it, for the edit button
    tags: tuple[str, ...] = ()
    more_arguments: tuple[str, ...] = ()  # further ids or part numbers, same alphabet as argument

    @property
    def arguments(self) -> tuple[str, ...]:
        return (self.argument, *self.more_arguments)


def _front_matter(tags: tuple[str, ...]) -> str:
    """Front matter for a generated page: tags only, from the atlas's own issue-area labels.

    The title is NOT written here: mkdocs-macros renders front-matter titles as Jinja, and a
    title from a record is untrusted. The hook sets it after the macros have run (page_title).
    """
    if not tags:
        return ""
    return "---\n" + f"tags: {json.dumps(list(tags), ensure_ascii=False)}\n" + "---\n"


def page_title(page: GeneratedPage) -> str:
    """The title as the theme needs it: the theme prints page titles as HTML, so escape it."""
    return str(escape(page.title))


def generated_pages(atlas: Atlas) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    for kind in RECORD_KINDS.values():
        if kind.page_section is None:
            continue
        for record_id, record in getattr(atlas, kind.atlas_field).items():
            pages.append(
                GeneratedPage(
                    src_uri=markdown_path(page_path(kind.folder, record_id)),
                    macro=kind.page_macro,
                    argument=record_id,
                    title=record[kind.title_field],
                    edit_path=f"data/{kind.folder}/{record_id}.yaml",
                    # Tags on rights only: tagging every place would make the tags page grow with the country.
                    tags=(ISSUE_AREA_LABELS[record["issue_area"]],) if kind.issue_area_tags else (),
                )
            )
    for area in compare_areas(atlas):
        title = f"Compare places: {ISSUE_AREA_LABELS[area]}"
        pages.append(GeneratedPage(markdown_path(compare_path(area)), "compare_page", area, title, None))
    for area in map_areas(atlas):
        title = f"Map: {ISSUE_AREA_LABELS[area]}"
        pages.append(GeneratedPage(markdown_path(map_path(area)), "map_page", area, title, None))
    for goal, title in atlas.sdg.goals.items():
        pages.append(GeneratedPage(markdown_path(goal_path(goal)), "goal_page", goal, f"Goal {goal}: {title}", None))
    if by_state.is_split(atlas):
        pages.extend(state_pages(atlas))
    return pages


def _part_title(title: str, part: by_state.StatePart) -> str:
    return title if part.parts == 1 else f"{title} (page {part.part} of {part.parts})"


def state_pages(atlas: Atlas) -> list[GeneratedPage]:
    """The per-state pages of the lists that would otherwise grow with the country (atlas.by_state)."""
    pages = []
    for part in by_state.government_parts(atlas):
        title = _part_title(f"Governments in {atlas.jurisdictions[part.state]['name']}", part)
        url = places_state_path(part.state, part.part)
        pages.append(GeneratedPage(markdown_path(url), "places_state_page", part.state, title, None, (), (str(part.part),)))
    for part in by_state.place_parts(atlas):
        state_name = atlas.jurisdictions[part.state]["name"]
        url = coverage_state_path(part.state, part.part)
        title = _part_title(f"Coverage in {state_name}", part)
        pages.append(GeneratedPage(markdown_path(url), "coverage_state_page", part.state, title, None, (), (str(part.part),)))
        for area in compare_areas(atlas):
            url = compare_state_path(area, part.state, part.part)
            title = _part_title(f"Compare places: {ISSUE_AREA_LABELS[area]} in {state_name}", part)
            pages.append(
                GeneratedPage(markdown_path(url), "compare_state_page", area, title, None, (), (part.state, str(part.part)))
            )
    return pages


def generated_files(atlas: Atlas) -> dict[str, str]:
    """Files published beside the generated pages: each comparison table as CSV, next to its page."""
    return {compare_path(area) + compare_csv_name(area): compare_csv(atlas, area) for area in compare_areas(atlas)}


def page_source(page: GeneratedPage) -> str:
    """The Markdown MkDocs reads: front matter with constant tags and one macro call, never record text."""
    for argument in page.arguments:
        if not argument or not all(c.isalnum() or c == "-" for c in argument):
            raise ValueError(f"unsafe page argument {argument!r}")
    call = ", ".join(f'"{argument}"' for argument in page.arguments)
    return _front_matter(page.tags) + f"{{{{ {page.macro}({call}) }}}}\n"
