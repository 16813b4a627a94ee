"""Templates present view models; record text stays inert through them."""

from __future__ import annotations

import re

import pytest

from atlas.templating import TEMPLATES_DIR, environment, render_page

TEMPLATES = sorted(TEMPLATES_DIR.glob("*.html"))
# Ways a Jinja template can mark a value as safe HTML, or switch escaping off.
UNSAFE = re.compile(r"\|\s*safe\b|Markup\s*\(|autoescape\s+false|\{%-?\s*autoescape|\|\s*forceescape\b|markupsafe")


def test_there_are_templates_to_check():
    assert {p.name for p in TEMPLATES} >= {"place.html", "compare.html", "_macros.html"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_marks_text_safe(template):
    """Only the escaping helpers (html.link, SiteLinks) return Markup; templates never mark text safe."""
    source = template.read_text()
    assert not UNSAFE.search(source), UNSAFE.search(source).group(0)


def test_autoescape_and_newline_folding_apply_to_every_expression():
    rendered = environment().from_string("<p>{{ value }}</p>").render(value="<script>x</script>\n\n# Heading {{ 7*7 }}")
    assert rendered == "<p>&lt;script&gt;x&lt;/script&gt;  # Heading {{ 7*7 }}</p>"


def test_heading_tokens_cannot_be_forged_by_record_text(tmp_path, monkeypatch):
    from jinja2 import FileSystemLoader

    (tmp_path / "t.html").write_text('{{ heading(2, title, "anchor") }}\n<p>{{ body }}</p>\n')
    monkeypatch.setattr(environment(), "loader", FileSystemLoader(str(tmp_path)))
    page = render_page("t.html", title="[x](javascript:alert(1)) {#id}", body="<!--atlas-heading:0-->\n\n## Injected")
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert len(headings) == 1
    assert "javascript:" not in headings[0] and "[" not in headings[0]
    assert "&lt;!--atlas-heading:0--&gt;  ## Injected" in page
    # Every HTML run is one block without a blank line inside, so Markdown never parses into it.
    for block in page.split("\n\n"):
        if block.startswith("<div"):
            assert "\n\n" not in block and block.endswith("</div>")


def test_place_page_shows_a_stated_deadline_and_a_reviewers_note_as_text(data_dir):
    from atlas import pages
    from atlas.model import load_atlas

    atlas = load_atlas(data_dir)
    route = atlas.jurisdictions["federal"]["accountability"][0]
    route.update(deadline="Within <b>180 days</b>", status="unverified", note="Portal page moved {{ 7*7 }}")
    body = pages.render_jurisdiction_page(atlas, "city-one", "../../")
    assert "<strong>Deadline:</strong> Within &lt;b&gt;180 days&lt;/b&gt;" in body
    assert "Reviewer's note: Portal page moved {{ 7*7 }}" in body
    assert body.index("{#complain}") < body.index("{#stack}") < body.index("{#issue-areas}")
    # A route with no deadline in its record says none.
    del route["deadline"]
    atlas.memo.clear()
    assert "Deadline:" not in pages.render_jurisdiction_page(atlas, "city-one", "../../")
