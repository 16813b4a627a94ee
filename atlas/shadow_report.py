"""Shadow-report notes: for one place and one UN review (a treaty body's, or the Universal Periodic
Review), the place's duty-bearers for the rights the treaty covers, their routes to remedy and the
recommendations that fall on them, each line with its source — as a Markdown file and a CSV file
written at build time (URLs in atlas.urls).

View models are pure functions of the Atlas; the two renderers only present them. Record text is
untrusted: in Markdown every character that could start a link, an emphasis, a heading, a list or
an HTML tag is escaped (markdown_text), and addresses are written only when they are plain https://
URLs (markdown_url). The CSV goes through export.table_csv, which keeps every cell from becoming a
spreadsheet formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import by_state
from .archives import deterministic_zip
from .model import ISSUE_AREA_LABELS, LEVEL_LABELS, PLACE_LEVELS, ROLE_LABELS, Atlas, issue_areas
from .recommendations import official_source_url, recommendations_for_place
from .urls import release_address, shadow_report_bundle_name, shadow_report_download_name, shadow_report_path
from .views import ROUTE_KIND_LABELS, accountability_routes, duty_bearer_stack

# Which treaty body reviews which treaty: a fact of the UN treaty system, used for treaties whose
# review has no document in the atlas yet (documents add their own pairs through `instrument`).
TREATY_BODY_OF = {"iccpr": "ccpr", "cerd": "cerd", "cat": "cat"}
UPR = "upr"
UPR_LABEL = "Universal Periodic Review (Human Rights Council)"
# Pages that offer the export: places, and counties that have their own record (the 3,000-odd
# counties derived from the Census list do not: the files would outnumber every other page).
SHADOW_REPORT_LEVELS = (*PLACE_LEVELS, "county")
CSV_COLUMNS = [
    "section",
    "issue_area",
    "right",
    "government",
    "level",
    "who",
    "role_or_kind",
    "what",
    "legal_basis_or_citation",
    "status",
    "source_url",
]


@dataclass(frozen=True)
class Review:
    """A UN review a shadow report can be written for."""

    slug: str  # the instrument id, or "upr"
    label: str  # "ICCPR (Human Rights Committee)"
    mechanism: str  # the recommendation mechanism: ccpr, cerd, cat or upr
    rights: tuple[str, ...]  # right ids the review covers


@dataclass(frozen=True)
class DutyLine:
    issue_area: str
    right: str
    government: str
    level: str
    body: str
    role: str
    summary: str
    basis: str
    status: str
    source_url: str | None


@dataclass(frozen=True)
class RouteLine:
    issue_areas: tuple[str, ...]
    government: str
    level: str
    name: str
    kind: str
    handled_by: str
    summary: str
    contact: str | None
    status: str
    source_url: str | None


@dataclass(frozen=True)
class RecommendationLine:
    issue_areas: tuple[str, ...]
    rights: tuple[str, ...]  # titles
    citation: str
    date: str | None
    text: str
    excerpt: bool
    levels: tuple[str, ...]
    governments: tuple[str, ...]  # names of the governments over the place at those levels
    upr_position: str | None
    status: str
    source_url: str | None


@dataclass(frozen=True)
class ShadowReport:
    place: str
    place_name: str
    review: Review
    right_titles: tuple[str, ...]
    duties: tuple[DutyLine, ...]
    routes: tuple[RouteLine, ...]
    recommendations: tuple[RecommendationLine, ...]


@dataclass(frozen=True)
class ShadowReportLink:
    """One review's two files, as the place page links them (site-relative paths)."""

    label: str
    markdown: str
    markdown_name: str  # the name the browser saves it under
    csv: str
    csv_name: str


def reviews(atlas: Atlas) -> list[Review]:
    """The treaties the atlas can write a shadow report for, then the UPR. A treaty qualifies when the
    atlas has its instrument and rights grounded in it, and a treaty body reviews it."""
    body_of = dict(TREATY_BODY_OF)
    for document in atlas.un_documents.values():
        if document.get("instrument") and document["mechanism"] != UPR:
            body_of.setdefault(document["instrument"], document["mechanism"])
    found = []
    for iid in sorted(body_of):
        instrument = atlas.instruments.get(iid)
        rights = tuple(atlas.rights_by_instrument.get(iid, ()))
        if instrument and rights:
            body = instrument.get("monitoring_body")
            label = instrument["short_name"] + (f" ({body})" if body else "")
            found.append(Review(iid, label, body_of[iid], rights))
    found.append(Review(UPR, UPR_LABEL, UPR, tuple(sorted(atlas.rights))))
    return found


def shadow_report_places(atlas: Atlas) -> list[str]:
    """The jurisdictions whose pages offer shadow-report files."""
    return sorted(jid for jid, record in atlas.jurisdictions.items() if record["level"] in SHADOW_REPORT_LEVELS)


def _first_source(sources) -> str | None:
    """An official source's address if there is one, else the first source's."""
    sources = list(sources or ())
    for source in sources:
        if source.get("publisher_kind") == "official":
            return source["url"]
    return sources[0]["url"] if sources else None


def _name(atlas: Atlas, jid: str) -> str:
    return atlas.jurisdictions[jid]["name"]


def shadow_report(atlas: Atlas, jid: str, review: Review) -> ShadowReport:
    covered = set(review.rights)
    duties = [
        DutyLine(
            issue_area=ISSUE_AREA_LABELS[duty.issue_area],
            right=duty.right_title,
            government=duty.jurisdiction_name,
            level=LEVEL_LABELS[duty.level],
            body=duty.body_name,
            role=ROLE_LABELS[duty.role],
            summary=duty.summary,
            basis=duty.basis,
            status=duty.status,
            source_url=_first_source(duty.sources),
        )
        for stack in duty_bearer_stack(atlas, jid)
        for duty in stack.duties
        if duty.right in covered
    ]
    areas = {atlas.rights[rid]["issue_area"] for rid in covered if rid in atlas.rights}
    routes = []
    for government, route in accountability_routes(atlas, jid):
        if not areas.intersection(route["issue_areas"]):
            continue
        record = atlas.jurisdictions[government]
        bodies = {body["id"]: body["name"] for body in record.get("bodies", [])}
        routes.append(
            RouteLine(
                issue_areas=tuple(ISSUE_AREA_LABELS[a] for a in issue_areas() if a in route["issue_areas"]),
                government=record["name"],
                level=LEVEL_LABELS[record["level"]],
                name=route["name"],
                kind=ROUTE_KIND_LABELS.get(route["kind"], route["kind"]),
                handled_by=bodies.get(route.get("body"), record["name"]),
                summary=route["summary"],
                contact=route.get("contact"),
                status=route["status"],
                source_url=_first_source(route.get("sources")),
            )
        )
    recommendations = []
    for found in recommendations_for_place(atlas, jid):
        view = found.recommendation
        if view.mechanism != review.mechanism:
            continue
        record = atlas.recommendations[view.id]
        document = atlas.un_documents.get(view.document, {})
        recommendations.append(
            RecommendationLine(
                issue_areas=tuple(ISSUE_AREA_LABELS[a] for a in issue_areas() if a in view.issue_areas),
                rights=tuple(atlas.rights[rid]["title"] for rid in view.rights if rid in atlas.rights),
                citation=view.citation,
                date=document.get("issued"),
                text=view.text,
                excerpt=view.excerpt,
                levels=tuple(LEVEL_LABELS[level] for level in view.levels),
                governments=tuple(_name(atlas, g) for g in found.governments),
                upr_position=(record.get("us_response") or {}).get("position"),
                status=view.status,
                source_url=official_source_url(atlas, view.id),
            )
        )
    return ShadowReport(
        place=jid,
        place_name=_name(atlas, jid),
        review=review,
        right_titles=tuple(atlas.rights[rid]["title"] for rid in review.rights if rid in atlas.rights),
        duties=tuple(duties),
        routes=tuple(routes),
        recommendations=tuple(recommendations),
    )


@dataclass(frozen=True)
class ShadowReportBundle:
    """Past by_state.SPLIT_PAST governments: the release download holding the notes of every place in a state."""

    state_name: str
    url: str | None  # the latest release's asset; None when the repository is not known (a local build)
    name: str


def shadow_reports_released(atlas: Atlas) -> bool:
    """Whether the notes are release downloads (one zip per state) rather than files of the site.

    Each place's notes repeat its whole duty-bearer stack for each of the four reviews, in Markdown
    and in CSV: about 116 KB a place, half the API at 2,000 places and 1.5 GB of the site at 20,000.
    Past the threshold at which the lists split by state, they leave the site for the release."""
    return by_state.is_split(atlas)


def shadow_report_bundle(atlas: Atlas, jid: str, repo_url: str | None) -> ShadowReportBundle | None:
    """The zip a place's page links to when the notes are release downloads; None otherwise."""
    if atlas.jurisdictions[jid]["level"] not in SHADOW_REPORT_LEVELS or not shadow_reports_released(atlas):
        return None
    state = by_state.state_of(atlas, jid)
    if state is None:
        return None
    name = shadow_report_bundle_name(state)
    return ShadowReportBundle(atlas.jurisdictions[state]["name"], release_address(repo_url, name) if repo_url else None, name)


def shadow_report_bundles(atlas: Atlas) -> dict[str, bytes]:
    """Every place's notes, one deterministic zip per state, by file name: "<place>/<review>.md.txt" and ".csv"."""
    by_bundle: dict[str, dict[str, str]] = {}
    prefix = "api/v2/shadow-report/"
    for path, content in shadow_report_files(atlas).items():
        place = path.removeprefix(prefix).split("/")[0]
        state = by_state.state_of(atlas, place)
        if state is not None:
            by_bundle.setdefault(shadow_report_bundle_name(state), {})[path.removeprefix(prefix)] = content
    return {name: deterministic_zip(files) for name, files in sorted(by_bundle.items())}


def shadow_report_links(atlas: Atlas, jid: str) -> list[ShadowReportLink]:
    """The files the place page offers, one pair per review; none for levels without the export, and
    none when the notes are release downloads (shadow_report_bundle)."""
    if atlas.jurisdictions[jid]["level"] not in SHADOW_REPORT_LEVELS or shadow_reports_released(atlas):
        return []
    return [
        ShadowReportLink(
            review.label,
            shadow_report_path(jid, review.slug, "md"),
            shadow_report_download_name(jid, review.slug, "md"),
            shadow_report_path(jid, review.slug, "csv"),
            shadow_report_download_name(jid, review.slug, "csv"),
        )
        for review in reviews(atlas)
    ]


# --- Markdown ------------------------------------------------------------------------------

# The characters that can open a link, image, emphasis, code span, table cell or raw HTML (& < >
# become entities), and those an autolink needs (the ":" of a scheme, the "@" of an address, a "."
# between letters or digits, as in a domain name: renderers that link bare "example.com" exist).
# Record text never starts a line, so list and heading markers need no escape.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]~|!#:@])|(?<=[A-Za-z0-9])\.(?=[A-Za-z0-9])")
_SAFE_URL = re.compile(r"https://[^\s<>\\`\x00-\x1f\x7f]+")


def markdown_text(value: str) -> str:
    """Record text as inert Markdown: on one line, punctuation backslash-escaped, & < > as entities."""
    one_line = " ".join(str(value).split())
    escaped = _MARKDOWN_PUNCTUATION.sub(lambda m: "\\" + m.group(0), one_line)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_url(url: str | None) -> str:
    """An address as a Markdown autolink when it is a plain https:// URL; otherwise as inert text."""
    if not url:
        return "none recorded"
    if _SAFE_URL.fullmatch(url):
        return f"<{url}>"
    return markdown_text(url)


def _status(status: str) -> str:
    return "verified" if status == "verified" else "unverified"


def shadow_report_markdown(report: ShadowReport) -> str:
    t = markdown_text
    lines = [
        f"# Shadow-report notes: {t(report.place_name)}, {t(report.review.label)}",
        "",
        "From the Duty-Bearer Atlas. Each line names its source: read it before you cite the line. "
        "\"Unverified\" means no official source stating the claim has been checked yet.",
        "",
        "## Rights this review covers",
        "",
    ]
    lines += [f"- {t(title)}" for title in report.right_titles] or ["- None recorded."]
    lines += ["", "## Who owes these rights here", ""]
    if not report.duties:
        lines.append("No duty is recorded yet for these rights here.")
    for right in dict.fromkeys(d.right for d in report.duties):
        lines += [f"### {t(right)}", ""]
        for d in (d for d in report.duties if d.right == right):
            lines.append(
                f"- **{t(d.body)}** ({t(d.government)}, {t(d.level.lower())}), {t(d.role.lower())}: {t(d.summary)} "
                f"Legal basis: {t(d.basis)}. Status: {_status(d.status)}. Source: {markdown_url(d.source_url)}"
            )
        lines.append("")
    lines += ["## Where residents can seek a remedy", ""]
    if not report.routes:
        lines.append("No route to remedy is recorded yet for these rights here.")
    for r in report.routes:
        contact = f" Contact: {markdown_url(r.contact)}." if r.contact else ""
        run_by = f", run by {t(r.handled_by)}" if r.handled_by != r.government else ""
        lines.append(
            f"- **{t(r.name)}** ({t(r.government)}; {t(r.kind.lower())}{run_by}). "
            f"Handles: {t(', '.join(r.issue_areas))}. {t(r.summary)}{contact} "
            f"Status: {_status(r.status)}. Source: {markdown_url(r.source_url)}"
        )
    lines += ["", "## What the UN has asked of these governments", ""]
    if not report.recommendations:
        lines.append("No recommendation from this review that falls on these governments is recorded yet.")
    for rec in report.recommendations:
        date = f" ({t(rec.date)})" if rec.date else ""
        excerpt = " (an excerpt)" if rec.excerpt else ""
        position = f" The United States {t(rec.upr_position)} it." if rec.upr_position else ""
        here = f" (here: {t(', '.join(rec.governments))})" if rec.governments else ""
        lines.append(
            f"- **{t(rec.citation)}**{date}: “{t(rec.text)}”{excerpt} Falls on: {t(', '.join(rec.levels).lower())}{here}."
            f"{position} Status: {_status(rec.status)}. Source: {markdown_url(rec.source_url)}"
        )
    return "\n".join(lines).rstrip("\n") + "\n"


# --- CSV -----------------------------------------------------------------------------------


def shadow_report_rows(report: ShadowReport) -> list[dict]:
    rows = [
        {
            "section": "duty-bearer",
            "issue_area": d.issue_area,
            "right": d.right,
            "government": d.government,
            "level": d.level,
            "who": d.body,
            "role_or_kind": d.role,
            "what": d.summary,
            "legal_basis_or_citation": d.basis,
            "status": d.status,
            "source_url": d.source_url,
        }
        for d in report.duties
    ]
    rows += [
        {
            "section": "route-to-remedy",
            "issue_area": list(r.issue_areas),
            "right": None,
            "government": r.government,
            "level": r.level,
            "who": r.handled_by,
            "role_or_kind": r.kind,
            "what": f"{r.name}: {r.summary}" + (f" Contact: {r.contact}" if r.contact else ""),
            "legal_basis_or_citation": None,
            "status": r.status,
            "source_url": r.source_url,
        }
        for r in report.routes
    ]
    rows += [
        {
            "section": "recommendation",
            "issue_area": list(rec.issue_areas),
            "right": list(rec.rights),
            "government": list(rec.governments),
            "level": list(rec.levels),
            "who": None,
            "role_or_kind": f"US position: {rec.upr_position}" if rec.upr_position else None,
            "what": rec.text,
            "legal_basis_or_citation": rec.citation + (f" ({rec.date})" if rec.date else ""),
            "status": rec.status,
            "source_url": rec.source_url,
        }
        for rec in report.recommendations
    ]
    return rows


def shadow_report_csv(report: ShadowReport) -> str:
    from .export import table_csv  # a call-time import: export.site_files lists this module's files

    return table_csv(CSV_COLUMNS, shadow_report_rows(report))


def shadow_report_files(atlas: Atlas) -> dict[str, str]:
    """Every shadow-report file, by its path in the site."""
    files = {}
    all_reviews = reviews(atlas)
    for jid in shadow_report_places(atlas):
        for review in all_reviews:
            report = shadow_report(atlas, jid, review)
            files[shadow_report_path(jid, review.slug, "md")] = shadow_report_markdown(report)
            files[shadow_report_path(jid, review.slug, "csv")] = shadow_report_csv(report)
    return files
