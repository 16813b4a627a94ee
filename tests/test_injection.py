"""Text from records is untrusted: on every page it must render as inert text."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from atlas.html import href, markdown_inert, text

EXECUTABLE_ATTRIBUTE = re.compile(r"^on[a-z]+$")
LIVE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def _elements(path: Path):
    document = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    yield from document.iter()


def _pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_hostile_record_gets_its_page(hostile_site):
    assert (hostile_site / "places/evil-city/index.html").is_file()


def test_no_hostile_script_style_or_handler_reaches_any_page(hostile_site):
    for page in _pages(hostile_site):
        for element in _elements(page):
            if element.tag == "script":
                assert "alert" not in (element.text or ""), page
            assert element.tag not in {"iframe", "svg", "marquee", "img"} or "alert" not in str(element.attrib), page
            if element.tag == "style":
                assert "display:none" not in (element.text or ""), page
            for name, value in element.attrib.items():
                assert not EXECUTABLE_ATTRIBUTE.match(name), (page, element.tag, name, value)
                if name in {"href", "src", "action", "formaction"}:
                    assert not LIVE_URL.match(value), (page, element.tag, value)


def test_hostile_text_is_shown_literally(hostile_site):
    page = (hostile_site / "places/evil-city/index.html").read_text()
    # Characters survive as text (escaped), templates are not evaluated.
    assert "&lt;script&gt;alert('name')&lt;/script&gt;" in page or "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in page
    assert "{{ config.site_name }}" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page
    assert "loop{% endfor %}" in page and "looplooploop" not in page
    assert "[click me](javascript:alert(" in page


def test_markdown_link_tricks_do_not_become_links(hostile_site):
    for element in _elements(hostile_site / "places/evil-city/index.html"):
        if element.tag == "a":
            assert "javascript" not in element.attrib.get("href", "").lower()
            assert (element.text or "") != "click me"


def test_blank_lines_in_record_text_cannot_break_out_of_the_html_block(hostile_site):
    page = (hostile_site / "places/evil-city/index.html").read_text()
    assert '<h1 id="heading-injected"' not in page
    assert "Heading injected" in page


def test_hostile_strings_are_inert_on_index_and_right_pages(hostile_site):
    for relative in ("places/index.html", "rights/safety/index.html", "coverage/index.html"):
        page = (hostile_site / relative).read_text()
        assert "<script>alert(" not in page, relative
        assert "Evil &lt;script&gt;" in page, relative


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://example.org/a?b=c", True),
        ("places/x/", True),
        ("../../rights/y/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,hi", False),
        ("http://example.org", False),
        ("//evil.example.org/x", False),
        ("vbscript:msgbox", False),
    ],
)
def test_href_allows_only_https_and_site_paths(url, allowed):
    assert (href(url) is not None) is allowed


def test_text_escapes_markup_and_newlines():
    assert str(text("<b>\n\n# h</b>")) == "&lt;b&gt;  # h&lt;/b&gt;"


def test_markdown_inert_leaves_no_syntax_characters():
    rendered = markdown_inert("[a](javascript:x) *b* <i> {#id} `c`")
    assert not set(re.sub(r"&#[0-9]+;", "", rendered)) & set("[]()*<>{}#`:&")


def test_search_index_keeps_hostile_text_as_the_text_it_is(hostile_site):
    """Pagefind stores text, not markup: a hostile name comes back as the same characters (the search
    box shows it with textContent; a browser test checks that nothing in the results runs)."""
    import gzip
    import json

    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (hostile_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    evil = [fragment for fragment in fragments if fragment["url"] == "/places/evil-city/"]
    assert len(evil) == 1
    assert evil[0]["meta"]["title"] == "Evil <script>alert('name')</script> City {{ config.site_name }} {% raw %}"


def test_titles_are_never_evaluated_as_templates(hostile_site):
    """mkdocs-macros renders front-matter titles as Jinja; record titles must never reach it."""
    assert not list(hostile_site.parent.glob("*PWNED*")), "a record title was executed as a template"
    page = (hostile_site / "places/jinja-town/index.html").read_text()
    assert "makedirs(config.site_dir" in page


def test_astral_characters_and_markdown_in_titles_stay_text(hostile_site):
    page = (hostile_site / "places/jinja-town/index.html").read_text()
    assert "<title>Springfield {{ cycler" in page and "🌲" in page
    for element in _elements(hostile_site / "places/jinja-town/index.html"):
        if element.tag == "a":
            assert not element.attrib.get("href", "").lower().startswith("javascript"), element.attrib
        assert element.tag != "hr" or "md-" in element.get("class", ""), "front matter leaked into the page as Markdown"
