#!/usr/bin/env bash
# The package as an embedder meets it (issue 19): packs pkg/ as npm would publish it, installs the tarball here,
# and runs embed.test.mjs (Vite dev and build with no config, webpack 5, CSP, the worker) in Debian's Chromium.
# Assumes scripts/build-pkg has built pkg/ (scripts/test-js runs it first).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f ../../pkg/wasm-web/restanse_bg.wasm ]; then
  echo "tests/embed/test.sh: pkg/ is not built; run scripts/build-pkg first" >&2
  exit 1
fi
npm install --no-audit --no-fund --loglevel=error
tarball=$(cd ../../pkg && npm pack --silent --pack-destination "$PWD/../tests/embed" | tail -n1)
npm install --no-save --no-audit --no-fund --loglevel=error "./$tarball"
rm -f "$tarball"
rm -rf node_modules/.vite
timeout 480 node --test --test-reporter=tap embed.test.mjs
