#!/usr/bin/env bash
# Debian's Chromium for the browser test (test/owner/watch-e2e.test.ts drives it through
# playwright-core; nothing is downloaded from anywhere but Debian's mirrors). Does nothing when a
# Chromium is already at ${CHROMIUM_PATH:-/usr/bin/chromium}. Needs root or sudo to install.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "chromium: $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; unset it to install Debian's chromium" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "chromium is missing and this is not root: run 'apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
echo "chromium: installed $(/usr/bin/chromium --version 2>/dev/null)"
