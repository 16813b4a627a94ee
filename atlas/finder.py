"""The "Who is responsible?" finder page: its form (driven by assets/finder.js from the static
API) and, for readers without JavaScript, a link to every place's stack by issue area.

Places are listed A–Z by the name people use, after a neutral "Choose a place"; the routes to
remedy get their own region before the duties, since that is where a resident acts.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import by_state
from .counties import counties_of_state
from .home import place_options, places_a_to_z, short_name, states_a_to_z
from .html import block, join, link, table, tag, text
from .model import ISSUE_AREA_LABELS, Atlas, issue_areas
from .urls import page_path, places_state_path


def stack_areas() -> list[str]:
    """The issue areas a place's stack is shown by (cross-cutting duties are listed with each)."""
    return [area for area in issue_areas() if area != "cross-cutting"]


def _topic_options(atlas: Atlas) -> Markup:
    return join(
        [tag("option", text("Every issue area"), value="")]
        + [tag("option", text(ISSUE_AREA_LABELS[a]), value=f"area:{a}") for a in issue_areas()]
        + [
            tag("option", text(f"Right: {atlas.rights[r]['title']}"), value=f"right:{r}")
            for r in sorted(atlas.rights, key=lambda r: atlas.rights[r]["title"].lower())
        ]
    )


def _state_options(atlas: Atlas) -> Markup:
    """The states whose counties the atlas lists, A-Z; the counties come from the chosen state's API file."""
    states = sorted(
        (jid for jid in atlas.jurisdictions if counties_of_state(atlas, jid)),
        key=lambda jid: short_name(atlas.jurisdictions[jid]).lower(),
    )
    return join(
        [tag("option", text("Choose a state"), value="")]
        + [tag("option", text(short_name(atlas.jurisdictions[jid])), value=jid) for jid in states]
    )


def _scroll(content: Markup) -> Markup:
    """A wide table scrolls inside its own box on a phone instead of widening the page."""
    return tag("div", content, cls="atlas-scroll", tabindex="0", role="region", aria_label="Scrollable table")


ZIP_HINT = "5 digits, such as 90012. A ZIP code can cross county and city lines; the answer lists every county it touches."


def _void(element: str, **attributes) -> Markup:
    """An element with no content and no end tag (<input>), attributes escaped as tag() does."""
    attrs = "".join(f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"' for key, value in attributes.items())
    return Markup(f"<{element}{attrs}>")


def _zip_fieldset() -> Markup:
    """A ZIP code field: its hint and its error message are tied to it, and the look-up has its own button."""
    return tag(
        "fieldset",
        tag("legend", text("Or a ZIP code"))
        + tag(
            "div",
            tag("label", text("ZIP code"), for_="finder-zip")
            + _void(
                "input",
                id="finder-zip",
                name="zip",
                type="text",
                inputmode="numeric",
                autocomplete="postal-code",
                pattern="[0-9]{5}",
                maxlength="5",
                aria_describedby="finder-zip-hint finder-zip-error",
            ),
            cls="atlas-pick__field",
        )
        + tag("button", text("Look up the ZIP code"), type="submit", id="finder-zip-button", cls="md-button")
        + tag("p", text(ZIP_HINT), id="finder-zip-hint", cls="atlas-finder-zip-hint")
        + tag("p", "", id="finder-zip-error", cls="atlas-finder-zip-error"),
        cls="atlas-finder-county atlas-finder-zip",
    )


def render_finder(atlas: Atlas, base: str) -> str:
    field = "atlas-pick__field"
    form = tag(
        "form",
        join(
            [
                tag(
                    "div",
                    tag("label", text("Place"), for_="finder-place")
                    + tag("select", place_options(atlas, base), id="finder-place", name="place"),
                    cls=field,
                ),
                tag(
                    "div",
                    tag("label", text("Topic"), for_="finder-topic")
                    + tag("select", _topic_options(atlas), id="finder-topic", name="topic"),
                    cls=field,
                ),
                tag("button", text("Show who is responsible"), type="submit", cls="md-button md-button--primary"),
                tag(
                    "fieldset",
                    tag("legend", text("Or a county"))
                    + tag(
                        "div",
                        tag("label", text("State"), for_="finder-state")
                        + tag("select", _state_options(atlas), id="finder-state", name="state"),
                        cls=field,
                    )
                    + tag(
                        "div",
                        tag("label", text("County"), for_="finder-county")
                        + tag(
                            "select",
                            tag("option", text("Choose a state first"), value=""),
                            id="finder-county",
                            name="county",
                            disabled="disabled",
                        ),
                        cls=field,
                    ),
                    cls="atlas-finder-county",
                ),
                _zip_fieldset(),
            ]
        ),
        cls="atlas-pick",
        method="get",
        action="",
    )
    status = tag("p", "", id="finder-status", role="status", aria_live="polite", cls="atlas-finder-status")
    zip_answer = tag(
        "section", "", id="finder-zip-answer", cls="atlas-finder-zip-answer", aria_labelledby="finder-zip-title", hidden="hidden"
    )
    remedies = tag(
        "section", "", id="finder-remedies", cls="atlas-finder-remedies", aria_labelledby="finder-remedies-title", hidden="hidden"
    )
    results = tag("div", "", id="finder-results")
    finder = tag(
        "div",
        form + status + zip_answer + remedies + results,
        id="atlas-finder",
        data_api_base=f"{base}api/v2/",
        data_site_base=base,
    )

    return block(finder + _fallback(atlas, base))


_NEEDS_SCRIPT = (
    " The county and ZIP code look-ups need JavaScript; without it, a state's page lists its counties and what"
    " state law makes each of them do."
)


def _fallback(atlas: Atlas, base: str) -> Markup:
    """For readers without JavaScript: a link per place and issue area; past by_state.SPLIT_PAST,
    a link per state, whose page links each of its places."""
    if by_state.is_split(atlas):
        links = [tag("li", link(base + places_state_path(s), short_name(atlas.jurisdictions[s]))) for s in states_a_to_z(atlas)]
        return _fallback_section(
            "The same answers without JavaScript: open your state, then your place, whose page lists every duty by area."
            + _NEEDS_SCRIPT,
            tag("ul", join(links), cls="atlas-state-list"),
        )
    rows = [
        [link(base + page_path("jurisdictions", p), short_name(atlas.jurisdictions[p]))]
        + [link(f"{base}{page_path('jurisdictions', p)}#{area}", ISSUE_AREA_LABELS[area]) for area in stack_areas()]
        for p in places_a_to_z(atlas)
    ]
    return _fallback_section(
        "The same answers, one link per place and issue area (works without JavaScript)." + _NEEDS_SCRIPT,
        _scroll(table(["Place"] + [ISSUE_AREA_LABELS[area] for area in stack_areas()], rows, sortable=False)),
    )


def _fallback_section(intro: str, links: Markup) -> Markup:
    return tag("section", tag("h2", text("Every place's stack"), id="every-place") + tag("p", text(intro)) + links)
