"""Record text that several test modules append to the fixture records (tests/fixtures/atlas)."""

# A state's `assignments:` block with one verified duty for every county: a sheriff who keeps the
# jail. Appended to the 31-line fixture state, "assignments:" is line 32 and its item starts on line 33.
SHERIFF_ASSIGNMENT = """assignments:
  - to_level: county
    right: safety
    role: provides
    body_name: county sheriff
    basis: State Constitution 9
    summary: Every county elects a sheriff, who keeps the county jail.
    status: verified
    sources:
      - title: State Constitution, article 9
        url: https://www.example-atlas.test/constitution
        publisher_kind: official
    last_reviewed: 2026-01-01
"""
