"""Write `var/secrets.env` with fresh random secrets, once: the Rasa API token and the console's cookie key.

`make run` calls this; the file never leaves the machine (var/ is not committed). Operators who manage
secrets elsewhere set ONE_DOOR_RASA_TOKEN and ONE_DOOR_CONSOLE_SECRET themselves instead.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "var/secrets.env")
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"ONE_DOOR_RASA_TOKEN={secrets.token_urlsafe(24)}\nONE_DOOR_CONSOLE_SECRET={secrets.token_urlsafe(32)}\n"
    )
    path.chmod(0o600)


if __name__ == "__main__":
    main()
