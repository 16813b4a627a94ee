"""Small HTML builders. Every piece of record text passes through `text()` and every link
through `href()`: text from YAML comes from pull requests and must stay inert.

Pages are emitted as raw HTML blocks inside Markdown, so Markdown syntax in record text
(`[a](javascript:…)`, `*`, `<b>`) is never interpreted either. Each block is one run of
lines with no blank line inside, which is what keeps Python-Markdown from parsing into it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from urllib.parse import urlsplit

from markupsafe import Markup, escape


def text(value) -> Markup:
    """Escape record text for HTML and neutralise newlines that would end an HTML block."""
    value = str(value)
    if "\n" in value or "\r" in value:
        value = value.replace("\n", " ").replace("\r", " ")
    return escape(value)


def href(url: str) -> str | None:
    """A link target that is safe to emit: https:// addresses and the site's own relative paths."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket: not a usable link
        return None
    if parts.scheme == "https" and parts.netloc:
        return str(escape(url))
    if not parts.scheme and not parts.netloc and not url.startswith("//"):
        return str(escape(url))
    return None


def link(url: str, label, external: bool = False) -> Markup:
    target = href(url)
    if target is None:
        return text(label)
    rel = ' rel="nofollow"' if external else ""  # record links are untrusted: no endorsement
    return Markup(f'<a href="{target}"{rel}>{text(label)}</a>')


def tag(element: str, content, cls: str | None = None, **attributes) -> Markup:
    """<element attributes>content</element>; attribute names: for_ → for, aria_label → aria-label.
    Content that is not already Markup is escaped."""
    attrs = f' class="{escape(cls)}"' if cls else ""
    for key, value in attributes.items():
        attrs += f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
    return Markup(f"<{element}{attrs}>{escape(content)}</{element}>")


def join(parts: Iterable) -> Markup:
    """Concatenate, escaping any part that is not already Markup."""
    return Markup("".join([escape(part) for part in parts]))


def cells(row: list, labels: list[str] | None = None) -> Markup:
    """One table row's <td> cells, each labelled with its column's header (a phone shows each row
    as a card, label before value). table() accepts a row built ahead like this."""
    if labels is None:
        return Markup("".join([f"<td>{escape(cell)}</td>" for cell in row]))
    return Markup(
        "".join([f'<td data-label="{escape(label)}">{escape(cell)}</td>' for cell, label in zip(row, labels, strict=True)])
    )


def table(
    headers: list[str],
    rows: list[list | Markup],
    caption: str | None = None,
    sortable: bool = True,
) -> Markup:
    """A table; each row a list of cells or cells() built ahead."""
    head = join(tag("th", text(h), scope="col") for h in headers)
    body = join(tag("tr", row if isinstance(row, Markup) else cells(row, headers)) for row in rows)
    caption_html = tag("caption", text(caption)) if caption else Markup("")
    # atlas-matrix: the first column stays put when the table scrolls; atlas-cards: rows become cards on a phone.
    cls = "atlas-table atlas-matrix atlas-cards" + (" atlas-sortable" if sortable else "")
    return tag("table", caption_html + tag("thead", tag("tr", head)) + tag("tbody", body), cls=cls)


def block(content: Markup) -> str:
    """An HTML block that Markdown passes through untouched (surrounded by blank lines)."""
    return f'\n\n<div class="atlas-block">{content}</div>\n\n'


def markdown_inert(value: str) -> str:
    """Text for a Markdown line: every character that Markdown or HTML could read as syntax
    becomes a numeric character reference, which both print literally."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in str(value).replace("\n", " "))


@functools.cache
def chip(role) -> Markup:
    """A role's chip (a views.RoleChip): its plain label; the stylesheet draws its symbol (atlas.css).
    Built once per role: a page of the 2,000-place atlas shows about a hundred, and a Jinja macro
    call for each was a tenth of the time spent rendering place pages."""
    return tag("span", text(role.label), cls=f"atlas-chip atlas-chip--{role.role}")
