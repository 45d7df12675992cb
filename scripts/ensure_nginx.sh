#!/usr/bin/env bash
# Make sure nginx is installed for `make run-cluster`: install Debian's package if it is missing. The cluster runs
# its own nginx in the foreground with a generated configuration (scripts/cluster.py), never the system service.
set -euo pipefail
command -v nginx >/dev/null && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
# The package may start its own server on port 80; the cluster does not use it.
if command -v service >/dev/null; then service nginx stop >/dev/null 2>&1 || true; fi
