"""The site's search index: Pagefind, fed from the records, written under SITE_DIR/pagefind/.

A visitor's query downloads only the index chunks for its words and the fragments of the results it
shows, so what one search costs does not grow with the number of places (the theme's own search sent
every visitor the whole site's text as one file).

Pages built from records are indexed from the records themselves, as small documents this module
writes for Pagefind alone (never served): a heading per page, a short lead, and one section per
anchor a reader should land on (a place's issue areas). Hand-written prose pages are indexed from
their built HTML. Pages that list every record (places, rights, coverage, ...) are left out: they
would only repeat, in one ever-growing fragment, what the record pages already say.

No MkDocs import here: the build's hook and `python -m atlas search-index SITE_DIR` both call
write_search_index().
"""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from . import views
from .home import short_name
from .model import ISSUE_AREA_LABELS, LEVEL_LABELS, US_STATUS_LABELS, Atlas
from .render import MACRO_CALL, page_url
from .urls import compare_path, goal_path, page_path

INDEX_FOLDER = "pagefind"

# Hand-written pages that call only these macros are prose and are indexed from their built HTML;
# a page calling any other macro lists records (or is a form over them) and is left out.
PROSE_MACROS = frozenset({"dataset_jsonld"})

# Parts of a built prose page that are not its text: permalink signs, the edit footer, anything the
# page marks as not for search.
EXCLUDED_SELECTORS = (".headerlink", ".md-source-file", "[data-search-exclude]", "[data-pagefind-ignore]", "script")


@dataclass(frozen=True)
class SearchSection:
    """A part of a page a reader can land on: its anchor on the page, its heading and its words."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class SearchDocument:
    """What the index knows of one page: where it is, what it is, and the words that find it."""

    url: str  # relative to the site root, e.g. "places/los-angeles/" (Pagefind publishes it as "/places/los-angeles/")
    title: str
    kind: str  # shown under each result: "City in California", "Right", "Treaty", ...
    lead: str
    sections: tuple[SearchSection, ...] = ()


def _sentence(*parts: str) -> str:
    """Parts joined as one readable run of sentences, each ending in a full stop."""
    cleaned = [" ".join(part.split()).rstrip(".") for part in parts if part and part.strip()]
    return " ".join(part + "." for part in cleaned)


def _state_name(atlas: Atlas, jid: str) -> str | None:
    states = [g for g in views.governments_over(atlas, jid) if g != jid and atlas.jurisdictions[g]["level"] == "state"]
    return short_name(atlas.jurisdictions[states[0]]) if states else None


def place_document(atlas: Atlas, jid: str) -> SearchDocument:
    record = atlas.jurisdictions[jid]
    state = _state_name(atlas, jid)
    level = LEVEL_LABELS[record["level"]]
    kind = f"{level} in {state}" if state else level
    names = list(dict.fromkeys([record["name"], short_name(record)]))
    sections = []
    for section in views.issue_sections(atlas, jid):
        if not section.rows:
            continue
        rights = list(dict.fromkeys(row.right_title for row in section.rows))
        bodies = list(dict.fromkeys(row.body_name for row in section.rows))
        sections.append(
            SearchSection(
                anchor=section.area,
                heading=section.label,
                text=_sentence(
                    section.sentence,
                    "Bodies: " + ", ".join(bodies),
                    "Rights: " + ", ".join(rights),
                    "Everyday words: " + ", ".join(section.keywords) if section.keywords else "",
                ),
            )
        )
    return SearchDocument(
        url=page_path("jurisdictions", jid),
        title=record["name"],
        kind=kind,
        lead=_sentence(f"{' — '.join(names)}: {kind}", record.get("summary", "")),
        sections=tuple(sections),
    )


def right_document(atlas: Atlas, rid: str) -> SearchDocument:
    record = atlas.rights[rid]
    keywords = record.get("keywords", [])
    return SearchDocument(
        url=page_path("rights", rid),
        title=record["title"],
        kind=f"Right · {ISSUE_AREA_LABELS[record['issue_area']]}",
        lead=_sentence(
            record.get("plain_title", ""),
            record.get("summary", ""),
            "Everyday words: " + ", ".join(keywords) if keywords else "",
        ),
    )


def instrument_document(atlas: Atlas, iid: str) -> SearchDocument:
    record = atlas.instruments[iid]
    status = US_STATUS_LABELS.get(record.get("us_status", {}).get("status", ""), "")
    rights = [atlas.rights[rid]["title"] for rid in atlas.rights_by_instrument.get(iid, [])]
    return SearchDocument(
        url=page_path("instruments", iid),
        title=f"{record['short_name']}: {record['title']}",
        kind="Treaty or declaration",
        lead=_sentence(
            record.get("summary", ""),
            f"United States: {status}" if status else "",
            "Rights it grounds: " + ", ".join(rights) if rights else "",
        ),
    )


def goal_document(atlas: Atlas, goal: str, title: str) -> SearchDocument:
    return SearchDocument(
        url=goal_path(goal),
        title=f"Goal {goal}: {title}",
        kind="Sustainable Development Goal",
        lead=_sentence(f"UN 2030 Agenda, Sustainable Development Goal {goal}: {title}"),
    )


def compare_document(atlas: Atlas, area: str) -> SearchDocument:
    label = ISSUE_AREA_LABELS[area]
    rights = [record["title"] for _, record in sorted(atlas.rights.items()) if record["issue_area"] == area]
    keywords = views.area_keywords(atlas, area)
    return SearchDocument(
        url=compare_path(area),
        title=f"Compare places: {label}",
        kind="Comparison of places",
        lead=_sentence(
            f"{label}: who provides, oversees and remedies in each place, side by side",
            "Rights: " + ", ".join(rights) if rights else "",
            "Everyday words: " + ", ".join(keywords) if keywords else "",
        ),
    )


def search_documents(atlas: Atlas) -> list[SearchDocument]:
    """A document per page built from a record: places, rights, treaties, goals, comparisons."""
    documents = [place_document(atlas, jid) for jid in sorted(atlas.jurisdictions)]
    documents += [right_document(atlas, rid) for rid in sorted(atlas.rights)]
    documents += [instrument_document(atlas, iid) for iid in sorted(atlas.instruments)]
    documents += [goal_document(atlas, goal, title) for goal, title in atlas.sdg.goals.items()]
    documents += [compare_document(atlas, area) for area in views.compare_areas(atlas)]
    return documents


def document_html(document: SearchDocument) -> str:
    """The document as the HTML Pagefind reads. Record text is escaped: Pagefind parses it as HTML."""
    parts = [
        '<html lang="en"><body><main>',
        f"<h1>{escape(document.title)}</h1>",
        f'<p data-pagefind-meta="kind">{escape(document.kind)}</p>',
        f"<p>{escape(document.lead)}</p>",
    ]
    for section in document.sections:
        parts.append(f'<h2 id="{escape(section.anchor)}">{escape(section.heading)}</h2><p>{escape(section.text)}</p>')
    parts.append("</main></body></html>")
    return "".join(parts)


_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)


def prose_page_html(built_html: str) -> str | None:
    """A built prose page reduced to its article (no navigation, header or footer), or None."""
    match = _ARTICLE.search(built_html)
    if not match:
        return None
    return f'<html lang="en"><body><main><p data-pagefind-meta="kind">Page</p>{match.group(1)}</main></body></html>'


def prose_page_urls(docs_dir: Path) -> list[str]:
    """The URLs of the hand-written pages that are prose (call no macro outside PROSE_MACROS)."""
    urls = []
    for source in sorted(docs_dir.rglob("*.md")):
        macros = {match.group(1) for match in MACRO_CALL.finditer(source.read_text(encoding="utf-8"))}
        if macros <= PROSE_MACROS:
            urls.append(page_url(source.relative_to(docs_dir).as_posix()))
    return urls


# Results the search box shows at once (docs/assets/search.js, SHOWN): each costs one fragment download.
RESULTS_SHOWN = 8


def largest_query_bytes(index_dir: Path, words: int = 2, results: int = RESULTS_SHOWN) -> int:
    """The most a search of `words` words can download from index_dir: the script and its worker, the
    entry file, the WebAssembly and the metadata (fetched once), the largest index chunk per word and the
    largest fragment per result shown. An upper bound a browser's network log stays under."""
    def sizes(pattern: str) -> list[int]:
        return sorted((path.stat().st_size for path in index_dir.glob(pattern)), reverse=True)

    once = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind", "*.pf_meta")
    fixed = sum(size for pattern in once for size in sizes(pattern))
    return fixed + sum(sizes("index/*.pf_index")[:words]) + sum(sizes("fragment/*.pf_fragment")[:results])


@dataclass(frozen=True)
class IndexSummary:
    documents: int
    prose_pages: int
    files: int
    bytes: int


def _snapshot(out: Path) -> dict[str, int]:
    return {path.as_posix(): path.stat().st_size for path in out.rglob("*") if path.is_file()}


async def _until_written(out: Path, timeout: float = 60.0) -> None:
    """Wait until the Pagefind service has finished writing: it answers "written" while its last
    writes are still under way, and stopping the service then leaves empty files behind."""
    deadline = asyncio.get_running_loop().time() + timeout
    previous: dict[str, int] = {}
    while True:
        current = _snapshot(out)
        if current and current == previous and all(current.values()):
            return
        if asyncio.get_running_loop().time() > deadline:
            raise RuntimeError(f"the search index under {out} was not completely written in {timeout:.0f} s")
        previous = current
        await asyncio.sleep(0.1)


async def _write(pages: Path, out: Path) -> None:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(root_selector="main", exclude_selectors=list(EXCLUDED_SELECTORS), force_language="en",
                         output_path=str(out))
    service = await PagefindService().launch()
    try:
        index = await service.create_index(config)
        # One request for the whole folder: the Python API reads one answer per tenth of a second,
        # so a request per page cost 0.1 s each (over 200 s at 2,000 places).
        await index.add_directory(str(pages))
        await index.write_files(output_path=str(out))
        await _until_written(out)
    finally:
        await service.close()


def _write_pages(documents: list[SearchDocument], prose: dict[str, str], folder: Path) -> None:
    """Each document as folder/<url>/index.html, where Pagefind finds it and takes its URL from."""
    pages = [(document.url, document_html(document)) for document in documents] + list(prose.items())
    for url, html in pages:
        target = folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def write_search_index(atlas: Atlas, site_dir: Path, docs_dir: Path) -> IndexSummary:
    """Index the built site in site_dir (its record pages from atlas, its prose pages from their HTML)
    into site_dir/pagefind, replacing any index there."""
    out = site_dir / INDEX_FOLDER
    if out.exists():
        shutil.rmtree(out)
    prose = {}
    for url in prose_page_urls(docs_dir):
        built = site_dir / url / "index.html"
        html = prose_page_html(built.read_text(encoding="utf-8")) if built.is_file() else None
        if html:
            prose[url] = html
    documents = search_documents(atlas)
    with tempfile.TemporaryDirectory(prefix="atlas-search-") as folder:
        _write_pages(documents, prose, Path(folder))
        asyncio.run(_write(Path(folder), out.resolve()))
    written = [path for path in out.rglob("*") if path.is_file()]
    return IndexSummary(len(documents), len(prose), len(written), sum(path.stat().st_size for path in written))
