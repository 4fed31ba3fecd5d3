#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (ExplorerPlaywrightIT drives it headless through
# playwright-core; deploy/ci/install-playwright.sh installs that). Idempotent: a no-op when chromium is
# already on PATH. Installing needs root and access to a Debian mirror; otherwise it explains what to
# install and fails.
#
#   deploy/ci/install-chromium.sh      # install or verify
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(chromium --version 2>/dev/null || echo chromium)"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "error: chromium is not on PATH, and installing it needs root." >&2
    echo "       Run: sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "       or skip the browser tests with -Dloupe-browser.skip=true" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: chromium is not on PATH and apt-get is not available: install Chromium by hand" >&2
    echo "       (and pass -Dloupe-browser.chromium=<path>), or skip the browser tests with -Dloupe-browser.skip=true" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
# a smoke test: fails here, not in the first browser test, when the install is broken
chromium --headless --no-sandbox --disable-gpu --dump-dom about:blank >/dev/null 2>&1 || {
    echo "error: chromium was installed but does not start headless" >&2
    exit 1
}
echo "chromium installed: $(chromium --version)"
