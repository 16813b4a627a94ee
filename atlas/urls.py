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
