"""`python -m atlas scaffold`: a new place's skeleton is valid as written, and bad requests write nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from atlas.cli import main
from atlas.records import PROJECT_ROOT, load_schemas
from atlas.validate import format_problem, validate_data_dir

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/jurisdiction.schema.json"

# Arguments that place a new record correctly in the fixture data, by level. A level added to the
# schema without an entry here is tried inside the state, which most levels accept.
PLACEMENT = {
    "federal": [],
    "state": ["--within", "federal"],
    "county": ["--within", "state-one"],
    "city": ["--within", "county-one", "state-one"],
    "consolidated-city-county": ["--within", "state-one"],
    "special-district": ["--district-type", "school-district", "--within", "county-one"],
}


def scaffold(data_dir: Path, *argv: str) -> int:
    return main(["scaffold", *argv, "--data", str(data_dir)])


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((data_dir / "jurisdictions").iterdir())}


def assert_valid(data_dir: Path) -> None:
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p, root=data_dir) for p in problems] == []


def test_scaffolded_city_is_valid_and_says_what_to_do(data_dir, capsys):
    assert scaffold(data_dir, "new-city", "--name", "City of New", "--level", "city", "--within", "county-one") == 0
    path = data_dir / "jurisdictions" / "new-city.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert "_template.yaml" in text and "Never invent" in text
    record = yaml.load(text, Loader=yaml.BaseLoader)  # dates as written, like the validator reads them
    assert record == {
        "id": "new-city",
        "name": "City of New",
        "level": "city",
        "within": ["county-one"],
        "summary": record["summary"],
        "bodies": [],
        "obligations": [],
        "sources": [],
        "last_reviewed": datetime.date.today().isoformat(),
    }
    assert record["summary"].startswith("TODO: one or two plain sentences")
    assert_valid(data_dir)


@pytest.mark.parametrize("level", load_schemas()["common.schema.json"]["$defs"]["level"]["enum"])
def test_every_level_in_the_schema_can_be_scaffolded(data_dir, level):
    arguments = PLACEMENT.get(level, ["--within", "state-one"])
    assert scaffold(data_dir, f"new-{level}", "--name", f"New {level}", "--level", level, *arguments) == 0
    assert_valid(data_dir)
    record = yaml.safe_load((data_dir / "jurisdictions" / f"new-{level}.yaml").read_text(encoding="utf-8"))
    assert record["level"] == level
    assert ("district_type" in record) == (level == "special-district")


@pytest.mark.parametrize("name", ["Town of New: Place", "#1 City", "'Quoted' Borough", "Ciudad de Añasco", "yes"])
def test_names_are_written_as_yaml_text_exactly(data_dir, name):
    assert scaffold(data_dir, "named", "--name", name, "--level", "county", "--within", "state-one") == 0
    record = yaml.safe_load((data_dir / "jurisdictions" / "named.yaml").read_text(encoding="utf-8"))
    assert record["name"] == name
    assert_valid(data_dir)


def test_scaffolded_file_passes_the_projects_yamllint_rules(data_dir):
    scaffold(data_dir, "new-district", "--name", "New Schools", "--level", "special-district",
             "--district-type", "school-district", "--within", "county-one")
    config = YamlLintConfig(file=str(PROJECT_ROOT / ".yamllint.yaml"))
    text = (data_dir / "jurisdictions" / "new-district.yaml").read_text(encoding="utf-8")
    assert [str(problem) for problem in linter.run(text, config)] == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["county-one", "--name", "X", "--level", "county", "--within", "state-one"], "county-one.yaml already exists"),
        (["New_City", "--name", "X", "--level", "city", "--within", "county-one"], "'New_City' is not a valid id"),
        (["new--city", "--name", "X", "--level", "city", "--within", "county-one"], "'new--city' is not a valid id"),
        (["new-city", "--name", "X", "--level", "town", "--within", "county-one"], "'town' is not a level; use one of: federal,"),
        (["new-city", "--name", "X", "--level", "cty", "--within", "county-one"], "(did you mean 'city'?)"),
        (["new-city", "--name", "X", "--level", "city", "--within", "county-on"], "(did you mean 'county-one'?)"),
        (["new-city", "--name", "X", "--level", "city", "--within", "nowhere"], "--within 'nowhere': there is no"),
        (["new-city", "--name", "X", "--level", "city", "--within", "new-city"], "cannot lie within itself"),
        (["new-city", "--name", "X", "--level", "city", "--within", "../rights/safety"], "'../rights/safety' is not a valid id"),
        (["new-city", "--name", "X", "--level", "city", "--within", "county-one", "county-one"], "the same jurisdiction twice"),
        (["new-sd", "--name", "X", "--level", "special-district", "--within", "county-one"], "needs --district-type"),
        (["new-sd", "--name", "X", "--level", "special-district", "--district-type", "school", "--within", "county-one"],
         "'school' is not a district type"),
        (["new-city", "--name", "X", "--level", "city", "--district-type", "school-district", "--within", "county-one"],
         "--district-type is only for a special-district"),
        # Valid arguments, but the validator's rule across records would fail: refused all the same.
        (["new-city", "--name", "X", "--level", "city"], "within: must lie within a state"),
        (["new-city", "--name", "Two\nlines", "--level", "city", "--within", "county-one"], "name (Name)"),
    ],
)
def test_refusals_exit_1_explain_and_write_nothing(data_dir, capsys, argv, message):
    before = snapshot(data_dir)
    assert scaffold(data_dir, *argv) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Nothing was written." in captured.err
    assert captured.out == ""
    assert snapshot(data_dir) == before


def test_a_missing_data_folder_is_refused(tmp_path, capsys):
    assert scaffold(tmp_path / "nowhere", "new-city", "--name", "X", "--level", "federal") == 1
    assert "give the data folder with --data" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()
