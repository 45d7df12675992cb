"""Rasa connectors for the channels residents write on.

Importing any of them (Rasa does, when it reads credentials.yml) first makes Rasa's own logs withhold message
content, so no connector can forget to.
"""

from channels.log_privacy import withhold_message_content

withhold_message_content()
