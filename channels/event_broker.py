"""Rasa's event broker: every conversation event to RabbitMQ when ONE_DOOR_EVENT_BROKER_URL is set, else none.

endpoints.yml cannot say "a broker if configured", so it names `ConfiguredEventBroker`, whose factory gives Rasa its
pika broker, publishing to ONE_DOOR_EVENT_BROKER_QUEUE, or no broker at all. The user name and password are taken
out of the URL and handed over apart, because Rasa logs the host it connects to.
"""

from __future__ import annotations

import logging
from asyncio import AbstractEventLoop
from urllib.parse import unquote, urlsplit

from rasa.core.brokers.broker import EventBroker
from rasa.core.brokers.pika import PikaEventBroker
from rasa.utils.endpoints import EndpointConfig

from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)
AMQP_PORT = 5672


def pika_config(url: str, queue: str) -> EndpointConfig:
    """Rasa's pika endpoint for an `amqp://user:password@host:port/vhost` URL, credentials apart from the host."""
    parts = urlsplit(url)
    port = parts.port or AMQP_PORT
    host = f"{parts.scheme}://{parts.hostname}:{port}{parts.path}"
    return EndpointConfig(
        url=host, username=unquote(parts.username or "guest"), password=unquote(parts.password or "guest"),
        port=port, queues=[queue],
    )


class ConfiguredEventBroker(EventBroker):
    """Not a broker itself: the factory endpoints.yml names, which gives Rasa the configured broker or None."""

    @classmethod
    async def from_endpoint_config(
        cls, broker_config: EndpointConfig | None = None, event_loop: AbstractEventLoop | None = None,
        settings: Settings | None = None,
    ) -> PikaEventBroker | None:
        settings = settings or get_settings()
        url = settings.event_broker_url.get_secret_value()
        if not url:
            return None
        config = pika_config(url, settings.event_broker_queue)
        logger.info("event_broker.ready host=%s queue=%s", config.url, settings.event_broker_queue)
        return await PikaEventBroker.from_endpoint_config(config, event_loop)
