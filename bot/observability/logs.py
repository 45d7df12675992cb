"""JSON log lines, one object a line, with the bound request id, from Rasa's structlog events and from every
standard-library logger alike.

Both kinds end in the same `ProcessorFormatter` on the root logger's handlers: standard-library records (One
Door's `logger.info("outbox.sent channel=... id=...")` lines, Sanic's, uvicorn's) through its foreign chain,
structlog events through their own chain, which here ends by handing the event to the formatter. Nothing
is added that could carry content: the fields are the event, the level, the logger, a UTC time stamp and the
context variables (the request id, the action's name). Rasa's message-content fields are withheld before
this (channels/log_privacy.py).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog
from structlog.stdlib import ProcessorFormatter

_TIMESTAMP = structlog.processors.TimeStamper(fmt="iso", utc=True)
# Final renderers a structlog chain may end with; they are replaced by the hand-over to the formatter.
_RENDERERS = (structlog.processors.JSONRenderer, structlog.dev.ConsoleRenderer)
_DICT_TRACEBACKS = structlog.processors.dict_tracebacks
# Loggers a Sanic app may give handlers of their own (Rasa's server app does).
_OWN_HANDLERS = ("", "sanic.root", "sanic.error", "sanic.access")
_ONE_DOOR_LOGGERS = ("bot", "channels", "components")


def json_formatter() -> ProcessorFormatter:
    return ProcessorFormatter(
        foreign_pre_chain=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_log_level,
        ],
        processors=[
            structlog.stdlib.add_logger_name,  # from the record, before the record is removed
            ProcessorFormatter.remove_processors_meta,
            _TIMESTAMP,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


def configure_json_logs(level: int = logging.INFO) -> None:
    """JSON lines on standard output for a process One Door starts itself (action server, console, watcher)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_log_level,
            ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    )


def render_configured_logs_as_json() -> None:
    """In a process whose logging someone else configured (Rasa's): its structlog chain hands events to the
    root handlers' formatter instead of rendering them, and those handlers render JSON.

    Note:
        Rasa caches its loggers on first use, and they share the configured list of processors, so the list is
        changed in place (as channels/log_privacy.py does); calling this twice changes nothing more.
    """
    processors: list[Any] = structlog.get_config()["processors"]
    if ProcessorFormatter.wrap_for_formatter not in processors:
        processors[:] = [p for p in processors if not isinstance(p, _RENDERERS) and p is not _DICT_TRACEBACKS]
        processors.append(ProcessorFormatter.wrap_for_formatter)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stdout))
    # Rasa gives its own loggers its level explicitly, and the root's level does not stay put while the model
    # loads (TensorFlow's logging lowers it), so One Door's loggers get Rasa's level too.
    for name in _ONE_DOOR_LOGGERS:
        logging.getLogger(name).setLevel(logging.getLogger("rasa").getEffectiveLevel())
    formatter = json_formatter()
    for name in _OWN_HANDLERS:
        for handler in logging.getLogger(name).handlers:
            handler.setFormatter(formatter)
