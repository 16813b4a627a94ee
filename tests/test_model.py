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
