"""The validated records, gathered once, with the lookups every view needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from .geography import County, StateShape, read_counties, read_state_shapes
from .records import DATA_DIR, RECORD_KINDS, RecordSet, load_schemas, read_records
from .sdg import SdgFramework, load_sdg_framework


def schema_enum(schema_file: str, *pointer: str) -> list[str]:
    """An enumeration as the schema defines it: the schema is the one source of truth."""
    node = load_schemas()[schema_file]
    for part in pointer:
        node = node[part]
    return list(node["enum"])


@cache
def issue_areas() -> tuple[str, ...]:
    """The issue areas, in the schema's order (read when first asked for, not when atlas is imported)."""
    return tuple(schema_enum("common.schema.json", "$defs", "issue_area"))


@cache
def roles() -> tuple[str, ...]:
    """The roles a body can hold, in the schema's order: the order duties are listed in."""
    return tuple(schema_enum("jurisdiction.schema.json", "$defs", "obligation", "properties", "role"))


@cache
def role_rank() -> dict[str, int]:
    return {role: rank for rank, role in enumerate(roles())}

ISSUE_AREA_LABELS = {
    "public-health": "Public health",
    "k12-education": "K-12 education",
    "housing": "Housing",
    "policing": "Policing and detention",
    "cross-cutting": "Cross-cutting: equality and participation",
}
LEVEL_LABELS = {
    "federal": "Federal",
    "state": "State",
    "county": "County",
    "city": "City",
    "consolidated-city-county": "Consolidated city-county",
    "special-district": "Special district",
    "township": "Township",
}
ROLE_LABELS = {
    "provides": "Provides",
    "funds": "Funds",
    "regulates": "Regulates",
    "oversees": "Oversees",
    "remedies": "Remedies",
}
US_STATUS_LABELS = {"ratified": "Ratified", "signed": "Signed, not ratified", "not-signed": "Not signed"}

# The order a resident meets governments in: the most local first.
LEVEL_ORDER = {
    "city": 0,
    "consolidated-city-county": 0,
    "special-district": 1,
    "township": 1,
    "county": 2,
    "state": 3,
    "federal": 4,
}
# Places are the jurisdictions a reader starts from in the finder and the coverage page.
PLACE_LEVELS = ("city", "consolidated-city-county")
# The lists inside a jurisdiction record whose items are reviewable claims (status, sources, last_reviewed).
# The county list written by scripts/import_counties.py, relative to the data folder.
COUNTIES_FILE = Path("geography") / "counties.csv"
# The ZIP table written by scripts/import_zips.py, relative to the data folder; read only by the API export.
ZIPS_FILE = Path("geography") / "zip-counties.csv"
# The state outlines written by scripts/import_state_shapes.py, for the maps.
STATE_SHAPES_FILE = Path("geography") / "states.csv"
CLAIM_KINDS = ("obligations", "commitments", "accountability", "preemptions", "assignments")


@dataclass
class Atlas:
    rights: dict[str, dict]
    instruments: dict[str, dict]
    jurisdictions: dict[str, dict]
    sdg_links: dict[str, dict]  # by target number ("11.1")
    sdg: SdgFramework
    un_documents: dict[str, dict] = field(default_factory=dict)
    recommendations: dict[str, dict] = field(default_factory=dict)
    counties: list[County] = field(default_factory=list)  # every county-equivalent the Census lists, by GEOID
    zips_file: Path | None = None  # the ZIP table, when the data folder has one
    state_shapes: list[StateShape] = field(default_factory=list)  # each state's outline, by FIPS code
    # Results computed once per build (stacks, resolved duties, rendered rows); records never change after loading.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: tuple, compute):
        """compute(), the first time key is asked for; the same result every later time."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def overlapping(self) -> dict[str, set[str]]:
        """Symmetric 'overlaps' links: either record may state them."""
        links: dict[str, set[str]] = {jid: set() for jid in self.jurisdictions}
        for jid, record in self.jurisdictions.items():
            for other in record.get("overlaps", []):
                if other in links:
                    links[jid].add(other)
                    links[other].add(jid)
        return links

    @cached_property
    def rights_by_instrument(self) -> dict[str, list[str]]:
        grounded: dict[str, list[str]] = {iid: [] for iid in self.instruments}
        for rid, right in sorted(self.rights.items()):
            for article in right.get("articles", []):
                if article["instrument"] in grounded and rid not in grounded[article["instrument"]]:
                    grounded[article["instrument"]].append(rid)
        return grounded

    @cached_property
    def targets_by_right(self) -> dict[str, list[str]]:
        served: dict[str, list[str]] = {rid: [] for rid in self.rights}
        for target in self.sdg.targets:  # official order
            for link in self.sdg_links.get(target, {}).get("rights", []):
                if link["right"] in served:
                    served[link["right"]].append(target)
        return served

    def places(self) -> list[str]:
        return sorted(
            (jid for jid, record in self.jurisdictions.items() if record["level"] in PLACE_LEVELS),
            key=lambda jid: self.jurisdictions[jid]["name"].lower(),
        )


def atlas_from_records(records: RecordSet) -> Atlas:
    """The Atlas of a record set: each kind's records under its RECORD_KINDS field, by id (or key field)."""
    fields = {}
    for kind in RECORD_KINDS.values():
        in_file_order = sorted(records.of_kind(kind.folder).items())
        fields[kind.atlas_field] = {
            (record.data[kind.key_field] if kind.key_field else rid): record.data for rid, record in in_file_order
        }
    zips_file = records.data_dir / ZIPS_FILE
    return Atlas(
        **fields,
        sdg=load_sdg_framework(records.data_dir),
        counties=read_counties(records.data_dir / COUNTIES_FILE),
        zips_file=zips_file if zips_file.is_file() else None,
        state_shapes=read_state_shapes(records.data_dir / STATE_SHAPES_FILE),
    )


def load_atlas(data_dir: Path = DATA_DIR) -> Atlas:
    """Read records without validating them; callers that publish validate first."""
    return atlas_from_records(read_records(data_dir))
