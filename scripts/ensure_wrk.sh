#!/usr/bin/env bash
# The load section of `make bench` drives the pages with Debian's wrk (an HTTP load generator
# written in C). Install it when we can; otherwise say so clearly: the load section is skipped.
set -u
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
  fi
  if [ "$SUDO" != "none" ]; then
    echo "Installing Debian's wrk for the load benchmark..."
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 \
      && command -v wrk >/dev/null 2>&1; then
      echo "wrk installed."
      exit 0
    fi
  fi
fi
echo "************************************************************************"
echo "wrk is not available and could not be installed here."
echo "The load section of 'make bench' will be SKIPPED."
echo "Install it with: sudo apt-get install wrk"
echo "************************************************************************"
exit 0
