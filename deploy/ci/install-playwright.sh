#!/usr/bin/env bash
# Installs what the explorer's browser tests (ExplorerPlaywrightIT) run on: the npm package
# playwright-core, at the version pinned in search-service/src/test/e2e/package-lock.json, with
# `npm ci`. playwright-core drives the Chromium that deploy/ci/install-chromium.sh installs; no browser
# is downloaded. Idempotent: a no-op when the pinned version is already installed. Needs node >= 20
# and npm, and the npm registry the first time.
#
#   deploy/ci/install-playwright.sh      # install or verify
set -euo pipefail
cd "$(dirname "$0")/../../search-service/src/test/e2e"

skip_hint="or skip the browser tests with -Dloupe-browser.skip=true"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: node and npm are needed for the browser tests: install Node.js >= 20 (nodejs.org or" >&2
    echo "       NodeSource; Debian 12's nodejs is 18), $skip_hint" >&2
    exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if (( major < 20 )); then
    echo "error: node $(node --version) is too old for playwright-core: install Node.js >= 20, $skip_hint" >&2
    exit 1
fi

pinned=$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')
installed=$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch (e) { "" }')
if [[ "$installed" == "$pinned" ]]; then
    echo "playwright-core $pinned already installed"
    exit 0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # Debian's Chromium is used, never a downloaded one
npm ci --no-audit --no-fund --loglevel=error
echo "playwright-core $pinned installed in $PWD/node_modules"
