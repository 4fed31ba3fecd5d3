#!/usr/bin/env bash
# Installs Debian's Chromium and its matching chromedriver for the browser tests (WebPageBrowserTest).
# Idempotent: a no-op when both are already on PATH. Installing needs root and access to a Debian
# mirror; otherwise it explains what to install and fails.
#
#   deploy/ci/install-chromium.sh      # install or verify
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "chromium already installed: $(chromium --version 2>/dev/null || echo chromium)"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "error: ${missing[*]} not on PATH, and installing needs root." >&2
    echo "       Run: sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
    echo "       or skip the browser tests with -Dloupe-browser.skip=true" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: ${missing[*]} not on PATH and apt-get is not available: install Chromium and" >&2
    echo "       chromedriver by hand, or skip the browser tests with -Dloupe-browser.skip=true" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver
# a smoke test: fails here, not in the first browser test, when the install is broken
chromium --headless --no-sandbox --disable-gpu --dump-dom about:blank >/dev/null 2>&1 || {
    echo "error: chromium was installed but does not start headless" >&2
    exit 1
}
echo "chromium installed: $(chromium --version)"
