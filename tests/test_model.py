"""The model's display vocabularies cover every value the schemas allow: a missing label would stop a build midway."""

from __future__ import annotations

import pytest

from atlas.model import ISSUE_AREA_LABELS, LEVEL_LABELS, LEVEL_ORDER, ROLE_LABELS, US_STATUS_LABELS, schema_enum

VOCABULARIES = [
    ("issue areas", ISSUE_AREA_LABELS, ("common.schema.json", "$defs", "issue_area")),
    ("levels", LEVEL_LABELS, ("common.schema.json", "$defs", "level")),
    ("level order", LEVEL_ORDER, ("common.schema.json", "$defs", "level")),
    ("roles", ROLE_LABELS, ("jurisdiction.schema.json", "$defs", "obligation", "properties", "role")),
    ("US treaty status", US_STATUS_LABELS, ("instrument.schema.json", "$defs", "us_status", "properties", "status")),
]


@pytest.mark.parametrize(("name", "labels", "pointer"), VOCABULARIES, ids=[v[0] for v in VOCABULARIES])
def test_every_schema_value_has_a_label(name, labels, pointer):
    allowed = schema_enum(*pointer)
    assert set(allowed) == set(labels), f"{name}: schema allows {sorted(allowed)}, labels cover {sorted(labels)}"


def test_every_record_kind_is_wired_once():
    """RECORD_KINDS drives reading, the model, URLs and pages; the cross-record rules and page renderers use its names."""
    from atlas.model import Atlas
    from atlas.records import RECORD_KINDS
    from atlas.render import PAGE_MACROS
    from atlas.validate import _KIND_CHECKS

    assert set(_KIND_CHECKS) <= set(RECORD_KINDS)
    fields = set(Atlas.__dataclass_fields__)
    for kind in RECORD_KINDS.values():
        assert kind.atlas_field in fields, kind.folder
        if kind.page_section:
            assert kind.page_macro in PAGE_MACROS and kind.title_field, kind.folder


def test_every_record_page_has_a_url_and_a_page(data_dir):
    from atlas.model import load_atlas
    from atlas.records import RECORD_KINDS
    from atlas.site import generated_pages
    from atlas.urls import markdown_path, page_path

    atlas = load_atlas(data_dir)
    sources = {page.src_uri for page in generated_pages(atlas)}
    for kind in RECORD_KINDS.values():
        if kind.page_section:
            for record_id in getattr(atlas, kind.atlas_field):
                assert markdown_path(page_path(kind.folder, record_id)) in sources
