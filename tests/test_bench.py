"""The benchmark (benchmarks/bench.py): synthetic data schema-valid, shaped as documented and deterministic; its verdicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from atlas.records import DATA_DIR, PROJECT_ROOT
from atlas.validate import validate_data_dir
from benchmarks.bench import (
    Row,
    generate_dataset,
    markdown_table,
    parse_sizes,
    run_benchmark,
    target_lines,
    timed_side_by_side,
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generated_records_validate_with_no_problems(tmp_path):
    generated = generate_dataset(tmp_path / "data", 12, obligations=4)
    records, problems = validate_data_dir(tmp_path / "data")
    assert problems == []
    jurisdictions = records.of_kind("jurisdictions")
    assert generated.jurisdictions == len(jurisdictions) == 12 + 50 + 1
    assert generated.by_level == {"federal": 1, "state": 50, "county": 3, "city": 5, "special-district": 4}
    assert generated.obligations == 4 * len(jurisdictions)
    # every city lies within a county that lies within a state
    for record in jurisdictions.values():
        if record.data["level"] == "city":
            county, state = record.data["within"]
            assert jurisdictions[county].data["level"] == "county"
            assert jurisdictions[county].data["within"] == [state]
            assert jurisdictions[state].data["level"] == "state"
    # the real rights, instruments and SDG links come along, and the SDG reference folder
    for kind in ("rights", "instruments", "sdg-targets"):
        real = {p.stem for p in (DATA_DIR / kind).glob("*.yaml") if not p.name.startswith("_")}
        assert set(records.of_kind(kind)) == real
    assert (tmp_path / "data" / "sdg" / "targets.yml").is_file()


def test_generation_is_deterministic(tmp_path):
    generate_dataset(tmp_path / "a", 7, obligations=3)
    generate_dataset(tmp_path / "b", 7, obligations=3)
    generate_dataset(tmp_path / "c", 8, obligations=3)
    first, second = _files(tmp_path / "a" / "jurisdictions"), _files(tmp_path / "b" / "jurisdictions")
    assert first == second
    assert first != _files(tmp_path / "c" / "jurisdictions")


def test_never_writes_into_an_existing_folder(tmp_path):
    (tmp_path / "data").mkdir()
    try:
        generate_dataset(tmp_path / "data", 1)
    except FileExistsError:
        pass
    else:  # pragma: no cover
        raise AssertionError("generate_dataset wrote into an existing folder")


def test_benchmark_without_builds_prints_and_writes_the_table(tmp_path, capsys):
    out = tmp_path / "bench.md"
    code = run_benchmark(Namespace(sizes="5,10", obligations=2, markdown=str(out), no_build=True, skip_real=True))
    assert code == 0
    printed = capsys.readouterr().out
    assert printed == out.read_text(encoding="utf-8")
    lines = [line for line in printed.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [line.split(" | ")[0] for line in lines] == ["| 5", "| 10"]
    assert "problems" not in printed


def test_helpers():
    assert parse_sizes("300, 1000,3000") == [300, 1000, 3000]
    assert markdown_table([]).count("\n") == 2


@pytest.mark.site
def test_build_stages_times_ours_and_mkdocs_stages(tmp_path):
    generate_dataset(tmp_path / "data", 3, obligations=2)
    done = subprocess.run(
        [sys.executable, "scripts/build_stages.py", "-q", "-d", str(tmp_path / "site")],
        cwd=PROJECT_ROOT,
        env={**os.environ, "ATLAS_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    stages = {line[:56].strip(): line[56:].split() for line in done.stdout.splitlines()[1:]}
    total = float(stages["whole build"][0])
    assert 0 < float(stages["Markdown to HTML (Python-Markdown)"][0]) < total
    assert stages["atlas: read and validate the records"][2] == "1"
    assert int(stages["atlas.pages.render_jurisdiction_page"][2]) == 3 + 50 + 1
    assert (tmp_path / "site" / "places").is_dir()


def _row(size, label="", **figures):
    return Row(size=size, label=label, **figures)


def test_target_lines_say_met_for_the_figures_of_a_passing_run():
    rows = [
        _row(0, "real data/", obligations=288, validate_s=0.05, build_s=2.7, floor_s=2.3, place_bytes=149_364,
             query_bytes=210_000),
        _row(300, obligations=3_510, validate_s=0.35, build_s=15.6, floor_s=13.3, place_bytes=99_100),
        _row(1000, obligations=10_510, validate_s=1.11, build_s=47.7, floor_s=42.1, place_bytes=99_200),
        _row(2000, obligations=20_510, validate_s=2.12, build_s=93.9, floor_s=78.6, place_bytes=99_200, query_bytes=260_000),
    ]
    lines = target_lines(rows)
    assert len(lines) == 4 and all(line.endswith(": met") for line in lines), lines
    assert lines[0].startswith("validating 10,510 obligations took 1.11 s, 1.06 s per 10,000")
    # A national run alone is judged at the target's count of records: validation grows linearly.
    national = target_lines([_row(20000, obligations=200_510, validate_s=19.1)])
    assert national == ["validating 200,510 obligations took 19.10 s, 0.95 s per 10,000 (target: 10,000 in under 2 s): met"]
    assert "1.17 (real data/), 1.17 (300), 1.13 (1,000), 1.19 (2,000)" in lines[1]
    assert lines[3].startswith("one search downloads at most 210 KB (real data/), 260 KB (2,000)")
    served = target_lines([_row(20000, query_bytes=327_000, query_bytes_served=291_000)])
    assert served == [
        "one search downloads at most 327 KB (20,000) (target: under 300 KB at every size): NOT met",
        "  the same with its script and JSON files gzipped, as a host that compresses text sends them: 291 KB (20,000) "
        "(target: under 300 KB): met",
    ]


def test_target_lines_say_not_met_for_each_missed_target():
    rows = [
        _row(0, "real data/", build_s=3.0, floor_s=2.0, place_bytes=151_000, query_bytes=120_000),
        _row(1000, obligations=10_510, validate_s=2.5, build_s=40.0, floor_s=36.0, place_bytes=99_000, query_bytes=310_000),
    ]
    missed = [line for line in target_lines(rows) if line.endswith("NOT met")]
    assert [line.split(" ")[0] for line in missed] == ["validating", "ours/floor", "largest", "one"]


def test_a_place_page_growing_with_the_number_of_places_misses_the_target():
    rows = [_row(300, place_bytes=90_000), _row(1000, place_bytes=120_000)]
    assert target_lines(rows) == [
        "largest place page 90 KB (300), 120 KB (1,000) (target: under 150 KB, not growing with the number of places): NOT met"
    ]


def test_side_by_side_commands_overlap_and_the_first_to_finish_leaves_ballast(tmp_path):
    def command(name: str, seconds: float) -> list[str]:
        script = (
            "import sys, time; open(sys.argv[1], 'a').write(f'{time.time()} '); "
            f"time.sleep({seconds}); open(sys.argv[1], 'a').write(f'{{time.time()}} ')"
        )
        return [sys.executable, "-c", script, str(tmp_path / name)]

    runs = timed_side_by_side(
        [(command("short", 0.3), tmp_path, command("ballast", 30)), (command("long", 1.5), tmp_path, None)],
        dict(os.environ),
        False,
    )
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].seconds >= 0.3 and runs[1].seconds >= 1.5

    def times(name):
        return [float(value) for value in (tmp_path / name).read_text().split()]

    (short_start, short_end), (long_start, long_end) = times("short"), times("long")
    assert short_start < long_end and long_start < short_end  # at the same time, not one after the other
    ballast = times("ballast")
    # started when "short" ended, and stopped when "long" ended: it never reached the end of its 30 s
    assert len(ballast) == 1 and short_end <= ballast[0] < long_end


def test_results_json_keeps_earlier_rows_and_replaces_a_size_measured_again_at_the_same_commit(tmp_path):
    from benchmarks.bench import result_row, write_results

    path = tmp_path / "results.json"
    first = _row(300, build_s=20.0, floor_s=16.0, page_bytes=250_000, page_name="places/x", site_bytes=66_000_000)
    write_results(path, [result_row(first) | {"commit": "aaa"}])
    again = _row(300, build_s=21.0, floor_s=15.0)
    write_results(path, [result_row(again) | {"commit": "bbb"}, result_row(_row(2000)) | {"commit": "bbb"}])
    write_results(path, [result_row(_row(2000, build_s=9.0, floor_s=9.0)) | {"commit": "bbb"}])
    rows = json.loads(path.read_text())["rows"]
    assert [(r["places"], r["commit"]) for r in rows] == [(300, "aaa"), (300, "bbb"), (2000, "bbb")]
    assert (rows[0]["ratio"], rows[0]["largest_page_kb"], rows[0]["site_mb"]) == (1.25, 250.0, 66.0)
    assert rows[2]["ratio"] == 1.0


def test_the_real_row_counts_the_county_list_its_state_pages_and_api_carry(tmp_path):
    from atlas.model import load_atlas
    from benchmarks.bench import measure_real, result_row

    row = measure_real(tmp_path, build=False)
    assert row.counties == len(load_atlas().counties) > 3000
    assert result_row(row)["counties"] == row.counties and result_row(row)["county_files"] is None  # nothing exported
