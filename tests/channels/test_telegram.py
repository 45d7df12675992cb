"""The `telegram` connector's webhook over real HTTP, served by Sanic as Rasa serves it, with a real database
and the fake Bot API, but a recorder in Rasa's place."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import requests
from pydantic import SecretStr
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot import migrate
from bot.attachments import AttachmentKind, AttachmentRecord
from bot.db import Database, make_engine
from bot.messaging.notices import Notice, render
from bot.settings import Settings
from channels.messaging import OutboxOutput
from channels.telegram import TelegramInput
from scripts.assistant import free_port
from tests.fakes.disclosure import disclosed
from tests.fakes.telegram import FakeTelegram, TelegramResident

SECRET = "test-secret_0123456789"
CITY = "City of Harborview"


class Recorder:
    """Stands in for Rasa: keeps the messages the channel hands over."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)

    @property
    def texts(self) -> list[str]:
        return [str(message.text) for message in self.messages]


@dataclass
class Served:
    telegram: FakeTelegram
    channel: TelegramInput
    rasa: Recorder
    database: Database
    base_url: str

    def resident(self, **kwargs: object) -> TelegramResident:
        return TelegramResident(self.telegram, f"{self.base_url}/webhook", SECRET, **kwargs)  # type: ignore[arg-type]


def settings_for(tmp_path: Path, telegram: FakeTelegram | None, secret: str = SECRET) -> Settings:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    return Settings(
        database_url=url, pseudonym_key=SecretStr("test key"), outbox_retry_seconds=0.1, outbox_poll_seconds=0.1,
        provider_timeout_seconds=1.0,
        **({
            "telegram_bot_token": SecretStr(telegram.token), "telegram_secret_token": SecretStr(secret),
            "telegram_api_url": telegram.url,
        } if telegram else {}),
    )


@pytest.fixture(autouse=True)
def several_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic rewrites its own methods when an app starts, once per process unless in test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


async def serve(channel: TelegramInput, rasa: Recorder) -> tuple[str, object]:
    """Serve the channel's blueprint as Rasa does, listeners (the delivery loop) included."""
    app = Sanic(f"telegram-test-{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/telegram")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    return f"http://127.0.0.1:{port}/webhooks/telegram", server


async def stop(server: object) -> None:
    await server.before_stop()  # type: ignore[attr-defined]
    server.close()  # type: ignore[attr-defined]
    await server.wait_closed()  # type: ignore[attr-defined]
    await server.after_stop()  # type: ignore[attr-defined]


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    with FakeTelegram() as telegram:
        settings = settings_for(tmp_path, telegram)
        channel = TelegramInput(settings)
        rasa = Recorder()
        base_url, server = await serve(channel, rasa)
        try:
            yield Served(telegram, channel, rasa, Database(make_engine(settings.database_url)), base_url)
        finally:
            await stop(server)


async def post(resident: TelegramResident, update: dict[str, object] | bytes, **kwargs: object) -> requests.Response:
    """Post as the resident's Telegram does, without blocking the server's loop (it runs in this process)."""
    return await asyncio.to_thread(resident.post, update, **kwargs)  # type: ignore[arg-type]


async def replies(served: Served, resident: TelegramResident, count: int) -> list[str]:
    sent = await asyncio.to_thread(served.telegram.wait_for, resident.chat_id, count, 10.0)
    return [call.text for call in sent]


def notice(kind: Notice) -> str:
    return render(kind, CITY)


async def test_a_missing_or_wrong_secret_is_refused_before_anything_is_read(served: Served) -> None:
    resident = served.resident()
    update = resident.message_update(text="hello")
    assert (await post(resident, update, secret=None)).status_code == 403
    assert (await post(resident, update, secret="not-the-secret")).status_code == 403
    assert (await post(resident, b"{not json", secret="not-the-secret")).status_code == 403
    await asyncio.sleep(0.3)
    assert served.rasa.messages == [] and served.telegram.calls() == []


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe", b"[]", b'{"message": {"text": "hi"}}', b'{"update_id": 1, "message": "hi"}'],
    ids=["malformed", "not utf-8", "list", "no update id", "not a message"],
)
async def test_what_is_not_an_update_gets_400(served: Served, body: bytes) -> None:
    response = await post(served.resident(), body)
    assert response.status_code == 400
    assert served.rasa.messages == []


async def test_text_reaches_the_assistant_under_a_pseudonym_and_the_reply_reaches_the_chat(served: Served) -> None:
    resident = served.resident()
    response = await post(resident, resident.message_update(text="my bin was not emptied"))
    assert response.status_code == 200
    [message] = served.rasa.messages
    assert (message.text, message.input_channel) == ("my bin was not emptied", "telegram")
    assert message.sender_id.startswith("telegram-") and str(resident.chat_id) not in message.sender_id
    await message.output_channel.send_response(message.sender_id, {"text": "Sorry to hear that."})
    assert await replies(served, resident, 1) == [disclosed("telegram", "Sorry to hear that.")]


async def test_start_greets_and_a_typed_payload_stays_words(served: Served) -> None:
    resident = served.resident()
    await post(resident, resident.message_update(text="/start"))
    await post(resident, resident.message_update(text='/share_location{"geo": "0, 0"}'))
    assert served.rasa.texts == ["/greet", 'share_location{"geo": "0, 0"}']


async def test_a_repeated_update_is_handled_once(served: Served) -> None:
    resident = served.resident()
    update = resident.message_update(text="pothole on Main St")
    assert (await post(resident, update)).status_code == 200
    assert (await post(resident, update)).status_code == 200
    assert served.rasa.texts == ["pothole on Main St"]


async def test_a_shared_location_is_sent_as_the_location_payload(served: Served) -> None:
    resident = served.resident()
    await post(resident, resident.message_update(location={"latitude": 42.3601, "longitude": -71.0589}))
    assert served.rasa.texts == ['/share_location{"geo": "42.36010, -71.05890"}']


async def test_a_photo_alone_is_kept_for_the_case_without_asking_the_assistant(served: Served) -> None:
    resident = served.resident()
    await asyncio.to_thread(resident.send_photo, "AgADphoto")
    assert served.rasa.messages == []
    assert await replies(served, resident, 1) == [disclosed("telegram", notice(Notice.PHOTO_KEPT))]
    with served.database.transaction() as session:
        [kept] = session.query(AttachmentRecord).all()
        assert (kept.kind, kept.value, kept.channel, kept.case_id) == (
            AttachmentKind.PHOTO, "telegram-file:AgADphoto-1280", "telegram", None
        )
        assert kept.conversation_id.startswith("telegram-")


async def test_a_photo_with_a_caption_is_kept_and_the_caption_read(served: Served) -> None:
    resident = served.resident()
    await asyncio.to_thread(resident.send_photo, "AgADphoto", "pothole outside no. 12")
    assert served.rasa.texts == ["pothole outside no. 12"]
    with served.database.transaction() as session:
        assert session.query(AttachmentRecord).count() == 1


@pytest.mark.parametrize("send", ["send_voice", "send_sticker"])
async def test_voice_and_stickers_get_a_polite_answer(served: Served, send: str) -> None:
    resident = served.resident()
    await asyncio.to_thread(getattr(resident, send))
    assert served.rasa.messages == []
    assert await replies(served, resident, 1) == [disclosed("telegram", notice(Notice.UNSUPPORTED_CONTENT))]


async def test_a_group_gets_the_one_resident_at_a_time_notice_and_the_assistant_nothing(served: Served) -> None:
    resident = served.resident()
    group = {"id": -1001234567890, "type": "supergroup", "title": "Neighbours"}
    update = resident.message_update(text="hello bot")
    update["message"]["chat"] = group  # type: ignore[index]
    assert (await post(resident, update)).status_code == 200
    assert served.rasa.messages == []
    assert await replies(served, TelegramResident(served.telegram, "", SECRET, chat_id=group["id"]), 1) == [
        disclosed("telegram", notice(Notice.PRIVATE_CHATS_ONLY))
    ]


async def test_an_edited_message_is_acknowledged_and_ignored(served: Served) -> None:
    resident = served.resident()
    edited = {"update_id": 9, "edited_message": resident.message_update(text="edited")["message"]}
    assert (await post(resident, edited)).status_code == 200
    assert served.rasa.messages == []


async def ask_with_buttons(served: Served, resident: TelegramResident) -> tuple[UserMessage, object]:
    """The resident writes, and the assistant answers with the confirmation buttons."""
    await post(resident, resident.message_update(text="pothole"))
    message = served.rasa.messages[-1]
    buttons = [{"title": "Yes, send it", "payload": "/affirm"}, {"title": "No, start again", "payload": "/deny"}]
    await message.output_channel.send_response(message.sender_id, {"text": "Is that right?", "buttons": buttons})
    await replies(served, resident, 1)
    return message, resident.reply_containing("Is that right?")


async def test_a_tapped_button_is_answered_and_its_payload_handled(served: Served) -> None:
    resident = served.resident()
    _, confirm = await ask_with_buttons(served, resident)
    assert (await post(resident, resident.button_update(confirm, "Yes, send it"))).status_code == 200  # type: ignore[arg-type]
    assert served.rasa.texts == ["pothole", "/affirm"]
    [answered] = await asyncio.to_thread(served.telegram.wait_for_calls, "answerCallbackQuery", 1, 10.0)
    assert answered.params["callback_query_id"]


async def test_a_button_answer_that_hangs_does_not_hold_up_the_reply(served: Served) -> None:
    resident = served.resident()
    _, confirm = await ask_with_buttons(served, resident)
    served.telegram.hang(seconds=5, times=1)
    started = time.monotonic()
    assert (await post(resident, resident.button_update(confirm, "No, start again"))).status_code == 200  # type: ignore[arg-type]
    assert time.monotonic() - started < 1.0
    assert served.rasa.texts == ["pothole", "/deny"]


async def test_a_resident_who_blocked_the_bot_is_opted_out_until_they_write_again(served: Served) -> None:
    resident = served.resident()
    await post(resident, resident.message_update(text="hello"))
    [message] = served.rasa.messages
    served.telegram.block(resident.chat_id)
    await message.output_channel.send_response(message.sender_id, {"text": "first"})
    contacts = served.channel._runtime.contacts  # type: ignore[union-attr]
    deadline = time.monotonic() + 10
    while not await asyncio.to_thread(contacts.is_opted_out, message.sender_id):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    await post(resident, resident.message_update(text="I unblocked you"))
    assert not await asyncio.to_thread(contacts.is_opted_out, message.sender_id)


async def test_staff_replies_reach_any_known_resident_through_the_output_channel(served: Served) -> None:
    resident = served.resident()
    await post(resident, resident.message_update(text="person please"))
    sender_id = served.rasa.messages[0].sender_id
    output = served.channel.get_output_channel()
    assert isinstance(output, OutboxOutput)
    await output.send_response(sender_id, {"text": "Hello, this is Pat at 311."})
    assert await replies(served, resident, 1) == [disclosed("telegram", "Hello, this is Pat at 311.")]


async def test_without_credentials_the_webhook_answers_503_and_the_server_still_runs(tmp_path: Path) -> None:
    channel = TelegramInput(settings_for(tmp_path, None))
    assert channel.get_output_channel() is None
    base_url, server = await serve(channel, Recorder())
    try:
        async with httpx.AsyncClient() as client:
            refused = await client.post(f"{base_url}/webhook", json={"update_id": 1})
            health = await client.get(f"{base_url}/")
    finally:
        await stop(server)
    assert refused.status_code == 503
    assert "ONE_DOOR_TELEGRAM_BOT_TOKEN" in refused.json()["error"]
    assert health.json() == {"status": "not configured"}


def test_a_token_without_a_secret_turns_telegram_off_with_what_is_missing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    settings = settings_for(tmp_path, None).copy(update={"telegram_bot_token": SecretStr("1:x")})
    assert TelegramInput(settings).get_output_channel() is None
    assert caplog.messages[-1] == "telegram.disabled reason=half_configured missing=ONE_DOOR_TELEGRAM_SECRET_TOKEN"
