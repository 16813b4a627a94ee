"""Ways into the atlas by place: the names people use, the home page's place picker and cards.

A place is shown by its `short_name` ("Los Angeles") when the record gives one, else by its
official `name`; lists of places are sorted A–Z by that shown name. Everything here is built
from the records, so adding a jurisdiction adds its option and its card.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import by_state, views
from .html import block, join, tag, text
from .model import LEVEL_LABELS, Atlas
from .urls import page_path, places_state_path

NO_PLACE_LABEL = "Choose a place"


def short_name(record: dict) -> str:
    """The name residents use: the record's short_name, falling back to its official name."""
    return record.get("short_name") or record["name"]


@dataclass(frozen=True)
class PlaceCard:
    id: str
    name: str  # the short name
    official_name: str
    level_label: str
    state: str | None  # the short name of the state it lies in, where the records say
    duties: int  # every duty in its stack, from the most local government to the federal one
    verified: int
    page: str  # site-relative path of its page


def places_a_to_z(atlas: Atlas) -> list[str]:
    """The ids of the places (cities and consolidated city-counties), A–Z by the name people use."""
    return sorted(atlas.places(), key=lambda jid: (short_name(atlas.jurisdictions[jid]).casefold(), jid))


def place_cards(atlas: Atlas) -> list[PlaceCard]:
    cards = []
    for jid in places_a_to_z(atlas):
        record = atlas.jurisdictions[jid]
        states = [g for g in views.governments_over(atlas, jid) if atlas.jurisdictions[g]["level"] == "state"]
        duties = [duty for section in views.duty_bearer_stack(atlas, jid) for duty in section.duties]
        cards.append(
            PlaceCard(
                id=jid,
                name=short_name(record),
                official_name=record["name"],
                level_label=LEVEL_LABELS[record["level"]],
                state=short_name(atlas.jurisdictions[states[0]]) if states else None,
                duties=len(duties),
                verified=sum(duty.status == "verified" for duty in duties),
                page=page_path("jurisdictions", jid),
            )
        )
    return cards


def states_a_to_z(atlas: Atlas) -> list[str]:
    return sorted(
        (jid for jid, record in atlas.jurisdictions.items() if record["level"] == "state"),
        key=lambda jid: (short_name(atlas.jurisdictions[jid]).casefold(), jid),
    )


def place_options(atlas: Atlas, base: str) -> Markup:
    """<option>s for a place <select>: a neutral first choice, then every place A–Z. Past
    by_state.SPLIT_PAST, every state instead (its own stack; the option's page lists its places),
    so that the pages holding the select do not grow with the country."""
    options = [tag("option", text(NO_PLACE_LABEL), value="")]
    if by_state.is_split(atlas):
        for jid in states_a_to_z(atlas):
            label = short_name(atlas.jurisdictions[jid])
            options.append(tag("option", text(label), value=jid, data_page=base + places_state_path(jid)))
        return join(options)
    for jid in places_a_to_z(atlas):
        options.append(
            tag("option", text(short_name(atlas.jurisdictions[jid])), value=jid, data_page=base + page_path("jurisdictions", jid))
        )
    return join(options)


def render_place_picker(atlas: Atlas, base: str) -> str:
    """The home page's picker. With JavaScript it opens the chosen place's page; without, the
    form still works (it opens the finder for that place) and the cards below are plain links."""
    form = tag(
        "form",
        join(
            [
                tag(
                    "div",
                    tag("label", text("Your place"), for_="home-place")
                    + tag("select", place_options(atlas, base), id="home-place", name="place", required="required"),
                    cls="atlas-pick__field",
                ),
                tag("button", text("Open the place page"), type="submit", cls="md-button md-button--primary"),
            ]
        ),
        cls="atlas-pick atlas-place-picker",
        id="atlas-place-picker",
        method="get",
        action=f"{base}finder/",
    )
    return block(form)


def _card(card: PlaceCard, base: str) -> Markup:
    where = card.level_label + (f", {card.state}" if card.state else "")
    lines = [tag("span", text(card.name), cls="atlas-place-card__name")]
    if card.official_name != card.name:
        lines.append(tag("span", text(card.official_name), cls="atlas-place-card__official"))
    lines.append(tag("span", text(where), cls="atlas-place-card__where"))
    duties = f"{card.duties} {'duty' if card.duties == 1 else 'duties'} mapped, {card.verified} verified"
    lines.append(tag("span", text(duties), cls="atlas-place-card__count"))
    return tag("li", tag("a", join(lines), href=base + card.page, cls="atlas-place-card"))


def _state_card(atlas: Atlas, link: by_state.StateLink, base: str) -> Markup:
    lines = [
        tag("span", text(short_name(atlas.jurisdictions[link.state])), cls="atlas-place-card__name"),
        tag("span", text(f"{link.rows} {'government' if link.rows == 1 else 'governments'}"), cls="atlas-place-card__count"),
    ]
    return tag("li", tag("a", join(lines), href=base + link.parts[0][1], cls="atlas-place-card"))


def render_place_cards(atlas: Atlas, base: str) -> str:
    """A card per place; past by_state.SPLIT_PAST, a card per state opening the list of its governments."""
    if by_state.is_split(atlas):
        links = by_state.state_links(atlas, by_state.government_parts(atlas), places_state_path)
        return block(tag("ul", join(_state_card(atlas, link, base) for link in links), cls="atlas-place-cards"))
    return block(tag("ul", join(_card(card, base) for card in place_cards(atlas)), cls="atlas-place-cards"))
