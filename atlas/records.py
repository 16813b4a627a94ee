"""Where records live and how they are read: one YAML file per record under data/<kind>/."""

from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .yaml_source import LoadedYaml, Position, load_yaml_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SCHEMA_DIR = PROJECT_ROOT / "schemas"


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: where its files live, its schema, where the model keeps it and whether it has pages.

    This table is the one list of record kinds: reading (records), validation (validate's schema
    check; its cross-record rules are keyed by the same names), the model (model.atlas_from_records),
    URLs (urls.page_path) and the generated pages (site.generated_pages) all follow it."""

    folder: str  # data/<folder>/, also the kind's name
    schema_file: str  # schemas/<schema_file>
    atlas_field: str  # the Atlas attribute holding these records
    key_field: str | None = None  # the field the model keys records by; None: the id (file name)
    page_section: str | None = None  # records with pages: /<page_section>/<id>/
    page_macro: str | None = None  # the page renderer (atlas.render.PAGE_MACROS) of a record page
    title_field: str | None = None  # the field that titles a record page
    issue_area_tags: bool = False  # record pages tagged with their issue area (the tags page)

    @property
    def schema_path(self) -> Path:
        return SCHEMA_DIR / self.schema_file


RECORD_KINDS: dict[str, RecordKind] = {
    kind.folder: kind
    for kind in (
        RecordKind("jurisdictions", "jurisdiction.schema.json", "jurisdictions",
                   page_section="places", page_macro="jurisdiction_page", title_field="name"),
        RecordKind("rights", "right.schema.json", "rights",
                   page_section="rights", page_macro="right_page", title_field="title", issue_area_tags=True),
        RecordKind("instruments", "instrument.schema.json", "instruments",
                   page_section="instruments", page_macro="instrument_page", title_field="short_name"),
        RecordKind("sdg-targets", "sdg-target.schema.json", "sdg_links", key_field="target"),  # by target number ("11.1")
        RecordKind("un-documents", "un-document.schema.json", "un_documents"),
        RecordKind("recommendations", "recommendation.schema.json", "recommendations"),
    )
}

# Files a data folder may hold besides records.
NON_RECORD_FILES = {"README.md"}
TEMPLATE_PREFIX = "_"


@dataclass
class Record:
    kind: str
    path: Path
    loaded: LoadedYaml

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def data(self):
        return self.loaded.data


@dataclass
class Problem:
    path: Path
    position: Position
    field: str  # dotted path into the record, "" for the whole file
    message: str

    def sort_key(self):
        return (str(self.path), self.position.line, self.position.column, self.field, self.message)


@dataclass
class RecordSet:
    """Every record read from a data folder, by kind and id, with the problems met reading them."""

    data_dir: Path
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: str) -> dict[str, Record]:
        return self.records.get(kind, {})


def record_files(folder: Path):
    """Yield (path, is_record) for every file in a kind folder, templates excluded."""
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name in NON_RECORD_FILES or path.name.startswith(TEMPLATE_PREFIX):
            continue
        yield path, path.suffix == ".yaml"


@contextmanager
def _cycle_collector_paused():
    """Reading a data folder creates hundreds of thousands of small objects that all stay alive, so
    the cycle collector would run again and again over a growing heap and find nothing: at 10,000
    obligations it took over half the reading time. The records form no reference cycles, so plain
    reference counting still frees everything; the collector resumes as soon as reading ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_records(data_dir: Path = DATA_DIR) -> RecordSet:
    """Read every record file; unreadable files become problems, never exceptions."""
    with _cycle_collector_paused():
        return _read_records(data_dir)


def _read_records(data_dir: Path) -> RecordSet:
    result = RecordSet(data_dir=data_dir)
    for kind in RECORD_KINDS.values():
        folder = data_dir / kind.folder
        by_id: dict[str, Record] = {}
        result.records[kind.folder] = by_id
        if not folder.is_dir():
            continue
        for path, is_record in record_files(folder):
            if not is_record:
                hint = " (rename it to .yaml)" if path.suffix in {".yml", ".YAML", ".Yaml"} else ""
                result.problems.append(Problem(path, Position(1, 1), "", f"not a record file: records end in .yaml{hint}"))
                continue
            loaded = load_yaml_file(path)
            for position, message in loaded.problems:
                result.problems.append(Problem(path, position, "", message))
            by_id[path.stem] = Record(kind.folder, path, loaded)
    return result


@cache
def load_schemas() -> dict[str, dict]:
    """Every schema in schemas/, by file name (which is also its $id)."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.json"))}
