"""Keep the raw HTML blocks of a generated page away from Python-Markdown during the build.

A generated page body (atlas.templating.render_page) is Markdown headings between raw HTML blocks,
each one `<div class="atlas-block">` with no blank line inside. Python-Markdown passes such a block
through unchanged, but only after its HTML parser has read every tag of it: on the 2,000-place
benchmark that reading was over half of the whole build. So the hook swaps each block for a short
token before MkDocs converts the page, and puts the block back into the converted HTML: the headings
still go through Markdown (table of contents, permalinks), and the page comes out byte for byte as
Markdown would have made it (tests/test_render.py builds both ways and compares).

The token carries a per-build nonce, so text in a record can never be taken for one.
"""

from __future__ import annotations

import re
import secrets

BLOCK_START = '<div class="atlas-block">'


def new_nonce() -> str:
    return secrets.token_hex(8)


def _token(nonce: str, index: int) -> str:
    # Letters and digits only: Markdown's inline patterns leave it as it is.
    return f"ATLASBLOCK{nonce}X{index}"


def stash_blocks(markdown: str, nonce: str) -> tuple[str, list[str]]:
    """The Markdown with each top-level raw HTML block replaced by a token paragraph, and the blocks."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for position, chunk in enumerate(chunks):
        if chunk.startswith(BLOCK_START) and chunk.endswith("</div>") and "\n\n" not in chunk:
            chunks[position] = _token(nonce, len(blocks))
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def restore_blocks(html: str, nonce: str, blocks: list[str]) -> str:
    """The converted page with every token paragraph replaced by its block. A token Markdown did not
    leave as its own paragraph is an error: the page would lose a block."""
    pattern = re.compile(rf"<p>ATLASBLOCK{re.escape(nonce)}X(\d+)</p>")
    seen: set[int] = set()

    def block(match: re.Match) -> str:
        index = int(match.group(1))
        seen.add(index)
        return blocks[index] + "\n"  # as Python-Markdown writes a raw block: a newline after it

    restored = pattern.sub(block, html).strip()  # and, like it, no newline at the end of the page
    if len(seen) != len(blocks):
        missing = sorted(set(range(len(blocks))) - seen)
        raise ValueError(f"{len(missing)} raw HTML block(s) lost in Markdown conversion (first: {missing[0]})")
    return restored
