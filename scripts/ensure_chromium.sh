#!/usr/bin/env bash
# Make sure Debian's Chromium is installed (PDFs and browser tests need it). Never downloads a browser
# of its own: Chromium comes from the system's package manager, or the message says what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM:-}" ]; then
  exit 0
fi
echo "Chromium is missing: installing Debian's chromium package ..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Cannot install chromium: not root and no sudo. Run 'apt-get install chromium' as root, or set CHROMIUM=/path/to/chromium." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Cannot install chromium: no apt-get on this machine. Install Chromium and set CHROMIUM=/path/to/chromium." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q chromium fonts-dejavu-core >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q chromium fonts-dejavu-core >/dev/null; }
command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing after apt-get install" >&2; exit 1; }
echo "Installed: $(chromium --version 2>/dev/null | tail -1)"
