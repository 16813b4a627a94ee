"""How well the records' claims are sourced (issue #13): a deterministic plain-text report.

    .venv/bin/python scripts/source_audit.py [DATA_DIR]      # default: the project's data/

Prints claims by kind; the share of claims, and of verified claims, with at least one official
source; verified and unverified counts; citations of blocked hosts
(data/source-rules/blocked-hosts.yaml); and each jurisdiction's duties and accountability routes.
It reads the record files as written, so it also measures records the validator refuses.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atlas.records import DATA_DIR  # noqa: E402
from atlas.source_audit import audit_data_dir, render  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data_dir = Path(argv[0]) if argv else DATA_DIR
    if not data_dir.is_dir():
        print(f"no such data folder: {data_dir}", file=sys.stderr)
        return 2
    sys.stdout.write(render(audit_data_dir(data_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
