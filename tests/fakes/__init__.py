"""Local stand-ins for the providers One Door talks to, served on 127.0.0.1 so that tests never reach the internet.

`FakeProvider` is what every fake shares: a threaded HTTP server, a count of the attempts made on it, and
outages on demand (fail with a status, or hang past the client's timeout and drop the request, for the next
few requests or until `recover()`). A request an outage fails or drops is never recorded, as the provider
would not have acted on it.
"""

from __future__ import annotations

import enum
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

WAIT_SECONDS = 30.0
# An assistant's outbox settings for tests against a fake: retries within a second or so, and a provider that
# does not answer in 2 s counted as down.
QUICK_OUTBOX = {
    "ONE_DOOR_OUTBOX_RETRY_SECONDS": "0.2",
    "ONE_DOOR_OUTBOX_RETRY_CEILING_SECONDS": "1",
    "ONE_DOOR_PROVIDER_TIMEOUT_SECONDS": "2",
}
T = TypeVar("T")


class Trouble(enum.Enum):
    FAIL = "fail"  # answer with an error status and the provider's error JSON
    HANG = "hang"  # hold the request past the client's timeout, then close the connection unanswered


@dataclass
class Outage:
    trouble: Trouble
    status: int = 500
    code: int | None = None  # the provider's own error code, where it has one
    seconds: float = 0.0
    remaining: int | None = None  # None: until `recover()`
    released: threading.Event = field(default_factory=threading.Event)


class FakeProvider:
    """A provider's API on a free port; start it with `with`, point the client at `url`.

    A subclass serves requests in `serve`, calling `outage_answered` first, and says how its API words an
    error in `error_body`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attempts = 0
        self._outage: Outage | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name=type(self).__name__, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self: T) -> T:
        self._thread.start()  # type: ignore[attr-defined]
        return self

    def __exit__(self, *_exc: object) -> None:
        self.recover()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def attempts(self) -> int:
        """Every request the provider's API got, including those failed or dropped."""
        with self._lock:
            return self._attempts

    def wait_for_attempts(self, count: int, timeout: float = WAIT_SECONDS) -> None:
        eventually(lambda: self.attempts, lambda attempts: attempts >= count, timeout, f"{count} attempt(s)")

    def fail(self, status: int = 500, code: int | None = None, times: int | None = None) -> None:
        """Answer the next `times` requests (every one until `recover()` when None) with `status`."""
        with self._lock:
            self._outage = Outage(Trouble.FAIL, status=status, code=code, remaining=times)

    def hang(self, seconds: float, times: int | None = None) -> None:
        """Hold the next `times` requests for `seconds` (or until `recover()`), then drop them unanswered."""
        with self._lock:
            self._outage = Outage(Trouble.HANG, seconds=seconds, remaining=times)

    def recover(self) -> None:
        """Answer normally again; requests still held are dropped now."""
        with self._lock:
            if self._outage is not None:
                self._outage.released.set()
            self._outage = None

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def error_body(self, outage: Outage) -> dict[str, Any]:
        raise NotImplementedError

    def outage_answered(self, request: BaseHTTPRequestHandler) -> bool:
        """Count the request as an attempt; if an outage is on, fail or drop it and return True."""
        with self._lock:
            self._attempts += 1
            outage = self._outage
            if outage is not None and outage.remaining is not None:
                outage.remaining -= 1
                if outage.remaining <= 0:
                    self._outage = None
        if outage is None:
            return False
        if outage.trouble is Trouble.HANG:
            outage.released.wait(outage.seconds)
            request.close_connection = True
        else:
            reply_json(request, outage.status, self.error_body(outage))
        return True


def _handler(fake: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            fake.serve(self)

        def do_GET(self) -> None:  # noqa: N802 - downloads: Twilio's media, Telegram's files
            fake.serve(self)

    return Handler


def reply_json(request: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
    body = json.dumps(payload).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def reply_bytes(request: BaseHTTPRequestHandler, content: bytes, content_type: str) -> None:
    """A download: the file's bytes with the content type the provider names."""
    request.send_response(200)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(content)))
    request.end_headers()
    request.wfile.write(content)


def eventually(read: Callable[[], T], done: Callable[[T], bool], timeout: float, wanted: str) -> T:
    """What `read` returns once `done` holds for it; AssertionError naming what was `wanted` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {wanted} within {timeout} s, got {value!r}")
        time.sleep(0.05)
