#!/usr/bin/env bash
# Print the path of an nginx binary for the deploy tests (`nginx -t` and a run of deploy/nginx/one-door.conf):
# the installed one, or Debian's package unpacked into build/nginx. Unpacked, not installed, so that no nginx
# service is started on this machine.
set -euo pipefail
if command -v nginx >/dev/null; then
  command -v nginx
  exit 0
fi
unpacked=build/nginx/usr/sbin/nginx
if [ ! -x "$unpacked" ]; then
  download=$(mktemp -d)
  (cd "$download" && { apt-get download nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get download nginx >/dev/null; }; })
  mkdir -p build/nginx
  dpkg-deb -x "$download"/nginx_*.deb build/nginx
  rm -rf "$download"
fi
echo "$PWD/$unpacked"
