"""The project's command line: `python -m atlas <command>`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .project import Project, ProjectNotFound, find_project, foreign_package_message


def _project(args: argparse.Namespace) -> Project:
    """The project named by --project, else the nearest folder above the current one holding mkdocs.yml."""
    return Project(Path(args.project).resolve()) if args.project else find_project(Path.cwd())


def _data_folder(args: argparse.Namespace) -> str:
    return args.data or str(_project(args).data_dir)


def _checked_records(data: str, github: bool = False):
    """Validate a data folder and print every problem: (records, problems, seconds), or None when
    the folder does not exist (reported as such, not as a missing SDG reference)."""
    from .validate import format_problem, validate_data_dir

    if not Path(data).is_dir():
        print(f"{data}: no such data folder", file=sys.stderr)
        return None
    started = time.perf_counter()
    records, problems = validate_data_dir(Path(data))
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(format_problem(problem, root=Path.cwd(), github=github))
    return records, problems, elapsed


def _validate(args: argparse.Namespace) -> int:
    from .validate import summary_line

    checked = _checked_records(_data_folder(args), github=args.github)
    if checked is None:
        return 2
    records, problems, elapsed = checked
    counted = sum(len(by_id) for by_id in records.records.values())
    if problems:
        print(f"{summary_line(problems)} ({counted} records checked in {elapsed:.2f} s)", file=sys.stderr)
        return 1
    print(f"{counted} records valid ({elapsed:.2f} s)", file=sys.stderr)
    return 0


def _valid_atlas(args: argparse.Namespace):
    """The validated records as an Atlas, or the exit code once every problem is printed: 2 for a
    missing data folder, 1 for invalid records (and nothing is written)."""
    from .model import atlas_from_records
    from .validate import summary_line

    checked = _checked_records(_data_folder(args))
    if checked is None:
        return 2
    records, problems, _ = checked
    if problems:
        print(f"{summary_line(problems)}; nothing was written", file=sys.stderr)
        return 1
    return atlas_from_records(records)


def _export(args: argparse.Namespace) -> int:
    from .export import write_api

    atlas = _valid_atlas(args)
    if isinstance(atlas, int):
        return atlas
    written = write_api(atlas, Path(args.site_dir), site_url=args.site_url, repo_url=args.repo_url)
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} API files ({total:,} bytes) under {Path(args.site_dir) / 'api'}", file=sys.stderr)
    if args.release_dir:
        from .export import release_files, write_files

        Path(args.release_dir).mkdir(parents=True, exist_ok=True)
        released = write_files(release_files(atlas), Path(args.release_dir))
        sizes = ", ".join(f"{path.name} {path.stat().st_size:,} bytes" for path in released) or "none, all fit in the site"
        print(f"release downloads under {args.release_dir}: {sizes}", file=sys.stderr)
    return 0


def _scaffold(args: argparse.Namespace) -> int:
    from .scaffold import scaffold_place

    args.data = _data_folder(args)
    return scaffold_place(args)


def _render(args: argparse.Namespace) -> int:
    from .render import render_project

    out = Path(args.out)
    if out.exists():
        print(f"{out}: already exists; render writes a new folder", file=sys.stderr)
        return 2
    atlas = _valid_atlas(args)
    if isinstance(atlas, int):
        return atlas
    result = render_project(atlas, _project(args).root, out)
    print(f"wrote {result.pages} pages, the open-data files and mkdocs.yml under {out}; build it with `mkdocs build` "
          f"there, then give it its search index with `python -m atlas search-index {out / 'site'}` here", file=sys.stderr)
    return 0


def _search_index(args: argparse.Namespace) -> int:
    from .search_index import write_search_index

    site_dir = Path(args.site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here (no index.html): run `mkdocs build` first", file=sys.stderr)
        return 2
    atlas = _valid_atlas(args)
    if isinstance(atlas, int):
        return atlas
    # The project's own docs/ (not a rendered copy, whose macro calls are expanded) says which pages are prose.
    summary = write_search_index(atlas, site_dir, _project(args).root / "docs")
    parts = f", the places in {summary.parts} parts" if summary.parts else ""
    print(f"indexed {summary.documents} record pages and {summary.prose_pages} prose pages{parts}: "
          f"{summary.files} files ({summary.bytes:,} bytes) under {site_dir / 'pagefind'}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Duty-Bearer Atlas tools.")
    parser.add_argument("--project", default=None, help="the project folder, holding mkdocs.yml, data/ and schemas/ "
                        "(default: the nearest one above the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every record; print all problems; exit 1 if any")
    validate.add_argument("--data", default=None, help="data folder (default: the project's data/)")
    validate.add_argument("--github", action="store_true", help="print problems as GitHub annotations")
    validate.set_defaults(handler=_validate)

    export = commands.add_parser("export", help="write the static open-data API under SITE_DIR/api/v2")
    export.add_argument("site_dir", help="the built site folder (e.g. site)")
    export.add_argument("--data", default=None, help="data folder (default: the project's data/)")
    export.add_argument("--site-url", default=None, help="the published site's address, for the feed's absolute links")
    export.add_argument("--repo-url", default=None, help="the repository, whose latest release holds files too big for the site")
    export.add_argument("--release-dir", default=None,
                        help="also write the whole-country files too big for the site here (release downloads)")
    export.set_defaults(handler=_export)

    scaffold = commands.add_parser("scaffold", help="write a schema-valid skeleton record for a new place")
    scaffold.add_argument("id", help="the new jurisdiction's id (kebab-case), e.g. portland")
    scaffold.add_argument("--name", required=True, help='official name, e.g. "City of Portland"')
    scaffold.add_argument("--level", required=True, help="city, county, state, special-district, …")
    scaffold.add_argument("--within", nargs="*", default=[], help="ids of the jurisdictions it lies within")
    scaffold.add_argument("--district-type", help="for a special district: school-district, housing-authority, …")
    scaffold.add_argument("--data", default=None, help="data folder (default: the project's data/)")
    scaffold.set_defaults(handler=_scaffold)

    render = commands.add_parser("render", help="write the whole site as finished Markdown that plain MkDocs builds")
    render.add_argument("out", help="a new folder for docs/, overrides/ and mkdocs.yml")
    render.add_argument("--data", default=None, help="data folder (default: the project's data/)")
    render.set_defaults(handler=_render)

    search_index = commands.add_parser("search-index",
                                         help="write the search index (Pagefind) of a built site into SITE_DIR/pagefind")
    search_index.add_argument("site_dir", help="the built site folder (e.g. site)")
    search_index.add_argument("--data", default=None, help="data folder (default: the project's data/)")
    search_index.set_defaults(handler=_search_index)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.project or not args.data or args.command == "render":  # render also copies the project's docs/
        try:
            project = _project(args)
        except ProjectNotFound as error:
            print(error, file=sys.stderr)
            return 2
        foreign = foreign_package_message(project)
        if foreign:
            print(foreign, file=sys.stderr)
            return 2
    return args.handler(args)


__all__ = ["main"]
