"""A real local SMTP server that speaks enough of the protocol for smtplib (EHLO, AUTH PLAIN, MAIL, RCPT, DATA,
QUIT) and records each message it accepts: a stand-in for a city's mail relay. It offers no STARTTLS."""

from __future__ import annotations

import base64
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass
class Received:
    sender: str = ""
    recipients: list[str] = field(default_factory=list)
    login: str = ""  # the "user:password" an AUTH PLAIN carried
    message: EmailMessage | None = None


@contextmanager
def recording_smtp() -> Iterator[tuple[str, int, list[Received]]]:
    """Serve on a free port; yield its host, port and the list each accepted message is appended to."""
    accepted: list[Received] = []

    class Session(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode() + b"\r\n")

        def handle(self) -> None:
            self.reply("220 relay.test ESMTP")
            current = Received()
            for raw in self.rfile:
                command = raw.decode().rstrip("\r\n")
                verb = command.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    self.wfile.write(b"250-relay.test\r\n250 AUTH PLAIN\r\n")
                elif verb == "AUTH":
                    _, user, password = base64.b64decode(command.split()[2]).decode().split("\0")
                    current.login = f"{user}:{password}"
                    self.reply("235 2.7.0 Authentication successful")
                elif verb == "MAIL":
                    current.sender = command.split(":", 1)[1].strip().strip("<>").split(">")[0]
                    self.reply("250 OK")
                elif verb == "RCPT":
                    current.recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 End data with <CR><LF>.<CR><LF>")
                    lines = []
                    for data in self.rfile:
                        if data == b".\r\n":
                            break
                        line = data[1:] if data.startswith(b"..") else data
                        lines.append(line.replace(b"\r\n", b"\n"))  # as a mailbox stores it
                    current.message = message_from_bytes(b"".join(lines), policy=policy.default)  # type: ignore[assignment]
                    accepted.append(current)
                    current = Received(login=current.login)
                    self.reply("250 OK queued")
                elif verb == "QUIT":
                    self.reply("221 Bye")
                    return
                else:
                    self.reply("250 OK")  # RSET, NOOP

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield "127.0.0.1", server.server_address[1], accepted
    finally:
        server.shutdown()
        server.server_close()
