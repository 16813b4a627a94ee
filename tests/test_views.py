"""View models on the small fixture dataset: who is responsible, at which level, with what coverage."""

from __future__ import annotations

from atlas import views
from atlas.model import load_atlas


def atlas_of(data_dir):
    return load_atlas(data_dir)


def test_governments_over_a_city_run_from_local_to_federal(data_dir):
    atlas = atlas_of(data_dir)
    assert views.governments_over(atlas, "city-one") == ["city-one", "school-district-one", "county-one", "state-one", "federal"]


def test_overlaps_are_followed_from_either_side(data_dir):
    atlas = atlas_of(data_dir)
    # city-one lists the school district; the district itself lists nothing.
    assert "city-one" in views.served_places(atlas, "school-district-one")


def test_stack_puts_each_duty_under_its_rights_issue_area(data_dir):
    stacks = {s.area: s for s in views.duty_bearer_stack(atlas_of(data_dir), "city-one")}
    education = [(d.jurisdiction, d.role) for d in stacks["k12-education"].duties]
    assert education == [("school-district-one", "provides"), ("state-one", "funds")]
    health = [(d.body_name, d.level) for d in stacks["public-health"].duties]
    assert health == [("County Department of Public Health", "county")]
    assert stacks["housing"].duties == []


def test_policing_stack_names_city_police_county_jail_and_federal_remedy(data_dir):
    stacks = {s.area: s for s in views.duty_bearer_stack(atlas_of(data_dir), "city-one")}
    rows = [(d.body_name, d.role) for d in stacks["policing"].duties]
    assert rows == [
        ("Example Police Department", "provides"),
        ("County Sheriff", "provides"),
        ("Department of Justice", "remedies"),
    ]


def test_matrix_has_a_column_per_government_and_roles_in_cells(data_dir):
    matrix = views.rights_by_level_matrix(atlas_of(data_dir), "city-one")
    assert matrix.levels[0] == "city-one" and matrix.levels[-1] == "federal"
    rows = dict(matrix.rows)
    assert rows["schooling"] == [[], ["provides"], [], ["funds"], []]


def test_coverage_counts_verified_share_per_area(data_dir):
    coverage = {c.area: c for c in views.place_coverage(atlas_of(data_dir), "city-one")}
    assert (coverage["k12-education"].duties, coverage["k12-education"].verified) == (2, 1)
    assert coverage["k12-education"].roles == ("provides", "funds")
    assert not coverage["housing"].mapped


def test_preemptions_reach_the_city_from_its_state(data_dir):
    found = views.preemptions_over(atlas_of(data_dir), "city-one")
    assert [(g, p["title"]) for g, p in found] == [("state-one", "Rent Control Preemption Act")]


def test_routes_to_remedy_include_every_level(data_dir):
    routes = views.accountability_routes(atlas_of(data_dir), "city-one")
    assert [g for g, _ in routes] == ["federal"]


def test_claim_counts(data_dir):
    assert views.claim_counts(atlas_of(data_dir)) == {"verified": 8, "unverified": 3}


def test_local_implementation_ruds_come_from_the_rights_instruments(data_dir):
    ruds = views.local_implementation_ruds(atlas_of(data_dir), ["covenant-one", "declaration-one"])
    assert [iid for iid, _ in ruds] == ["covenant-one"]


def test_goal_targets_keep_official_order_and_show_unlinked(data_dir):
    targets = views.goal_targets(atlas_of(data_dir), "4")
    assert [t.target for t in targets][:3] == ["4.1", "4.2", "4.3"]
    assert [link["right"] for link in targets[0].links] == ["schooling"]
    assert targets[1].links == []


def test_providers_by_place_follow_the_stack(data_dir):
    providers = dict(views.providers_by_place(atlas_of(data_dir), "schooling"))
    assert [d.body_name for d in providers["city-one"]] == ["Board of Education"]
