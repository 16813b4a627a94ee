"""Small HTML builders. Every piece of record text passes through `text()` and every link
through `href()`: text from YAML comes from pull requests and must stay inert.

Pages are emitted as raw HTML blocks inside Markdown, so Markdown syntax in record text
(`[a](javascript:…)`, `*`, `<b>`) is never interpreted either. Each block is one run of
lines with no blank line inside, which is what keeps Python-Markdown from parsing into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .model import ROLE_LABELS, US_STATUS_LABELS
from .views import PLAIN_ROLE_LABELS, ROLE_SYMBOLS, sources_for_reading


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


LINE_BREAK = Markup("<br>")


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


@cache  # a handful of values, on every row of every page
def status_badge(status: str) -> Markup:
    """Review status in words (never colour alone); the legend on each page explains it."""
    label = "Verified" if status == "verified" else "Unverified"
    return tag("span", text(label), cls=f"atlas-badge atlas-badge--{status}")


@cache  # a handful of values, on every row of every page
def us_status_badge(status: str) -> Markup:
    return tag("span", text(US_STATUS_LABELS.get(status, status)), cls=f"atlas-badge atlas-us--{status}")


@cache  # a handful of values, on every row of every page
def role_label(role: str) -> Markup:
    """A role in plain words, its shape repeating the meaning; the formal name as a tooltip."""
    if role not in PLAIN_ROLE_LABELS:
        return tag("span", text(ROLE_LABELS.get(role, role)), cls="atlas-role")
    symbol = tag("span", text(ROLE_SYMBOLS[role]), cls="atlas-chip__symbol", aria_hidden="true")
    return tag(
        "span", symbol + text(" " + PLAIN_ROLE_LABELS[role]), cls=f"atlas-chip atlas-chip--{role}", title=ROLE_LABELS[role]
    )


def source_list(sources) -> Markup:
    """A claim's sources behind a "Sources (n)" disclosure: by publisher, official ones first and marked."""
    if not sources:
        return tag("span", text("No source yet"), cls="atlas-nosource")
    items = join(
        tag(
            "li",
            (tag("span", text("Official"), cls="atlas-official") + text(" ") if source.official else Markup(""))
            + link(source.url, source.publisher, external=True)
            + tag("span", text(f" — {source.title}"), cls="atlas-source-title"),
        )
        for source in sources_for_reading(sources)
    )
    return tag(
        "details",
        tag("summary", text(f"Sources ({len(sources)})")) + tag("ul", items, cls="atlas-sources"),
        cls="atlas-sources-box",
    )


def table(
    headers: list[str],
    rows: list[list | Markup],
    caption: str | None = None,
    sortable: bool = True,
    unsearched_rows: set[int] = frozenset(),
) -> Markup:
    """A table; each row a list of cells or cells() built ahead. Rows whose index is in
    unsearched_rows are kept out of the search index."""
    head = join(tag("th", text(h), scope="col") for h in headers)
    body = join(
        tag(
            "tr",
            row if isinstance(row, Markup) else cells(row, headers),
            **({"data_search_exclude": ""} if index in unsearched_rows else {}),
        )
        for index, row in enumerate(rows)
    )
    caption_html = tag("caption", text(caption)) if caption else Markup("")
    # atlas-matrix: the first column stays put when the table scrolls; atlas-cards: rows become cards on a phone.
    cls = "atlas-table atlas-matrix atlas-cards" + (" atlas-sortable" if sortable else "")
    return tag("table", caption_html + tag("thead", tag("tr", head)) + tag("tbody", body), cls=cls)


def definition_list(pairs: list[tuple[str, Markup | str]]) -> Markup:
    return tag("dl", join(tag("dt", text(term)) + tag("dd", value) for term, value in pairs if value), cls="atlas-facts")


def block(content: Markup) -> str:
    """An HTML block that Markdown passes through untouched (surrounded by blank lines)."""
    return f'\n\n<div class="atlas-block">{content}</div>\n\n'


def heading(level: int, label: str, anchor: str) -> str:
    """A Markdown heading (so it reaches the table of contents), with record text made inert."""
    return f"\n\n{'#' * level} {markdown_inert(label)} {{#{anchor}}}\n\n"


def markdown_inert(value: str) -> str:
    """Text for a Markdown line: every character that Markdown or HTML could read as syntax
    becomes a numeric character reference, which both print literally."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in str(value).replace("\n", " "))
