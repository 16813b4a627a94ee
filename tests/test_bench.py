"""The benchmark's synthetic data: schema-valid, shaped as documented, and deterministic."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from atlas.bench import _page_url, generate_dataset, markdown_table, parse_sizes, run_benchmark
from atlas.records import DATA_DIR
from atlas.validate import validate_data_dir


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
    assert _page_url("index.md") == ""
    assert _page_url("places/index.md") == "places/"
    assert _page_url("places/los-angeles.md") == "places/los-angeles/"
    assert _page_url("coverage.md") == "coverage/"
    assert markdown_table([]).count("\n") == 2
