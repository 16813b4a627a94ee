"""Page bodies (Markdown with inert HTML blocks) built from view models.

Every function takes `base`, the relative path from the current page to the site root,
so links work from any depth and on any host.
"""

from __future__ import annotations

from markupsafe import Markup

from . import index_views, maps, recommendations, views, vlr
from .counties import state_counties
from .html import (
    link,
    tag,
    text,
)
from .model import US_STATUS_LABELS, Atlas
from .shadow_report import shadow_report_links
from .templating import render_page
from .urls import page_path


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

    def place_link(self, jid: str, anchor: str = "") -> Markup:
        name = self.atlas.jurisdictions.get(jid, {}).get("name", jid)
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
        local_reviews=vlr.local_reviews(atlas, jid),
        counties=state_counties(atlas, jid),
        legend=views.role_legend(),
        site=SiteLinks(atlas, base, _edit_note("jurisdictions", jid, edit_base, base)),
    )


def render_compare_page(atlas: Atlas, area: str, base: str) -> str:
    view = views.compare_area(atlas, area)
    return render_page(
        "compare.html",
        view=view,
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
    return render_page(
        "right.html",
        page=views.right_page(atlas, rid),
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


def render_places_index(atlas: Atlas, base: str) -> str:
    return render_page("places_index.html", groups=index_views.places_index(atlas), site=SiteLinks(atlas, base))


def render_coverage(atlas: Atlas, base: str) -> str:
    return render_page("coverage.html", view=index_views.coverage(atlas), site=SiteLinks(atlas, base))


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
    return render_page("goal.html", page=index_views.goal_page(atlas, goal), site=SiteLinks(atlas, base))
