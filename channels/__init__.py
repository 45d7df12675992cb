"""Rasa connectors for the channels residents write on.

Importing any of them (Rasa does, when it reads credentials.yml) first makes Rasa's own logs withhold message
content, so no connector can forget to, and makes Rasa validate action-server responses with a validator built
once instead of once per call (channels/action_results.py).
"""

from channels.action_results import validate_action_results_once
from channels.log_privacy import withhold_message_content

withhold_message_content()
validate_action_results_once()
