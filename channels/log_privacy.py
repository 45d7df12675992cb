"""Keep residents' words out of Rasa's logs, whatever the log level.

Rasa's structured log events carry message text, slot values and tracker states in known fields (at debug
level: `processor.message.parse` logs the text). Rasa passes those fields through an "anonymization
pipeline" plugin hook; One Door registers one that withholds them, so an operator who turns on `--debug` to
chase a problem does not start writing residents' messages to disk. Sender ids need no such care: on SMS and
Telegram they are already pseudonyms.
"""

from __future__ import annotations

from typing import Any

import pluggy
from rasa.plugin import plugin_manager

WITHHELD = "[withheld]"
hookimpl = pluggy.HookimplMarker("rasa")


class _WithholdEverything:
    """The pipeline object Rasa's log processor calls for each sensitive field."""

    def log_run(self, value: Any) -> str:
        return WITHHELD

    def run(self, event: dict[str, Any]) -> None:
        """Rasa also hands the pipeline each new event, for publishing anonymised events to a broker; One Door
        publishes none, so there is nothing to do (and the event must not be changed: it is the tracker's)."""


class _PrivacyPlugin:
    _pipeline = _WithholdEverything()

    @hookimpl
    def get_anonymization_pipeline(self) -> _WithholdEverything:
        return self._pipeline


_PLUGIN = _PrivacyPlugin()


def withhold_message_content() -> None:
    """Register the plugin once per process; every connector calls this when Rasa loads it."""
    manager = plugin_manager()
    if not manager.is_registered(_PLUGIN):
        manager.register(_PLUGIN)
