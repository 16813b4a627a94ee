"""Write data/geography/states.csv: each state's and the District's outline as an SVG path, for the maps.

    .venv/bin/python scripts/import_state_shapes.py STATES_ALBERS_TOPOJSON [OUTPUT_CSV]

STATES_ALBERS_TOPOJSON  states-albers-10m.json from npm's us-atlas package (Census cartographic
                        boundaries, already projected with d3's geoAlbersUsa into a 975 x 610 frame,
                        Alaska and Hawaii as insets; each geometry's id is the 2-digit state FIPS
                        code, properties.name the state's name)
OUTPUT_CSV              default: the project's data/geography/states.csv

The TopoJSON is decoded and simplified by the `topojson` package (topology-preserving: a border two
states share is simplified once, so neighbours still meet). Coordinates are rounded to a tenth of a
unit of the frame and written as relative SVG path commands. The postal code of each state comes
from the county list (data/geography/counties.csv, written by scripts/import_counties.py). Re-running
on the same inputs writes the same file.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atlas.geography import STATE_SHAPE_COLUMNS, csv_text, read_counties  # noqa: E402
from atlas.model import COUNTIES_FILE, STATE_SHAPES_FILE  # noqa: E402
from atlas.records import DATA_DIR  # noqa: E402

# In units of the 975 x 610 frame: a border moves by at most this much. At 0.5 a national map's
# paths weigh about 60 KB and the coast and the Great Lakes still read as themselves.
SIMPLIFY_TOLERANCE = 0.5
GRID = 10  # coordinates are kept in tenths of a unit


def _tenths(value: int) -> str:
    """A whole number of tenths as SVG path text: 39 -> "3.9", -5 -> "-.5", 30 -> "3"."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), GRID)
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _joined(numbers: list[str]) -> str:
    """Numbers separated by a space, or by nothing before a minus sign (SVG path grammar)."""
    out = numbers[0]
    for number in numbers[1:]:
        out += number if number.startswith("-") else " " + number
    return out


def ring_path(ring: list[tuple[float, float]]) -> str:
    """One closed ring as "M x y l dx dy … z" on the tenths grid; "" when fewer than three distinct points remain."""
    points: list[tuple[int, int]] = []
    for x, y in ring:
        point = (round(x * GRID), round(y * GRID))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[-1] == points[0]:
        points.pop()
    if len(points) < 3:
        return ""
    (x0, y0), moves = points[0], []
    for (xa, ya), (xb, yb) in itertools.pairwise(points):
        moves += [_tenths(xb - xa), _tenths(yb - ya)]
    return f"M{_joined([_tenths(x0), _tenths(y0)])}l{_joined(moves)}z"


def geometry_path(geometry: dict) -> str:
    """A GeoJSON Polygon or MultiPolygon as one SVG path (holes are rings too: draw with fill-rule evenodd)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return "".join(ring_path(ring) for polygon in polygons for ring in polygon)


def simplified_features(topology: dict, tolerance: float = SIMPLIFY_TOLERANCE) -> list[dict]:
    """The states as GeoJSON features, simplified without opening gaps between neighbours."""
    import topojson
    from topojson.utils import serialize_as_geojson

    states = serialize_as_geojson(topology, objectname="states")
    simplified = topojson.Topology(states, prequantize=False, toposimplify=tolerance, prevent_oversimplify=True)
    return json.loads(simplified.to_geojson())["features"]


def state_rows(features: list[dict], postal_by_fips: dict[str, str]) -> list[dict]:
    """One row per state in FIPS order; a state whose FIPS code the county list lacks is an error."""
    rows = []
    for feature in features:
        fips = str(feature["id"])
        if fips not in postal_by_fips:
            raise ValueError(f"state FIPS {fips} ({feature['properties']['name']}) is not in the county list")
        rows.append(
            {
                "fips": fips,
                "state": postal_by_fips[fips],
                "name": feature["properties"]["name"],
                "path": geometry_path(feature["geometry"]),
            }
        )
    return sorted(rows, key=lambda row: row["fips"])


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or any(a.startswith("-") for a in argv):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source = Path(argv[0])
    output = Path(argv[1]) if len(argv) == 2 else DATA_DIR / STATE_SHAPES_FILE
    if not source.is_file():
        print(f"no such file: {source}", file=sys.stderr)
        return 2
    postal_by_fips = {county.state_fips: county.state for county in read_counties(DATA_DIR / COUNTIES_FILE)}
    if not postal_by_fips:
        print(f"no county list at {DATA_DIR / COUNTIES_FILE}: run scripts/import_counties.py first", file=sys.stderr)
        return 1
    try:
        features = simplified_features(json.loads(source.read_text(encoding="utf-8")))
        rows = state_rows(features, postal_by_fips)
    except (LookupError, ValueError, TypeError) as error:  # LookupError: KeyError, and topojson's "no such object"
        print(f"{source}: not a us-atlas states TopoJSON ({error!r})", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(csv_text(STATE_SHAPE_COLUMNS, rows), encoding="utf-8")
    size = sum(len(row["path"]) for row in rows)
    print(f"{len(rows)} state outlines written to {output}: {size:,} characters of path data", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
