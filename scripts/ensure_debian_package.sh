#!/usr/bin/env bash
# Make sure something the build or the tests need from Debian's packages is installed (Chromium for PDFs
# and browser tests, nginx to serve the site as production does, hunspell's Dutch dictionary for the
# spelling test). It comes from the system's package manager, never from a download of its own; when it
# cannot be installed, the message says what to do.
#
# Usage: scripts/ensure_debian_package.sh <program or file> <override variable> <package>...
#   present when the program is on PATH or in /usr/sbin (or the file exists), or the variable is set.
set -euo pipefail
needed=$1; override=$2; shift 2
present() {
  if [ "${needed:0:1}" = "/" ]; then [ -e "$needed" ]; else
    command -v "$needed" >/dev/null 2>&1 || [ -x "/usr/sbin/$needed" ]; fi
}
if [ -n "${!override:-}" ] || present; then
  exit 0
fi
echo "$needed is missing: installing Debian's $* ..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Cannot install $*: not root and no sudo. Run 'apt-get install $*' as root, or set $override." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Cannot install $*: no apt-get on this machine. Install it yourself and set $override." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "$@" >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "$@" >/dev/null; }
present || { echo "$needed is still missing after apt-get install $*" >&2; exit 1; }
echo "Installed: $*"
