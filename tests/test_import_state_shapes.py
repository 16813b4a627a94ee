"""scripts/import_state_shapes.py on a small TopoJSON it is given here: path encoding, shared borders, output file."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

from atlas.geography import STATE_SHAPE_COLUMNS, read_state_shapes
from atlas.records import DATA_DIR, PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "import_state_shapes.py"


def _importer():
    spec = importlib.util.spec_from_file_location("import_state_shapes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Two squares sharing the border x = 10 (arc 0), as a quantized TopoJSON with delta-encoded arcs,
# the way us-atlas stores them: 01 (Alabama) on the left, 02 (Alaska) on the right.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [100, 200]},
    "objects": {
        "states": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "01", "properties": {"name": "Alabama"}},
                {"type": "Polygon", "arcs": [[-1, 2]], "id": "02", "properties": {"name": "Alaska"}},
            ],
        }
    },
    "arcs": [
        [[20, 0], [0, 20]],  # (110, 200) -> (110, 210): the shared border
        [[20, 20], [-20, 0], [0, -20], [20, 0]],  # around the left square, back to the start of arc 0
        [[20, 0], [20, 0], [0, 20], [-20, 0]],  # around the right square
    ],
}


def test_tenths_are_written_short():
    importer = _importer()
    assert [importer._tenths(n) for n in (0, 5, -5, 39, -39, 30, -120)] == ["0", ".5", "-.5", "3.9", "-3.9", "3", "-12"]


def test_ring_path_is_relative_closed_and_drops_repeated_points():
    importer = _importer()
    ring = [(1.0, 2.0), (1.04, 2.0), (3.5, 2.0), (3.5, 0.7), (1.0, 2.0)]
    assert importer.ring_path(ring) == "M1 2l2.5 0 0-1.3z"
    assert importer.ring_path([(0, 0), (1, 1), (0, 0)]) == ""  # fewer than three distinct points


def test_path_text_returns_to_its_start():
    """Summing the relative moves of a ring gives back each point; the decoder and the encoder agree."""
    importer = _importer()
    ring = [(10.0, 10.0), (20.3, 10.0), (20.3, 25.56), (10.0, 10.0)]
    path = importer.ring_path(ring)
    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", path)]
    x, y = numbers[0], numbers[1]
    points = [(x, y)]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        x, y = round(x + dx, 1), round(y + dy, 1)
        points.append((x, y))
    assert points == [(10.0, 10.0), (20.3, 10.0), (20.3, 25.6)]


def test_import_writes_one_row_per_state_with_postal_codes(tmp_path):
    source, output = tmp_path / "states.json", tmp_path / "states.csv"
    source.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(source), str(output)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "2 state outlines written" in run.stderr
    assert output.read_text(encoding="utf-8").splitlines()[0] == ",".join(STATE_SHAPE_COLUMNS)
    shapes = read_state_shapes(output)
    assert [(s.fips, s.state, s.name) for s in shapes] == [("01", "AL", "Alabama"), ("02", "AK", "Alaska")]
    for shape in shapes:
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", shape.path), shape.path
        assert "110" in shape.path  # both squares reach the shared border x = 110
    first = output.read_bytes()
    again = subprocess.run([sys.executable, str(SCRIPT), str(source), str(output)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and output.read_bytes() == first


def test_import_refuses_a_file_that_is_not_a_states_topology(tmp_path):
    source = tmp_path / "counties.json"
    source.write_text(json.dumps({"type": "Topology", "objects": {"counties": {}}, "arcs": []}), encoding="utf-8")
    command = [sys.executable, str(SCRIPT), str(source), str(tmp_path / "out.csv")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "not a us-atlas states TopoJSON" in run.stderr
    assert not (tmp_path / "out.csv").exists()


def test_the_published_outlines_are_the_fifty_states_and_the_district():
    shapes = read_state_shapes(DATA_DIR / "geography" / "states.csv")
    assert len(shapes) == 51 and len({s.state for s in shapes}) == 51
    assert {"DC", "AK", "HI"} <= {s.state for s in shapes}
    assert sum(len(s.path) for s in shapes) < 60_000  # small enough to inline in a page
