"""Page bodies (Markdown with inert HTML blocks) built from view models.

Every function takes `base`, the relative path from the current page to the site root,
so links work from any depth and on any host.
"""

from __future__ import annotations

from markupsafe import Markup

from . import views
from .counties import state_counties
from .html import (
    LINE_BREAK,
    block,
    definition_list,
    heading,
    join,
    link,
    markdown_inert,
    source_list,
    status_badge,
    table,
    tag,
    text,
    us_status_badge,
)
from .model import ISSUE_AREA_LABELS, ISSUE_AREAS, LEVEL_LABELS, US_STATUS_LABELS, Atlas
from .templating import render_page

SECTION_FOR_KIND = {"jurisdictions": "places", "rights": "rights", "instruments": "instruments"}


def page_path(kind: str, record_id: str) -> str:
    """Site-relative URL of a record's page."""
    return f"{SECTION_FOR_KIND[kind]}/{record_id}/"


def goal_path(goal: str) -> str:
    return f"toolkit/goal-{goal}/"


def _place_link(atlas: Atlas, jid: str, base: str) -> Markup:
    name = atlas.jurisdictions.get(jid, {}).get("name", jid)
    return link(base + page_path("jurisdictions", jid), name)


def _right_link(atlas: Atlas, rid: str, base: str) -> Markup:
    return link(base + page_path("rights", rid), atlas.rights.get(rid, {}).get("title", rid))


def _instrument_link(atlas: Atlas, iid: str, base: str) -> Markup:
    return link(base + page_path("instruments", iid), atlas.instruments.get(iid, {}).get("short_name", iid))


def _scroll(content: Markup) -> Markup:
    """Wide tables scroll sideways on a phone instead of overflowing the page."""
    return tag("div", content, cls="atlas-scroll", tabindex="0", role="region", aria_label="Scrollable table")


def _gap(message: str) -> str:
    """What the atlas does not hold yet, said plainly where the data would be."""
    return block(tag("p", text(message), cls="atlas-gap"))


def _reviewed(date: str) -> Markup:
    return tag("small", text(f"Reviewed {date}"))


def _status_and_sources(status: str, reviewed: str, sources) -> Markup:
    """The cell every claim ends with: review status in words, review date, sources."""
    return join([status_badge(status), _reviewed(reviewed), source_list(sources)])


def _claim_details(claim: dict) -> Markup:
    return _status_and_sources(claim["status"], claim["last_reviewed"], claim.get("sources"))


def _edit_note(atlas: Atlas, kind: str, record_id: str, edit_base: str | None, base: str) -> str:
    path = f"data/{kind}/{record_id}.yaml"
    if edit_base:
        target = link(f"{edit_base.rstrip('/')}/edit/main/{path}", "Improve this record", external=True)
    else:
        target = link(base + "contributing/", "Improve this record")
    return block(tag("p", target + text(f" — the data behind this page is the file {path}."), cls="atlas-edit"))


# --- jurisdictions --------------------------------------------------------------------


class SiteLinks:
    """Links between the site's own pages, for templates: every label escaped by html.link."""

    def __init__(self, atlas: Atlas, base: str, edit_note: str = ""):
        self.atlas = atlas
        self.base = base
        self.edit_note = Markup(edit_note.strip())  # built by _edit_note from escaped parts

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
    edit = _edit_note(atlas, "jurisdictions", jid, edit_base, base)
    return render_page(
        "place.html",
        page=views.place_page(atlas, jid),
        counties=state_counties(atlas, jid),
        legend=views.role_legend(),
        site=SiteLinks(atlas, base, _unwrap_block(edit)),
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


def compare_csv(atlas: Atlas, area: str) -> str:
    """The comparison table as CSV; cells that a spreadsheet would run as a formula are quoted as text."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in views.compare_csv_rows(views.compare_area(atlas, area)):
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in row])
    return out.getvalue()


def _unwrap_block(block_html: str) -> str:
    """The HTML inside an html.block(), for embedding in a template."""
    return block_html.strip().removeprefix('<div class="atlas-block">').removesuffix("</div>")


# --- rights ---------------------------------------------------------------------------


def render_right_page(atlas: Atlas, rid: str, base: str, edit_base: str | None = None) -> str:
    edit = _edit_note(atlas, "rights", rid, edit_base, base)
    return render_page(
        "right.html",
        page=views.right_page(atlas, rid),
        legend=views.role_legend(),
        site=SiteLinks(atlas, base, _unwrap_block(edit)),
    )


# --- instruments ----------------------------------------------------------------------


def render_instrument_page(atlas: Atlas, iid: str, base: str, edit_base: str | None = None) -> str:
    instrument = atlas.instruments[iid]
    out = [f"# {markdown_inert(instrument['title'])}\n"]
    us = instrument.get("us_status")
    facts = [
        ("Short name", text(instrument["short_name"])),
        ("Kind", text(instrument["kind"])),
        (
            "Adopted",
            text(instrument["adopted"])
            + (text(f" by {instrument['adopted_by']}") if instrument.get("adopted_by") else Markup("")),
        ),
        ("Monitoring body", text(instrument.get("monitoring_body", ""))),
    ]
    if us:
        facts += [
            ("United States", us_status_badge(us["status"])),
            ("US signature", text(us.get("signed", "—"))),
            ("US ratification", text(us.get("ratified", "—"))),
            (
                "Status checked",
                _status_and_sources(us["review_status"], us["last_reviewed"], us.get("sources")),
            ),
        ]
    out.append(block(tag("p", text(instrument["summary"]), cls="atlas-summary") + definition_list(facts)))

    if us:
        out.append(heading(2, "US reservations, understandings and declarations", "ruds"))
        ruds = instrument.get("us_ruds", [])
        if ruds:
            rows = [
                [
                    text(rud["kind"]),
                    text(rud["summary"]) + (tag("blockquote", text(rud["quote"])) if rud.get("quote") else Markup("")),
                    text("Yes" if rud["bears_on_local"] else "No"),
                    _claim_details(rud),
                ]
                for rud in ruds
            ]
            out.append(
                block(
                    _scroll(
                        table(["Kind", "What it says", "Bears on state and local implementation", "Status and sources"], rows)
                    )
                )
            )
        else:
            out.append(_gap("None recorded."))

    out.append(heading(2, "Rights it states", "rights"))
    rights = atlas.rights_by_instrument.get(iid, [])
    out.append(
        block(
            tag("ul", join(tag("li", _right_link(atlas, r, base)) for r in rights))
            if rights
            else tag("p", text("No right in the atlas cites it yet."), cls="atlas-gap")
        )
    )

    commitments = views.commitments_citing(atlas, iid)
    out.append(heading(2, "Local and state commitments that adopt it", "commitments"))
    if commitments:
        out.append(
            block(tag("ul", join(tag("li", _place_link(atlas, j, base) + text(f": {c['title']}")) for j, c in commitments)))
        )
    else:
        out.append(_gap("None recorded."))

    out.append(heading(2, "Sources", "sources"))
    out.append(block(join([tag("p", _reviewed(instrument["last_reviewed"])), source_list(instrument["sources"])])))
    out.append(_edit_note(atlas, "instruments", iid, edit_base, base))
    return "".join(out)


# --- indexes and overviews ------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def render_places_index(atlas: Atlas, base: str) -> str:
    out = []
    for level in sorted({r["level"] for r in atlas.jurisdictions.values()}, key=lambda lv: (views.LEVEL_ORDER[lv], lv)):
        members = sorted(
            (j for j, r in atlas.jurisdictions.items() if r["level"] == level),
            key=lambda j: atlas.jurisdictions[j]["name"].lower(),
        )
        out.append(heading(2, LEVEL_LABELS[level], f"level-{level}"))
        rows = []
        for jid in members:
            coverage = views.place_coverage(atlas, jid)
            own = views.duties_of(atlas, jid)
            mapped = [ISSUE_AREA_LABELS[c.area] for c in coverage if c.mapped and c.area != "cross-cutting"]
            rows.append(
                [
                    _place_link(atlas, jid, base),
                    join(_place_link(atlas, w, base) + text(" ") for w in atlas.jurisdictions[jid].get("within", []))
                    or text("—"),
                    text(", ".join(mapped) or "none yet"),
                    text(str(len(own))),
                    text(_share(sum(d.status == "verified" for d in own), len(own))),
                ]
            )
        out.append(
            block(
                _scroll(
                    table(["Name", "Lies within", "Issue areas mapped (whole stack)", "Obligations held here", "Verified"], rows)
                )
            )
        )
    return "".join(out)


def render_coverage(atlas: Atlas, base: str) -> str:
    areas = ISSUE_AREAS
    rows = []
    for place in atlas.places():
        cells = []
        for coverage in views.place_coverage(atlas, place):
            if coverage.mapped:
                cells.append(
                    join(
                        [
                            tag("strong", text(f"{coverage.duties} duties")),
                            LINE_BREAK,
                            text(f"{coverage.verified} verified ({_share(coverage.verified, coverage.duties)})"),
                            LINE_BREAK,
                            text("Roles: " + ", ".join(views.PLAIN_ROLE_LABELS[role] for role in coverage.roles)),
                        ]
                    )
                )
            else:
                cells.append(tag("span", text("Not mapped"), cls="atlas-gap"))
        rows.append([_place_link(atlas, place, base)] + cells)
    counts = views.claim_counts(atlas)
    total = counts["verified"] + counts["unverified"]
    summary = tag(
        "p",
        text(
            f"{len(atlas.places())} places, {len(atlas.jurisdictions)} governments, {len(atlas.rights)} rights, "
            f"{len(atlas.instruments)} instruments. {total} claims, of which {counts['verified']} verified "
            f"({_share(counts['verified'], total)})."
        ),
    )
    table_html = table(
        ["Place"] + [ISSUE_AREA_LABELS[a] for a in areas], rows, caption="Duties over residents of each place, all levels counted"
    )
    return block(summary + _scroll(table_html))


def render_rights_index(atlas: Atlas, base: str) -> str:
    out = []
    for area in ISSUE_AREAS:
        members = sorted(
            (r for r, d in atlas.rights.items() if d["issue_area"] == area), key=lambda r: atlas.rights[r]["title"].lower()
        )
        if not members:
            continue
        out.append(heading(2, ISSUE_AREA_LABELS[area], area))
        rows = [
            [
                _right_link(atlas, r, base),
                text(atlas.rights[r].get("plain_title", "")),
                join(
                    _instrument_link(atlas, a["instrument"], base) + text(f" art. {a['article']}; ")
                    for a in atlas.rights[r]["articles"]
                ),
                text(str(len(views.duties_for_right(atlas, r)))),
            ]
            for r in members
        ]
        out.append(block(_scroll(table(["Right", "In plain words", "Where it is written", "Obligations mapped"], rows))))
    return "".join(out)


def render_instruments_index(atlas: Atlas, base: str) -> str:
    rows = []
    for iid, instrument in sorted(atlas.instruments.items(), key=lambda kv: kv[1]["adopted"]):
        us = instrument.get("us_status")
        rows.append(
            [
                _instrument_link(atlas, iid, base),
                text(instrument["title"]),
                text(instrument["adopted"]),
                us_status_badge(us["status"]) if us else text("Declaration"),
                text(us.get("ratified", us.get("signed", "—")) if us else "—"),
            ]
        )
    legend = tag("p", text("US status: " + "; ".join(f"{label}" for label in US_STATUS_LABELS.values()) + "."))
    return block(
        legend + _scroll(table(["Short name", "Title", "Adopted", "United States", "US date (ratified, else signed)"], rows))
    )


# --- SDG toolkit ----------------------------------------------------------------------


def render_goals_index(atlas: Atlas, base: str) -> str:
    rows = []
    total_links = total_linked = 0
    for goal, title in atlas.sdg.goals.items():
        targets = views.goal_targets(atlas, goal)
        linked = [t for t in targets if t.links]
        links = sum(len(t.links) for t in targets)
        total_links += links
        total_linked += len(linked)
        rows.append(
            [
                link(base + goal_path(goal), f"Goal {goal}"),
                text(title),
                text(str(len(targets))),
                text(str(len(linked))),
                text(str(links)),
            ]
        )
    summary = tag(
        "p", text(f"{total_linked} of {len(atlas.sdg.targets)} targets linked to rights, through {total_links} sourced links.")
    )
    return block(summary + _scroll(table(["Goal", "Title", "Targets", "Linked targets", "Target–right links"], rows)))


def render_goal_page(atlas: Atlas, goal: str, base: str) -> str:
    out = [f"# Goal {markdown_inert(goal)}: {markdown_inert(atlas.sdg.goals[goal])}\n"]
    out.append(
        block(
            tag(
                "p",
                join(
                    [
                        text(
                            "Official goal and target text from the UN global indicator framework "
                            "(A/RES/71/313 and its refinements). "
                        ),
                        link(base + "toolkit/", "How to use this toolkit"),
                        text("."),
                    ]
                ),
            )
        )
    )
    rights_served: list[str] = []
    for target in views.goal_targets(atlas, goal):
        anchor = f"target-{target.target.replace('.', '-')}"
        out.append(heading(2, f"Target {target.target}", anchor))
        parts = [tag("blockquote", text(target.text), cls="atlas-target-text")]
        indicators = atlas.sdg.indicators_of_target(target.target)
        if indicators:
            parts.append(
                tag(
                    "details",
                    tag("summary", text(f"{len(indicators)} global indicator(s)"))
                    + tag("ul", join(tag("li", text(f"{i} {t}")) for i, t in indicators.items())),
                )
            )
        if not target.links:
            parts.append(tag("p", text("Not yet linked to a right in the atlas."), cls="atlas-gap"))
        for right_link in target.links:
            rid = right_link["right"]
            articles = "; ".join(
                f"{atlas.instruments.get(a['instrument'], {}).get('short_name', a['instrument'])} art. {a['article']}"
                for a in right_link.get("articles", [])
            )
            header = join([tag("strong", _right_link(atlas, rid, base)), text(f" — {articles}" if articles else "")])
            note = tag("p", text(right_link["note"])) if right_link.get("note") else Markup("")
            if rid in atlas.rights and rid not in rights_served:
                rights_served.append(rid)
            local = tag("p", link(f"#providers-{rid}", "Who provides this right in each mapped place"))
            parts.append(
                tag(
                    "div",
                    join([header, note, tag("p", text("Link source:")), source_list(right_link["sources"]), local]),
                    cls="atlas-link",
                )
            )
        out.append(block(join(parts)))
    if rights_served:
        out.append(heading(2, "Who provides these rights, place by place", "providers"))
        for rid in rights_served:
            out.append(heading(3, atlas.rights[rid]["title"], f"providers-{rid}"))
            out.append(_providers_table(atlas, rid, base))
    return "".join(out)


def _providers_table(atlas: Atlas, rid: str, base: str) -> str:
    """Once per right on a goal page, however many of the goal's targets serve it."""
    rows = []
    for place, providers in views.providers_by_place(atlas, rid):
        who = join(
            tag("span", text(f"{d.body_name} ({d.jurisdiction_name}, {LEVEL_LABELS[d.level].lower()})")) + LINE_BREAK
            for d in providers
        ) or tag("span", text("not mapped"), cls="atlas-gap")
        rows.append([_place_link(atlas, place, base), who])
    # Searchable on the place pages; kept out of the index here (a <section>: Material's search
    # matches an excluded element's end by tag name, so it must not contain one of its own tag).
    disclosure = tag(
        "details",
        tag("summary", text(f"Who runs it in each of {len(rows)} places"))
        + _scroll(table(["Place", "Runs it"], rows, sortable=False)),
    )
    return block(tag("section", disclosure, data_search_exclude=""))


# --- finder ---------------------------------------------------------------------------


def render_finder(atlas: Atlas, base: str) -> str:
    """The finder form (driven by assets/finder.js from the static API) and, for readers
    without JavaScript, links to every place's stack by issue area."""
    places = atlas.places()
    place_options = join(tag("option", text(atlas.jurisdictions[p]["name"]), value=p) for p in places)
    topic_options = join(
        [tag("option", text("Every issue area"), value="")]
        + [tag("option", text(ISSUE_AREA_LABELS[a]), value=f"area:{a}") for a in ISSUE_AREAS]
        + [
            tag("option", text(f"Right: {atlas.rights[r]['title']}"), value=f"right:{r}")
            for r in sorted(atlas.rights, key=lambda r: atlas.rights[r]["title"].lower())
        ]
    )
    form = tag(
        "form",
        join(
            [
                tag("label", text("Place"), for_="finder-place"),
                tag("select", place_options, id="finder-place", name="place"),
                tag("label", text("Topic"), for_="finder-topic"),
                tag("select", topic_options, id="finder-topic", name="topic"),
                tag("button", text("Show who is responsible"), type="submit", cls="md-button md-button--primary"),
            ]
        ),
        cls="atlas-finder-form",
        method="get",
        action="",
    )
    status = tag("p", "", id="finder-status", role="status", aria_live="polite", cls="atlas-finder-status")
    results = tag("div", "", id="finder-results")
    finder = tag("div", form + status + results, id="atlas-finder", data_api_base=f"{base}api/v1/", data_site_base=base)

    fallback_rows = [
        [_place_link(atlas, p, base)]
        + [link(f"{base}{page_path('jurisdictions', p)}#{a}", ISSUE_AREA_LABELS[a]) for a in ISSUE_AREAS if a != "cross-cutting"]
        for p in places
    ]
    fallback = tag(
        "section",
        tag("h2", text("Every place's stack"), id="every-place")
        + tag("p", text("The same answers, one link per place and issue area (works without JavaScript)."))
        + _scroll(
            table(["Place"] + [ISSUE_AREA_LABELS[a] for a in ISSUE_AREAS if a != "cross-cutting"], fallback_rows, sortable=False)
        ),
    )
    return block(finder + fallback)
