"""Voluntary Local Reviews: the reports on the SDGs that places in the atlas have published, as
their records list them (voluntary_local_reviews). Pure view models; no HTML here."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Atlas


@dataclass(frozen=True)
class LocalReview:
    title: str
    year: int
    url: str
    publisher: str
    publisher_kind: str
    status: str
    note: str | None
    last_reviewed: str


@dataclass(frozen=True)
class ReportingPlace:
    jurisdiction: str
    reviews: tuple[LocalReview, ...]  # newest first


def local_reviews(atlas: Atlas, jid: str) -> list[LocalReview]:
    """A place's Voluntary Local Reviews, newest first."""
    reviews = [
        LocalReview(
            title=entry["title"],
            year=entry["year"],
            url=entry["url"],
            publisher=entry["publisher"],
            publisher_kind=entry["publisher_kind"],
            status=entry["status"],
            note=entry.get("note"),
            last_reviewed=entry["last_reviewed"],
        )
        for entry in atlas.jurisdictions[jid].get("voluntary_local_reviews", [])
    ]
    return sorted(reviews, key=lambda review: (-review.year, review.title))


def places_that_have_reported(atlas: Atlas) -> list[ReportingPlace]:
    """Every government with at least one Voluntary Local Review recorded, by name."""
    found = [ReportingPlace(jid, tuple(local_reviews(atlas, jid))) for jid in atlas.jurisdictions]
    return sorted((place for place in found if place.reviews), key=lambda p: atlas.jurisdictions[p.jurisdiction]["name"].lower())
