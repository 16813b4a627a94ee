#!/usr/bin/env bash
# Non-gating check: does Zensical (mkdocs-material's announced successor) build the rendered site?
# Renders the project with `python -m atlas render`, installs a pinned Zensical into a throwaway
# virtual environment, builds, and prints what it built. Never fails the caller: it reports.
# Usage: bash scripts/try_zensical.sh [python]   (default: .venv/bin/python)
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-.venv/bin/python}"
ZENSICAL_VERSION="0.0.73"   # 0.1.x needs zensical-ui, which the package registry does not serve
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
report() { echo "zensical check (not gating): $*"; exit 0; }

"$PYTHON" -m atlas render "$work/rendered" >/dev/null 2>&1 || report "python -m atlas render failed"
python3 -m venv "$work/venv" && "$work/venv/bin/pip" install --quiet --disable-pip-version-check "zensical==$ZENSICAL_VERSION" \
  >/dev/null 2>&1 || report "zensical $ZENSICAL_VERSION could not be installed"
started=$(date +%s)
( cd "$work/rendered" && "$work/venv/bin/zensical" build >"$work/log" 2>&1 ) || report "zensical build failed: $(tail -3 "$work/log")"
seconds=$(( $(date +%s) - started ))
pages=$(find "$work/rendered/site" -name index.html | wc -l)
places=$(find "$work/rendered/site/places" -mindepth 2 -name index.html | wc -l)
records=$(find data/jurisdictions -name '*.yaml' ! -name '_*' | wc -l)
literal=$(grep -rl '{{' "$work/rendered/site" --include=index.html | wc -l)
report "zensical $ZENSICAL_VERSION built $pages pages in ${seconds} s; $places place pages for $records jurisdiction records; $literal pages with a literal '{{'"
