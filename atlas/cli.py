"""The project's command line: `python -m atlas <command>`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .records import DATA_DIR, PROJECT_ROOT


def _validate(args: argparse.Namespace) -> int:
    from .validate import format_problem, summary_line, validate_data_dir

    started = time.perf_counter()
    records, problems = validate_data_dir(Path(args.data))
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(format_problem(problem, root=Path.cwd(), github=args.github))
    counted = sum(len(by_id) for by_id in records.records.values())
    if problems:
        print(f"{summary_line(problems)} ({counted} records checked in {elapsed:.2f} s)", file=sys.stderr)
        return 1
    print(f"{counted} records valid ({elapsed:.2f} s)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Duty-Bearer Atlas tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every record; print all problems; exit 1 if any")
    validate.add_argument("--data", default=str(DATA_DIR), help="data folder (default: the project's data/)")
    validate.add_argument("--github", action="store_true", help="print problems as GitHub annotations")
    validate.set_defaults(handler=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


__all__ = ["main", "PROJECT_ROOT"]
