"""Exit 0 when a URL answers 200, 1 otherwise: the containers' healthcheck (the slim image has no curl).

Usage: python deploy/probe.py http://127.0.0.1:5005/webhooks/ops/ready
"""

from __future__ import annotations

import sys
import urllib.request


def healthy(url: str, timeout: float = 4.0) -> bool:
    """True when `url` answers 200 within `timeout` seconds; a refused connection or an error status is False."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # nosec B310: a fixed http:// URL of our own
            return answer.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if len(sys.argv) == 2 and healthy(sys.argv[1]) else 1)
