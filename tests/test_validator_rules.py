"""One bad record per validator rule: the exact message, at the exact line and column."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from atlas.validate import format_problem, validate_data_dir

CITY = Path("jurisdictions/city-one.yaml")


def problems_after(data_dir: Path, relative: Path, content: str) -> list[str]:
    (data_dir / relative).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    _, problems = validate_data_dir(data_dir)
    return [format_problem(p, root=data_dir) for p in problems]


def city_with(**replacements: str) -> str:
    text = (Path(__file__).parent / "fixtures/atlas" / CITY).read_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_fixture_data_is_valid(data_dir):
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p) for p in problems] == []


RULES = [
    # (rule, file, content, expected problem line)
    (
        "unknown level",
        CITY,
        city_with(**{"level: city": "level: town"}),
        "jurisdictions/city-one.yaml:3:8: level (Level of government): 'town' is not allowed; use one of: "
        "federal, state, county, city, consolidated-city-county, special-district",
    ),
    (
        "near-miss enum",
        CITY,
        city_with(**{"role: provides": "role: provide"}),
        "jurisdictions/city-one.yaml:13:11: obligations[0].role (Role): 'provide' is not allowed; use one of: "
        "provides, funds, regulates, oversees, remedies (did you mean 'provides'?)",
    ),
    (
        "unknown field",
        CITY,
        city_with(**{"summary: A city.": "summary: A city.\nsumary: typo"}),
        "jurisdictions/city-one.yaml:7:1: unknown field 'sumary'; did you mean 'summary'? (allowed: accountability, "
        "acts_as, bodies, commitments, district_type, form_of_government, geoid, id, last_reviewed, level, name, "
        "obligations, ocd_id, overlaps, preemptions, short_name, sources, summary, website, within)",
    ),
    (
        "missing required field",
        CITY,
        city_with(**{"    basis: City Charter 5\n": ""}),
        "jurisdictions/city-one.yaml:11:5: obligations[0]: missing required field 'basis' (Legal basis)",
    ),
    (
        "duplicate key",
        CITY,
        city_with(**{"name: City of Example": "name: City of Example\nname: Other"}),
        "jurisdictions/city-one.yaml:3:1: duplicate key 'name' (first at line 2)",
    ),
    (
        "id differs from file name",
        CITY,
        city_with(**{"id: city-one": "id: city-two"}),
        "jurisdictions/city-one.yaml:1:5: id: id 'city-two' must equal the file name 'city-one'",
    ),
    (
        "unknown right, with suggestion",
        CITY,
        city_with(**{"right: safety": "right: safty"}),
        "jurisdictions/city-one.yaml:11:12: obligations[0].right: no right with id 'safty'; did you mean 'safety'?",
    ),
    (
        "unknown body",
        CITY,
        city_with(**{"body: police": "body: polise"}),
        "jurisdictions/city-one.yaml:12:11: obligations[0].body: no body in this record's bodies with id 'polise'; did you mean 'police'?",
    ),
    (
        "unknown jurisdiction",
        CITY,
        city_with(**{"overlaps: [school-district-one]": "overlaps: [school-district-two]"}),
        "jurisdictions/city-one.yaml:5:12: overlaps[0]: no jurisdiction with id 'school-district-two'; did you mean 'school-district-one'?",
    ),
    (
        "unknown instrument",
        CITY,
        city_with(**{"instruments: [declaration-one]": "instruments: [declaration-two]"}),
        "jurisdictions/city-one.yaml:24:19: commitments[0].instruments[0]: no instrument with id 'declaration-two'; did you mean 'declaration-one'?",
    ),
    (
        "future date",
        CITY,
        city_with(**{"last_reviewed: 2026-01-01\ncommitments": "last_reviewed: 2999-01-01\ncommitments"}),
        f"jurisdictions/city-one.yaml:20:20: obligations[0].last_reviewed (Last reviewed): '2999-01-01' is in the future (today is {datetime.date.today().isoformat()})",
    ),
    (
        "impossible date",
        CITY,
        city_with(**{"last_reviewed: 2026-01-01\ncommitments": "last_reviewed: 2026-02-30\ncommitments"}),
        "jurisdictions/city-one.yaml:20:20: obligations[0].last_reviewed (Last reviewed): '2026-02-30' is not a real calendar date; write YYYY-MM-DD",
    ),
    (
        "http url",
        CITY,
        city_with(**{"https://example.org/charter": "http://example.org/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url (Source address): 'http://example.org/charter' must be an absolute https:// address",
    ),
    (
        "url without host",
        CITY,
        city_with(**{"https://example.org/charter": "https://localhost/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url: 'https://localhost/charter' has no valid host name",
    ),
    (
        "duplicate source in one claim",
        CITY,
        city_with(
            **{
                "      - title: Example city charter\n        url: https://example.org/charter\n": "      - title: Example city charter\n        url: https://example.org/charter\n"
                "      - title: Same again\n        url: https://example.org/charter\n"
            }
        ),
        "jurisdictions/city-one.yaml:21:14: obligations[0].sources[1].url: the same source address is listed twice (also item 0)",
    ),
    (
        "verified without source",
        CITY,
        city_with(
            **{
                "    status: verified\n    sources:\n      - title: Example city charter\n        url: https://example.org/charter\n": "    status: verified\n    sources: []\n"
            }
        ),
        "jurisdictions/city-one.yaml:17:14: obligations[0].sources (Sources): needs at least one source: list a document that states this claim",
    ),
    (
        "number where text belongs",
        Path("sdg-targets/4-1.yaml"),
        (Path(__file__).parent / "fixtures/atlas/sdg-targets/4-1.yaml").read_text().replace('target: "4.1"', "target: 4.1"),
        "sdg-targets/4-1.yaml:2:9: target (SDG target): must be text, found a number: put the value in quotes",
    ),
    (
        "unknown SDG target",
        Path("sdg-targets/4-1.yaml"),
        (Path(__file__).parent / "fixtures/atlas/sdg-targets/4-1.yaml").read_text().replace('target: "4.1"', 'target: "4.99"'),
        "sdg-targets/4-1.yaml:2:9: target: '4.99' is not an official SDG target",
    ),
    (
        "target in the wrong file",
        Path("sdg-targets/4-1.yaml"),
        (Path(__file__).parent / "fixtures/atlas/sdg-targets/4-1.yaml").read_text().replace('target: "4.1"', 'target: "4.2"'),
        "sdg-targets/4-1.yaml:2:9: target: target '4.2' belongs in a file named 4-2.yaml",
    ),
    (
        "containment cycle",
        Path("jurisdictions/state-one.yaml"),
        (Path(__file__).parent / "fixtures/atlas/jurisdictions/state-one.yaml")
        .read_text()
        .replace("within: [federal]", "within: [city-one]"),
        "jurisdictions/city-one.yaml:4:9: within: 'within' leads back to this jurisdiction: containment cannot be circular",
    ),
    (
        "city outside any state",
        CITY,
        city_with(**{"within: [county-one, state-one]": "within: [federal]"}),
        "jurisdictions/city-one.yaml:4:9: within: must lie within a state: list its county or state in 'within'",
    ),
    (
        "special district without type",
        Path("jurisdictions/school-district-one.yaml"),
        (Path(__file__).parent / "fixtures/atlas/jurisdictions/school-district-one.yaml")
        .read_text()
        .replace("district_type: school-district\n", ""),
        "jurisdictions/school-district-one.yaml:1:1: missing required field 'district_type' (Special district type)",
    ),
    (
        "malformed address",
        CITY,
        city_with(**{"https://example.org/charter": "https://[example.org/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url: 'https://[example.org/charter' is not a well-formed address",
    ),
    (
        "address field without host",
        CITY,
        city_with(**{"summary: A city.": "summary: A city.\nwebsite: https://localhost/home"}),
        "jurisdictions/city-one.yaml:7:10: website: 'https://localhost/home' has no valid host name",
    ),
    (
        "control character in a name",
        CITY,
        city_with(**{"name: City of Example": 'name: "City of Example\\x0b"'}),
        "jurisdictions/city-one.yaml:2:7: name (Name): 'City of Example\\x0b' must be one line of text without control characters",
    ),
    (
        "trailing newline in an id",
        CITY,
        city_with(**{"  - id: police": '  - id: "police\\n"'}),
        "jurisdictions/city-one.yaml:8:9: bodies[0].id (Body id): 'police\\n' must be lower-case words joined by hyphens, such as los-angeles-county",
    ),
    (
        "non-text field name",
        CITY,
        city_with(**{"summary: A city.": "summary: A city.\n1: one"}),
        "jurisdictions/city-one.yaml:7:1: field name '1' must be text (a name, not a number, date or list)",
    ),
    (
        "tab inside a value is not blamed",
        Path("rights/tabbed-value.yaml"),
        'id: x\nsummary: "a\tb" c: d\n',
        "rights/tabbed-value.yaml:2:16: YAML error: while parsing a block mapping, did not find expected key",
    ),
    ("explicit YAML tag", Path("rights/tagged.yaml"), "id: tagged\nlist: !!set {a, b}\n",
     "rights/tagged.yaml:2:7: YAML tags such as 'tag:yaml.org,2002:set' are not allowed in records"),
    ("empty file", Path("rights/empty.yaml"), "", "rights/empty.yaml:1:1: the file is empty; a record needs its fields"),
    (
        "list instead of mapping",
        Path("rights/listed.yaml"),
        "- id: listed\n",
        "rights/listed.yaml:1:1: a record must be a mapping of fields (key: value), found a list",
    ),
    (
        "tab indentation",
        Path("rights/tabbed.yaml"),
        "id: tabbed\narticles:\n\t- instrument: x\n",
        "rights/tabbed.yaml:3:1: YAML error: a tab character is used; indent with spaces",
    ),
    (
        "malformed YAML",
        Path("rights/broken.yaml"),
        "id: broken\ntitle: [unclosed\n",
        "rights/broken.yaml:3:1: YAML error: while parsing a flow sequence, did not find expected ',' or ']'",
    ),
    (
        "not UTF-8",
        Path("rights/latin1.yaml"),
        b"id: latin1\ntitle: caf\xe9\n",
        "rights/latin1.yaml:2:11: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
    ),
    ("not a .yaml file", Path("rights/notes.txt"), "hello\n", "rights/notes.txt:1:1: not a record file: records end in .yaml"),
    (
        ".yml extension",
        Path("rights/other.yml"),
        "id: other\n",
        "rights/other.yml:1:1: not a record file: records end in .yaml (rename it to .yaml)",
    ),
    (
        "file too large",
        Path("rights/huge.yaml"),
        "id: huge\nsummary: " + "x" * 10_000_000 + "\n",
        "rights/huge.yaml:1:1: the file is 10,000,019 bytes; a record file may be at most 1,000,000 bytes",
    ),
    (
        "alias bomb",
        Path("rights/bomb.yaml"),
        "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "rights/bomb.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed in records; write the value out",
    ),
]


@pytest.mark.parametrize("rule, relative, content, expected", RULES, ids=[r[0] for r in RULES])
def test_each_rule_reports_the_exact_problem(data_dir, rule, relative, content, expected):
    reported = problems_after(data_dir, relative, content)
    assert expected in reported, "\n".join(reported)


def test_all_problems_are_reported_in_one_run(data_dir):
    (data_dir / "rights/empty.yaml").write_text("")
    (data_dir / CITY).write_text(city_with(**{"level: city": "level: town", "role: provides": "role: provide"}))
    _, problems = validate_data_dir(data_dir)
    assert len(problems) == 3
    assert len({p.path for p in problems}) == 2


def test_missing_sdg_reference_is_a_problem_not_a_traceback(data_dir):
    import shutil

    shutil.rmtree(data_dir / "sdg")
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p, root=data_dir) for p in problems] == [
        "sdg/targets.yml:1:1: the UN SDG reference text is missing or unreadable: data/sdg/ must hold the files listed in its SOURCE.md"
    ]


def test_cli_exits_1_with_a_count_and_2_for_a_missing_folder(data_dir, capsys):
    from atlas.cli import main

    (data_dir / "rights/empty.yaml").write_text("")
    assert main(["validate", "--data", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert "rights/empty.yaml:1:1: the file is empty" in captured.out
    assert "1 problem in 1 file" in captured.err
    assert main(["validate", "--data", str(data_dir / "nowhere")]) == 2
    assert "no such data folder" in capsys.readouterr().err


def test_github_annotation_format(data_dir, capsys):
    from atlas.cli import main

    (data_dir / "rights/empty.yaml").write_text("")
    main(["validate", "--github", "--data", str(data_dir)])
    assert "::error file=" in capsys.readouterr().out


def test_one_problem_is_always_one_line(data_dir):
    content = city_with(
        **{"last_reviewed: 2026-01-01\ncommitments": 'last_reviewed: "2026-01-01\\n::warning file=x::forged"\ncommitments'}
    )
    reported = problems_after(data_dir, CITY, content)
    assert reported and all("\n" not in line for line in reported)
    assert not any(line.startswith("::") for line in reported)


def test_reading_leaves_the_cycle_collector_as_it_found_it(data_dir):
    import gc

    assert gc.isenabled()
    validate_data_dir(data_dir)
    assert gc.isenabled()
    gc.disable()
    try:
        validate_data_dir(data_dir)
        assert not gc.isenabled()
    finally:
        gc.enable()

