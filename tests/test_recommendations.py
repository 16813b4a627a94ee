"""UN recommendations and the documents they come from: bad records with their exact messages, and
the view functions on the fixture world."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.model import load_atlas
from atlas.recommendations import (
    count_by_level,
    levels_done_by,
    recommendation_view,
    recommendations_by_document,
    recommendations_for_place,
    recommendations_for_right,
)
from atlas.validate import format_problem, validate_data_dir

FIXTURES = Path(__file__).parent / "fixtures" / "atlas"
POLICING = Path("recommendations/ccpr-c-exa-co-1-10-a.yaml")
SCHOOLING = Path("recommendations/ccpr-c-exa-co-1-12.yaml")
UPR = Path("recommendations/a-hrc-99-1-26-3.yaml")
CCPR_DOCUMENT = Path("un-documents/ccpr-c-exa-co-1.yaml")
UPR_REPLY = Path("un-documents/a-hrc-99-1-add-1.yaml")


def fixture_with(relative: Path, **replacements: str) -> str:
    text = (FIXTURES / relative).read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems_after(data_dir: Path, relative: Path, content: str) -> list[str]:
    (data_dir / relative).write_text(content, encoding="utf-8")
    _, problems = validate_data_dir(data_dir)
    return [format_problem(p, root=data_dir) for p in problems]


def test_fixture_recommendations_and_documents_are_valid(data_dir):
    records, problems = validate_data_dir(data_dir)
    assert [format_problem(p) for p in problems] == []
    assert len(records.of_kind("recommendations")) == 5
    assert len(records.of_kind("un-documents")) == 3


RULES = [
    # (rule, file, content, expected problem line)
    (
        "unknown document, with suggestion",
        POLICING,
        fixture_with(POLICING, **{"document: ccpr-c-exa-co-1": "document: ccpr-c-exa-co-2"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:3:11: document: no UN document with id 'ccpr-c-exa-co-2'; "
        "did you mean 'ccpr-c-exa-co-1'?",
    ),
    (
        "mechanism differs from the document's",
        POLICING,
        fixture_with(POLICING, **{"mechanism: ccpr": "mechanism: cat"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:4:12: mechanism: 'cat' does not match the document: "
        "CCPR/C/EXA/CO/1 is a ccpr document",
    ),
    (
        "near-miss mechanism",
        POLICING,
        fixture_with(POLICING, **{"mechanism: ccpr": "mechanism: ccrp"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:4:12: mechanism (Mechanism): 'ccrp' is not allowed; "
        "use one of: cerd, ccpr, cat, upr (did you mean 'ccpr'?)",
    ),
    (
        "paragraph number not quoted",
        POLICING,
        fixture_with(POLICING, **{'paragraph: "10"': "paragraph: 10"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:5:12: paragraph (Paragraph): must be a paragraph number in quotes, "
        'such as "31" or, for a UPR recommendation, "26.112"',
    ),
    (
        "malformed paragraph number",
        POLICING,
        fixture_with(POLICING, **{'paragraph: "10"': 'paragraph: "10(a)"'}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:5:12: paragraph (Paragraph): must be a paragraph number in quotes, "
        'such as "31" or, for a UPR recommendation, "26.112"',
    ),
    (
        "sub-paragraph written with brackets",
        POLICING,
        fixture_with(POLICING, **{"subparagraph: a": "subparagraph: (a)"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:6:15: subparagraph (Sub-paragraph): "
        "must be the sub-paragraph's letter without brackets, such as a",
    ),
    (
        "dotted paragraph in concluding observations",
        POLICING,
        fixture_with(POLICING, **{'paragraph: "10"': 'paragraph: "10.1"'}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:5:12: paragraph: '10.1': paragraphs of concluding observations "
        'are whole numbers, such as "31"',
    ),
    (
        "UPR recommendation number without its dot",
        UPR,
        fixture_with(UPR, **{'paragraph: "26.3"': 'paragraph: "263"'}),
        "recommendations/a-hrc-99-1-26-3.yaml:5:12: paragraph: '263': a UPR recommendation's number has a dot, "
        'such as "26.112"',
    ),
    (
        "unknown right, with suggestion",
        POLICING,
        fixture_with(POLICING, **{"rights: [safety]": "rights: [safty]"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:8:10: rights[0]: no right with id 'safty'; did you mean 'safety'?",
    ),
    (
        "near-miss issue area",
        POLICING,
        fixture_with(POLICING, **{"issue_areas: [policing]": "issue_areas: [polcing]"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:9:15: issue_areas[0] (Issue area): 'polcing' is not allowed; "
        "use one of: public-health, k12-education, housing, policing, cross-cutting (did you mean 'policing'?)",
    ),
    (
        "near-miss level",
        POLICING,
        fixture_with(POLICING, **{"  - level: city": "  - level: cty"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:11:12: levels[0].level (Level of government): 'cty' is not allowed; "
        "use one of: federal, state, county, city, consolidated-city-county, special-district, township (did you mean 'city'?)",
    ),
    (
        "level listed twice",
        POLICING,
        fixture_with(POLICING, **{"  - level: county": "  - level: city"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:14:12: levels[1].level: level 'city' is listed twice (also levels[0])",
    ),
    (
        "a level without its reason",
        POLICING,
        fixture_with(POLICING, **{"    reason: Counties run sheriffs' departments.\n": ""}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:14:5: levels[1]: missing required field 'reason' (Reason)",
    ),
    (
        "UPR-only field on concluding observations",
        POLICING,
        fixture_with(POLICING, **{"rights: [safety]": "recommending_states: [Exampleland]\nrights: [safety]"}),
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:8:22: recommending_states: only a UPR recommendation has this field",
    ),
    (
        "quoted in part without an ellipsis",
        SCHOOLING,
        fixture_with(SCHOOLING, **{"in schools …": "in schools"}),
        "recommendations/ccpr-c-exa-co-1-12.yaml:6:7: text: quoted in part (excerpt: true): "
        "mark the omitted words with an ellipsis (…)",
    ),
    (
        "quoted in part without a note",
        SCHOOLING,
        fixture_with(SCHOOLING, **{"note: Only the first sentence of the paragraph was read.\n": ""}),
        "recommendations/ccpr-c-exa-co-1-12.yaml:2:1: missing required field 'note' (Reviewer's note)",
    ),
    (
        "document file not named after its symbol",
        CCPR_DOCUMENT,
        fixture_with(CCPR_DOCUMENT, **{"symbol: CCPR/C/EXA/CO/1": "symbol: CCPR/C/EXA/CO/2"}),
        "un-documents/ccpr-c-exa-co-1.yaml:3:9: symbol: symbol 'CCPR/C/EXA/CO/2' belongs in a file named "
        "ccpr-c-exa-co-2.yaml",
    ),
    (
        "malformed document symbol",
        CCPR_DOCUMENT,
        fixture_with(CCPR_DOCUMENT, **{"symbol: CCPR/C/EXA/CO/1": "symbol: ccpr c exa co 1"}),
        "un-documents/ccpr-c-exa-co-1.yaml:3:9: symbol (Document symbol): must be a UN document symbol such as "
        "CCPR/C/USA/CO/5 or A/HRC/46/15/Add.1",
    ),
    (
        "unknown treaty, with suggestion",
        CCPR_DOCUMENT,
        fixture_with(CCPR_DOCUMENT, **{"instrument: covenant-one": "instrument: covenant-two"}),
        "un-documents/ccpr-c-exa-co-1.yaml:6:13: instrument: no instrument with id 'covenant-two'; "
        "did you mean 'covenant-one'?",
    ),
    (
        "a UPR document names a treaty",
        UPR_REPLY,
        fixture_with(UPR_REPLY, **{"mechanism: upr": "mechanism: upr\ninstrument: covenant-one"}),
        "un-documents/a-hrc-99-1-add-1.yaml:6:13: instrument (Treaty): the Universal Periodic Review rests on no "
        "single treaty: leave instrument out",
    ),
    (
        "reply to an unknown document",
        UPR_REPLY,
        fixture_with(UPR_REPLY, **{"responds_to: a-hrc-99-1": "responds_to: a-hrc-99-2"}),
        "un-documents/a-hrc-99-1-add-1.yaml:6:14: responds_to: no UN document with id 'a-hrc-99-2'; "
        "did you mean 'a-hrc-99-1'?",
    ),
    (
        "document dated in the future",
        CCPR_DOCUMENT,
        fixture_with(CCPR_DOCUMENT, **{"issued: 2023-12-07": "issued: 2999-12-07"}),
        None,  # the message names today's date: checked by prefix below
    ),
]


@pytest.mark.parametrize("rule, relative, content, expected", RULES, ids=[rule[0] for rule in RULES])
def test_bad_record_gives_exact_message(data_dir, rule, relative, content, expected):
    problems = problems_after(data_dir, relative, content)
    if expected is None:
        assert len(problems) == 1 and problems[0].startswith(
            "un-documents/ccpr-c-exa-co-1.yaml:7:9: issued (Date issued): '2999-12-07' is in the future"
        ), problems
    else:
        assert problems == [expected]


def test_the_same_sub_paragraph_recorded_twice_is_reported_once_on_the_later_file(data_dir):
    copy = fixture_with(POLICING, **{"id: ccpr-c-exa-co-1-10-a": "id: ccpr-c-exa-co-1-10-b"})
    assert problems_after(data_dir, Path("recommendations/ccpr-c-exa-co-1-10-b.yaml"), copy) == [
        "recommendations/ccpr-c-exa-co-1-10-b.yaml:6:15: subparagraph: paragraph 10 (a) of CCPR/C/EXA/CO/1 "
        "is already recorded in ccpr-c-exa-co-1-10-a.yaml"
    ]


def test_a_whole_paragraph_and_one_of_its_parts_overlap(data_dir):
    whole = fixture_with(POLICING, **{"id: ccpr-c-exa-co-1-10-a": "id: ccpr-c-exa-co-1-10", "subparagraph: a\n": ""})
    assert problems_after(data_dir, Path("recommendations/ccpr-c-exa-co-1-10.yaml"), whole) == [
        "recommendations/ccpr-c-exa-co-1-10-a.yaml:6:15: subparagraph: paragraph 10 (a) of CCPR/C/EXA/CO/1 "
        "is already recorded in ccpr-c-exa-co-1-10.yaml (as paragraph 10)"
    ]


def test_different_sub_paragraphs_of_one_paragraph_are_both_allowed(data_dir):
    other = fixture_with(
        POLICING, **{"id: ccpr-c-exa-co-1-10-a": "id: ccpr-c-exa-co-1-10-b", "subparagraph: a": "subparagraph: b"}
    )
    assert problems_after(data_dir, Path("recommendations/ccpr-c-exa-co-1-10-b.yaml"), other) == []


def test_every_problem_in_a_record_is_reported_at_once(data_dir):
    content = fixture_with(
        POLICING,
        **{
            "document: ccpr-c-exa-co-1": "document: nowhere",
            "rights: [safety]": "rights: [safty]",
            "  - level: city": "  - level: cty",
        },
    )
    problems = problems_after(data_dir, POLICING, content)
    assert [line.split(": ", 2)[1] for line in problems] == ["document", "rights[0]", "levels[0].level (Level of government)"]


# --- views -------------------------------------------------------------------------------------


@pytest.fixture
def atlas(data_dir):
    return load_atlas(data_dir)


def _ids(items) -> list[str]:
    return [getattr(item, "recommendation", item).id for item in items]


def test_recommendations_for_a_city_are_those_its_stack_would_carry_out(atlas):
    found = recommendations_for_place(atlas, "city-one")
    # The housing recommendation (paragraph 20) is left out: nothing in city-one's stack covers housing.
    assert _ids(found) == ["a-hrc-99-1-26-3", "ccpr-c-exa-co-1-5", "ccpr-c-exa-co-1-10-a", "ccpr-c-exa-co-1-12"]
    governments = {item.recommendation.id: item.governments for item in found}
    assert governments == {
        "a-hrc-99-1-26-3": ("state-one",),
        "ccpr-c-exa-co-1-5": ("federal",),
        "ccpr-c-exa-co-1-10-a": ("city-one", "county-one"),
        "ccpr-c-exa-co-1-12": ("school-district-one",),
    }


def test_a_county_gets_no_recommendation_for_levels_outside_its_stack(atlas):
    found = recommendations_for_place(atlas, "county-one")
    # No special district overlaps the county, so the school-district recommendation is not over it.
    assert _ids(found) == ["a-hrc-99-1-26-3", "ccpr-c-exa-co-1-5", "ccpr-c-exa-co-1-10-a"]
    assert found[-1].governments == ("county-one",)


def test_recommendations_for_a_right_in_paragraph_order(atlas):
    # Numeric order: paragraph 5 before 10 before 20 (as text, "10" < "20" < "5").
    expected = ["ccpr-c-exa-co-1-5", "ccpr-c-exa-co-1-10-a", "ccpr-c-exa-co-1-20"]
    assert _ids(recommendations_for_right(atlas, "safety")) == expected
    assert recommendations_for_right(atlas, "no-such-right") == []


def test_recommendations_by_document_newest_first_with_undated_last(atlas):
    groups = recommendations_by_document(atlas)
    assert [(g.symbol, g.issued) for g in groups] == [
        ("CCPR/C/EXA/CO/1", "2023-12-07"),
        ("A/HRC/99/1/Add.1", "2021-03-01"),
        ("A/HRC/99/1", None),
    ]
    in_order = ["ccpr-c-exa-co-1-5", "ccpr-c-exa-co-1-10-a", "ccpr-c-exa-co-1-12", "ccpr-c-exa-co-1-20"]
    assert _ids(groups[0].recommendations) == in_order
    assert groups[1].recommendations == ()
    assert _ids(groups[2].recommendations) == ["a-hrc-99-1-26-3"]


def test_a_recommendation_view_cites_its_document_and_paragraph(atlas):
    view = recommendation_view(atlas, "ccpr-c-exa-co-1-10-a")
    assert view.citation == "CCPR/C/EXA/CO/1, para. 10 (a)"
    assert view.levels == ("city", "county")
    assert recommendation_view(atlas, "a-hrc-99-1-26-3").citation == "A/HRC/99/1, para. 26.3"
    assert recommendation_view(atlas, "ccpr-c-exa-co-1-12").excerpt is True


def test_count_by_level(atlas):
    assert count_by_level(atlas) == {"city": 2, "county": 1, "special-district": 1, "federal": 1, "state": 1}


def test_a_consolidated_city_county_does_the_work_of_a_city_and_a_county(atlas):
    atlas.jurisdictions["city-one"]["level"] = "consolidated-city-county"
    assert levels_done_by(atlas, "city-one") == ("consolidated-city-county", "city", "county")
    atlas.jurisdictions["county-one"]["acts_as"] = ["state"]
    assert levels_done_by(atlas, "county-one") == ("county", "state")
