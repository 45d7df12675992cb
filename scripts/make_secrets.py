"""Write `var/secrets.env` with fresh random secrets: the key of the Rasa API's JWTs, the action server's secret,
the key that signs web chat sessions, the console's cookie key and the key that pseudonymises residents' phone
numbers and chat ids.

`make run` calls this on every start; a secret already in the file is never changed (a new pseudonym key
would start new conversations for everyone), and one added by a later version is appended. The file never
leaves the machine (var/ is not committed). Operators who manage secrets elsewhere set these variables
themselves instead.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

SECRETS = {
    "ONE_DOOR_RASA_JWT_SECRET": 32,
    "ONE_DOOR_ACTION_SECRET": 32,
    "ONE_DOOR_WEBCHAT_SESSION_KEY": 32,
    "ONE_DOOR_CONSOLE_SECRET": 32,
    "ONE_DOOR_PSEUDONYM_KEY": 32,
}


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "var/secrets.env")
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text() if path.exists() else ""
    present = {line.split("=", 1)[0] for line in existing.splitlines() if "=" in line}
    missing = [f"{name}={secrets.token_urlsafe(size)}\n" for name, size in SECRETS.items() if name not in present]
    if missing:
        path.write_text(existing + "".join(missing))
    path.chmod(0o600)


if __name__ == "__main__":
    main()
