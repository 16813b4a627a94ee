"""`python -m atlas scaffold`: write a schema-valid skeleton record for a new place.

The skeleton holds only what the contributor told us (id, name, level, district type,
enclosing jurisdictions) plus empty lists and comments saying what to add. Every rule
comes from the schemas or the validator: the id pattern and the level and district-type
enums are read from schemas/, and the finished text is validated in memory, together
with the records already in the data folder, before anything is written.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import re
import sys
from pathlib import Path

import yaml

from .records import RECORD_KINDS, Record, load_schemas, read_records
from .validate import format_problem, validate_records
from .yaml_source import parse_yaml_text

KIND = "jurisdictions"
SUMMARY_PLACEHOLDER = "TODO: one or two plain sentences on what this government does for residents."


class Refusal(Exception):
    """A reason not to write the file, worded for the contributor."""


def _common() -> dict:
    return load_schemas()["common.schema.json"]["$defs"]


def _jurisdiction_schema() -> dict:
    return load_schemas()[RECORD_KINDS[KIND].schema_file]


def _id_pattern() -> re.Pattern:
    return re.compile(_common()["id"]["pattern"])


def _levels() -> list[str]:
    return list(_common()["level"]["enum"])


def _district_types() -> list[str]:
    return list(_jurisdiction_schema()["properties"]["district_type"]["enum"])


def _needs_district_type(level: str) -> bool:
    """Whether the schema's if/then requires district_type for this level (and forbids it otherwise)."""
    for rule in _jurisdiction_schema().get("allOf", []):
        condition = rule.get("if", {}).get("properties", {}).get("level", {})
        if "district_type" in rule.get("then", {}).get("required", []) and condition.get("const") == level:
            return True
    return False


def _scalar(value: str) -> str:
    """A string as one YAML scalar: plain when that is safe, quoted when not."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _id_list(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def render_place(record_id: str, name: str, level: str, within: list[str], district_type: str | None, today: str) -> str:
    """The text of the new record: the schema line, the known fields, empty lists and guidance."""
    schema_file = RECORD_KINDS[KIND].schema_file
    levels = " | ".join(_levels())
    district_line = (
        f"district_type: {district_type}       # {' | '.join(_district_types())}\n" if district_type else ""
    )
    return f"""\
# yaml-language-server: $schema=../../schemas/{schema_file}
# Written by `python -m atlas scaffold`. A fully commented example of every field is in
# data/jurisdictions/_template.yaml; CONTRIBUTING.md explains the rules for claims.
#
# Before you open a pull request:
#   1. Replace the TODO summary with one or two plain sentences.
#   2. Add at least one source (title, https:// url, publisher_kind) that states the name and level.
#   3. Add bodies, then obligations that refer to them, each with its own sources.
#   4. Run `python -m atlas validate` (or let the pull-request check run it).
# Never invent a URL, citation, ordinance number or date: leave a claim out rather than guess.
id: {record_id}
name: {_scalar(name)}
level: {level}       # {levels}
{district_line}within: {_id_list(within)}       # ids of the nearest enclosing jurisdictions, most local first
# overlaps: []       # ids of school districts / housing authorities sharing territory
# ocd_id: ocd-division/country:us/state:xx/place:example       # only if you looked it up
# geoid: "0000000"       # Census GEOID, quoted; only if you looked it up
# form_of_government: Mayor–council
# website: https://www.example.gov
summary: >-
  {SUMMARY_PLACEHOLDER}
bodies: []
# bodies:
#   - id: police-department       # unique in this file; obligations refer to it
#     name: Example Police Department
#     url: https://www.example.gov/police
obligations: []
# obligations:
#   - right: liberty-and-security       # id of a file in data/rights/
#     body: police-department       # id of a body above
#     role: provides       # provides | funds | regulates | oversees | remedies
#     basis: Example City Charter § 100       # the law, cited as the source cites it
#     summary: Runs policing in the city.
#     status: unverified       # verified only once you have read a listed official source stating it
#     sources:
#       - title: Example City Charter, section 100
#         url: https://www.example.gov/charter
#         publisher_kind: official       # official | scholarly | civil-society | press | reference
#     last_reviewed: {today}
# commitments, accountability and (on a state) preemptions: see _template.yaml
sources: []       # documents stating the basic facts above (name, level, ids)
last_reviewed: {today}
"""


def _did_you_mean(value: str, options: list[str]) -> str:
    hint = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _check_arguments(data_dir: Path, record_id: str, level: str, within: list[str], district_type: str | None) -> Path:
    """The path to write, or a Refusal saying why not."""
    folder = data_dir / RECORD_KINDS[KIND].folder
    if not folder.is_dir():
        raise Refusal(f"no folder {folder}: give the data folder with --data")
    if not _id_pattern().fullmatch(record_id):
        raise Refusal(f"'{record_id}' is not a valid id: use lower-case words joined by hyphens, such as los-angeles-county")
    target = folder / f"{record_id}.yaml"
    if target.exists():
        raise Refusal(f"{target} already exists; edit it instead")
    levels = _levels()
    if level not in levels:
        raise Refusal(f"'{level}' is not a level; use one of: {', '.join(levels)}{_did_you_mean(level, levels)}")
    if _needs_district_type(level):
        if district_type is None:
            raise Refusal(f"a {level} needs --district-type, one of: {', '.join(_district_types())}")
        if district_type not in _district_types():
            types = _district_types()
            hint = _did_you_mean(district_type, types)
            raise Refusal(f"'{district_type}' is not a district type; use one of: {', '.join(types)}{hint}")
    elif district_type is not None:
        raise Refusal(f"--district-type is only for a special-district, not a {level}")
    for other in within:
        if not _id_pattern().fullmatch(other):
            raise Refusal(f"--within '{other}' is not a valid id: use lower-case words joined by hyphens")
        if other == record_id:
            raise Refusal("a jurisdiction cannot lie within itself")
        if not (folder / f"{other}.yaml").is_file():
            known = sorted(path.stem for path in folder.glob("*.yaml") if not path.name.startswith("_"))
            raise Refusal(
                f"--within '{other}': there is no {folder / (other + '.yaml')}{_did_you_mean(other, known)}; "
                "add that jurisdiction first"
            )
    if len(set(within)) != len(within):
        raise Refusal("--within lists the same jurisdiction twice")
    return target


def _problems_with(data_dir: Path, target: Path, text: str) -> list[str]:
    """Validate the new record with the existing ones, in memory; its problems only."""
    records = read_records(data_dir)
    records.records.setdefault(KIND, {})[target.stem] = Record(KIND, target, parse_yaml_text(text))
    return [format_problem(p, root=Path.cwd()) for p in validate_records(records) if p.path == target]


def scaffold_place(args: argparse.Namespace) -> int:
    data_dir = Path(args.data)
    within = list(args.within or [])
    district_type = getattr(args, "district_type", None)
    today = datetime.date.today().isoformat()
    try:
        target = _check_arguments(data_dir, args.id, args.level, within, district_type)
        text = render_place(args.id, args.name, args.level, within, district_type, today)
        problems = _problems_with(data_dir, target, text)
        if problems:
            raise Refusal("the new record would not be valid:\n  " + "\n  ".join(problems))
    except Refusal as refusal:
        print(f"scaffold: {refusal}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    print(target)
    print(
        "Next: write the summary, add sources, bodies and obligations, then run `python -m atlas validate`.",
        file=sys.stderr,
    )
    return 0
