#!/usr/bin/env bash
# Debian's Chromium (never a browser downloaded by a test tool) and a pinned axe-core from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

if [ ! -f .cache/axe-core/node_modules/axe-core/axe.min.js ] || \
   ! grep -q "\"version\": \"$AXE_VERSION\"" .cache/axe-core/node_modules/axe-core/package.json; then
  echo "installing axe-core $AXE_VERSION from npm…"
  mkdir -p .cache/axe-core
  npm install --silent --no-audit --no-fund --prefix .cache/axe-core "axe-core@$AXE_VERSION" >/dev/null
fi
chromium --version
