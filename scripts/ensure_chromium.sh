#!/usr/bin/env bash
# Browser journeys run in Debian's Chromium. Install it when we can; otherwise say so clearly.
set -u
CHROMIUM="${KINERJA_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  fi
  if [ "$SUDO" != "none" ]; then
    echo "Installing Debian's Chromium for the browser journeys..."
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
      && [ -x "$CHROMIUM" ]; then
      echo "Chromium installed."
      exit 0
    fi
  fi
fi
echo "************************************************************************"
echo "Chromium is not available and could not be installed here."
echo "The browser journeys (tests marked 'browser') will be SKIPPED."
echo "Install it with: sudo apt-get install chromium"
echo "************************************************************************"
exit 0
