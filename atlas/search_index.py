"""The site's search index: Pagefind, fed from the records, written under SITE_DIR/pagefind/.

A visitor's query downloads only the index chunks for its words and the fragments of the results it
shows, so what one search costs does not grow with the number of places (the theme's own search sent
every visitor the whole site's text as one file).

Pages built from records are indexed from the records themselves, as small documents this module
writes for Pagefind alone (never served): a heading per page, a short lead, and one section per
anchor a reader should land on (a place's issue areas). Hand-written prose pages are indexed from
their built HTML. Pages that list every record (places, rights, coverage, ...) are left out: they
would only repeat, in one ever-growing fragment, what the record pages already say.

Past PLACES_PER_PART places, the place documents leave the main index for parts of at most that many
places, chosen by the first letters of their names' words (`split_documents`): a Pagefind index's
metadata holds every page, and a word found on every place page is one index chunk listing them all,
so in one index each query would download both, growing with the country. The search box merges into
the main index only the parts for the first letters of the query's words (PARTS_FILE says which part
holds which letters), so a query loads the main index and at most a part per word, whatever the
country's size.

No MkDocs import here: the build's hook and `python -m atlas search-index SITE_DIR` both call
write_search_index().
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml
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
    name_words: frozenset[str] = frozenset()  # a place's routing_words, which choose its parts; empty: the main index


def _sentence(*parts: str) -> str:
    """Parts joined as one readable run of sentences, each ending in a full stop."""
    cleaned = [" ".join(part.split()).rstrip(".") for part in parts if part and part.strip()]
    return " ".join(part + "." for part in cleaned)


# A split index: at most this many places in each part (see the module's docstring). A part is a few
# hundred kilobytes of index, and each of a query's words loads one chunk of it (about 20 KB).
PLACES_PER_PART = 250
# Letters of a word that choose its part at least: two make parts small, and a reader who has typed two
# letters of a name reaches the part holding it; past PLACES_PER_PART places, a prefix gets longer.
KEY_LENGTH = 2
# Words of government names that name no particular place: they choose no part (a query for "county"
# would otherwise load the part of every name starting "co"). docs/assets/search.js reads them from PARTS_FILE.
GENERIC_NAME_WORDS = frozenset({
    "authority", "borough", "charter", "city", "community", "consolidated", "county", "department", "district",
    "elementary", "health", "housing", "independent", "metropolitan", "of", "parish", "public", "school",
    "schools", "special", "the", "town", "township", "unified", "village",
})
PARTS_FILE = "parts.json"  # under the index folder: see parts_manifest


def name_words(text: str) -> list[str]:
    """The words of a name as the search box splits a query: lower case, accents dropped, split at
    anything not a letter or digit (docs/assets/search.js does the same)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return re.findall(r"[^\W_]+", plain)


def routing_words(*texts: str) -> frozenset[str]:
    """The words that choose the parts of a place (or of a query): those of its names that are not
    generic government words (all of them, if every one is generic)."""
    words = [word for text in texts for word in name_words(text)]
    return frozenset([word for word in words if word not in GENERIC_NAME_WORDS] or words)


def key_of(word: str, keys: set[str] | dict[str, object]) -> str | None:
    """The key of a word: the longest of keys it starts with (the search box looks a query's words
    up the same way), or None."""
    return next((word[:length] for length in range(len(word), 0, -1) if word[:length] in keys), None)


def routing_keys(words_places: dict[str, set[str]], per_part: int) -> set[str]:
    """Prefixes of the words (each word's first KEY_LENGTH letters, or the whole of a shorter word),
    each made longer, letter by letter, while more than per_part places have a word under it. A word
    ending where its prefix was made longer keeps that prefix as a key of its own (its lookup by
    longest prefix then still finds it). Every place past per_part that shares one whole word stays
    together: one part may then hold more."""
    keys: set[str] = set()

    def place(prefix: str, words: list[str]) -> None:
        places = set().union(*(words_places[word] for word in words))
        longer = [word for word in words if len(word) > len(prefix)]
        if len(places) <= per_part or not longer:
            keys.add(prefix)
            return
        if len(longer) < len(words):
            keys.add(prefix)  # the words that are the prefix itself
        by_next: dict[str, list[str]] = defaultdict(list)
        for word in longer:
            by_next[word[: len(prefix) + 1]].append(word)
        for child, child_words in sorted(by_next.items()):
            place(child, child_words)

    by_start: dict[str, list[str]] = defaultdict(list)
    for word in words_places:
        by_start[word[:KEY_LENGTH]].append(word)
    for start, words in sorted(by_start.items()):
        place(start, words)
    return keys


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
        name_words=routing_words(*names),
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


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def excluded_from_search(markdown: str) -> bool:
    """True when the page's front matter says `search: {exclude: true}` (mkdocs-material's own
    setting for it): the benchmark's report, whose tables of figures would be the largest result
    any query could download."""
    match = _FRONT_MATTER.match(markdown)
    front = yaml.safe_load(match.group(1)) if match else None
    search = front.get("search") if isinstance(front, dict) else None
    return isinstance(search, dict) and search.get("exclude") is True


def prose_page_urls(docs_dir: Path) -> list[str]:
    """The URLs of the hand-written pages that are prose (call no macro outside PROSE_MACROS) and
    not excluded from search."""
    urls = []
    for source in sorted(docs_dir.rglob("*.md")):
        markdown = source.read_text(encoding="utf-8")
        macros = {match.group(1) for match in MACRO_CALL.finditer(markdown)}
        if macros <= PROSE_MACROS and not excluded_from_search(markdown):
            urls.append(page_url(source.relative_to(docs_dir).as_posix()))
    return urls


# Results the search box shows at once (docs/assets/search.js, SHOWN): each costs one fragment download.
RESULTS_SHOWN = 8

# What a part needs beside the main index: the search box merges it, and the main index's script and
# WebAssembly search it. The rest of each part's Pagefind bundle is removed.
PART_FILES = ("pagefind-entry.json", "*.pf_meta", "index/*.pf_index", "fragment/*.pf_fragment", "filter/*.pf_filter")


# Pagefind's script and JSON files are text, which a host that compresses text sends gzipped (GitHub
# Pages does); its index chunks, fragments, metadata and WebAssembly are gzip-compressed already.
TEXT_SUFFIXES = (".js", ".json")


def _size(path: Path, as_served_gzipped: bool) -> int:
    if as_served_gzipped and path.suffix in TEXT_SUFFIXES:
        return len(gzip.compress(path.read_bytes(), compresslevel=1, mtime=0))  # a host's fastest level: the largest
    return path.stat().st_size


def _sizes(folder: Path, pattern: str, as_served_gzipped: bool = False) -> list[int]:
    return sorted((_size(path, as_served_gzipped) for path in folder.glob(pattern)), reverse=True)


def largest_query_bytes(index_dir: Path, words: int = 2, results: int = RESULTS_SHOWN, as_served_gzipped: bool = False) -> int:
    """The most a search of `words` words can download from index_dir, as stored (the host may compress
    the scripts further): from the main index, the script, the entry file, the WebAssembly, the metadata
    and the parts file (fetched once) and its largest index chunk per word (the search box runs Pagefind
    without its worker, whose script it never fetches); from each of the
    `words` costliest parts (one per word, at most), its entry file, metadata and largest chunk per word;
    and the largest fragment per result shown, wherever it is. An upper bound a browser's network log
    stays under. With as_served_gzipped, the text files count as a host that compresses text sends them."""
    gz = as_served_gzipped
    once = ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "*.pf_meta", PARTS_FILE)
    fixed = sum(size for pattern in once for size in _sizes(index_dir, pattern, gz))
    chunks = sum(_sizes(index_dir, "index/*.pf_index")[:words])
    parts = [part for part in index_dir.iterdir() if part.is_dir() and (part / "pagefind-entry.json").is_file()]
    part_costs = sorted(
        (sum(_sizes(part, "pagefind-entry.json", gz)) + sum(_sizes(part, "*.pf_meta"))
         + sum(_sizes(part, "index/*.pf_index")[:words]) for part in parts),
        reverse=True,
    )
    fragments = sorted((size for folder in [index_dir, *parts] for size in _sizes(folder, "fragment/*.pf_fragment")),
                       reverse=True)
    return fixed + chunks + sum(part_costs[:words]) + sum(fragments[:results])


@dataclass(frozen=True)
class IndexSplit:
    """The documents of the main index, and of each part with the keys (routing_keys) that lead to it."""

    main: list[SearchDocument]
    parts: list[list[SearchDocument]] = field(default_factory=list)
    part_of_key: dict[str, int] = field(default_factory=dict)


def part_folder(number: int) -> str:
    return f"places-{number}/"


NAMES_URL = "search-names/{number}/"  # a names document's URL: never a page, never shown


def names_document(number: int, part: list[SearchDocument]) -> SearchDocument:
    """The words of the names of a part's places, as one document of the main index. Pagefind searches
    each index on its own, and an index lacking one of a query's words leaves it out, backing off to
    shorter and shorter prefixes of it ("berport" finds "being"): knowing every name's words, the main
    index answers a name the way one index for everything did, with nothing (these documents are never
    shown: the search box drops them, by the ids PARTS_FILE lists)."""
    words = sorted({word for document in part for word in document.name_words})
    return SearchDocument(url=NAMES_URL.format(number=number), title="", kind="", lead=" ".join(words))


def split_documents(documents: list[SearchDocument], per_part: int = PLACES_PER_PART) -> IndexSplit:
    """All documents in one index while the places fit in one part; past that, the places in parts of
    at most per_part (but see routing_keys), keys in alphabetical order, a place in the part of the key
    of each of its routing words."""
    places = [document for document in documents if document.name_words]
    if len(places) <= per_part:
        return IndexSplit(main=list(documents))
    words_places: dict[str, set[str]] = defaultdict(set)
    for document in places:
        for word in document.name_words:
            words_places[word].add(document.url)
    keys = routing_keys(words_places, per_part)
    by_key: dict[str, dict[str, SearchDocument]] = defaultdict(dict)
    for document in places:
        for word in document.name_words:
            by_key[key_of(word, keys)][document.url] = document
    parts: list[dict[str, SearchDocument]] = []
    part_of_key = {}
    for key in sorted(by_key):
        if not parts or len(parts[-1].keys() | by_key[key].keys()) > per_part:
            parts.append({})
        parts[-1].update(by_key[key])
        part_of_key[key] = len(parts) - 1
    parts_documents = [list(part.values()) for part in parts]
    main = [document for document in documents if not document.name_words]
    main += [names_document(number, part) for number, part in enumerate(parts_documents)]
    return IndexSplit(main=main, parts=parts_documents, part_of_key=part_of_key)


def parts_manifest(split: IndexSplit, hidden: list[str] = ()) -> dict:
    """PARTS_FILE: what the search box needs to choose the parts of a query ("parts": the keys of each
    part, part n in folder part_folder(n); none: one index), and the ids of the results it never shows
    (the names documents). Kept short: every reader's first search fetches it."""
    keys: list[list[str]] = [[] for _ in split.parts]
    for key, number in sorted(split.part_of_key.items()):
        keys[number].append(key)
    return {"generic_words": sorted(GENERIC_NAME_WORDS), "hidden": sorted(hidden), "parts": keys}


def _fragment_ids(index_dir: Path, url_prefix: str) -> list[str]:
    """The ids (fragment names) of the documents of index_dir whose URL starts with url_prefix."""
    ids = []
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if fragment["url"].startswith(url_prefix):
            ids.append(path.stem)
    return ids


@dataclass(frozen=True)
class IndexSummary:
    documents: int
    prose_pages: int
    files: int
    bytes: int
    parts: int = 0


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


async def _write(indexes: list[tuple[Path, Path]]) -> None:
    """Write each (folder of pages, output folder) pair as one Pagefind index, with one service."""
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    service = await PagefindService().launch()
    try:
        for pages, out in indexes:
            config = IndexConfig(root_selector="main", exclude_selectors=list(EXCLUDED_SELECTORS),
                                 force_language="en", output_path=str(out))
            index = await service.create_index(config)
            # One request for the whole folder: the Python API reads one answer per tenth of a second,
            # so a request per page cost 0.1 s each (over 200 s at 2,000 places).
            await index.add_directory(str(pages))
            await index.write_files(output_path=str(out))
            await _until_written(out)
    finally:
        await service.close()


def _run_outside_any_event_loop(coroutine) -> None:
    """asyncio.run(coroutine), in a thread of its own if this one already runs an event loop (a
    caller's, such as Playwright's synchronous API in the browser tests)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def _write_pages(documents: list[SearchDocument], prose: dict[str, str], folder: Path) -> None:
    """Each document as folder/<url>/index.html, where Pagefind finds it and takes its URL from."""
    pages = [(document.url, document_html(document)) for document in documents] + list(prose.items())
    for url, html in pages:
        target = folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def _keep_only_part_files(part: Path) -> None:
    kept = {path for pattern in PART_FILES for path in part.glob(pattern)}
    for path in sorted(part.rglob("*"), reverse=True):
        if path.is_file() and path not in kept:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def write_search_index(atlas: Atlas, site_dir: Path, docs_dir: Path, per_part: int = PLACES_PER_PART) -> IndexSummary:
    """Index the built site in site_dir (its record pages from atlas, its prose pages from their HTML)
    into site_dir/pagefind, replacing any index there; past per_part places, the places in parts."""
    out = (site_dir / INDEX_FOLDER).resolve()
    if out.exists():
        shutil.rmtree(out)
    prose = {}
    for url in prose_page_urls(docs_dir):
        built = site_dir / url / "index.html"
        html = prose_page_html(built.read_text(encoding="utf-8")) if built.is_file() else None
        if html:
            prose[url] = html
    documents = search_documents(atlas)
    split = split_documents(documents, per_part)
    with tempfile.TemporaryDirectory(prefix="atlas-search-") as folder:
        indexes = [(Path(folder) / "main", out)]
        _write_pages(split.main, prose, indexes[0][0])
        for number, part in enumerate(split.parts):
            indexes.append((Path(folder) / part_folder(number), out / part_folder(number)))
            _write_pages(part, {}, indexes[-1][0])
        _run_outside_any_event_loop(_write(indexes))
    for _, part in indexes[1:]:
        _keep_only_part_files(part)
    hidden = _fragment_ids(out, "/" + NAMES_URL.split("{")[0]) if split.parts else []
    (out / PARTS_FILE).write_text(json.dumps(parts_manifest(split, hidden), sort_keys=True, separators=(",", ":")),
                                  encoding="utf-8")
    written = [path for path in out.rglob("*") if path.is_file()]
    return IndexSummary(len(documents), len(prose), len(written), sum(path.stat().st_size for path in written),
                        len(split.parts))
