"""The UN recommendations in the open-data API: /api/v2/recommendations.json and .csv, with the
CSV's Frictionless Table Schema. Kept apart from export.py, which only lists these files.

The JSON holds every recommendation record with all its fields as written, plus what the atlas
derives (the document's symbol, date and address, the citation) under "resolved". The CSV is
flat: one row per recommendation, lists joined with export.LIST_SEPARATOR.
"""

from __future__ import annotations

from .model import Atlas
from .recommendations import official_source_url, recommendation_view

RECOMMENDATION_COLUMNS = [
    "id",
    "document",
    "symbol",
    "paragraph",
    "subparagraph",
    "citation",
    "mechanism",
    "date",
    "text",
    "excerpt",
    "rights",
    "issue_areas",
    "levels",
    "level_reasons",
    "bodies",
    "recommending_states",
    "upr_position",
    "official_text",
    "sources",
    "status",
    "last_reviewed",
]


def _document(atlas: Atlas, rid: str) -> dict:
    return atlas.un_documents.get(atlas.recommendations[rid]["document"], {})


def recommendation_resolved(atlas: Atlas, rid: str) -> dict:
    """What the atlas derives for one recommendation: its document's facts and its citation."""
    document = _document(atlas, rid)
    view = recommendation_view(atlas, rid)
    return {
        "symbol": view.symbol,
        "citation": view.citation,
        "date": document.get("issued"),
        "document_title": document.get("title"),
        "official_text": official_source_url(atlas, rid),
    }


def _labelled(level: dict, value: str) -> str:
    return f"{level['level']}: {value}"


def recommendation_row(atlas: Atlas, rid: str) -> dict:
    """One recommendation as a flat row (lists stay lists; table_csv joins them)."""
    record = atlas.recommendations[rid]
    resolved = recommendation_resolved(atlas, rid)
    levels = record["levels"]
    response = record.get("us_response") or {}
    return {
        "id": rid,
        "document": record["document"],
        "symbol": resolved["symbol"],
        "paragraph": record["paragraph"],
        "subparagraph": record.get("subparagraph"),
        "citation": resolved["citation"],
        "mechanism": record["mechanism"],
        "date": resolved["date"],
        "text": record["text"],
        "excerpt": "true" if record.get("excerpt") else "false",
        "rights": list(record["rights"]),
        "issue_areas": list(record["issue_areas"]),
        "levels": [level["level"] for level in levels],
        "level_reasons": [_labelled(level, level["reason"]) for level in levels],
        "bodies": [_labelled(level, body) for level in levels for body in level.get("bodies", [])],
        "recommending_states": list(record.get("recommending_states", [])),
        "upr_position": response.get("position"),
        "official_text": resolved["official_text"],
        "sources": [source["url"] for source in record.get("sources", [])],
        "status": record["status"],
        "last_reviewed": record["last_reviewed"],
    }


def _in_document_order(atlas: Atlas) -> list[str]:
    def key(rid: str):
        record = atlas.recommendations[rid]
        paragraph = tuple(int(part) for part in record["paragraph"].split("."))
        return (recommendation_view(atlas, rid).symbol, paragraph, record.get("subparagraph") or "", rid)

    return sorted(atlas.recommendations, key=key)


def recommendation_rows(atlas: Atlas) -> list[dict]:
    """Every recommendation, by document symbol, then paragraph."""
    return [recommendation_row(atlas, rid) for rid in _in_document_order(atlas)]


def recommendations_document(atlas: Atlas, version: str, resolved_key: str) -> dict:
    """recommendations.json: every record as written, with the derived facts under resolved_key."""
    return {
        "version": version,
        "recommendations": [
            {**atlas.recommendations[rid], resolved_key: recommendation_resolved(atlas, rid)}
            for rid in _in_document_order(atlas)
        ],
    }


def recommendation_fields(field, joined, schema_enum, claim_fields) -> list[dict]:
    """The Table Schema fields of recommendations.csv, built with export.py's own helpers (passed in,
    so this module does not import export.py and export.py can import it)."""
    levels = schema_enum("common.schema.json", "$defs", "level")
    issue_areas = schema_enum("common.schema.json", "$defs", "issue_area")
    mechanisms = schema_enum("recommendation.schema.json", "properties", "mechanism")
    return [
        field("id", "Id of the recommendation record (data/recommendations/<id>.yaml)."),
        field("document", "Id of the UN document it comes from (data/un-documents/<id>.yaml)."),
        field("symbol", "The document's UN symbol, e.g. CCPR/C/USA/CO/5."),
        field("paragraph", "The paragraph number as the document prints it (\"31\"; \"26.112\" for a UPR recommendation)."),
        field("subparagraph", "The letter of the sub-paragraph quoted, when only one is.", required=False),
        field("citation", "How to cite it: symbol, paragraph and sub-paragraph."),
        field("mechanism", "The UN body that made it.", enum=mechanisms),
        field("date", "The document's issue date, where one was read.", "date", required=False),
        field("text", "The recommendation's own words, quoted from the official text."),
        field("excerpt", "true when the text quotes only part of the paragraph.", enum=["true", "false"]),
        field("rights", joined("Ids of the rights it concerns (see rights.json)")),
        field("issue_areas", joined(f"The issue areas it falls in ({', '.join(issue_areas)})")),
        field("levels", joined(f"The levels of government that would carry it out ({', '.join(levels)})")),
        field("level_reasons", joined("For each level, '<level>: <why it would act>'")),
        field("bodies", joined("The kinds of body that would act, as '<level>: <body>'"), required=False),
        field("recommending_states", joined("For a UPR recommendation: the states that made it"), required=False),
        field(
            "upr_position",
            "For a UPR recommendation: whether the United States supported or noted it.",
            enum=schema_enum("recommendation.schema.json", "properties", "us_response", "properties", "position"),
            required=False,
        ),
        field("official_text", "Where the official text of the document is.", required=False),
    ] + claim_fields()
