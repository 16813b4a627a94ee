"""The build converts a generated page's headings with Markdown and leaves its raw HTML blocks out
of it (atlas.raw_blocks): the HTML must come out as Markdown makes it from the whole page."""

import markdown
import pytest
import yaml

from atlas.model import load_atlas
from atlas.raw_blocks import new_nonce, restore_blocks, stash_blocks
from atlas.records import PROJECT_ROOT
from atlas.render import rendered_page
from atlas.site import generated_pages


def _converter():
    """Python-Markdown with the extensions and settings of the site's mkdocs.yml."""
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            settings[name] = {k: v == "true" if v in ("true", "false") else v for k, v in (options or {}).items()}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=settings)


BLOCK = '<div class="atlas-block"><p class="atlas-lead">Rent &amp; repairs</p>\n<ul><li>a</li></ul></div>'
DETAILS = (
    '<div class="atlas-block"><section data-search-exclude><details><summary>Show</summary>\n'
    "<p>x</p></details></section></div>"
)


@pytest.mark.parametrize("page", [
    f"\n\n{BLOCK}\n\n## Where to complain {{#complain}}\n\n{DETAILS}\n\n",
    f"## First\n\n{BLOCK}\n\n### Second {{#second}}\n\n",
    f"{BLOCK}\n\n{DETAILS}\n\n",
    f"\n\n## A\n\n{BLOCK}\n\n## B\n\n{DETAILS}\n\n## C\n\n",
])
def test_stashed_blocks_come_back_as_markdown_would_write_them(page):
    nonce = new_nonce()
    stashed, blocks = stash_blocks(page, nonce)
    assert blocks and all(block not in stashed for block in blocks)
    assert restore_blocks(_converter().convert(stashed), nonce, blocks) == _converter().convert(page)


def test_every_generated_page_of_the_fixture_atlas_comes_back_as_markdown_writes_it(data_dir):
    atlas = load_atlas(data_dir)
    pages = generated_pages(atlas)
    assert any(page.src_uri.startswith("places/") for page in pages)
    for page in pages:
        body = rendered_page(atlas, page).split("\n---\n", 1)[-1]  # the body after any front matter
        nonce = new_nonce()
        stashed, blocks = stash_blocks(body, nonce)
        assert blocks, page.src_uri
        assert restore_blocks(_converter().convert(stashed), nonce, blocks) == _converter().convert(body), page.src_uri


def test_text_that_looks_like_a_token_is_left_alone():
    nonce = new_nonce()
    forged = f'<div class="atlas-block"><p>ATLASBLOCK{"0" * 16}X0</p></div>'
    stashed, blocks = stash_blocks(f"## T\n\n{forged}\n\n", nonce)
    html = restore_blocks(_converter().convert(stashed), nonce, blocks)
    assert html.count("ATLASBLOCK") == 1 and forged in html


def test_a_lost_block_is_an_error():
    nonce = new_nonce()
    stashed, blocks = stash_blocks(f"## T\n\n{BLOCK}\n\n", nonce)
    with pytest.raises(ValueError, match="1 raw HTML block"):
        restore_blocks("<h2>T</h2>", nonce, blocks)
