"""One bad record per validator rule: the exact message, at the exact line and column."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from atlas import validate
from atlas.validate import format_problem, validate_data_dir

TODAY = datetime.date.today()  # the day the expected problems below are written for

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
        "federal, state, county, city, consolidated-city-county, special-district, township (did you mean 'township'?)",
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
        "acts_as, assignments, bodies, commitments, district_type, form_of_government, geoid, id, identifiers, "
        "last_reviewed, level, name, obligations, ocd_id, overlaps, preemptions, short_name, sources, summary, "
        "voluntary_local_reviews, website, within)",
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
        "a preemption applying to an unknown jurisdiction",
        Path("jurisdictions/state-one.yaml"),
        (Path(__file__).parent / "fixtures/atlas/jurisdictions/state-one.yaml")
        .read_text()
        .replace("    rights: [schooling]\n", "    rights: [schooling]\n    applies_to: [city-two]\n"),
        "jurisdictions/state-one.yaml:22:18: preemptions[0].applies_to[0]: no jurisdiction with id 'city-two'; did you mean 'city-one'?",
    ),
    (
        "unknown instrument",
        CITY,
        city_with(**{"instruments: [declaration-one]": "instruments: [declaration-two]"}),
        "jurisdictions/city-one.yaml:25:19: commitments[0].instruments[0]: no instrument with id 'declaration-two'; did you mean 'declaration-one'?",
    ),
    (
        "future date",
        CITY,
        city_with(**{"last_reviewed: 2026-01-01\ncommitments": "last_reviewed: 2999-01-01\ncommitments"}),
        f"jurisdictions/city-one.yaml:21:20: obligations[0].last_reviewed (Last reviewed): '2999-01-01' is in the future (today is {TODAY.isoformat()})",
    ),
    (
        "impossible date",
        CITY,
        city_with(**{"last_reviewed: 2026-01-01\ncommitments": "last_reviewed: 2026-02-30\ncommitments"}),
        "jurisdictions/city-one.yaml:21:20: obligations[0].last_reviewed (Last reviewed): '2026-02-30' is not a real calendar date; write YYYY-MM-DD",
    ),
    (
        "source url that is not a web address",
        CITY,
        city_with(**{"https://www.example-atlas.test/charter": "ftp://www.example-atlas.test/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url (Source address): 'ftp://www.example-atlas.test/charter' must be an absolute https:// or http:// address, written as the publisher serves it",
    ),
    (
        "http source url without host",
        CITY,
        city_with(**{"https://www.example-atlas.test/charter": "http://localhost/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url: 'http://localhost/charter' has no valid host name",
    ),
    (
        "http address outside sources",
        CITY,
        city_with(**{"    name: Example Police Department\n": "    name: Example Police Department\n    url: http://www.example-atlas.test/police\n"}),
        "jurisdictions/city-one.yaml:10:10: bodies[0].url (Body website): 'http://www.example-atlas.test/police' must be an absolute https:// address",
    ),
    (
        "url without host",
        CITY,
        city_with(**{"https://www.example-atlas.test/charter": "https://localhost/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url: 'https://localhost/charter' has no valid host name",
    ),
    (
        "duplicate source in one claim",
        CITY,
        city_with(
            **{
                "      - title: Example city charter\n        url: https://www.example-atlas.test/charter\n": "      - title: Example city charter\n        url: https://www.example-atlas.test/charter\n"
                "        publisher_kind: official\n      - title: Same again\n        url: https://www.example-atlas.test/charter\n"
            }
        ),
        "jurisdictions/city-one.yaml:22:14: obligations[0].sources[1].url: the same source address is listed twice (also item 0)",
    ),
    (
        "verified without source",
        CITY,
        city_with(
            **{
                "    status: verified\n    sources:\n      - title: Example city charter\n        url: https://www.example-atlas.test/charter\n"
                "        publisher_kind: official\n": "    status: verified\n    sources: []\n"
            }
        ),
        "jurisdictions/city-one.yaml:17:14: obligations[0].sources (Sources): needs at least one source: list a document that states this claim",
    ),
    (
        "source on a blocked host",
        CITY,
        city_with(**{"https://www.example-atlas.test/resolution": "https://instalawyer.io/resolution"}),
        "jurisdictions/city-one.yaml:30:14: commitments[0].sources[0].url (Source address): instalawyer.io is not an "
        "acceptable source: AI-written legal summaries. Cite the official publisher (the government or body itself, "
        "the legislature or its official code publisher, a court, the UN) or a scholarly, civil-society or press "
        "source that states the claim",
    ),
    (
        "source on a subdomain of a blocked host",
        CITY,
        city_with(**{"https://www.example-atlas.test/charter": "https://www.Scribd.com/document/1/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url (Source address): www.scribd.com is not an "
        "acceptable source: a document mirror (copies uploaded or scraped by a third party, which may be altered or out "
        "of date). Cite the official publisher (the government or body itself, the legislature or its official code "
        "publisher, a court, the UN) or a scholarly, civil-society or press source that states the claim",
    ),
    (
        "source on a blocked host under any top-level domain",
        CITY,
        city_with(**{"https://www.example-atlas.test/city": "https://vdocuments.mx/city"}),
        "jurisdictions/city-one.yaml:35:10: sources[0].url (Source address): vdocuments.mx is not an acceptable source: "
        "a document mirror (copies uploaded or scraped by a third party, which may be altered or out of date). Cite the "
        "official publisher (the government or body itself, the legislature or its official code publisher, a court, "
        "the UN) or a scholarly, civil-society or press source that states the claim",
    ),
    (
        "placeholder address outside the templates",
        CITY,
        city_with(**{"https://www.example-atlas.test/charter": "https://www.example.gov/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url (Source address): www.example.gov is not an "
        "acceptable source: a placeholder address reserved for examples and templates. Cite the official publisher (the "
        "government or body itself, the legislature or its official code publisher, a court, the UN) or a scholarly, "
        "civil-society or press source that states the claim",
    ),
    (
        "verified with no official source",
        CITY,
        city_with(**{"url: https://www.example-atlas.test/charter\n        publisher_kind: official": "url: https://www.example-atlas.test/charter\n        publisher_kind: press"}),
        "jurisdictions/city-one.yaml:16:13: obligations[0].status (Review status): can be verified only if one of its "
        "sources is official (publisher_kind: official): cite the law or the body's own page, or set the status to "
        "unverified and say in a note what the sources lack",
    ),
    (
        "verified treaty status with no official source",
        Path("instruments/covenant-one.yaml"),
        (Path(__file__).parent / "fixtures/atlas/instruments/covenant-one.yaml")
        .read_text()
        .replace("url: https://www.example-atlas.test/status\n      publisher_kind: official", "url: https://www.example-atlas.test/status\n      publisher_kind: reference"),
        "instruments/covenant-one.yaml:13:18: us_status.review_status (Review status): can be verified only if one of its "
        "sources is official (publisher_kind: official): cite the law or the body's own page, or set the status to "
        "unverified and say in a note what the sources lack",
    ),
    (
        "missing publisher kind",
        CITY,
        city_with(**{"url: https://www.example-atlas.test/resolution\n        publisher_kind: official\n": "url: https://www.example-atlas.test/resolution\n"}),
        "jurisdictions/city-one.yaml:29:9: commitments[0].sources[0]: missing required field 'publisher_kind' (Publisher kind)",
    ),
    (
        "unknown publisher kind",
        CITY,
        city_with(**{"url: https://www.example-atlas.test/city\n    publisher_kind: official": "url: https://www.example-atlas.test/city\n    publisher_kind: offical"}),
        "jurisdictions/city-one.yaml:36:21: sources[0].publisher_kind (Publisher kind): 'offical' is not allowed; use one "
        "of: official, scholarly, civil-society, press, reference (did you mean 'official'?)",
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
        city_with(**{"https://www.example-atlas.test/charter": "https://[www.example-atlas.test/charter"}),
        "jurisdictions/city-one.yaml:19:14: obligations[0].sources[0].url: 'https://[www.example-atlas.test/charter' is not a well-formed address",
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
def test_each_rule_reports_the_exact_problem(data_dir, rule, relative, content, expected, monkeypatch):
    # The expected texts are written when the tests are collected: the validator's today is that day,
    # not the day it runs on (a run over midnight would otherwise expect yesterday's date).
    monkeypatch.setattr(validate, "_today", lambda: TODAY)
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



# --- the list of blocked source hosts --------------------------------------------------------------

BLOCKED_HOSTS = Path("source-rules/blocked-hosts.yaml")
RULES_HEADER = "reasons:\n  content-farm: a content farm\n  document-mirror: a document mirror\nhosts:\n"


@pytest.mark.parametrize(
    "entries, expected",
    [
        (
            "  - host: scribd.com\n    reason: content-frm\n",
            "source-rules/blocked-hosts.yaml:6:13: hosts[0].reason: 'content-frm' is not one of the reasons defined "
            "above (content-farm, document-mirror)",
        ),
        (
            "  - host: https://scribd.com/\n    reason: document-mirror\n",
            "source-rules/blocked-hosts.yaml:5:11: hosts[0].host: 'https://scribd.com/' must be a host name only, "
            "without https:// or a path",
        ),
        (
            "  - host: Scribd\n    reason: document-mirror\n",
            "source-rules/blocked-hosts.yaml:5:11: hosts[0].host: 'Scribd' must be a lower-case host name such as "
            "scribd.com (it also covers every subdomain) or a name followed by .* for any top-level domain, such as "
            "vdocuments.*",
        ),
        ("  - reason: document-mirror\n", "source-rules/blocked-hosts.yaml:5:5: hosts[0]: missing required field 'host'"),
        ("  - host: scribd.com\n", "source-rules/blocked-hosts.yaml:5:5: hosts[0]: missing required field 'reason'"),
        (
            "  - host: scribd.com\n    reason: document-mirror\n  - host: scribd.com\n    reason: content-farm\n",
            "source-rules/blocked-hosts.yaml:7:11: hosts[1].host: 'scribd.com' is listed twice (also hosts[0])",
        ),
        (
            "  - host: scribd.com\n    reason: document-mirror\n    why: copies\n",
            "source-rules/blocked-hosts.yaml:5:5: hosts[0]: unknown field 'why' (allowed: host, note, reason)",
        ),
        ("  - scribd.com\n", "source-rules/blocked-hosts.yaml:5:5: hosts[0]: must be a mapping with host and reason, found 'scribd.com'"),
        ("  - host: [scribd.com\n", "source-rules/blocked-hosts.yaml:6:1: YAML error: while parsing a flow sequence, did not find expected ',' or ']'"),
    ],
    ids=["unknown reason", "address, not host", "malformed host", "no host", "no reason", "listed twice", "unknown field",
         "entry not a mapping", "malformed YAML"],
)
def test_a_malformed_blocked_hosts_entry_is_a_clear_problem(data_dir, entries, expected):
    reported = problems_after(data_dir, BLOCKED_HOSTS, RULES_HEADER + entries)
    assert expected in reported, "\n".join(reported)


def test_a_blocked_hosts_file_without_reasons_or_hosts_is_a_clear_problem(data_dir):
    reported = problems_after(data_dir, BLOCKED_HOSTS, "hosts: scribd.com\n")
    assert reported == [
        "source-rules/blocked-hosts.yaml:1:1: reasons: must map each reason's name to the text contributors see, e.g. "
        "content-farm: a content farm",
        "source-rules/blocked-hosts.yaml:1:8: hosts: must be a list of entries, each with a host and a reason",
    ]


def test_a_missing_blocked_hosts_file_is_a_problem_not_a_traceback(data_dir):
    (data_dir / BLOCKED_HOSTS).unlink()
    _, problems = validate_data_dir(data_dir)
    assert [format_problem(p, root=data_dir) for p in problems] == [
        "source-rules/blocked-hosts.yaml:1:1: the list of blocked source hosts is missing: "
        "data/source-rules/blocked-hosts.yaml must exist (it may list no hosts)"
    ]


def test_the_valid_entries_of_a_partly_malformed_file_still_apply(data_dir):
    (data_dir / BLOCKED_HOSTS).write_text(
        RULES_HEADER + "  - host: Bad Host\n    reason: content-farm\n  - host: www.example-atlas.test\n    reason: content-farm\n"
    )
    reported = problems_after(data_dir, CITY, city_with())
    assert any(line.startswith("source-rules/blocked-hosts.yaml:5:11: hosts[0].host:") for line in reported), reported
    assert any("www.example-atlas.test is not an acceptable source: a content farm." in line for line in reported), reported


@pytest.mark.parametrize(
    "url, blocked",
    [
        ("https://scribd.com/doc", True),
        ("https://fr.scribd.com/doc", True),
        ("https://notscribd.com/doc", False),
        ("https://scribd.com.test/doc", False),
        ("https://vdocuments.site/x", True),
        ("https://www.vdocuments.co.uk/x", True),
        ("https://vdocuments/x", False),
        ("https://books.google.com/books?id=x", True),
        ("https://www.google.com/books", False),
        ("https://gopherproxy.meulie.net/x", True),
        ("https://development.code.dccouncil.gov/us/dc/council/code", True),
        ("https://code.dccouncil.gov/us/dc/council/code", False),
        ("https://av1.space/x", False),
        ("https://wiki.av1.space/x", True),
        ("https://INSTALAWYER.IO./x", True),
        ("https://instalawyer.io:443/x", True),
        ("https://[bad/x", False),
    ],
)
def test_blocked_host_matching(url, blocked):
    from atlas.records import DATA_DIR
    from atlas.source_rules import read_blocked_hosts

    rules = read_blocked_hosts(DATA_DIR)
    assert rules.problems == []
    assert (rules.blocked.entry_for_url(url) is not None) is blocked


# The hosts issue #13 named as never acceptable, as addresses a record might cite.
ISSUE_13_HOSTS = """
instalawyer.io legalfix.com jurris.com syfert.com legalclarity.org lawserver.com statutes.laws.com
law.uslawyerdatabase.com docslib.org vdocuments.mx vdocuments.site vdocuments.us pdfslide.net pdfslide.us
documents.pub fdocuments.in fdocuments.net docsbay.net abcdocz.com scribd.com www.scribd.com fr.scribd.com
online.flippingbook.com issuu.com bookrags.com wikimili.com worddisk.com liquisearch.com checkoutapi.com
books.google.com books.google.co.uk gopherproxy.meulie.net wiki.av1.space en.wikipedia-on-ipfs.org owiki.org
a.osmarks.net encyclopedia.datana.cloud studylib.net slideplayer.com pdfhall.com simplebooklet.com
profilesarchive.com fipsdecoder.com city-data.com www.city-data.com mrowl.com getpocketlaw.com lawi.us lawin.org
cetient.com app.midpage.ai citizenportal.ai govregs.com customsmobile.com congressionalresearch.com
definitions.uslegal.com system.uslegal.com en-nksdg.org particle.news www.einpresswire.com example.org
www.example.gov development.code.dccouncil.gov development.code.dccouncil.us
""".split()


def test_every_host_the_issue_names_is_blocked_with_a_reason():
    from atlas.records import DATA_DIR
    from atlas.source_rules import read_blocked_hosts

    rules = read_blocked_hosts(DATA_DIR)
    unblocked = [host for host in ISSUE_13_HOSTS if rules.blocked.entry_for_url(f"https://{host}/page") is None]
    assert unblocked == []
    for host in ("code.dccouncil.gov", "uslegal.com", "google.com", "laws.com", "flippingbook.com", "midpage.ai"):
        assert rules.blocked.entry_for_url(f"https://{host}/page") is None, host
