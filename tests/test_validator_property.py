"""Random YAML and random structures: the validator never raises, and every message names a place."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import make_data_dir
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.validate import format_problem, validate_data_dir
from atlas.yaml_source import parse_yaml_text

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates().map(str)
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)),
    max_leaves=25,
)
record_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers()),
        "name": scalars,
        "level": st.sampled_from(["city", "county", "state", "town", 3]),
        "within": st.one_of(st.lists(st.text(max_size=10), max_size=3), scalars),
        "obligations": st.lists(structures, max_size=3),
        "bodies": st.lists(st.dictionaries(st.sampled_from(["id", "name", "url"]), structures), max_size=3),
        "summary": scalars,
        "sources": st.one_of(st.lists(st.dictionaries(st.sampled_from(["title", "url"]), scalars), max_size=3), scalars),
        "last_reviewed": scalars,
    },
)

_base = Path(tempfile.mkdtemp(prefix="atlas-property-"))
_DATA = make_data_dir(_base / "data")


def _check(content: str | bytes) -> None:
    target = _DATA / "jurisdictions" / "random-record.yaml"
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    try:
        _, problems = validate_data_dir(_DATA)
    finally:
        target.unlink()
    for problem in problems:
        line = format_problem(problem)
        assert line.split(":")[0].endswith(".yaml")
        assert problem.position.line >= 1 and problem.position.column >= 1
        assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_raises(text):
    _check(text.encode("utf-8", "replace"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_random_structures_never_raise(structure):
    _check(yaml.safe_dump(structure, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_like)
def test_random_record_shapes_never_raise(record):
    _check(yaml.safe_dump(record, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=120))
def test_random_bytes_never_raise(data):
    _check(data)


@given(st.text(max_size=100))
def test_parser_reports_instead_of_raising(text):
    loaded = parse_yaml_text(text)
    lines = len(text.splitlines()) + 2  # a problem may point just past the last line (end of stream)
    for position, message in loaded.problems:
        assert message.strip() and "\n" not in message, message
        assert 1 <= position.line <= lines and position.column >= 1, (position, text)


def teardown_module():
    shutil.rmtree(_base, ignore_errors=True)


def _engines_agree(kind: str, record) -> None:
    from atlas.validate import _build_fast_validators, _build_validators

    slow, fast = _build_validators()[kind], _build_fast_validators()[kind]
    assert fast.is_valid(record) == slow.is_valid(record), record


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_like)
def test_fast_and_detailed_schema_checks_agree_on_random_records(record):
    _engines_agree("jurisdictions", record)


def test_fast_and_detailed_schema_checks_agree_on_every_rule_fixture_and_real_record():
    """The fast engine decides which records get detailed messages: it must never pass a record
    that jsonschema would fail, nor the reverse."""
    import copy

    from atlas.records import DATA_DIR, read_records
    from atlas.validate import _build_fast_validators

    records = read_records(DATA_DIR)
    for kind, by_id in records.records.items():
        for record in by_id.values():
            _engines_agree(kind, record.data)
    city = records.of_kind("jurisdictions")["los-angeles"].data
    mutations = [
        ("level", "town"),
        ("name", "x\n"),
        ("name", "ok\x0b"),
        ("id", "Bad Id"),
        ("geoid", 644000),
        ("district_type", "school-district"),
        ("website", "http://example.org"),
        ("last_reviewed", "2999-01-01"),
        ("last_reviewed", "2026-02-30"),
        ("surprise", "field"),
    ]
    for field, value in mutations:
        mutated = copy.deepcopy(city)
        mutated[field] = value
        _engines_agree("jurisdictions", mutated)
    mutated = copy.deepcopy(city)
    mutated["obligations"][0].update(status="verified", sources=[])
    _engines_agree("jurisdictions", mutated)
    fixture_city = parse_yaml_text((Path(__file__).parent / "fixtures/atlas/jurisdictions/city-one.yaml").read_text()).data
    source = {"title": "A news story", "url": "https://news.example-atlas.test/story"}
    cases = [(["press"], "verified"), (["press", "official"], "verified"), (["press"], "unverified"), ([None], "verified")]
    for kinds, status in cases:
        mutated = copy.deepcopy(fixture_city)
        sources = [{**source, "url": f"{source['url']}/{i}", "publisher_kind": kind} for i, kind in enumerate(kinds)]
        for item in sources:
            if item["publisher_kind"] is None:
                del item["publisher_kind"]
        mutated["obligations"][0].update(status=status, sources=sources)
        _engines_agree("jurisdictions", mutated)
        expected_valid = kinds == ["press", "official"] or status == "unverified"
        assert _build_fast_validators()["jurisdictions"].is_valid(mutated) is expected_valid
