"""The static open-data API: /api/v2/ (JSON, CSV, a zip of both), /schemas/, and /feed.xml.

Every record is exported with all its fields as written in YAML; what the atlas derives
(names of linked records, the duty-bearer stack, page addresses) goes under the single
extra key "resolved", so the records themselves round-trip unchanged. Output is
deterministic: sorted keys, stable row order, fixed zip timestamps.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import by_state, views
from . import counties as county_views
from .archives import deterministic_zip
from .home import places_a_to_z, short_name
from .model import (
    CLAIM_KINDS,
    ISSUE_AREA_LABELS,
    LEVEL_LABELS,
    LEVEL_ORDER,
    PLACE_LEVELS,
    ROLE_LABELS,
    Atlas,
    issue_areas,
    role_rank,
)
from .recommendations_export import (
    RECOMMENDATION_COLUMNS,
    recommendation_fields,
    recommendation_rows,
    recommendations_document,
)
from .records import SCHEMA_DIR
from .shadow_report import shadow_report_bundles, shadow_report_files, shadow_reports_released
from .urls import goal_path, page_path, release_address
from .zips import read_zip_areas, zip_shards

API_VERSION = "v2"
RESOLVED = "resolved"
OBLIGATION_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "jurisdiction_level",
    "right",
    "right_title",
    "issue_area",
    "body",
    "body_name",
    "role",
    "basis",
    "summary",
    "sources",
    "status",
    "last_reviewed",
]
ROUTE_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "jurisdiction_level",
    "name",
    "kind",
    "body",
    "body_name",
    "issue_areas",
    "summary",
    "contact",
    "sources",
    "status",
    "last_reviewed",
]
PREEMPTION_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "jurisdiction_level",
    "title",
    "issue_area",
    "rights",
    "basis",
    "summary",
    "sources",
    "status",
    "last_reviewed",
]
COMMITMENT_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "jurisdiction_level",
    "title",
    "kind",
    "adopted",
    "citation",
    "instruments",
    "summary",
    "sources",
    "status",
    "last_reviewed",
]
SDG_LINK_COLUMNS = ["target", "goal", "right", "right_title", "articles", "note", "sources", "last_reviewed"]
LIST_SEPARATOR = " | "  # how a CSV cell joins a list (sources, issue areas, rights, instruments)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CREATOR = "Duty-Bearer Atlas contributors"
DATASET_TITLE = "Duty-Bearer Atlas: who holds which human-rights obligation in US places"
DATASET_DESCRIPTION = (
    "For each human right in a US place, which level of government (city, county, special district, state or "
    "federal) holds the obligation, through which body, on what legal basis, and where a resident can hold it "
    "to account; with the routes to remedy, state preemptions, local human-rights commitments and the links "
    "from SDG targets to rights. Every claim carries its sources, review status and last-reviewed date."
)
KEYWORDS = ["human rights", "local government", "duty-bearers", "accountability", "Sustainable Development Goals"]
LICENCE_TEXT = """Duty-Bearer Atlas data
Licence: Creative Commons Attribution 4.0 International (CC BY 4.0)
https://creativecommons.org/licenses/by/4.0/

Suggested citation:
  Duty-Bearer Atlas contributors. Duty-Bearer Atlas: who holds which human-rights
  obligation in US places (data, API v2). Retrieved <date>, from <the address you used>.

The SDG goal, target and indicator text is the United Nations' (A/RES/71/313 Annex, after
the 2023 refinement, UN Statistics Division); see data/sdg/SOURCE.md in the repository.
Every claim carries its own sources, review status and last-reviewed date: cite those too.
"""


def _dump(value) -> str:
    # Compact and key-sorted: byte-identical between builds, and no whitespace for machines to skip.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _pretty(value) -> str:
    # Metadata files are read by people as well as harvesters: indented, still key-sorted and deterministic.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _with_resolved(record: dict, resolved: dict) -> dict:
    return {**record, RESOLVED: resolved}


def _duty_row(duty: views.Duty) -> dict:
    return {
        "jurisdiction": duty.jurisdiction,
        "jurisdiction_name": duty.jurisdiction_name,
        "jurisdiction_level": duty.level,
        "right": duty.right,
        "right_title": duty.right_title,
        "issue_area": duty.issue_area,
        "body": duty.body,
        "body_name": duty.body_name,
        "role": duty.role,
        "basis": duty.basis,
        "summary": duty.summary,
        "sources": [source["url"] for source in duty.sources],
        "status": duty.status,
        "last_reviewed": duty.last_reviewed,
    }


def obligation_rows(atlas: Atlas) -> list[dict]:
    rows = [_duty_row(duty) for jid in sorted(atlas.jurisdictions) for duty in views.duties_of(atlas, jid)]
    return sorted(rows, key=lambda r: (r["jurisdiction"], r["issue_area"], r["right"], r["role"], r["body"], r["basis"]))


def _spreadsheet_safe(value: str) -> str:
    """A leading = + - @ makes spreadsheets run a cell as a formula; a quote keeps it text."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def _cell(value) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def table_csv(columns: list[str], rows: list[dict]) -> str:
    """Rows as CSV: lists joined with LIST_SEPARATOR, absent values empty, no cell a formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: _spreadsheet_safe(_cell(value)) for key, value in row.items()
            }
        )
    return buffer.getvalue()


def obligations_csv(rows: list[dict]) -> str:
    return table_csv(OBLIGATION_COLUMNS, rows)


def _claim_owner(atlas: Atlas, jid: str) -> dict:
    record = atlas.jurisdictions[jid]
    return {"jurisdiction": jid, "jurisdiction_name": record["name"], "jurisdiction_level": record["level"]}


def _urls(claim: dict) -> list[str]:
    return [source["url"] for source in claim.get("sources", [])]


def route_rows(atlas: Atlas) -> list[dict]:
    """One row per accountability route, in the order of its government's record."""
    rows = []
    for jid in sorted(atlas.jurisdictions):
        record = atlas.jurisdictions[jid]
        bodies = {body["id"]: body["name"] for body in record.get("bodies", [])}
        for route in record.get("accountability", []):
            rows.append(
                _claim_owner(atlas, jid)
                | {
                    "name": route["name"],
                    "kind": route["kind"],
                    "body": route.get("body"),
                    "body_name": bodies.get(route.get("body")),
                    "issue_areas": route["issue_areas"],
                    "summary": route["summary"],
                    "contact": route.get("contact"),
                    "sources": _urls(route),
                    "status": route["status"],
                    "last_reviewed": route["last_reviewed"],
                }
            )
    return rows


def preemption_rows(atlas: Atlas) -> list[dict]:
    rows = []
    for jid in sorted(atlas.jurisdictions):
        for law in atlas.jurisdictions[jid].get("preemptions", []):
            rows.append(
                _claim_owner(atlas, jid)
                | {key: law[key] for key in ("title", "issue_area", "rights", "basis", "summary", "status", "last_reviewed")}
                | {"sources": _urls(law)}
            )
    return rows


def commitment_rows(atlas: Atlas) -> list[dict]:
    rows = []
    for jid in sorted(atlas.jurisdictions):
        for act in atlas.jurisdictions[jid].get("commitments", []):
            rows.append(
                _claim_owner(atlas, jid)
                | {key: act.get(key) for key in ("title", "kind", "adopted", "citation", "summary", "status", "last_reviewed")}
                | {"instruments": act.get("instruments", []), "sources": _urls(act)}
            )
    return rows


def sdg_link_rows(atlas: Atlas) -> list[dict]:
    """One row per sourced link from an SDG target to a right, in the UN's target order."""
    rows = []
    for target in atlas.sdg.targets:
        record = atlas.sdg_links.get(target)
        for link in record["rights"] if record else []:
            rows.append(
                {
                    "target": target,
                    "goal": atlas.sdg.goal_of(target),
                    "right": link["right"],
                    "right_title": atlas.rights[link["right"]]["title"],
                    "articles": [f"{a['instrument']} {a['article']}" for a in link.get("articles", [])],
                    "note": link.get("note"),
                    "sources": _urls(link),
                    "last_reviewed": record["last_reviewed"],
                }
            )
    return rows


# --- The data package: a Frictionless Table Schema for every CSV -------------------------------


@functools.cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _schema_enum(name: str, *path: str) -> list[str]:
    """The allowed values of a field, read from its JSON Schema (never retyped here)."""
    node = _schema(name)
    for key in path:
        node = node[key]
    return list(node["enum"])


def _field(name: str, description: str, type_: str = "string", enum: list[str] | None = None, required: bool = True) -> dict:
    constraints: dict = {"required": True} if required else {}
    if enum:
        constraints["enum"] = enum
    return {"name": name, "type": type_, "description": description} | ({"constraints": constraints} if constraints else {})


def _joined(what: str) -> str:
    return f"{what}, joined with '{LIST_SEPARATOR}'"


def _owner_fields() -> list[dict]:
    return [
        _field("jurisdiction", "Id of the government whose record states the claim (its API file is jurisdictions/<id>.json)."),
        _field("jurisdiction_name", "That government's official name."),
        _field("jurisdiction_level", "Its level of government.", enum=_schema_enum("common.schema.json", "$defs", "level")),
    ]


def _claim_fields() -> list[dict]:
    return [
        _field("sources", _joined("The https addresses of the documents that state the claim"), required=False),
        _field(
            "status",
            "verified: a reviewer read a listed source that states the claim; unverified: not yet checked against one.",
            enum=_schema_enum("common.schema.json", "$defs", "status"),
        ),
        _field("last_reviewed", "When someone last checked the claim against its sources.", "date"),
    ]


def _table_schemas() -> dict[str, list[dict]]:
    def claim_enum(claim: str, field: str) -> list[str]:
        return _schema_enum("jurisdiction.schema.json", "$defs", claim, "properties", field)

    issue_areas = _schema_enum("common.schema.json", "$defs", "issue_area")
    return {
        "obligations": _owner_fields()
        + [
            _field("right", "Id of the right (see rights.json)."),
            _field("right_title", "The right's title."),
            _field("issue_area", "The issue area of the right.", enum=issue_areas),
            _field("body", "Id of the body, within the government's record."),
            _field("body_name", "The body's official name."),
            _field("role", "What the body does for the right.", enum=claim_enum("obligation", "role")),
            _field("basis", "The law that gives the duty, cited as the source cites it."),
            _field("summary", "What the duty is."),
        ]
        + _claim_fields(),
        "accountability-routes": _owner_fields()
        + [
            _field("name", "The mechanism's name."),
            _field("kind", "What kind of mechanism it is.", enum=claim_enum("accountability", "kind")),
            _field("body", "Id of the body that is the mechanism, where it is one.", required=False),
            _field("body_name", "That body's official name.", required=False),
            _field("issue_areas", _joined(f"The issue areas a resident can raise here ({', '.join(issue_areas)})")),
            _field("summary", "What a resident can bring here and what it can do."),
            _field("contact", "The page where a resident files a complaint or finds contact details.", required=False),
        ]
        + _claim_fields(),
        "preemptions": _owner_fields()
        + [
            _field("title", "The law's name."),
            _field("issue_area", "The issue area it limits.", enum=issue_areas),
            _field("rights", _joined("Ids of the rights whose local protection the law limits")),
            _field("basis", "The statute or constitutional provision, cited as the source cites it."),
            _field("summary", "What local governments may not do because of it."),
        ]
        + _claim_fields(),
        "commitments": _owner_fields()
        + [
            _field("title", "The act's name as its source gives it."),
            _field("kind", "What sort of act it is.", enum=claim_enum("commitment", "kind")),
            _field("adopted", "The date of adoption, where a source gives the exact date.", "date", required=False),
            _field("citation", "Ordinance or resolution number, or code chapter, as the source gives it.", required=False),
            _field("instruments", _joined("Ids of the treaties the act draws on (see instruments.json)"), required=False),
            _field("summary", "What the act commits the government to."),
        ]
        + _claim_fields(),
        "sdg-links": [
            _field("target", "The official SDG target number, e.g. 11.1 or 4.a."),
            _field("goal", "The SDG the target belongs to (1 to 17).", "integer"),
            _field("right", "Id of the right the target serves (see rights.json)."),
            _field("right_title", "The right's title."),
            _field("articles", _joined("The articles the source links, as '<instrument id> <article>'"), required=False),
            _field("note", "How the target serves the right.", required=False),
            _field("sources", _joined("The https addresses of the documents that make the link")),
            _field("last_reviewed", "When someone last checked the target's links against their sources.", "date"),
        ],
        "recommendations": recommendation_fields(_field, _joined, _schema_enum, _claim_fields),
    }


TABLE_TITLES = {
    "obligations": "Obligations: one row per duty a body holds for a right",
    "accountability-routes": "Routes to remedy: where a resident can complain or seek a remedy",
    "preemptions": "State preemptions: laws that limit what local governments may do",
    "commitments": "Commitments: local acts adopting or drawing on human-rights treaties",
    "sdg-links": "SDG links: sourced links from SDG targets to rights",
    "recommendations": "UN recommendations to the United States, with the levels of government that would act",
}


def data_package(atlas: Atlas, elsewhere: dict[str, str] | None = None) -> dict:
    """A Frictionless Data Package describing every CSV file of the API; `elsewhere` gives the
    address of a file published as a release download instead of in the site (see SITE_FILE_LIMIT)."""
    elsewhere = elsewhere or {}
    schemas = _table_schemas()
    return {
        "name": "duty-bearer-atlas",
        "title": DATASET_TITLE,
        "description": DATASET_DESCRIPTION,
        "version": API_VERSION,
        "created": latest_review(atlas) + "T00:00:00Z",  # the latest review date: the same every build
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": "Creative Commons Attribution 4.0 International"}],
        "contributors": [{"title": CREATOR, "role": "author"}],
        "keywords": KEYWORDS,
        "resources": [
            {
                "name": name,
                "title": TABLE_TITLES[name],
                "path": elsewhere.get(f"{name}.csv", f"{name}.csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            }
            for name, fields in schemas.items()
        ]
        + [
            {
                "name": f"obligations-{state}",
                "title": f"Obligations in {atlas.jurisdictions[state]['name']}: its governments' rows of obligations.csv",
                "path": state_api_path(state, "csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": schemas["obligations"], "missingValues": [""]},
            }
            for state in _states_with_governments(atlas)
        ],
    }


def _states_with_governments(atlas: Atlas) -> list[str]:
    """The states that get bulk files: every government lying in a state, the state itself included."""
    return sorted({state for jid in atlas.jurisdictions if (state := by_state.state_of(atlas, jid)) is not None})


def latest_review(atlas: Atlas) -> str:
    """The latest last_reviewed date of any record or claim: when the data last changed, the same every build."""
    others = (atlas.rights, atlas.instruments, atlas.sdg_links, atlas.un_documents, atlas.recommendations)
    dates = [record.get("last_reviewed", "") for kind in others for record in kind.values()]
    for record in atlas.jurisdictions.values():
        dates.append(record["last_reviewed"])
        dates += [claim["last_reviewed"] for kind in CLAIM_KINDS for claim in record.get(kind, [])]
    return max((d for d in dates if d), default="2000-01-01")


def _names(atlas: Atlas) -> dict[str, dict]:
    return {g: {"id": g, "name": r["name"], "level": r["level"]} for g, r in atlas.jurisdictions.items()}


def _stack_duty(duty: views.Duty) -> dict:
    # rank: the place of the duty's level and role in the duty-bearer stack, so that a reader merging
    # the files of several governments can order their duties as the place pages do.
    rank = [LEVEL_ORDER[duty.level], role_rank()[duty.role]]
    return _duty_row(duty) | {
        "body_url": duty.body_url,
        "role_label": ROLE_LABELS[duty.role],
        "source_details": list(duty.sources),
        "rank": rank,
    }


def jurisdiction_document(atlas: Atlas, jid: str, names: dict[str, dict] | None = None) -> dict:
    """One government's full record, plus what the atlas derives for it: its own duties and routes
    to remedy by issue area, and the governments above it (state, federal, overlapping districts)
    named by reference to their own files instead of copied, so each file's size is set by its
    own record, not by its place in the country. A reader (the finder) loads the referenced files
    and merges their `stack` sections, ordering each section's duties by right title, then `rank`."""
    record = atlas.jurisdictions[jid]
    names = names if names is not None else _names(atlas)
    own = views.duties_of(atlas, jid)
    stack = [
        {"issue_area": area, "label": ISSUE_AREA_LABELS[area], "duties": [_stack_duty(d) for d in own if d.issue_area == area]}
        for area in issue_areas()
    ]
    for section in stack:
        section["duties"].sort(key=lambda d: (d["right_title"].lower(), *d["rank"], d["body_name"]))
    routes = [{"jurisdiction": jid, "jurisdiction_name": record["name"], **route} for route in record.get("accountability", [])]
    return _with_resolved(
        record,
        {
            "page": page_path("jurisdictions", jid),
            "level_label": LEVEL_LABELS[record["level"]],
            "within": [names[w] for w in record.get("within", []) if w in names],
            # Most local first, this government included: the files to merge for a resident's whole stack.
            "governments_over": [_reference(atlas, g) for g in views.governments_over(atlas, jid)],
            "stack": stack,
            "accountability_routes": routes,
            "preemptions": [{"jurisdiction": g, **p} for g, p in views.preemptions_over(atlas, jid)],
            # A state lists its counties, so the finder can offer them after loading this one file.
            "counties": [
                {"geoid": c.geoid, "name": c.name, "api": county_api_path(c.geoid)}
                for c in county_views.counties_of_state(atlas, jid)
            ],
        },
    )


def county_api_path(geoid: str) -> str:
    return f"counties/{geoid}.json"


def _county_page(atlas: Atlas, county) -> str | None:
    """The county's own page if it has a record, else its entry on its state's page, else none."""
    record = county_views.county_record(atlas, county)
    if record:
        return page_path("jurisdictions", record)
    state = county_views.state_for(atlas, county)
    return f"{page_path('jurisdictions', state)}#county-{county.geoid}" if state else None


def _reference(atlas: Atlas, jid: str | None) -> dict | None:
    """Another government's file, named instead of copied: its id, name, level, page and API file."""
    if jid is None:
        return None
    record = atlas.jurisdictions[jid]
    return {
        "id": jid,
        "name": record["name"],
        "level": record["level"],
        "page": page_path("jurisdictions", jid),
        "api": f"jurisdictions/{jid}.json",
    }


def derived_duty_row(duty: county_views.DerivedDuty, county_name: str) -> dict:
    return {
        "jurisdiction_name": county_name,
        "jurisdiction_level": "county",
        "right": duty.right,
        "right_title": duty.right_title,
        "issue_area": duty.issue_area,
        "body_name": duty.body_name,
        "role": duty.role,
        "role_label": ROLE_LABELS[duty.role],
        "basis": duty.basis,
        "summary": duty.summary,
        "set_by": duty.set_by,
        "state": duty.state,
        "state_name": duty.state_name,
        "status": duty.status,
        "note": duty.note,
        "source_details": list(duty.sources),
        "last_reviewed": duty.last_reviewed,
    }


def county_document(atlas: Atlas, county) -> dict:
    """One county: its own record's duties (if any) and those its state's law gives every county. The state's
    and the federal government's duties are named by reference to their files, not copied."""
    duties = county_views.county_duties(atlas, county)
    governments = [duties.record, duties.state, county_views.federal_government(atlas)]
    return {
        "geoid": county.geoid,
        "name": county.name,
        "level": "county",
        "kind": county.kind,
        "state": county.state,
        "state_fips": county.state_fips,
        "ocd_id": county.ocd_id,
        "page": _county_page(atlas, county),
        "record": _reference(atlas, duties.record),
        "state_record": _reference(atlas, duties.state),
        "governments_over": [_reference(atlas, g) for g in governments if g],
        "own_duties": [
            _duty_row(d) | {"body_url": d.body_url, "role_label": ROLE_LABELS[d.role], "source_details": list(d.sources)}
            for d in duties.own
        ],
        "derived_duties": [derived_duty_row(d, county.name) for d in duties.derived],
        "formerly_in": list(county.formerly_in),
        "no_county_government": county_views.county_government_note(atlas, county),
    }


def _county_index_entry(atlas: Atlas, county) -> dict:
    state = county_views.state_for(atlas, county)
    return {
        "id": f"county-{county.geoid}",
        "name": county.name,
        "short_name": county.name,
        "level": "county",
        "within": [state] if state else [],
        "overlaps": [],
        "ocd_id": county.ocd_id,
        "geoid": county.geoid,
        "state": county.state,
        "page": _county_page(atlas, county),
        "api": county_api_path(county.geoid),
        "county_api": county_api_path(county.geoid),
        "is_place": False,
    }


def state_api_path(state: str, extension: str) -> str:
    return f"states/{state}.{extension}"


def state_bulk_files(atlas: Atlas, rows: list[dict], index_entry) -> dict[str, str]:
    """Per state, the bulk files of one state, a fiftieth of the whole country's: its obligations as
    CSV, and as JSON its governments (the state first) with the CSV's address. The JSON does not
    repeat the CSV's rows: each government's own file holds its obligations as JSON (at 20,000
    places the repeated rows were 0.17 GB of a site that must stay under 1 GB)."""
    members: dict[str, list[str]] = {}
    for jid in sorted(atlas.jurisdictions):
        state = by_state.state_of(atlas, jid)
        if state is not None:
            members.setdefault(state, []).append(jid)
    rows_of: dict[str, list[dict]] = {}
    for row in rows:
        rows_of.setdefault(row["jurisdiction"], []).append(row)
    files = {}
    for state, governments in sorted(members.items()):
        governments.sort(key=lambda jid: (jid != state, jid))
        state_rows = [row for jid in sorted(governments) for row in rows_of.get(jid, [])]
        files[state_api_path(state, "json")] = _dump(
            {
                "version": API_VERSION,
                "state": _reference(atlas, state),
                "jurisdictions": [index_entry(jid) for jid in governments],
                "obligations_csv": state_api_path(state, "csv"),
            }
        )
        files[state_api_path(state, "csv")] = obligations_csv(state_rows)
    return files


def api_documents(atlas: Atlas) -> dict[str, str]:
    """Every API file, by path under api/v2/, as text."""
    files: dict[str, str] = {}
    rows = obligation_rows(atlas)
    files["rights.json"] = _dump(
        {
            "version": API_VERSION,
            "rights": [
                _with_resolved(r, {"page": page_path("rights", rid), "sdg_targets": atlas.targets_by_right.get(rid, [])})
                for rid, r in sorted(atlas.rights.items())
            ],
        }
    )
    files["instruments.json"] = _dump(
        {
            "version": API_VERSION,
            "instruments": [
                _with_resolved(i, {"page": page_path("instruments", iid), "rights": atlas.rights_by_instrument.get(iid, [])})
                for iid, i in sorted(atlas.instruments.items())
            ],
        }
    )
    county_geoids: dict[str, set[str]] = {}
    for county in atlas.counties:
        record = county_views.county_record(atlas, county)
        if record:
            county_geoids.setdefault(record, set()).add(county.geoid)

    def index_entry(jid: str) -> dict:
        r = atlas.jurisdictions[jid]
        return {
            "id": jid,
            "name": r["name"],
            "short_name": short_name(r),
            "level": r["level"],
            "within": r.get("within", []),
            "overlaps": r.get("overlaps", []),
            "ocd_id": r.get("ocd_id"),
            "geoid": r.get("geoid"),
            "page": page_path("jurisdictions", jid),
            "api": f"jurisdictions/{jid}.json",
            "is_place": r["level"] in PLACE_LEVELS,
        } | ({"county_api": county_api_path(r["geoid"])} if r.get("geoid") in county_geoids.get(jid, ()) else {})

    files["jurisdictions.json"] = _dump(
        {
            "version": API_VERSION,
            "issue_areas": [{"id": a, "label": ISSUE_AREA_LABELS[a]} for a in issue_areas()],
            "jurisdictions": [index_entry(jid) for jid in sorted(atlas.jurisdictions)]
            + [
                _county_index_entry(atlas, county)
                for county in atlas.counties
                if county_views.county_record(atlas, county) is None
            ],
        }
    )
    for county in atlas.counties:
        files[county_api_path(county.geoid)] = _dump({"version": API_VERSION, "county": county_document(atlas, county)})
    if atlas.zips_file:  # the finder's ZIP lookup loads one shard per 3-digit prefix
        for name, shard in zip_shards(atlas, read_zip_areas(atlas.zips_file), API_VERSION).items():
            files[name] = _dump(shard)
    names = _names(atlas)
    for jid in sorted(atlas.jurisdictions):
        files[f"jurisdictions/{jid}.json"] = _dump(
            {"version": API_VERSION, "jurisdiction": jurisdiction_document(atlas, jid, names)}
        )
    files.update(state_bulk_files(atlas, rows, index_entry))
    files["obligations.json"] = _dump({"version": API_VERSION, "columns": OBLIGATION_COLUMNS, "obligations": rows})
    files["obligations.csv"] = obligations_csv(rows)
    files["accountability-routes.csv"] = table_csv(ROUTE_COLUMNS, route_rows(atlas))
    files["preemptions.csv"] = table_csv(PREEMPTION_COLUMNS, preemption_rows(atlas))
    files["commitments.csv"] = table_csv(COMMITMENT_COLUMNS, commitment_rows(atlas))
    files["sdg-links.csv"] = table_csv(SDG_LINK_COLUMNS, sdg_link_rows(atlas))
    files["recommendations.json"] = _dump(recommendations_document(atlas, API_VERSION, RESOLVED))
    files["recommendations.csv"] = table_csv(RECOMMENDATION_COLUMNS, recommendation_rows(atlas))
    files["datapackage.json"] = _pretty(data_package(atlas))
    files["sdg/targets.json"] = _dump(
        {
            "version": API_VERSION,
            "source": "UN Statistics Division, global indicator framework (A/RES/71/313 Annex, after 2023 refinement)",
            "targets": [
                {
                    "id": tid,
                    "goal": atlas.sdg.goal_of(tid),
                    "title": text,
                    "rights": [link["right"] for link in atlas.sdg_links.get(tid, {}).get("rights", [])],
                    "links": atlas.sdg_links.get(tid, {}).get("rights", []),
                    "page": goal_path(atlas.sdg.goal_of(tid)) + f"#target-{tid.replace('.', '-')}",
                }
                for tid, text in atlas.sdg.targets.items()
            ],
        }
    )
    files["LICENSE.txt"] = LICENCE_TEXT
    return files


# --- Catalogue metadata: schema.org Dataset (JSON-LD on the open-data page) and DCAT-US 3.0 data.json ---

ZIP_NAME = "duty-bearer-atlas-data.zip"
DISTRIBUTIONS = [  # (file under api/v2/, title, media type)
    (ZIP_NAME, "All data (every JSON and CSV file) as one zip", "application/zip"),
    ("obligations.csv", "Obligations (CSV)", "text/csv"),
    ("accountability-routes.csv", "Routes to remedy (CSV)", "text/csv"),
    ("preemptions.csv", "State preemptions (CSV)", "text/csv"),
    ("commitments.csv", "Commitments (CSV)", "text/csv"),
    ("sdg-links.csv", "SDG target to right links (CSV)", "text/csv"),
    ("recommendations.csv", "UN recommendations to the United States, by level of government (CSV)", "text/csv"),
    ("obligations.json", "Obligations (JSON)", "application/json"),
    ("jurisdictions.json", "Index of governments (JSON; one file per government under jurisdictions/)", "application/json"),
    ("rights.json", "Rights (JSON)", "application/json"),
    ("instruments.json", "Treaties and declarations with the US status (JSON)", "application/json"),
    ("sdg/targets.json", "SDG targets with their linked rights (JSON)", "application/json"),
    ("recommendations.json", "UN recommendations to the United States, as recorded (JSON)", "application/json"),
]
DATA_PACKAGE = "datapackage.json"


def _site_address(site_url: str | None, path: str, base: str = "") -> str:
    """An absolute address when the site's URL is configured; else relative (from the page at base)."""
    return (site_url.rstrip("/") + "/" + path) if site_url else base + path


def _keywords_with_places(atlas: Atlas) -> list[str]:
    return KEYWORDS + [short_name(atlas.jurisdictions[jid]) for jid in places_a_to_z(atlas)]


def dataset_jsonld(atlas: Atlas, site_url: str | None, base: str = "") -> dict:
    """schema.org Dataset metadata for search engines and data portals."""
    api = f"api/{API_VERSION}/"
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": DATASET_TITLE,
        "description": DATASET_DESCRIPTION,
        "url": _site_address(site_url, "api/", base),
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": CREATOR},
        "keywords": KEYWORDS,  # no record text in a page's <script>, even as inert JSON
        "spatialCoverage": {"@type": "Place", "name": "United States"},
        "dateModified": latest_review(atlas),
        "version": API_VERSION,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": title,
                "encodingFormat": media,
                "contentUrl": _site_address(site_url, api + path, base),
            }
            for path, title, media in DISTRIBUTIONS
        ],
    }


def script_safe_json(value) -> str:
    """JSON for a <script> element: <, > and & escaped, so record text can never close the element."""
    text_ = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text_.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def dataset_jsonld_block(atlas: Atlas, site_url: str | None, base: str = "") -> str:
    """The JSON-LD as a raw HTML block for a Markdown page."""
    return f'\n\n<script type="application/ld+json">{script_safe_json(dataset_jsonld(atlas, site_url, base))}</script>\n\n'


def dcat_us_catalog(
    atlas: Atlas, site_url: str | None, contact_email: str | None = None, elsewhere: dict[str, str] | None = None
) -> dict:
    """/data.json: a DCAT-US 3.0 catalogue holding the atlas as one dataset with its distributions.

    DCAT-US requires a contact point with an e-mail address that someone reads; the deployer
    supplies it (ATLAS_CONTACT_EMAIL), since the records name none."""
    api = f"api/{API_VERSION}/"
    contact = {"@type": "Kind", "fn": CREATOR}
    if contact_email:
        contact["hasEmail"] = f"mailto:{contact_email}"
    modified = latest_review(atlas)
    dataset = {
        "@type": "Dataset",
        "title": DATASET_TITLE,
        "description": DATASET_DESCRIPTION,
        "identifier": {"@type": "Identifier", "notation": f"duty-bearer-atlas-api-{API_VERSION}"},
        "publisher": {"@type": "Organization", "name": CREATOR},
        "contactPoint": contact,
        "license": LICENCE_URL,
        "modified": modified,
        "keyword": _keywords_with_places(atlas),
        "language": ["en"],
        "spatial": [{"@type": "Location", "prefLabel": "United States"}],
        "version": API_VERSION,
        "distribution": [
            {
                "@type": "Distribution",
                "title": title,
                "downloadURL": (elsewhere or {}).get(path) or _site_address(site_url, api + path),
                "mediaType": media,
            }
            for path, title, media in DISTRIBUTIONS
        ],
        "describedBy": {
            "@type": "Distribution",
            "title": "Data package: a Table Schema for every CSV file",
            "downloadURL": _site_address(site_url, api + DATA_PACKAGE),
            "mediaType": "application/json",
            "conformsTo": [{"@type": "Standard", "title": "Frictionless Data Package"}],
        },
    }
    return {
        "@type": "Catalog",
        "conformsTo": {"@type": "Standard", "title": "DCAT-US 3.0"},
        "title": "Duty-Bearer Atlas open data",
        "description": "The open data of the Duty-Bearer Atlas.",
        "publisher": {"@type": "Agent", "name": CREATOR},
        "modified": modified,
        "language": ["en"],
        "dataset": [dataset],
    }


def _zip_bytes(files: dict[str, str]) -> bytes:
    # Level 1: four times faster than zlib's default on the API files, for an archive about a third larger.
    return deterministic_zip(files, folder=f"duty-bearer-atlas-{API_VERSION}/", compresslevel=1)


def atom_feed(atlas: Atlas, site_url: str | None) -> str:
    """Record changes as an Atom feed: one entry per government, dated by its latest review."""
    base = (site_url or "").rstrip("/") + "/"
    entries = []
    for jid, record in atlas.jurisdictions.items():
        dates = [record["last_reviewed"]] + [claim["last_reviewed"] for kind in CLAIM_KINDS for claim in record.get(kind, [])]
        entries.append((max(dates), jid, record))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = entries[0][0] if entries else "2000-01-01"

    def identifier(path: str) -> str:
        return base + path if site_url else f"urn:x-duty-bearer-atlas:{path.strip('/').replace('/', ':') or 'home'}"

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>Duty-Bearer Atlas: record changes</title>",
        f"  <id>{xml_escape(identifier('feed.xml'))}</id>",
        f'  <link rel="self" href="{xml_escape(base + "feed.xml" if site_url else "feed.xml")}"/>',
        f"  <updated>{updated}T00:00:00Z</updated>",
        "  <author><name>Duty-Bearer Atlas contributors</name></author>",
    ]
    for reviewed, jid, record in entries:
        path = page_path("jurisdictions", jid)
        count = len(record.get("obligations", []))
        summary = f"{LEVEL_LABELS[record['level']]}; {count} obligations recorded; last reviewed {reviewed}."
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(record['name'])} (reviewed {reviewed})</title>",
            f"    <id>{xml_escape(identifier(path))}</id>",
            f'    <link href="{xml_escape(base + path if site_url else path)}"/>',
            f"    <updated>{reviewed}T00:00:00Z</updated>",
            f"    <summary>{xml_escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


# The whole country's bulk files, and the most the site publishes of any one of them: a bigger one
# is a release download instead (the published site must stay under GitHub Pages' 1 GB; at 20,000
# places obligations.json alone weighed 163 MB and the zip 261 MB). Per-state files stay in the site.
WHOLE_COUNTRY_FILES = ("obligations.json", "obligations.csv", ZIP_NAME)
SITE_FILE_LIMIT = 50_000_000


def _api_files(atlas: Atlas) -> dict[str, str | bytes]:
    documents: dict[str, str | bytes] = dict(api_documents(atlas))
    documents[ZIP_NAME] = _zip_bytes(documents)
    return documents


def _too_big(documents: dict[str, str | bytes]) -> list[str]:
    def size(content: str | bytes) -> int:
        return len(content) if isinstance(content, bytes) else len(content.encode("utf-8"))

    return [name for name in WHOLE_COUNTRY_FILES if size(documents[name]) > SITE_FILE_LIMIT]


def site_files(
    atlas: Atlas, site_url: str | None = None, contact_email: str | None = None, repo_url: str | None = None
) -> dict[str, str | bytes]:
    """Every open-data file the site publishes, by its path in the site: the API, the bulk zip, the
    schemas, the feed, and the DCAT-US catalogue (/data.json). A whole-country file over
    SITE_FILE_LIMIT is left out (release_files gives it) and the catalogues point to its release address."""
    documents = _api_files(atlas)
    moved = _too_big(documents)
    elsewhere = {name: release_address(repo_url, name) for name in moved}
    for name in moved:
        del documents[name]
    if moved:
        documents["datapackage.json"] = _pretty(data_package(atlas, elsewhere))
    files: dict[str, str | bytes] = {f"api/{API_VERSION}/{name}": content for name, content in documents.items()}
    files["data.json"] = _pretty(dcat_us_catalog(atlas, site_url, contact_email, elsewhere))
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()
    files["feed.xml"] = atom_feed(atlas, site_url)
    if not shadow_reports_released(atlas):
        files.update(shadow_report_files(atlas))
    return files


def release_files(atlas: Atlas) -> dict[str, str | bytes]:
    """The files published as release downloads, by file name: the whole-country files too big for the
    site (SITE_FILE_LIMIT), and past by_state.SPLIT_PAST governments the shadow-report notes, one zip
    per state. None for a small atlas."""
    documents = _api_files(atlas)
    released: dict[str, str | bytes] = {name: documents[name] for name in _too_big(documents)}
    if shadow_reports_released(atlas):
        released.update(shadow_report_bundles(atlas))
    return released


def write_files(files: dict[str, str | bytes], folder: Path) -> list[Path]:
    """Write files (path → text or bytes) under folder; the paths written, sorted."""
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return sorted(written)


def write_api(atlas: Atlas, site_dir: Path, site_url: str | None = None, repo_url: str | None = None) -> list[Path]:
    """Write the open-data files into a built site (the build itself adds them through the hook)."""
    api_dir = site_dir / "api" / API_VERSION
    if api_dir.exists():
        shutil.rmtree(api_dir)
    return write_files(site_files(atlas, site_url, repo_url=repo_url), site_dir)
