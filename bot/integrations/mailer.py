"""E-mail to staff through the city's SMTP relay: an alert channel beside the paging webhook, for cities whose
supervisors live in their mailbox rather than a chat tool.

Like a page, an alert e-mail carries a console link and nothing a resident wrote: mail leaves the city's
records, and the console, behind sign-in, is where the words are read.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from bot.settings import Settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Mailer:
    """One SMTP relay: STARTTLS before anything is sent when `starttls` (the default), then a login when a
    username is set."""

    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    starttls: bool = True

    def send(self, to: Sequence[str], subject: str, body: str) -> bool:
        """Send one plain-text message; True when the relay accepted it. A failure is logged and never stops the
        caller."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(to)
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("mail.failed error=%s", type(error).__name__)
            return False
        return True


def mailer_for(settings: Settings) -> Mailer | None:
    """The relay ONE_DOOR_ALERT_SMTP_* name; None unless both its host and the sender's address are set."""
    if not settings.alert_smtp_host or not settings.alert_smtp_from:
        return None
    return Mailer(settings.alert_smtp_host, settings.alert_smtp_port, settings.alert_smtp_from,
                  settings.alert_smtp_user, settings.alert_smtp_password.get_secret_value(),
                  settings.alert_smtp_starttls)


def addresses(listed: str) -> tuple[str, ...]:
    """Comma-separated addresses, trimmed, without empty ones."""
    return tuple(address.strip() for address in listed.split(",") if address.strip())
