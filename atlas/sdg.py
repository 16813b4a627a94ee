"""The official SDG goals, targets and indicators, read from the UN reference copy in data/sdg/.

The text is never retyped: data/sdg/*.yml are verbatim copies of the UN Statistics
Division's framework (see data/sdg/SOURCE.md), and everything here reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .records import DATA_DIR
from .yaml_source import load_yaml_file

SDG_DIR_NAME = "sdg"


@dataclass(frozen=True)
class SdgFramework:
    goals: dict[str, str]  # "1" -> title
    targets: dict[str, str]  # "1.1" -> text, in official order
    indicators: dict[str, str]  # "1.1.1" -> text
    colours: dict[str, str] = field(default_factory=dict)  # "1" -> "#E5243B" (data/sdg/goal-colours.yaml)

    def goal_of(self, target_id: str) -> str:
        return target_id.split(".", 1)[0]

    def targets_of_goal(self, goal: str) -> dict[str, str]:
        return {tid: text for tid, text in self.targets.items() if self.goal_of(tid) == goal}

    def indicators_of_target(self, target_id: str) -> dict[str, str]:
        prefix = target_id + "."
        return {iid: text for iid, text in self.indicators.items() if iid.startswith(prefix)}


def _read_mapping(path: Path) -> dict[str, str]:
    loaded = load_yaml_file(path)
    if loaded.problems or not isinstance(loaded.data, dict):
        raise ValueError(f"{path}: the SDG reference file could not be read: {loaded.problems}")
    return {str(key): str(value) for key, value in loaded.data.items()}


GOAL_COLOURS_FILE = "goal-colours.yaml"
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def read_goal_colours(path: Path) -> dict[str, str]:
    """Goal number -> "#RRGGBB" from the colours file; a value that is not a hex colour is refused,
    so nothing but a colour can reach a style attribute."""
    if not path.is_file():
        return {}
    loaded = load_yaml_file(path)
    colours = loaded.data.get("colours") if isinstance(loaded.data, dict) else None
    if loaded.problems or not isinstance(colours, dict):
        raise ValueError(f"{path}: the SDG goal colours could not be read: {loaded.problems}")
    bad = {str(goal): value for goal, value in colours.items() if not (isinstance(value, str) and _HEX_COLOUR.fullmatch(value))}
    if bad:
        raise ValueError(f"{path}: not #RRGGBB colours: {bad}")
    return {str(goal): value.upper() for goal, value in colours.items()}


@cache
def load_sdg_framework(data_dir: Path = DATA_DIR) -> SdgFramework:
    folder = data_dir / SDG_DIR_NAME
    return SdgFramework(
        goals=_read_mapping(folder / "goals.yml"),
        targets=_read_mapping(folder / "targets.yml"),
        indicators=_read_mapping(folder / "indicators.yml"),
        colours=read_goal_colours(folder / GOAL_COLOURS_FILE),
    )


# --- Goal tiles: the goal's colour with the most legible text colour (WCAG 2 contrast) ----------

WHITE = "#FFFFFF"
BLACK = "#000000"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a "#RRGGBB" colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tile_text_colour(background: str) -> str:
    """White or black text, whichever contrasts more with the background."""
    return WHITE if contrast_ratio(background, WHITE) >= contrast_ratio(background, BLACK) else BLACK
