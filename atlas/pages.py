"""Page bodies (Markdown with inert HTML blocks) built from view models.

Every function takes `base`, the relative path from the current page to the site root,
so links work from any depth and on any host.
"""

from __future__ import annotations

from dataclasses import replace

from markupsafe import Markup

from . import by_state, index_views, maps, recommendations, views, vlr
from .counties import state_counties
from .html import (
    link,
    tag,
    text,
)
from .model import US_STATUS_LABELS, Atlas
from .shadow_report import shadow_report_bundle, shadow_report_links
from .templating import render_page
from .urls import compare_state_path, coverage_state_path, page_path, places_state_path


def _right_link(atlas: Atlas, rid: str, base: str) -> Markup:
    return link(base + page_path("rights", rid), atlas.rights.get(rid, {}).get("title", rid))


def _instrument_link(atlas: Atlas, iid: str, base: str) -> Markup:
    return link(base + page_path("instruments", iid), atlas.instruments.get(iid, {}).get("short_name", iid))


def _edit_note(kind: str, record_id: str, edit_base: str | None, base: str) -> Markup:
    path = f"data/{kind}/{record_id}.yaml"
    if edit_base:
        target = link(f"{edit_base.rstrip('/')}/edit/main/{path}", "Improve this record", external=True)
    else:
        target = link(base + "contributing/", "Improve this record")
    return tag("p", target + text(f" — the data behind this page is the file {path}."), cls="atlas-edit")


# --- jurisdictions --------------------------------------------------------------------


class SiteLinks:
    """Links between the site's own pages, for templates: every label escaped by html.link."""

    def __init__(self, atlas: Atlas, base: str, edit_note: Markup | None = None):
        self.atlas = atlas
        self.base = base
        self.edit_note = edit_note or Markup("")  # built by _edit_note from escaped parts

    def place_link(self, jid: str, anchor: str = "", label: str | None = None) -> Markup:
        name = label if label is not None else self.atlas.jurisdictions.get(jid, {}).get("name", jid)
        return link(self.base + page_path("jurisdictions", jid) + anchor, name)

    def right_link(self, rid: str) -> Markup:
        return _right_link(self.atlas, rid, self.base)

    def instrument_link(self, iid: str) -> Markup:
        return _instrument_link(self.atlas, iid, self.base)

    def url(self, path: str) -> str:
        return self.base + path


def render_jurisdiction_page(atlas: Atlas, jid: str, base: str, edit_base: str | None = None) -> str:
    return render_page(
        "place.html",
        page=views.place_page(atlas, jid),
        un_groups=recommendations.place_recommendation_groups(atlas, jid),
        shadow_reports=shadow_report_links(atlas, jid),
        shadow_bundle=shadow_report_bundle(atlas, jid, edit_base),
        local_reviews=vlr.local_reviews(atlas, jid),
        counties=state_counties(atlas, jid),
        legend=views.role_legend(),
        site=SiteLinks(atlas, base, _edit_note("jurisdictions", jid, edit_base, base)),
    )


def _compare_url(area: str):
    return lambda state, part: compare_state_path(area, state, part)


def compare_state_links(atlas: Atlas, area: str) -> list[by_state.StateLink]:
    """The states of the comparison of one issue area, each linking to its page(s)."""
    return by_state.state_links(atlas, by_state.place_parts(atlas), _compare_url(area))


def render_compare_page(atlas: Atlas, area: str, base: str) -> str:
    """One issue area compared across every place; past by_state.SPLIT_PAST, the states instead of the places."""
    view = views.compare_area(atlas, area)
    return _render_compare(atlas, view, base, states=compare_state_links(atlas, area) if by_state.is_split(atlas) else None)


def render_compare_state_page(atlas: Atlas, area: str, state: str, part: str, base: str) -> str:
    members, nav = by_state.state_page(atlas, by_state.place_parts(atlas), state, part, _compare_url(area))
    return _render_compare(atlas, views.compare_area(atlas, area, members), base, nav=nav)


def _render_compare(atlas: Atlas, view: views.CompareView, base: str, states=None, nav=None) -> str:
    area = view.area
    return render_page(
        "compare.html",
        view=view,
        table=views.compare_table(view),
        states=states,
        nav=nav,
        sentence=views.compare_sentence(view),
        keywords=views.area_keywords(atlas, area),
        roles=[views.role_chip(role) for role in views.COMPARE_ROLES],
        legend=[views.role_chip(role) for role in views.COMPARE_ROLES],
        csv_name=views.compare_csv_name(area),
        site=SiteLinks(atlas, base),
    )


def render_compare_index(atlas: Atlas, base: str) -> str:
    return render_page("compare_index.html", items=views.compare_index(atlas), site=SiteLinks(atlas, base))


def render_map_page(atlas: Atlas, area: str, base: str) -> str:
    return render_page("map.html", view=maps.area_map(atlas, area), site=SiteLinks(atlas, base))


def render_maps_index(atlas: Atlas, base: str) -> str:
    return render_page("maps_index.html", items=maps.maps_index(atlas), site=SiteLinks(atlas, base))


def compare_csv(atlas: Atlas, area: str) -> str:
    """The comparison table as CSV; cells that a spreadsheet would run as a formula are quoted as text."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in views.compare_csv_rows(views.compare_area(atlas, area)):
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in row])
    return out.getvalue()


# --- rights ---------------------------------------------------------------------------


def render_right_page(atlas: Atlas, rid: str, base: str, edit_base: str | None = None) -> str:
    """A right's page. Past by_state.SPLIT_PAST its holders table keeps the federal and state
    governments and lists the states, each linking to the comparison of the right's issue area there."""
    page = views.right_page(atlas, rid)
    states = None
    if by_state.is_split(atlas):
        local = [h.jurisdiction for h in page.holders if h.level not in ("federal", "state")]
        states = by_state.counted_state_links(atlas, local, compare_state_links(atlas, page.issue_area))
        page = replace(page, holders=[h for h in page.holders if h.level in ("federal", "state")])
    return render_page(
        "right.html",
        page=page,
        states=states,
        un_groups=recommendations.right_recommendation_groups(atlas, rid),
        legend=views.role_legend(),
        site=SiteLinks(atlas, base, _edit_note("rights", rid, edit_base, base)),
    )


# --- instruments ----------------------------------------------------------------------


def render_instrument_page(atlas: Atlas, iid: str, base: str, edit_base: str | None = None) -> str:
    return render_page(
        "instrument.html",
        page=views.instrument_page(atlas, iid),
        site=SiteLinks(atlas, base, _edit_note("instruments", iid, edit_base, base)),
    )


# --- indexes and overviews ------------------------------------------------------------


def places_state_links(atlas: Atlas) -> list[by_state.StateLink]:
    """Every state, linking to the page(s) listing its governments."""
    return by_state.state_links(atlas, by_state.government_parts(atlas), places_state_path)


def render_places_index(atlas: Atlas, base: str) -> str:
    """Every government by level; past by_state.SPLIT_PAST, those lying in no state and the states' pages."""
    if not by_state.is_split(atlas):
        return render_page("places_index.html", groups=index_views.places_index(atlas), site=SiteLinks(atlas, base))
    national = [jid for jid in atlas.jurisdictions if by_state.state_of(atlas, jid) is None]
    return render_page(
        "places_index.html",
        groups=index_views.places_index(atlas, national),
        states=places_state_links(atlas),
        site=SiteLinks(atlas, base),
    )


def render_places_state_page(atlas: Atlas, state: str, part: str, base: str) -> str:
    members, nav = by_state.state_page(atlas, by_state.government_parts(atlas), state, part, places_state_path)
    return render_page(
        "places_index.html",
        groups=index_views.places_index(atlas, members),
        nav=nav,
        site=SiteLinks(atlas, base),
    )


def render_coverage(atlas: Atlas, base: str) -> str:
    """Coverage of every place; past by_state.SPLIT_PAST, the whole atlas's counts and the states' pages."""
    if not by_state.is_split(atlas):
        return render_page("coverage.html", view=index_views.coverage(atlas), site=SiteLinks(atlas, base))
    states = by_state.state_links(atlas, by_state.place_parts(atlas), coverage_state_path)
    return render_page("coverage.html", view=index_views.coverage(atlas, []), states=states, site=SiteLinks(atlas, base))


def render_coverage_state_page(atlas: Atlas, state: str, part: str, base: str) -> str:
    members, nav = by_state.state_page(atlas, by_state.place_parts(atlas), state, part, coverage_state_path)
    return render_page(
        "coverage.html",
        view=index_views.coverage(atlas, members),
        nav=nav,
        site=SiteLinks(atlas, base),
    )


def render_rights_index(atlas: Atlas, base: str) -> str:
    return render_page("rights_index.html", groups=index_views.rights_index(atlas), site=SiteLinks(atlas, base))


def render_instruments_index(atlas: Atlas, base: str) -> str:
    return render_page(
        "instruments_index.html",
        rows=index_views.instruments_index(atlas),
        status_labels=list(US_STATUS_LABELS.values()),
        site=SiteLinks(atlas, base),
    )


# --- SDG toolkit ----------------------------------------------------------------------


def render_goals_index(atlas: Atlas, base: str) -> str:
    return render_page(
        "goals_index.html",
        view=index_views.goals_index(atlas),
        reported=vlr.places_that_have_reported(atlas),
        site=SiteLinks(atlas, base),
    )


def render_goal_page(atlas: Atlas, goal: str, base: str) -> str:
    """A goal's page; past by_state.SPLIT_PAST, who provides each right is reached state by state
    through the comparison of its issue area instead of a row per place."""
    if not by_state.is_split(atlas):
        return render_page("goal.html", page=index_views.goal_page(atlas, goal), site=SiteLinks(atlas, base))
    page = index_views.goal_page(atlas, goal, places=[])
    states = {p.right: compare_state_links(atlas, atlas.rights[p.right]["issue_area"]) for p in page.providers}
    return render_page("goal.html", page=page, states=states, site=SiteLinks(atlas, base))
