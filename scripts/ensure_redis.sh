#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379 for the web chat replica test: start it if it is installed
# but stopped (keeping nothing on disk), install it with apt if it is missing.
set -euo pipefail
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
for _ in $(seq 30); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "Redis did not start on 127.0.0.1:6379" >&2
exit 1
