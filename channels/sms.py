"""The `sms` connector: Twilio's Messaging webhook in, Twilio's REST API out through the outbox.

A webhook request is authenticated by its `X-Twilio-Signature` (which covers the URL and every form field)
before anything acts on it, then parsed, then answered with empty TwiML: every reply, including staff replies
and case notifications sent later, goes through the outbox, one row per SMS. The resident's number becomes a
pseudonymous sender id at once; only the contacts table (for replies) and the attachments of a case they file
(so that the agency can call back) keep it.

Carriers' keywords (STOP, START, HELP) are answered by the channel itself, and so is a request to stop put in
words ("stop texting me", "ya no me escriban"), which opts the number out like STOP (docs/adr/0006-opt-out.md).
Residents' text reaches Rasa as text: a leading "/" is removed so that nobody can type an intent payload.
Only a reply that picks a numbered choice ("2", or the choice's exact title) is sent as that choice's payload.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.attachments import Attachment, AttachmentKind
from bot.messaging.delivery import PermanentFailure
from bot.i18n.phrases import Phrases
from bot.messaging.keywords import Keyword, asks_to_stop_messages, keyword, keyword_language
from bot.messaging.notices import Notice
from bot.messaging.outbox import SENT_AFTER_OPT_OUT, Delivery, MessageKind, Outgoing
from bot.messaging.text import chosen, numbered, split_text
from bot.settings import Settings, get_settings
from channels.boundary import announcing
from channels.messaging import ChannelRuntime, OnNewMessage, OutboxOutput, ProviderInput, configured
from channels.messaging import health as channel_health
from channels.rejections import rejected
from channels.twilio_provider import TwilioSender, Unsubscribed
from channels.tracing import trace_requests, traced

logger = logging.getLogger(__name__)

CHANNEL = "sms"
# Twilio's limit for one message body; Twilio itself splits it into carrier segments.
BODY_LIMIT = 1600
# Twilio's largest webhook form (1,600 characters, each up to 12 bytes percent-encoded, and ten media) is
# well under this.
MAX_FORM_BYTES = 64 * 1024
MAX_FORM_FIELDS = 100
MAX_MEDIA = 10
# Twilio's sids are 34 letters and digits; the inbound log keys deliveries by them in 64 characters.
_MESSAGE_SID = re.compile(r"[A-Za-z0-9]{1,64}")
MAX_ADDRESS_CHARS = 64
MAX_MEDIA_URL_CHARS = 2048
SIGNATURE_HEADER = "X-Twilio-Signature"
FORM_TYPE = "application/x-www-form-urlencoded"
NOT_CONFIGURED = (
    "SMS is not configured: set ONE_DOOR_TWILIO_ACCOUNT_SID, ONE_DOOR_TWILIO_AUTH_TOKEN and "
    "ONE_DOOR_TWILIO_FROM_NUMBER (or ONE_DOOR_TWILIO_MESSAGING_SERVICE_SID)"
)
EMPTY_TWIML = str(MessagingResponse())
# What the channel answers each keyword with, when it answers it (`bot.messaging.keywords.receive`).
KEYWORD_ANSWERS = {
    Keyword.STOP: (Notice.SMS_STOPPED, MessageKind.STOP_CONFIRMATION),
    Keyword.START: (Notice.SMS_STARTED, MessageKind.NOTICE),
    Keyword.HELP: (Notice.SMS_HELP, MessageKind.HELP),
}


@dataclass(frozen=True)
class Media:
    url: str
    content_type: str

    @property
    def is_image(self) -> bool:
        return self.content_type.lower().startswith("image/")


@dataclass(frozen=True)
class InboundSms:
    """A resident's text or MMS as Twilio delivered it."""

    message_sid: str
    sender: str
    text: str
    media: tuple[Media, ...] = ()

    @property
    def photos(self) -> list[str]:
        return [item.url for item in self.media if item.is_image]


def read_form(body: bytes, content_type: str) -> dict[str, str] | None:
    """The fields of a form-encoded body, empty ones included (Twilio signs them too).

    None when the body is not a well-formed form, or names a field twice, which Twilio never does.
    """
    if content_type.split(";")[0].strip().lower() != FORM_TYPE:
        return None
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, strict_parsing=True, max_num_fields=MAX_FORM_FIELDS
        )
    except (UnicodeDecodeError, ValueError):
        return None
    form = dict(pairs)
    return form if len(form) == len(pairs) else None


def parse_sms_payload(form: Mapping[str, str]) -> InboundSms | None:
    """Read Twilio's Messaging request; None when its `MessageSid` or `From` is missing or not as Twilio writes
    them (the database keys deliveries by the sid, and neither may hold control characters)."""
    message_sid = form.get("MessageSid", "").strip()
    sender = form.get("From", "").strip()
    if not _MESSAGE_SID.fullmatch(message_sid) or not _plain_value(sender, MAX_ADDRESS_CHARS):
        return None
    media = tuple(
        Media(form[f"MediaUrl{index}"], form.get(f"MediaContentType{index}", ""))
        for index in range(min(_count(form.get("NumMedia", "")), MAX_MEDIA))
        if _plain_value(form.get(f"MediaUrl{index}", ""), MAX_MEDIA_URL_CHARS)
    )
    return InboundSms(message_sid=message_sid, sender=sender, text=form.get("Body", ""), media=media)


def _plain_value(value: str, limit: int) -> bool:
    return 0 < len(value) <= limit and value.isprintable()


def _count(value: str) -> int:
    """A small ASCII count, or 0: `str.isdigit` also accepts "²" and 100,000-digit strings, which `int` refuses."""
    return int(value) if len(value) <= 2 and value.isascii() and value.isdigit() else 0


def render_sms(message: Outgoing, phrases: Phrases) -> list[Outgoing]:
    """The SMS a message becomes: choices numbered, split at Twilio's limit, one outbox row each.

    The choices stay on the last part, so they are remembered as offered when that part is sent; `phrases` are
    those of the reply's language.
    """
    text = numbered(message.text, message.choices, phrases.reply_with_number)
    parts = [part for part in split_text(text, BODY_LIMIT) if part]
    return [Outgoing(part) for part in parts[:-1]] + [Outgoing(part, message.choices) for part in parts[-1:]]


def resident_text(text: str) -> str:
    """A resident's words as Rasa gets them: never an intent payload, whatever they type."""
    return text.strip().lstrip("/").strip()


class SmsInput(ProviderInput):
    """Text messages through Twilio (`/webhooks/sms/webhook`); credentials come from the environment.

    With no Twilio credentials at all the webhook answers 503 and the other channels run as usual.
    """

    channel = CHANNEL

    def __init__(self, settings: Settings) -> None:
        self._sms = TwilioSms(settings) if _configured(settings) else None

    def get_output_channel(self) -> OutputChannel | None:
        return OutboxOutput(self._sms.runtime) if self._sms else None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        on_new_message = announcing(traced(on_new_message), get_settings())
        blueprint = Blueprint("sms_webhook", __name__)
        trace_requests(blueprint)
        sms = self._sms
        if sms is not None:
            sms.runtime.attach_to(blueprint)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return await channel_health(sms.runtime if sms else None)

        @blueprint.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if sms is None:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            return await sms.webhook(request, on_new_message)

        return blueprint


class TwilioSms:
    """The SMS channel at work: the webhook's steps, the keywords, and sending what the outbox holds."""

    def __init__(self, settings: Settings) -> None:
        self._webhook_url = settings.sms_webhook_url
        self._validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
        self._twilio = TwilioSender(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            settings.twilio_from_number,
            settings.twilio_messaging_service_sid,
            settings.twilio_api_url,
            settings.provider_timeout_seconds,
        )
        self.runtime = ChannelRuntime(
            CHANNEL, settings, self.deliver, lambda _recipient, message, phrases: render_sms(message, phrases),
            Notice.SMS_DISCLOSURE,
        )
        self._contacts = self.runtime.contacts

    async def webhook(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        """Authenticate, parse, then hand the message over once; Twilio gets empty TwiML back."""
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            return _rejected(403, "missing_signature")
        if len(request.body) > MAX_FORM_BYTES:
            return _rejected(413, "too_large")
        form = read_form(request.body, request.headers.get("content-type", ""))
        if form is None:
            return _rejected(400, "malformed_form")
        # Behind a proxy the URL Sanic sees is not the one Twilio signed: the configured public URL is.
        if not self._validator.validate(self._webhook_url or request.url, form, signature):
            return _rejected(403, "bad_signature")
        inbound = parse_sms_payload(form)
        if inbound is None:
            return _rejected(400, "missing_fields")
        handle = functools.partial(self._handle, inbound, on_new_message)
        if await self.runtime.receive(inbound.message_sid, inbound.sender, handle):
            logger.info("sms.received message=%s media=%s", inbound.message_sid, len(inbound.media))
        return response.text(EMPTY_TWIML, content_type="text/xml")

    async def _handle(self, inbound: InboundSms, on_new_message: OnNewMessage, sender_id: str) -> None:
        """Answer a keyword; past the boundary checks, keep what the message carries for a case, then let the
        assistant reply."""
        word = keyword(inbound.text)
        if word is None and asks_to_stop_messages(inbound.text):
            word = Keyword.STOP
        if word is not None:
            await self._answer_keyword(word, sender_id, keyword_language(inbound.text))
            return
        admitted = await self.runtime.admit(sender_id, inbound.text)
        if admitted is None:
            return
        await self._keep_attachments(inbound, sender_id)
        if inbound.media and not admitted:
            await self._notify(sender_id, Notice.PHOTO_KEPT if inbound.photos else Notice.UNSUPPORTED_CONTENT)
            return
        offered = await asyncio.to_thread(self._contacts.offered, sender_id)
        choice = chosen(admitted, offered)
        text = choice.payload if choice else resident_text(admitted)
        await on_new_message(UserMessage(
            text, OutboxOutput(self.runtime), sender_id, input_channel=CHANNEL, message_id=inbound.message_sid
        ))

    async def _answer_keyword(self, word: Keyword, sender_id: str, language: str | None) -> None:
        """Carriers' keywords, answered by the channel itself; the assistant never sees them.

        Note:
            The opt-out is stored before the confirmation is queued, so no reply queued meanwhile slips
            through; the confirmation and the HELP answer are the kinds an opted-out number is still sent.
        """
        answered = await asyncio.to_thread(self._contacts.receive_keyword, sender_id, word)
        logger.info("sms.keyword keyword=%s answered=%s", word.value, answered)
        if answered:
            notice, kind = KEYWORD_ANSWERS[word]
            await self._notify(sender_id, notice, kind, language)

    async def _keep_attachments(self, inbound: InboundSms, sender_id: str) -> None:
        """Record the number and any pictures for the next case this conversation files."""
        attachments = [Attachment(AttachmentKind.PHONE, inbound.sender, CHANNEL)]
        attachments += [Attachment(AttachmentKind.PHOTO, url, CHANNEL) for url in inbound.photos]
        for attachment in attachments:
            await asyncio.to_thread(self.runtime.attachments.add, sender_id, attachment)

    async def _notify(
        self, sender_id: str, notice: Notice, kind: MessageKind = MessageKind.NOTICE, language: str | None = None
    ) -> None:
        notices = self.runtime.notices_in.get(language or "", self.runtime.notices)
        await self.runtime.enqueue(sender_id, Outgoing(notices[notice]), kind)

    async def deliver(self, delivery: Delivery) -> None:
        """Send one outbox row as one SMS, unless its number opted out after it was queued (answers to STOP and
        HELP excepted)."""
        address = await asyncio.to_thread(self._contacts.address, delivery.recipient)
        if address is None:
            raise PermanentFailure("no address for recipient")
        allowed = delivery.kind in SENT_AFTER_OPT_OUT
        if not allowed and await asyncio.to_thread(self._contacts.is_opted_out, delivery.recipient):
            raise PermanentFailure("recipient opted out")
        # Before sending: a reply of "1" must find these choices however quickly it comes.
        await asyncio.to_thread(self._contacts.offer, delivery.recipient, delivery.message.choices)
        try:
            sid = await asyncio.to_thread(self._twilio.send, address, delivery.message.text)
        except Unsubscribed:
            await asyncio.to_thread(self._contacts.set_opted_out, delivery.recipient, True)
            raise
        logger.info("sms.sent id=%s message=%s", delivery.id, sid)


def _configured(settings: Settings) -> bool:
    """Whether SMS is set up; a half-done setup leaves it off with a warning naming what is missing."""
    return configured(CHANNEL, {
        "ONE_DOOR_TWILIO_ACCOUNT_SID": settings.twilio_account_sid,
        "ONE_DOOR_TWILIO_AUTH_TOKEN": settings.twilio_auth_token.get_secret_value(),
        "ONE_DOOR_TWILIO_FROM_NUMBER": settings.twilio_from_number or settings.twilio_messaging_service_sid,
    })


def _rejected(status: int, reason: str) -> HTTPResponse:
    return rejected(CHANNEL, status, reason)
