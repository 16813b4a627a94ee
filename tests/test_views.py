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


# --- answer-first reading pages -------------------------------------------------------


def test_plain_role_labels_cover_the_schema_roles_and_differ_from_each_other():
    from atlas.model import roles

    assert set(views.PLAIN_ROLE_LABELS) == set(roles()) == set(views.ROLE_SYMBOLS)
    assert len(set(views.PLAIN_ROLE_LABELS.values())) == len(roles())
    assert len(set(views.ROLE_SYMBOLS.values())) == len(roles())
    assert [chip.formal for chip in views.role_legend()] == [role.capitalize() for role in roles()]


def test_sources_for_reading_put_official_first_and_name_the_publisher():
    sources = [
        {"title": "A news story", "url": "https://www.news.example/story", "publisher_kind": "press"},
        {"title": "The statute", "url": "https://law.example/s1", "publisher": "State Legislature", "publisher_kind": "official"},
        {"title": "A report", "url": "https://ngo.example/r", "publisher": "An NGO", "publisher_kind": "civil-society"},
    ]
    shown = views.sources_for_reading(sources)
    assert [(s.publisher, s.official) for s in shown] == [
        ("State Legislature", True),
        ("news.example", False),  # no publisher given: the host name, without www.
        ("An NGO", False),
    ]


def test_complaint_routes_run_most_local_first_with_deadline_only_where_stated(data_dir):
    atlas = atlas_of(data_dir)
    atlas.jurisdictions["city-one"]["accountability"] = [
        {
            "name": "Police Commission complaints",
            "kind": "oversight-commission",
            "body": "police",
            "issue_areas": ["policing"],
            "summary": "Takes complaints about officers.",
            "deadline": "Within one year of the incident",
            "contact": "https://example.org/complain",
            "status": "unverified",
            "note": "No official page found yet.",
            "sources": [],
            "last_reviewed": "2026-02-01",
        }
    ]
    routes = views.complaint_routes(atlas, "city-one")
    assert [(r.jurisdiction, r.name) for r in routes] == [
        ("city-one", "Police Commission complaints"),
        ("federal", "Civil rights complaint portal"),
    ]
    city, federal = routes
    # The city's own route is shown in full on its page; the federal one links to its entry on the federal page.
    assert (city.here, city.anchor, federal.here, federal.anchor) == (True, "route-0", False, "route-0")
    assert [r.here for r in views.complaint_routes(atlas, "federal")] == [True]
    assert (city.deadline, city.contact, city.handled_by, city.local) == (
        "Within one year of the incident",
        "https://example.org/complain",
        "Example Police Department",
        True,
    )
    assert city.claim.note == "No official page found yet." and city.claim.status == "unverified"
    assert (federal.deadline, federal.contact, federal.handled_by, federal.local) == (
        None,
        None,
        "United States of Example",
        False,
    )
    assert federal.issue_areas == ["Policing and detention"]


def test_stack_picture_has_a_row_per_government_with_plain_roles_per_area(data_dir):
    atlas = atlas_of(data_dir)
    rows = views.stack_picture(atlas, "city-one")
    assert [row.jurisdiction for row in rows] == views.governments_over(atlas, "city-one")
    by_government = {row.jurisdiction: {a.area: [chip.label for chip in a.roles] for a in row.areas} for row in rows}
    assert by_government["city-one"] == {"policing": ["Runs it"]}
    assert by_government["school-district-one"] == {"k12-education": ["Runs it"]}
    assert by_government["state-one"]["k12-education"] == ["Pays"]
    assert by_government["federal"] == {"policing": ["Handles complaints"]}


def test_issue_sections_say_the_review_date_once_and_only_differing_rows_repeat_it(data_dir):
    atlas = atlas_of(data_dir)
    atlas.jurisdictions["state-one"]["obligations"][0]["last_reviewed"] = "2026-03-03"
    atlas.rights["schooling"]["keywords"] = ["school discipline", "enrollment"]
    sections = {s.area: s for s in views.issue_sections(atlas, "city-one")}
    k12 = sections["k12-education"]
    assert k12.reviewed == "2026-03-03"  # one row each: the later date is said for the section
    assert [(row.jurisdiction, row.claim.reviewed) for row in k12.rows] == [
        ("school-district-one", "2026-01-01"),
        ("state-one", None),
    ]
    assert k12.keywords == ["school discipline", "enrollment"]
    assert k12.sentence == (
        "K-12 education in City of Example: 2 duties held by Example Unified School District and State of Example "
        "(who runs it and pays)."
    )
    assert (
        sections["housing"].rows == []
        and "no duty over residents of City of Example is recorded yet" in sections["housing"].sentence
    )
    assert sections["policing"].local_bodies == ["Example Police Department"]


def test_issue_sections_carry_the_reviewers_note(data_dir):
    atlas = atlas_of(data_dir)
    atlas.jurisdictions["city-one"]["obligations"][0].update(status="unverified", note="The charter page is gone.")
    policing = next(s for s in views.issue_sections(atlas, "city-one") if s.area == "policing")
    row = next(row for row in policing.rows if row.here)
    assert (row.claim.status, row.claim.note) == ("unverified", "The charter page is gone.")


def test_compare_lists_every_place_with_who_provides_oversees_and_remedies(data_dir):
    atlas = atlas_of(data_dir)
    view = views.compare_area(atlas, "policing")
    assert [row.place for row in view.rows] == atlas.places()
    city = view.rows[0].holders
    assert [(h.name, h.jurisdiction) for h in city["provides"]] == [
        ("Example Police Department", "city-one"),
        ("County Sheriff", "county-one"),
    ]
    assert city["oversees"] == []
    remedies = [(h.name, h.route) for h in city["remedies"]]
    assert remedies == [("Department of Justice", False), ("Civil rights complaint portal", True)]
    assert city["provides"][0].rights == ("safety",) and city["provides"][0].treaties == ("covenant-one",)
    assert view.rights == [("safety", "Right to security of person")]


def test_compare_csv_has_a_header_and_one_row_per_place(data_dir):
    atlas = atlas_of(data_dir)
    rows = views.compare_csv_rows(views.compare_area(atlas, "k12-education"))
    assert rows[0] == ["place_id", "place", "issue_area", "provides", "oversees", "remedies"]
    assert [row[0] for row in rows[1:]] == atlas.places()
    assert rows[1][3] == "Board of Education (Example Unified School District)"


def test_compare_areas_are_the_issue_areas_with_rights(data_dir):
    atlas = atlas_of(data_dir)
    areas = views.compare_areas(atlas)
    assert set(areas) == {right["issue_area"] for right in atlas.rights.values()}


def test_place_page_view_puts_routes_stack_and_sections_in_reading_order(data_dir):
    atlas = atlas_of(data_dir)
    page = views.place_page(atlas, "city-one")
    assert page.name == "City of Example" and page.within == ["county-one", "state-one"]
    assert [s.area for s in page.sections] == [s.area for s in views.duty_bearer_stack(atlas, "city-one")]
    assert [r.name for r in page.routes] == ["Civil rights complaint portal"]
    assert [p.title for p in page.preemptions] == ["Rent Control Preemption Act"]
    assert page.commitments[0].claim.reviewed is None  # the section's date, said once


def test_right_page_view_answers_who_holds_it_in_plain_roles(data_dir):
    atlas = atlas_of(data_dir)
    atlas.rights["safety"]["keywords"] = ["police misconduct"]
    page = views.right_page(atlas, "safety")
    assert page.keywords == ["police misconduct"]
    assert [(h.jurisdiction, [c.label for c in h.roles]) for h in page.holders] == [
        ("city-one", ["Runs it"]),
        ("county-one", ["Runs it"]),
        ("federal", ["Handles complaints"]),
    ]
    assert [(a.instrument, a.us_status) for a in page.articles] == [
        ("covenant-one", atlas.instruments["covenant-one"]["us_status"]["status"])
    ]


def test_compare_sentence_counts_places_with_each_role(data_dir):
    atlas = atlas_of(data_dir)
    view = views.compare_area(atlas, "policing")
    assert views.compare_sentence(view) == (
        "Policing and detention, compared across 1 place: who runs it is recorded for 1, who checks it for 0 "
        "and where to complain for 1."
    )
    assert [item.area for item in views.compare_index(atlas)] == views.compare_areas(atlas)


def test_a_preemption_naming_the_places_it_applies_to_shows_only_on_theirs(data_dir):
    state = data_dir / "jurisdictions" / "state-one.yaml"
    limited = state.read_text().replace("    rights: [schooling]\n", "    rights: [schooling]\n    applies_to: [county-one]\n", 1)
    state.write_text(limited)
    atlas = atlas_of(data_dir)
    assert [p["title"] for _, p in views.preemptions_over(atlas, "county-one")] == ["Rent Control Preemption Act"]
    assert views.preemptions_over(atlas, "city-one") == []


def test_a_preemption_without_applies_to_limits_every_government_below(data_dir):
    atlas = atlas_of(data_dir)
    assert [g for g, _ in views.preemptions_over(atlas, "city-one")] == ["state-one"]


def test_a_city_partly_in_a_second_county_has_both_counties_in_its_stack(data_dir):
    jurisdictions = data_dir / "jurisdictions"
    second = (jurisdictions / "county-one.yaml").read_text().replace("id: county-one", "id: county-two", 1)
    (jurisdictions / "county-two.yaml").write_text(second)
    city = jurisdictions / "city-one.yaml"
    city.write_text(city.read_text().replace("overlaps: [school-district-one]", "overlaps: [school-district-one, county-two]", 1))
    atlas = atlas_of(data_dir)
    assert views.governments_over(atlas, "city-one") == [
        "city-one", "school-district-one", "county-one", "county-two", "state-one", "federal"]
    # a county's own stack does not take in the other counties its cities reach into
    assert "county-one" not in views.governments_over(atlas, "county-two")


def test_issue_section_rows_point_at_each_duty_entry_on_its_own_government_page(data_dir):
    atlas = atlas_of(data_dir)
    k12 = next(s for s in views.issue_sections(atlas, "city-one") if s.area == "k12-education")
    assert [(row.jurisdiction, row.here, row.anchor) for row in k12.rows] == [
        ("school-district-one", False, "duty-0"),
        ("state-one", False, "duty-0"),
    ]
    own = next(s for s in views.issue_sections(atlas, "state-one") if s.area == "k12-education")
    assert [(row.jurisdiction, row.here, row.anchor) for row in own.rows] == [("state-one", True, "duty-0")]


def test_places_index_orders_governments_of_the_same_name_by_id_whatever_order_it_is_given(data_dir):
    from atlas.index_views import places_index

    atlas = atlas_of(data_dir)
    atlas.jurisdictions["county-one"]["name"] = atlas.jurisdictions["city-one"]["name"]
    atlas.jurisdictions["county-one"]["level"] = "city"
    # county-one first in the records' order: only the id can put city-one first
    reordered = {"county-one": atlas.jurisdictions.pop("county-one"), **atlas.jurisdictions}
    atlas.jurisdictions.clear()
    atlas.jurisdictions.update(reordered)
    cities = next(group for group in places_index(atlas) if group.level == "city")
    assert [row.jurisdiction for row in cities.rows] == ["city-one", "county-one"]
    for given in (["city-one", "county-one"], ["county-one", "city-one"]):
        (group,) = places_index(atlas, given)
        assert [row.jurisdiction for row in group.rows] == ["city-one", "county-one"]


def test_duties_held_above_are_grouped_by_right_then_by_government_in_stack_order():
    from atlas.views import DutyRow, right_duties, role_chip, short_body_name

    def row(right, title, jurisdiction, name, body, here=False):
        return DutyRow(right, title, role_chip("provides"), body, None, jurisdiction, name, "county", "b", "s",
                       None, here, "duty-0")

    rows = [
        row("work", "Right to work", "county-a", "Alder County", "Alder County Health Department"),
        row("health", "Right to health", "city-b", "City of Birch", "Clinic", here=True),
        row("health", "Right to health", "county-a", "Alder County", "Alder County Board"),
        row("health", "Right to health", "county-a", "Alder County", "Alder County Health Department"),
        row("health", "Right to health", "state-c", "State of Cedar", "Cedar Legislature"),
    ]
    groups = right_duties(rows)
    assert [g.right for g in groups] == ["health", "work"]
    health = groups[0]
    assert [r.body_name for r in health.own] == ["Clinic"]
    assert [(h.jurisdiction, [r.short_body_name for r in h.duties]) for h in health.above] == [
        ("county-a", ["Board", "Health Department"]), ("state-c", ["Cedar Legislature"])]
    assert short_body_name("Alder County", "Alder County") == "Alder County"


def test_a_comparison_lists_the_holders_every_row_shares_once(data_dir):
    atlas = atlas_of(data_dir)
    second = dict(atlas.jurisdictions["city-one"], id="city-two", name="City of Second", obligations=[], accountability=[])
    atlas.jurisdictions["city-two"] = second
    view = views.compare_area(atlas, "policing", ["city-one", "city-two"])
    table = views.compare_table(view)
    federal_routes = [h.name for h in table.shared["remedies"]]
    assert federal_routes and all(h.jurisdiction != "city-one" for h in table.shared["remedies"])
    # Each row keeps only what is not shared, so nothing is listed twice.
    for row, full in zip(table.rows, view.rows, strict=True):
        for role in views.COMPARE_ROLES:
            assert sorted(row.holders[role] + table.shared[role], key=repr) == sorted(full.holders[role], key=repr)
            assert not set(row.holders[role]) & set(table.shared[role])
    assert [h.jurisdiction for h in table.rows[0].holders["provides"]] == ["city-one"]
    assert table.rows[1].holders["provides"] == []
    # One row alone shares nothing with another.
    single = views.compare_table(views.compare_area(atlas, "policing", ["city-one"]))
    assert all(holders == [] for holders in single.shared.values())
