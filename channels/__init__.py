"""Rasa connectors for the channels residents write on.

Importing any of them (Rasa does, when it reads credentials.yml) first makes Rasa's own logs withhold message
content, so no connector can forget to, and makes Rasa validate action-server responses with a validator built
once instead of once per call (channels/action_results.py), and makes an unreachable action server answered by a
notice instead of silence (channels/action_outage.py), and a conversation store that cannot be reached fail the
message instead of keeping it in memory (channels/tracker_store.py).
"""

from channels.action_outage import apologise_when_actions_are_unreachable
from channels.action_results import validate_action_results_once
from channels.log_privacy import withhold_message_content
from channels.tracker_store import no_fallback_to_memory

withhold_message_content()
validate_action_results_once()
apologise_when_actions_are_unreachable()
no_fallback_to_memory()
