"""Fetching a case's photos from the provider that holds them, for the staff console to show: an MMS picture from
Twilio with the account's credentials, a Telegram photo by `getFile` and then its file URL.

Staff cannot open the provider's addresses themselves (Twilio asks for the account's credentials, Telegram's
file URL carries the bot token), so the console streams the picture through, and the credentials never leave
the server.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from bot.attachments import TELEGRAM_FILE_PREFIX
from bot.cases import Attachment, AttachmentKind
from bot.settings import Settings

# Telegram's bots may download files up to 20 MB; an MMS is far smaller. Nothing larger is passed on.
MAX_BYTES = 20 * 1024 * 1024
# Pictures a browser shows inline; anything else is offered as a download, never rendered.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


class MediaUnavailable(RuntimeError):
    """The provider could not be reached, refused, or the attachment is not one it holds; the message is safe to
    show staff (no token, no URL)."""


@dataclass(frozen=True)
class Providers:
    """Where the providers' APIs are and the credentials they take."""

    twilio_api_url: str
    twilio_account_sid: str
    twilio_auth_token: str
    telegram_api_url: str
    telegram_bot_token: str
    timeout_seconds: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Providers:
        return cls(settings.twilio_api_url.rstrip("/"), settings.twilio_account_sid,
                   settings.twilio_auth_token.get_secret_value(), settings.telegram_api_url.rstrip("/"),
                   settings.telegram_bot_token.get_secret_value(), settings.provider_timeout_seconds)


@dataclass(frozen=True)
class Media:
    """An open download: its content type, whether a browser may show it inline, and its bytes as they come."""

    content_type: str
    inline: bool
    body: AsyncIterator[bytes]
    response: httpx.Response
    client: httpx.AsyncClient

    async def close(self) -> None:
        await self.response.aclose()
        await self.client.aclose()


async def open_media(providers: Providers, attachment: Attachment) -> Media:
    """Start downloading a photo attachment; the caller streams `body` and then calls `close`.

    Raises:
        MediaUnavailable: the attachment is no photo, its provider is not configured, or the download failed.
    """
    if attachment.kind is not AttachmentKind.PHOTO:
        raise MediaUnavailable("this attachment is not a photo")
    client = httpx.AsyncClient(timeout=providers.timeout_seconds, follow_redirects=True)
    try:
        auth: httpx.Auth | None = None
        if attachment.value.startswith(TELEGRAM_FILE_PREFIX):
            request = await _telegram_file(client, providers, attachment.value.removeprefix(TELEGRAM_FILE_PREFIX))
        else:
            request, auth = _twilio_media(client, providers, attachment.value)
        response = await client.send(request, auth=auth, stream=True)
        if response.status_code != 200:
            await response.aclose()
            raise MediaUnavailable(f"the provider answered {response.status_code}")
    except (httpx.HTTPError, MediaUnavailable) as error:
        await client.aclose()
        if isinstance(error, MediaUnavailable):
            raise
        raise MediaUnavailable(f"the provider could not be reached ({type(error).__name__})") from None
    content_type = _content_type(response, request.url.path)
    return Media(content_type, content_type in INLINE_TYPES, _capped(response), response, client)


def _twilio_media(client: httpx.AsyncClient, providers: Providers, url: str) -> tuple[httpx.Request, httpx.Auth]:
    """The request for an MMS picture, and the account's credentials: only for a URL of Twilio's own API.

    Note:
        httpx drops the Authorization header when Twilio redirects to its storage on another host.
    """
    if not providers.twilio_account_sid or not url.startswith(f"{providers.twilio_api_url}/"):
        raise MediaUnavailable("this picture is not on the configured Twilio account")
    return client.build_request("GET", url), httpx.BasicAuth(providers.twilio_account_sid, providers.twilio_auth_token)


async def _telegram_file(client: httpx.AsyncClient, providers: Providers, file_id: str) -> httpx.Request:
    """The request for a Telegram photo: `getFile` names its path, which the file URL serves."""
    if not providers.telegram_bot_token:
        raise MediaUnavailable("Telegram is not configured")
    bot = f"{providers.telegram_api_url}/bot{providers.telegram_bot_token}"
    answer = await client.post(f"{bot}/getFile", json={"file_id": file_id})
    try:
        path = answer.json()["result"]["file_path"] if answer.status_code == 200 else None
    except (ValueError, KeyError, TypeError):
        path = None
    if not path:
        raise MediaUnavailable(f"Telegram answered {answer.status_code} to getFile")
    return client.build_request("GET", f"{providers.telegram_api_url}/file/bot{providers.telegram_bot_token}/{path}")


def _content_type(response: httpx.Response, path: str) -> str:
    """The picture's type as the provider names it, else as its file name suggests (Telegram's file server
    often says only `application/octet-stream`)."""
    named = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if named in INLINE_TYPES:
        return named
    guessed = mimetypes.guess_type(path)[0]
    return guessed if guessed in INLINE_TYPES else "application/octet-stream"


async def _capped(response: httpx.Response) -> AsyncIterator[bytes]:
    """The download's bytes, stopping at `MAX_BYTES`: a larger file is cut short rather than held in memory."""
    sent = 0
    async for chunk in response.aiter_bytes():
        sent += len(chunk)
        if sent > MAX_BYTES:
            return
        yield chunk
