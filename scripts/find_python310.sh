#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, the only version Rasa 3.6 supports, or explain how to get one.
set -euo pipefail
for candidate in python3.10 "$HOME/.pyenv/versions/3.10"*/bin/python3.10 /usr/bin/python3.10; do
  if path=$(command -v "$candidate" 2>/dev/null) && "$path" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "One Door needs Python 3.10 (Rasa 3.6 supports nothing newer). Install it, e.g. 'pyenv install 3.10'." >&2
exit 1
