#!/usr/bin/env bash
# Make sure Debian's nginx is installed: the browser tests serve the built site with it, as production
# does. Only the binary is used: the tests start their own nginx on 127.0.0.1 with a temporary prefix
# (scripts/nginx.py), never the system service. nginx comes from the system's package manager, or the
# message says what to do.
set -euo pipefail
if [ -n "${NGINX:-}" ] || command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "nginx is missing: installing Debian's nginx package (the browser tests serve the site with it) ..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Cannot install nginx: not root and no sudo. Run 'apt-get install nginx' as root, or set NGINX=/path/to/nginx." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Cannot install nginx: no apt-get on this machine. Install nginx and set NGINX=/path/to/nginx." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q nginx >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q nginx >/dev/null; }
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || { echo "nginx is still missing after apt-get install" >&2; exit 1; }
echo "Installed: $(/usr/sbin/nginx -v 2>&1)"
