#!/usr/bin/env bash
# Lighthouse scores for one built page, in Debian's Chromium (npm `lighthouse`, pinned; no browser download).
# Usage: scripts/lighthouse.sh [SITE_DIR] [PAGE_PATH]   e.g. scripts/lighthouse.sh site places/los-angeles/
# LIGHTHOUSE_REPORT=file keeps the JSON report there (tests/test_lighthouse.py reads it); LIGHTHOUSE_PORT sets the port.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE_DIR="${1:-site}"
PAGE_PATH="${2:-places/los-angeles/}"
LIGHTHOUSE_VERSION=13.5.0
PORT="${LIGHTHOUSE_PORT:-8791}"

if [ ! -x .cache/lighthouse/node_modules/.bin/lighthouse ]; then
  npm install --silent --no-audit --no-fund --prefix .cache/lighthouse "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
[ -d "$SITE_DIR" ] || { echo "no built site at $SITE_DIR: run 'make build' first" >&2; exit 2; }

.venv/bin/python scripts/serve_gzip.py "$SITE_DIR" "$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep 1

REPORT="${LIGHTHOUSE_REPORT:-$(mktemp -d)/lighthouse.json}"
CHROME_PATH="$(command -v chromium)" .cache/lighthouse/node_modules/.bin/lighthouse \
  "http://127.0.0.1:$PORT/$PAGE_PATH" \
  --quiet --output=json --output-path="$REPORT" \
  --only-categories=performance,accessibility,best-practices,seo \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
  >/dev/null

.venv/bin/python - "$REPORT" "$PAGE_PATH" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"Lighthouse {report['lighthouseVersion']} on /{sys.argv[2]} (emulated mobile, default throttling, gzip like production hosts)")
for key, category in report["categories"].items():
    print(f"  {category['title']:<16} {round(category['score'] * 100)}")
audits = report["audits"]
for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
    print(f"  {audits[audit]['title']:<26} {audits[audit]['displayValue']}")
PY
