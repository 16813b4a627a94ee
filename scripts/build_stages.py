"""Where a site build's time goes, stage by stage, in seconds (not a profiler's inflated ones).

    .venv/bin/python scripts/build_stages.py [mkdocs build arguments]
    ATLAS_DATA_DIR=/tmp/data .venv/bin/python scripts/build_stages.py -q -d /tmp/site

Runs `mkdocs build` in this process with a timer around each stage that matters for the
benchmark (docs/benchmark.md): MkDocs' Markdown conversion and the theme's
templates, the macros plugin, and the atlas's own validation, page bodies, open-data files and search index.
Stages nest (a page's Markdown stage includes the macros), so the shares do not add up to 100%.
Also run it in a rendered project (`python -m atlas render`, the benchmark's floor) to compare the same stages.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import time
from collections import Counter

seconds: Counter = Counter()
calls: Counter = Counter()


def timed(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - started
            calls[label] += 1

    setattr(owner, name, wrapper)


def collector_timer():
    """Time spent in Python's cycle collector, and how many full (generation 2) collections ran."""
    state = {"seconds": 0.0, "full": 0, "started": 0.0}

    def callback(phase, info):
        if phase == "start":
            state["started"] = time.perf_counter()
        else:
            state["seconds"] += time.perf_counter() - state["started"]
            state["full"] += info["generation"] == 2

    gc.callbacks.append(callback)
    return state


def instrument() -> None:
    import markdown
    import mkdocs.commands.build as build

    timed(build, "_populate_page", "pages: read and convert (MkDocs)")
    timed(markdown.Markdown, "convert", "  Markdown to HTML (Python-Markdown)")
    timed(build, "_build_page", "pages: templates (MkDocs, theme)")
    from mkdocs_macros.plugin import MacrosPlugin

    # In a floor project these are never called and print nothing.
    timed(MacrosPlugin, "on_page_markdown", "  macros plugin, with our page bodies")
    from atlas import build_state, export, pages, search_index

    timed(build_state, "load_for_build", "atlas: read and validate the records")
    timed(export, "site_files", "atlas: open-data files")
    timed(search_index, "write_search_index", "atlas: search index (Pagefind, after the pages are written)")
    for name in dir(pages):
        if name.startswith("render_"):
            timed(pages, name, f"    atlas.pages.{name}")


def main(arguments: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    instrument()
    collector = collector_timer()
    from mkdocs.__main__ import cli

    started = time.perf_counter()
    try:
        cli(["build", *arguments], standalone_mode=False)
    finally:
        total = time.perf_counter() - started
        print(f"{'stage':<56} {'seconds':>8} {'share':>6} {'calls':>6}")
        print(f"{'whole build':<56} {total:8.2f} {100:5.0f}% {1:6d}")
        for label in sorted(seconds, key=lambda key: -seconds[key]):
            if seconds[label] >= 0.005:
                print(f"{label:<56} {seconds[label]:8.2f} {100 * seconds[label] / total:5.1f}% {calls[label]:6d}")
        print(f"{'cycle collector (anywhere)':<56} {collector['seconds']:8.2f} {100 * collector['seconds'] / total:5.1f}%"
              f" {collector['full']:6d} full")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
