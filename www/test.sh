#!/usr/bin/env bash
# Builds the demo page and runs its browser tests (playwright-core driving Debian's Chromium, headless).
# Assumes scripts/build-pkg has built pkg/ (scripts/test-js runs it first).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f ../pkg/wasm-web/restanse_bg.wasm ]; then
  echo "www/test.sh: pkg/ is not built; run scripts/build-pkg first" >&2
  exit 1
fi
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "www/test.sh: /usr/bin/chromium is missing; install it (apt-get install chromium) or set CHROMIUM" >&2
    exit 1
  fi
fi

npm install --no-audit --no-fund --loglevel=error
npm run build
mkdir -p test-results
timeout 480 node --test --test-reporter=tap tests/
