"""The official SDG goals, targets and indicators, read from the UN reference copy in data/sdg/.

The text is never retyped: data/sdg/*.yml are verbatim copies of the UN Statistics
Division's framework (see data/sdg/SOURCE.md), and everything here reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@cache
def load_sdg_framework(data_dir: Path = DATA_DIR) -> SdgFramework:
    folder = data_dir / SDG_DIR_NAME
    return SdgFramework(
        goals=_read_mapping(folder / "goals.yml"),
        targets=_read_mapping(folder / "targets.yml"),
        indicators=_read_mapping(folder / "indicators.yml"),
    )
