"""Wait until the assistant answers, print the address a person opens, then stay up beside it.

`make run` starts this with honcho, which stops every process when one of them ends.
"""

from __future__ import annotations

import os
import signal
import time
import urllib.request
from urllib.error import URLError

PORT = os.environ.get("ONE_DOOR_PORT", "5005")
HEALTH = f"http://localhost:{PORT}/webhooks/webchat/"
CHAT = f"http://localhost:{PORT}/webhooks/webchat/chat"
CONSOLE = f"http://localhost:{os.environ.get('ONE_DOOR_CONSOLE_PORT', '5006')}/"
POLL_SECONDS = 1.0
TIMEOUT_SECONDS = 600.0


def wait_until_up() -> bool:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(HEALTH, timeout=2):
                return True
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(POLL_SECONDS)
    return False


def main() -> None:
    if wait_until_up():
        print(f"One Door is ready. Open the web chat: {CHAT}  (staff console: {CONSOLE})", flush=True)
    else:
        print(f"One Door did not come up within {TIMEOUT_SECONDS:.0f} s; see the rasa log above.", flush=True)
    signal.pause()


if __name__ == "__main__":
    main()
