"""Templates present view models; record text stays inert through them."""

from __future__ import annotations

import re

import pytest

from atlas.templating import TEMPLATES_DIR, environment, render_page

TEMPLATES = sorted(TEMPLATES_DIR.glob("*.html"))
# Ways a Jinja template can mark a value as safe HTML, or switch escaping off.
UNSAFE = re.compile(r"\|\s*safe\b|Markup\s*\(|autoescape\s+false|\{%-?\s*autoescape|\|\s*forceescape\b|markupsafe")


def test_there_are_templates_to_check():
    assert {p.name for p in TEMPLATES} >= {"place.html", "compare.html", "_macros.html"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_marks_text_safe(template):
    """Only the escaping helpers (html.link, SiteLinks) return Markup; templates never mark text safe."""
    source = template.read_text()
    assert not UNSAFE.search(source), UNSAFE.search(source).group(0)


def test_autoescape_and_newline_folding_apply_to_every_expression():
    rendered = environment().from_string("<p>{{ value }}</p>").render(value="<script>x</script>\n\n# Heading {{ 7*7 }}")
    assert rendered == "<p>&lt;script&gt;x&lt;/script&gt;  # Heading {{ 7*7 }}</p>"


def test_heading_tokens_cannot_be_forged_by_record_text(tmp_path, monkeypatch):
    from jinja2 import FileSystemLoader

    (tmp_path / "t.html").write_text('{{ heading(2, title, "anchor") }}\n<p>{{ body }}</p>\n')
    monkeypatch.setattr(environment(), "loader", FileSystemLoader(str(tmp_path)))
    page = render_page("t.html", title="[x](javascript:alert(1)) {#id}", body="<!--atlas-heading:0-->\n\n## Injected")
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert len(headings) == 1
    assert "javascript:" not in headings[0] and "[" not in headings[0]
    assert "&lt;!--atlas-heading:0--&gt;  ## Injected" in page
    # Every HTML run is one block without a blank line inside, so Markdown never parses into it.
    for block in page.split("\n\n"):
        if block.startswith("<div"):
            assert "\n\n" not in block and block.endswith("</div>")


def test_place_page_shows_a_stated_deadline_and_a_reviewers_note_as_text(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    route = atlas.jurisdictions["federal"]["accountability"][0]
    route.update(deadline="Within <b>180 days</b>", status="unverified", note="Portal page moved {{ 7*7 }}")
    body = pages.render_jurisdiction_page(atlas, "city-one", "../../")
    assert "<strong>Deadline:</strong> Within &lt;b&gt;180 days&lt;/b&gt;" in body
    assert body.index("{#complain}") < body.index("{#stack}") < body.index("{#issue-areas}")
    # A route of a government over the city: its deadline and status here, the rest on that government's page.
    row = _between(body, '<li class="atlas-route">', "</li>")
    assert "Unverified" in row and 'href="../../places/federal/#route-0">More on ' in row and "Reviewer's note" not in row
    federal = pages.render_jurisdiction_page(atlas, "federal", "../../")
    entry = _between(federal, '<li class="atlas-route" id="route-0">', "</li>")
    assert "Reviewer's note: Portal page moved {{ 7*7 }}" in entry and "Deadline:" in entry
    # A route with no deadline in its record says none.
    del route["deadline"]
    atlas.memo.clear()
    assert "Deadline:" not in pages.render_jurisdiction_page(atlas, "city-one", "../../")


def _between(body: str, start: str, end: str) -> str:
    return body[body.index(start) : body.index(end, body.index(start))]


def test_place_page_shows_what_the_un_asked_grouped_by_issue_area(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    body = pages.render_jurisdiction_page(atlas, "city-one", "../../")
    section = _between(body, "{#un-recommendations}", "{#commitments}")
    # Grouped by issue area, in the atlas's order; each with symbol and paragraph linked to the official text.
    assert section.index('id="un-public-health"') < section.index('id="un-k12-education"') < section.index('id="un-policing"')
    assert 'id="un-housing"' not in section  # the stack records no housing duty: the paragraph on evictions is not shown
    assert '<a href="https://www.example-atlas.test/ccpr-c-exa-co-1" rel="nofollow">CCPR/C/EXA/CO/1, para. 10 (a)</a>' in section
    assert '<blockquote class="atlas-quote">Ensure that every use of force by police is necessary and proportionate.' in section
    assert "Falls on: city, county (here: " in section
    assert "Falls on: special district (here: " in section and "An excerpt: the paragraph says more." in section
    # A UPR paragraph whose document has no official source recorded says so instead of linking.
    upr = _between(section, "A/HRC/99/1, para. 26.3", "</li>")
    assert "<a " not in upr.split("</strong>")[0] and "No official source is recorded yet." in upr
    assert body.index("{#issue-areas}") < body.index("{#un-recommendations}")


def test_recommendation_text_stays_inert_on_place_and_right_pages(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    record = atlas.recommendations["ccpr-c-exa-co-1-10-a"]
    record["text"] = "<script>alert(1)</script>\n\n## Injected {{ 7*7 }} [x](javascript:alert(2))"
    for body in (
        pages.render_jurisdiction_page(atlas, "city-one", "../../"),
        pages.render_right_page(atlas, "safety", "../../"),
    ):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;  ## Injected {{ 7*7 }} [x](javascript:alert(2))" in body
        assert "<script>" not in body and "\n## Injected" not in body


def test_right_page_lists_the_recommendations_about_the_right(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    body = pages.render_right_page(atlas, "safety", "../../")
    section = body[body.index("{#un-recommendations}") :]
    # The right's own issue area first, then the others; paragraph order within each.
    assert section.index('id="un-policing"') < section.index("para. 10 (a)") < section.index('id="un-housing"')
    assert section.index('id="un-housing"') < section.index("Prevent forced evictions of homeless persons.")


def test_without_recommendations_the_section_is_one_line(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    atlas.recommendations.clear()
    atlas.memo.clear()
    body = pages.render_jurisdiction_page(atlas, "city-one", "../../")
    assert "{#un-recommendations}" not in body
    line = next(line for line in body.splitlines() if 'id="un-recommendations"' in line)
    assert line.startswith('<p class="atlas-gap"') and "no recommendation is recorded yet" in line


def test_instrument_page_answers_us_status_and_local_conditions_first(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    instrument = atlas.instruments["covenant-one"]
    body = pages.render_instrument_page(atlas, "covenant-one", "../../")
    status = instrument["us_status"]["status"]
    assert body.index(f"atlas-us--{status}") < body.index("{#about}")
    local = [rud for rud in instrument.get("us_ruds", []) if rud["bears_on_local"]]
    if local:
        ruds = _between(body, "{#ruds}", "{#about}")
        for rud in local:
            assert str(pages.text(rud["summary"])) in ruds
        assert "Sources (" in ruds or "No source yet" in ruds
    assert "Improve this record" in body


def test_instrument_and_index_pages_keep_record_text_inert(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    hostile = "<img src=x onerror=alert(1)>\n\n# Heading {{ 7*7 }} [x](javascript:alert(2))"
    instrument = atlas.instruments["covenant-one"]
    instrument["short_name"] = instrument["title"] = instrument["summary"] = hostile
    instrument["us_ruds"][0]["summary"] = hostile
    instrument["us_ruds"][0]["note"] = hostile
    bodies = [
        pages.render_instrument_page(atlas, "covenant-one", "../../"),
        pages.render_instruments_index(atlas, "../"),
        pages.render_rights_index(atlas, "../"),
    ]
    for body in bodies:
        assert "<img" not in body and "\n# Heading" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;  # Heading {{ 7*7 }} [x](javascript:alert(2))" in body


def test_instrument_page_of_a_treaty_signed_only_points_to_local_adoption(data_dir):
    from atlas import pages, views
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    instrument = atlas.instruments["covenant-one"]
    instrument["us_status"]["status"] = "signed"
    instrument["us_ruds"] = []
    body = pages.render_instrument_page(atlas, "covenant-one", "../../")
    ruds = _between(body, "{#ruds}", "{#about}")
    assert "Signed, not ratified" in body[: body.index("{#ruds}")]
    assert views.commitments_citing(atlas, "covenant-one") == [] and "none is recorded yet" in ruds
    atlas.jurisdictions["city-one"].setdefault("commitments", []).append(
        {
            "title": "Local adoption of Covenant One",
            "kind": "ordinance",
            "instruments": ["covenant-one"],
            "summary": "Adopts the covenant locally.",
            "status": "unverified",
            "sources": [],
            "last_reviewed": "2026-01-01",
        }
    )
    atlas.memo.clear()
    body = pages.render_instrument_page(atlas, "covenant-one", "../../")
    assert '<a href="#commitments">1 commitment recorded</a>' in _between(body, "{#ruds}", "{#about}")
    assert "Local adoption of Covenant One" in _between(body, "{#commitments}", "{#sources}")


def test_place_page_links_each_duty_of_a_government_over_it_to_its_entry_there(data_dir):
    """A place page shows its own duties in full and each duty held above it as one row linking to
    that duty's full entry on its government's page, where its basis and sources are given once."""
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    state_duty = atlas.jurisdictions["state-one"]["obligations"][0]
    state_duty["sources"] = [{"title": "State schools act", "url": "https://www.example-atlas.test/schools-act"}]
    city = pages.render_jurisdiction_page(atlas, "city-one", "../../")
    details = _between(city, "{#issue-areas}", "{#un-recommendations}")
    # The state's duties: one row naming the government and level once, then each duty's role, body and
    # (when it is not verified) status, linked to its entry.
    row = _between(details, '<li class="atlas-duty atlas-duty--over"><span class="atlas-duty__government">'
                            '<a href="../../places/state-one/">State of Example</a> (state):</span>', "</li>")
    duty = _between(row, 'href="../../places/state-one/#duty-0"', "</a>")
    assert duty.endswith(">State Department of Education") and "Unverified" in row
    assert "State Education Code 1" not in city and "schools-act" not in city and "Funds school districts." not in city
    # The city's own duty keeps its detail, under the id other pages link to.
    own = _between(details, '<li class="atlas-duty" id="duty-0">', "</li>")
    assert "Legal basis: City Charter 5." in own
    # The state's page holds that entry in full, under the id the city links to.
    state = pages.render_jurisdiction_page(atlas, "state-one", "../../")
    entry = _between(state, '<li class="atlas-duty" id="duty-0">', "</li>")
    assert "Legal basis: State Education Code 1." in entry and "Funds school districts." in entry
    assert "https://www.example-atlas.test/schools-act" in entry


def test_the_stylesheet_draws_each_role_chip_with_its_symbol():
    """Chips carry only their words; atlas.css draws the symbol, which must be the role's own (the
    shape repeats the meaning for readers who cannot tell the colours apart)."""
    from atlas.html import chip
    from atlas.records import PROJECT_ROOT
    from atlas.views import ROLE_SYMBOLS, role_chip

    css = (PROJECT_ROOT / "docs/assets/atlas.css").read_text(encoding="utf-8")
    for role, symbol in ROLE_SYMBOLS.items():
        drawn = re.findall(rf'\.atlas-chip--{role}::before {{ content: "\\([0-9A-F]+)"; content: "\\([0-9A-F]+)" / ""; }}', css)
        assert drawn == [(f"{ord(symbol):04X}",) * 2], role
        assert str(chip(role_chip(role))) == f'<span class="atlas-chip atlas-chip--{role}">{role_chip(role).label}</span>'


def test_a_law_limiting_a_place_is_a_row_linking_to_its_entry_on_the_page_of_the_government_that_made_it(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    state = data_dir / "jurisdictions" / "state-one.yaml"
    narrowed = "    rights: [schooling]\n    applies_to: [county-one]\n"
    state.write_text(state.read_text().replace("    rights: [schooling]\n", narrowed, 1))
    atlas = load_atlas(data_dir)
    county = pages.render_jurisdiction_page(atlas, "county-one", "../../")
    laws = _between(county, "{#preemptions}", "{#about-this-record}")
    row = _between(laws, '<li class="atlas-duty atlas-duty--over">', "</li>")
    assert '<a href="../../places/state-one/#preemption-0">Rent Control Preemption Act</a>' in row
    assert "Legal basis" not in row
    # The state's page holds it in full, with the places it names, even though it does not apply to the state itself.
    state_page = pages.render_jurisdiction_page(atlas, "state-one", "../../")
    entry = _between(state_page, '<li class="atlas-duty" id="preemption-0">', "</li>")
    assert "Legal basis:" in entry and 'applies to <a href="../../places/county-one/">' in entry
    # The city is not named by it: no row there.
    assert "Rent Control Preemption Act" not in pages.render_jurisdiction_page(atlas, "city-one", "../../")
