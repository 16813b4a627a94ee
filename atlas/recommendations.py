"""Pure functions that turn UN recommendation records into view models: what the UN has asked of
the governments over a place, about a right, or in one document. No HTML here."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Atlas, issue_areas
from .views import duty_bearer_stack, governments_over

# A consolidated city-county does the work of both; acts_as adds more (the District of Columbia acts as a state).
_LEVELS_DONE_BY = {"consolidated-city-county": ("consolidated-city-county", "city", "county")}


@dataclass(frozen=True)
class RecommendationView:
    id: str
    document: str
    symbol: str
    mechanism: str
    paragraph: str
    subparagraph: str | None
    text: str
    excerpt: bool
    rights: tuple[str, ...]
    issue_areas: tuple[str, ...]
    levels: tuple[str, ...]
    status: str

    @property
    def citation(self) -> str:
        """How the paragraph is cited: "CCPR/C/USA/CO/5, para. 31 (a)"."""
        return f"{self.symbol}, para. {self.paragraph}" + (f" ({self.subparagraph})" if self.subparagraph else "")


@dataclass(frozen=True)
class PlaceRecommendation:
    """A recommendation over a place, with the governments of the place's stack at the levels that would act."""

    recommendation: RecommendationView
    governments: tuple[str, ...]  # jurisdiction ids, most local first


@dataclass(frozen=True)
class DocumentRecommendations:
    document: str
    symbol: str
    title: str
    mechanism: str
    issued: str | None
    recommendations: tuple[RecommendationView, ...]


def _paragraph_order(view: RecommendationView) -> tuple:
    return (tuple(int(part) for part in view.paragraph.split(".")), view.subparagraph or "", view.id)


def recommendation_view(atlas: Atlas, rid: str) -> RecommendationView:
    record = atlas.recommendations[rid]
    document = atlas.un_documents.get(record["document"], {})
    return RecommendationView(
        id=rid,
        document=record["document"],
        symbol=document.get("symbol", record["document"]),
        mechanism=record["mechanism"],
        paragraph=record["paragraph"],
        subparagraph=record.get("subparagraph"),
        text=record["text"],
        excerpt=record.get("excerpt", False),
        rights=tuple(record["rights"]),
        issue_areas=tuple(record["issue_areas"]),
        levels=tuple(item["level"] for item in record["levels"]),
        status=record["status"],
    )


def _all_views(atlas: Atlas) -> list[RecommendationView]:
    return atlas.once(
        ("recommendation_views",), lambda: [recommendation_view(atlas, rid) for rid in sorted(atlas.recommendations)]
    )


def levels_done_by(atlas: Atlas, jid: str) -> tuple[str, ...]:
    """The levels whose work a government does: its own, what it acts as, a city-county's both."""
    record = atlas.jurisdictions[jid]
    levels = list(_LEVELS_DONE_BY.get(record["level"], (record["level"],)))
    levels.extend(level for level in record.get("acts_as", []) if level not in levels)
    return tuple(levels)


def covered_issue_areas(atlas: Atlas, jid: str) -> set[str]:
    """The issue areas in which the place's duty-bearer stack records at least one duty."""
    return {stack.area for stack in duty_bearer_stack(atlas, jid) if stack.duties}


def recommendations_for_place(atlas: Atlas, jid: str) -> list[PlaceRecommendation]:
    """Recommendations that fall on the governments over jid: a level that would act is a level of
    the place's stack, and an issue area it concerns is one the stack covers. Ordered by document
    symbol, then paragraph."""
    stack = governments_over(atlas, jid)
    governments_by_level: dict[str, list[str]] = {}
    for government in stack:
        for level in levels_done_by(atlas, government):
            governments_by_level.setdefault(level, []).append(government)
    areas = covered_issue_areas(atlas, jid)
    found = []
    for view in _all_views(atlas):
        if not areas.intersection(view.issue_areas):
            continue
        acting = [g for level in view.levels for g in governments_by_level.get(level, ())]
        if acting:
            found.append(PlaceRecommendation(view, tuple(g for g in stack if g in acting)))
    return sorted(found, key=lambda item: (item.recommendation.symbol, _paragraph_order(item.recommendation)))


def recommendations_for_right(atlas: Atlas, rid: str) -> list[RecommendationView]:
    """Recommendations that concern a right, ordered by document symbol, then paragraph."""
    return sorted((view for view in _all_views(atlas) if rid in view.rights), key=lambda v: (v.symbol, _paragraph_order(v)))


def recommendations_by_document(atlas: Atlas) -> list[DocumentRecommendations]:
    """Every UN document, newest first (undated last), with its recommendations in paragraph order."""
    by_document: dict[str, list[RecommendationView]] = {}
    for view in _all_views(atlas):
        by_document.setdefault(view.document, []).append(view)
    groups = []
    for did, document in atlas.un_documents.items():
        groups.append(
            DocumentRecommendations(
                document=did,
                symbol=document["symbol"],
                title=document["title"],
                mechanism=document["mechanism"],
                issued=document.get("issued"),
                recommendations=tuple(sorted(by_document.get(did, []), key=_paragraph_order)),
            )
        )
    return sorted(groups, key=lambda g: (g.issued is None, "" if g.issued is None else _descending(g.issued), g.symbol))


def _descending(date: str) -> str:
    """A YYYY-MM-DD date as a key that sorts newest first."""
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def count_by_level(atlas: Atlas) -> dict[str, int]:
    """How many recommendations name each level of government as one that would act."""
    counts: dict[str, int] = {}
    for view in _all_views(atlas):
        for level in view.levels:
            counts[level] = counts.get(level, 0) + 1
    return counts


# --- reading pages: "What the UN has asked of these governments" -------------------------


@dataclass(frozen=True)
class RecommendationItem:
    """One recommendation as a reading page shows it."""

    citation: str  # document symbol and paragraph
    text: str  # quoted as the record gives it
    excerpt: bool
    levels: tuple[str, ...]  # level ids the recommendation falls on
    governments: tuple[str, ...]  # on a place page: the governments over it at those levels
    source_url: str | None  # the official text, when one is recorded
    status: str


@dataclass(frozen=True)
class RecommendationGroup:
    area: str
    items: tuple[RecommendationItem, ...]


def official_source_url(atlas: Atlas, rid: str) -> str | None:
    """Where the recommendation's official text is: the document's own address, else an official
    source of the recommendation, else one of its document."""
    record = atlas.recommendations[rid]
    document = atlas.un_documents.get(record["document"], {})
    if document.get("url"):
        return document["url"]
    for sources in (record.get("sources"), document.get("sources")):
        for source in sources or ():
            if source.get("publisher_kind") == "official":
                return source["url"]
    return None


def _item(atlas: Atlas, view: RecommendationView, governments: tuple[str, ...] = ()) -> RecommendationItem:
    return RecommendationItem(
        citation=view.citation,
        text=view.text,
        excerpt=view.excerpt,
        levels=view.levels,
        governments=governments,
        source_url=official_source_url(atlas, view.id),
        status=view.status,
    )


def _grouped(pairs: list[tuple[str, RecommendationItem]], first_area: str | None = None) -> list[RecommendationGroup]:
    """Groups in the atlas's issue-area order (first_area first), recommendations in the order given."""
    by_area: dict[str, list[RecommendationItem]] = {}
    for area, item in pairs:
        by_area.setdefault(area, []).append(item)
    order = sorted(issue_areas(), key=lambda area: area != first_area)
    return [RecommendationGroup(area, tuple(by_area[area])) for area in order if area in by_area]


def place_recommendation_groups(atlas: Atlas, jid: str) -> list[RecommendationGroup]:
    """The recommendations over a place, each under the first of its issue areas the place's stack covers."""
    areas = covered_issue_areas(atlas, jid)
    pairs = []
    for found in recommendations_for_place(atlas, jid):
        view = found.recommendation
        area = next((a for a in issue_areas() if a in view.issue_areas and a in areas), view.issue_areas[0])
        pairs.append((area, _item(atlas, view, found.governments)))
    return _grouped(pairs)


def right_recommendation_groups(atlas: Atlas, rid: str) -> list[RecommendationGroup]:
    """The recommendations about a right, each under the right's own issue area when it concerns it."""
    own_area = atlas.rights[rid]["issue_area"]
    pairs = []
    for view in recommendations_for_right(atlas, rid):
        area = own_area if own_area in view.issue_areas else next(a for a in issue_areas() if a in view.issue_areas)
        pairs.append((area, _item(atlas, view)))
    return _grouped(pairs, first_area=own_area)
