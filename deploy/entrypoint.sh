#!/usr/bin/env bash
# The image's entry point: its first argument names the process. rasa, actions and watch run their Procfile line
# (the Procfile stays the one definition of each command); console adds --host 0.0.0.0, since in a container
# the proxy reaches it from another host; migrate applies the Alembic migrations and exits.
set -euo pipefail
cd "$(dirname "$0")/.."
role="${1:-rasa}"
[ $# -gt 0 ] && shift

procfile() {
  local name="$1" line
  shift
  line=$(sed -n "s/^$name: //p" Procfile)
  [ -n "$line" ] || { echo "entrypoint: no '$name' line in the Procfile" >&2; exit 64; }
  # bash -c replaces itself with the command, so the process gets signals directly from tini.
  exec bash -c "$line \"\$@\"" "$name" "$@"
}

case "$role" in
  rasa | actions | watch) procfile "$role" "$@" ;;
  console) procfile console --host 0.0.0.0 "$@" ;;
  migrate) exec python -m bot db upgrade "$@" ;;
  *)
    echo "usage: entrypoint.sh rasa|actions|console|watch|migrate [ARGS...]" >&2
    exit 64
    ;;
esac
