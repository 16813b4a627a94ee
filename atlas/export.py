"""The static open-data API: /api/v1/ (JSON, CSV, a zip of both), /schemas/, and /feed.xml.

Every record is exported with all its fields as written in YAML; what the atlas derives
(names of linked records, the duty-bearer stack, page addresses) goes under the single
extra key "resolved", so the records themselves round-trip unchanged. Output is
deterministic: sorted keys, stable row order, fixed zip timestamps.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from . import views
from .model import CLAIM_KINDS, ISSUE_AREA_LABELS, ISSUE_AREAS, LEVEL_LABELS, PLACE_LEVELS, ROLE_LABELS, Atlas
from .pages import goal_path, page_path
from .records import SCHEMA_DIR

API_VERSION = "v1"
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
LICENCE_TEXT = """Duty-Bearer Atlas data
Licence: Creative Commons Attribution 4.0 International (CC BY 4.0)
https://creativecommons.org/licenses/by/4.0/

Suggested citation:
  Duty-Bearer Atlas contributors. Duty-Bearer Atlas: who holds which human-rights
  obligation in US places (data, API v1). Retrieved <date>, from <the address you used>.

The SDG goal, target and indicator text is the United Nations' (A/RES/71/313 Annex, after
the 2023 refinement, UN Statistics Division); see data/sdg/SOURCE.md in the repository.
Every claim carries its own sources, review status and last-reviewed date: cite those too.
"""


def _dump(value) -> str:
    # Compact and key-sorted: byte-identical between builds, and no whitespace for machines to skip.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


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


def obligations_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OBLIGATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: _spreadsheet_safe(" | ".join(value) if isinstance(value, list) else str(value)) for key, value in row.items()}
        )
    return buffer.getvalue()


def _names(atlas: Atlas) -> dict[str, dict]:
    return {g: {"id": g, "name": r["name"], "level": r["level"]} for g, r in atlas.jurisdictions.items()}


def jurisdiction_document(atlas: Atlas, jid: str, names: dict[str, dict] | None = None) -> dict:
    """One place's full record, plus its resolved stack: what the finder shows."""
    record = atlas.jurisdictions[jid]
    names = names if names is not None else _names(atlas)
    stack = [
        {
            "issue_area": s.area,
            "label": s.label,
            "duties": [_duty_row(d) | {"body_url": d.body_url, "role_label": ROLE_LABELS[d.role]} for d in s.duties],
        }
        for s in views.duty_bearer_stack(atlas, jid)
    ]
    routes = [
        {"jurisdiction": g, "jurisdiction_name": atlas.jurisdictions[g]["name"], **route}
        for g, route in views.accountability_routes(atlas, jid)
    ]
    return _with_resolved(
        record,
        {
            "page": page_path("jurisdictions", jid),
            "level_label": LEVEL_LABELS[record["level"]],
            "within": [names[w] for w in record.get("within", []) if w in names],
            "governments_over": [names[g] for g in views.governments_over(atlas, jid)],
            "stack": stack,
            "accountability_routes": routes,
            "preemptions": [{"jurisdiction": g, **p} for g, p in views.preemptions_over(atlas, jid)],
        },
    )


def api_documents(atlas: Atlas) -> dict[str, str]:
    """Every API file, by path under api/v1/, as text."""
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
    files["jurisdictions.json"] = _dump(
        {
            "version": API_VERSION,
            "issue_areas": [{"id": a, "label": ISSUE_AREA_LABELS[a]} for a in ISSUE_AREAS],
            "jurisdictions": [
                {
                    "id": jid,
                    "name": r["name"],
                    "level": r["level"],
                    "within": r.get("within", []),
                    "overlaps": r.get("overlaps", []),
                    "ocd_id": r.get("ocd_id"),
                    "geoid": r.get("geoid"),
                    "page": page_path("jurisdictions", jid),
                    "api": f"jurisdictions/{jid}.json",
                    "is_place": r["level"] in PLACE_LEVELS,
                }
                for jid, r in sorted(atlas.jurisdictions.items())
            ],
        }
    )
    names = _names(atlas)
    for jid in sorted(atlas.jurisdictions):
        files[f"jurisdictions/{jid}.json"] = _dump(
            {"version": API_VERSION, "jurisdiction": jurisdiction_document(atlas, jid, names)}
        )
    files["obligations.json"] = _dump({"version": API_VERSION, "columns": OBLIGATION_COLUMNS, "obligations": rows})
    files["obligations.csv"] = obligations_csv(rows)
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


def _zip_bytes(files: dict[str, str]) -> bytes:
    # Level 1: four times faster than zlib's default on the API files, for an archive about a third larger.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"duty-bearer-atlas-{API_VERSION}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buffer.getvalue()


def atom_feed(atlas: Atlas, site_url: str | None) -> str:
    """Record changes as an Atom feed: one entry per government, dated by its latest review."""
    base = (site_url or "").rstrip("/") + "/"
    entries = []
    for jid, record in atlas.jurisdictions.items():
        dates = [record["last_reviewed"]] + [
            claim["last_reviewed"]
            for kind in CLAIM_KINDS
            for claim in record.get(kind, [])
        ]
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


def site_files(atlas: Atlas, site_url: str | None = None) -> dict[str, str | bytes]:
    """Every open-data file, by its path in the site: the API, the bulk zip, the schemas, the feed."""
    documents = api_documents(atlas)
    files: dict[str, str | bytes] = {f"api/{API_VERSION}/{name}": content for name, content in documents.items()}
    files[f"api/{API_VERSION}/duty-bearer-atlas-data.zip"] = _zip_bytes(documents)
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()
    files["feed.xml"] = atom_feed(atlas, site_url)
    return files


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


def write_api(atlas: Atlas, site_dir: Path, site_url: str | None = None) -> list[Path]:
    """Write the open-data files into a built site (the build itself adds them through the hook)."""
    api_dir = site_dir / "api" / API_VERSION
    if api_dir.exists():
        shutil.rmtree(api_dir)
    return write_files(site_files(atlas, site_url), site_dir)
