"""Where each page lives on the site: the one place for URL rules, below the HTML layer.

Paths are site-relative with directory URLs ("places/los-angeles/"); callers prefix the relative
path from the current page to the site root, so links work at any depth and on any host.
"""

from __future__ import annotations

from .records import RECORD_KINDS


def page_path(kind: str, record_id: str) -> str:
    """A record's page, for the kinds that have pages (RECORD_KINDS[kind].page_section)."""
    section = RECORD_KINDS[kind].page_section
    if section is None:
        raise ValueError(f"records of kind {kind!r} have no pages")
    return f"{section}/{record_id}/"


def goal_path(goal: str) -> str:
    """An SDG goal's page in the toolkit."""
    return f"toolkit/goal-{goal}/"


def compare_path(area: str) -> str:
    """The page comparing every place for one issue area."""
    return f"compare/{area}/"


MAPS_PATH = "maps/"


def map_path(area: str) -> str:
    """The national map of one issue area."""
    return f"{MAPS_PATH}{area}/"


def markdown_path(url: str) -> str:
    """The Markdown file MkDocs turns into a page at url (directory URLs): "a/b/" -> "a/b.md"."""
    return url.rstrip("/") + ".md"



# The Markdown notes are served as ".md.txt": a ".md" file in the site's sources would be built into
# an HTML page (and read as a template) by MkDocs, not copied. The page's link names the download
# "<place>-<review>-shadow-report.md" (shadow_report_download_name), so one click still saves a .md file.
SHADOW_REPORT_SUFFIXES = {"md": ".md.txt", "csv": ".csv"}


def shadow_report_path(place: str, review: str, fmt: str) -> str:
    """A place's shadow-report notes for one UN review, as a file of the open-data API."""
    if fmt not in SHADOW_REPORT_SUFFIXES:
        raise ValueError(f"shadow reports are written as {sorted(SHADOW_REPORT_SUFFIXES)}, not {fmt!r}")
    return f"api/v2/shadow-report/{place}/{review}{SHADOW_REPORT_SUFFIXES[fmt]}"


def shadow_report_download_name(place: str, review: str, fmt: str) -> str:
    """The file name a browser saves the notes under."""
    if fmt not in SHADOW_REPORT_SUFFIXES:
        raise ValueError(f"shadow reports are written as {sorted(SHADOW_REPORT_SUFFIXES)}, not {fmt!r}")
    return f"{place}-{review}-shadow-report.{fmt}"


def _part_suffix(part: int) -> str:
    """Part 1 of a per-state listing is the state's page itself; later parts are numbered below it."""
    return "" if part == 1 else f"{part}/"


def places_state_path(state: str, part: int = 1) -> str:
    """The governments of one state (part `part` when the state's list is split)."""
    return f"places/state/{state}/" + _part_suffix(part)


def coverage_state_path(state: str, part: int = 1) -> str:
    """Coverage of one state's places."""
    return f"coverage/{state}/" + _part_suffix(part)


def compare_state_path(area: str, state: str, part: int = 1) -> str:
    """The comparison of one issue area across one state's places."""
    return f"compare/{area}/{state}/" + _part_suffix(part)


def release_address(repo_url: str | None, name: str) -> str:
    """Where a file published as a release download is: the latest release's asset when the
    repository is known (the deploy workflow uploads it there), else its bare file name."""
    return f"{repo_url.rstrip('/')}/releases/latest/download/{name}" if repo_url else name


def shadow_report_bundle_name(state: str) -> str:
    """The release download holding the shadow-report notes of every place in a state (see shadow_report)."""
    return f"shadow-reports-{state}.zip"
