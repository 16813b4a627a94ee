"""How well the records' claims are sourced: the figures behind issue #13, as a plain-text report.

Reads the record files themselves (not a validated Atlas), so it also measures data the validator
still refuses. Every figure is a count over claims: obligations, commitments, accountability
routes, preemptions and state-law assignments in jurisdictions; the US status and each reservation, understanding or
declaration in instruments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .records import RecordSet, read_records
from .source_rules import BlockedHosts, read_blocked_hosts

# (record kind, field, claim kind label, name of the status field); list fields hold many claims.
CLAIM_FIELDS = (
    ("jurisdictions", "obligations", "obligation", "status"),
    ("jurisdictions", "commitments", "commitment", "status"),
    ("jurisdictions", "accountability", "accountability route", "status"),
    ("jurisdictions", "preemptions", "preemption", "status"),
    ("jurisdictions", "assignments", "state-law assignment", "status"),
    ("instruments", "us_status", "US treaty status", "review_status"),
    ("instruments", "us_ruds", "US reservation/understanding/declaration", "status"),
)


@dataclass(frozen=True)
class Claim:
    record_kind: str
    record_id: str
    field: str  # "obligations[3]", "us_status"
    kind: str  # a CLAIM_FIELDS label
    status: str | None
    sources: tuple  # the source mappings as written

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    @property
    def has_official_source(self) -> bool:
        return any(source.get("publisher_kind") == "official" for source in self.sources)


def _sources_of(node) -> tuple:
    sources = node.get("sources") if isinstance(node, dict) else None
    return tuple(s for s in sources if isinstance(s, dict)) if isinstance(sources, list) else ()


def iter_claims(records: RecordSet) -> Iterator[Claim]:
    """Every claim in the record set, in file order."""
    for record_kind, field_name, label, status_field in CLAIM_FIELDS:
        for record_id, record in sorted(records.of_kind(record_kind).items()):
            data = record.data
            if not isinstance(data, dict):
                continue
            value = data.get(field_name)
            items = [(f"{field_name}[{i}]", item) for i, item in enumerate(value)] if isinstance(value, list) else (
                [(field_name, value)] if isinstance(value, dict) else []
            )
            for where, item in items:
                if isinstance(item, dict):
                    status = item.get(status_field)
                    yield Claim(record_kind, record_id, where, label, status if isinstance(status, str) else None,
                                _sources_of(item))


def iter_source_urls(node) -> Iterator[str]:
    """Every source address anywhere in a record: claims, the record's own sources, interpretations."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                for source in value:
                    if isinstance(source, dict) and isinstance(source.get("url"), str):
                        yield source["url"]
            else:
                yield from iter_source_urls(value)
    elif isinstance(node, list):
        for item in node:
            yield from iter_source_urls(item)


@dataclass
class KindFigures:
    claims: int = 0
    verified: int = 0
    unverified: int = 0
    with_official: int = 0
    verified_with_official: int = 0
    citing_blocked: int = 0

    def add(self, claim: Claim, cites_blocked: bool) -> None:
        self.claims += 1
        self.verified += claim.verified
        self.unverified += claim.status == "unverified"
        self.with_official += claim.has_official_source
        self.verified_with_official += claim.verified and claim.has_official_source
        self.citing_blocked += cites_blocked


@dataclass
class PlaceFigures:
    level: str
    duties: int = 0
    duties_verified: int = 0
    routes: int = 0
    routes_verified: int = 0


@dataclass
class SourceAudit:
    by_kind: dict[str, KindFigures] = field(default_factory=dict)
    total: KindFigures = field(default_factory=KindFigures)
    blocked_citations: Counter = field(default_factory=Counter)  # (pattern, reason) -> sources citing it
    places: dict[str, PlaceFigures] = field(default_factory=dict)
    rules_problems: int = 0


def audit_records(records: RecordSet, blocked: BlockedHosts) -> SourceAudit:
    result = SourceAudit(by_kind={label: KindFigures() for _, _, label, _ in CLAIM_FIELDS})
    for claim in iter_claims(records):
        cites_blocked = any(
            isinstance(s.get("url"), str) and blocked.entry_for_url(s["url"]) is not None for s in claim.sources
        )
        result.by_kind[claim.kind].add(claim, cites_blocked)
        result.total.add(claim, cites_blocked)
    for kind in sorted(records.records):
        for _, record in sorted(records.of_kind(kind).items()):
            for url in iter_source_urls(record.data):
                entry = blocked.entry_for_url(url)
                if entry is not None:
                    result.blocked_citations[(entry.pattern, entry.reason)] += 1
    for jid, record in sorted(records.of_kind("jurisdictions").items()):
        if not isinstance(record.data, dict):
            continue
        figures = PlaceFigures(level=str(record.data.get("level", "?")))
        counted = (("obligations", "duties", "duties_verified"), ("accountability", "routes", "routes_verified"))
        for key, count, verified in counted:
            items = [item for item in record.data.get(key) or [] if isinstance(item, dict)]
            setattr(figures, count, len(items))
            setattr(figures, verified, sum(item.get("status") == "verified" for item in items))
        result.places[jid] = figures
    return result


def audit_data_dir(data_dir: Path) -> SourceAudit:
    rules = read_blocked_hosts(data_dir)
    result = audit_records(read_records(data_dir), rules.blocked)
    result.rules_problems = len(rules.problems)
    return result


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A plain-text table: columns of numbers (and shares) right-aligned, text left-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    numeric = [all(not isinstance(row[i], str) or row[i] == "" or row[i][0].isdigit() or row[i] == "n/a" for row in rows)
               for i in range(len(header))]

    def line(cells):
        padded = (str(c).rjust(w) if numeric[i] else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def render(result: SourceAudit) -> str:
    total = result.total
    without_status = total.claims - total.verified - total.unverified
    out = ["Source audit", "============", ""]
    out.append("Claims by kind")
    rows = []
    for label, f in [*result.by_kind.items(), ("all claims", total)]:
        rows.append([label, f.claims, f.verified, f.unverified, f.with_official, _share(f.with_official, f.claims),
                     f.verified_with_official, _share(f.verified_with_official, f.verified), f.citing_blocked])
    header = ["kind", "claims", "verified", "unverified", "official", "% official", "verified+official",
              "% of verified", "cite blocked"]
    out += _table(header, rows)
    out += [
        "",
        f"Claims with at least one official source: {total.with_official} of {total.claims} "
        f"({_share(total.with_official, total.claims)})",
        f"Verified claims with at least one official source: {total.verified_with_official} of {total.verified} "
        f"({_share(total.verified_with_official, total.verified)})",
        f"Verified claims: {total.verified}; unverified claims: {total.unverified}"
        + (f"; without a status: {without_status}" if without_status else ""),
        f"Claims citing a blocked host: {total.citing_blocked}",
        "",
        "Citations of blocked hosts (every source in every record)",
    ]
    blocked_rows = [[pattern, reason, count] for (pattern, reason), count in sorted(
        result.blocked_citations.items(), key=lambda item: (-item[1], item[0]))]
    if blocked_rows:
        blocked_rows.append(["all blocked hosts", "", sum(result.blocked_citations.values())])
        out += _table(["host", "reason", "citations"], blocked_rows)
    else:
        out.append("none")
    if result.rules_problems:
        out.append(f"(the blocked-hosts list has {result.rules_problems} problem(s); `python -m atlas validate` shows them)")
    out += ["", "Duties and accountability routes per jurisdiction"]
    place_rows = [[jid, f.level, f.duties, f.duties_verified, f.routes, f.routes_verified] for jid, f in result.places.items()]
    place_rows.append(["all jurisdictions", "", *(sum(getattr(f, name) for f in result.places.values())
                                                    for name in ("duties", "duties_verified", "routes", "routes_verified"))])
    out += _table(["jurisdiction", "level", "duties", "verified", "routes", "verified"], place_rows)
    return "\n".join(out) + "\n"
