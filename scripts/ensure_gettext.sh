#!/usr/bin/env bash
# Translations are compiled with GNU gettext's msgfmt; install it when it is missing.
set -eu
command -v msgfmt >/dev/null 2>&1 && exit 0
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo -n"
echo "Installing GNU gettext to compile the translations..."
$SUDO apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq gettext >/dev/null
