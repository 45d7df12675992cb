"""rasa-sdk custom actions: thin adapters between Rasa's trackers and the `bot` domain."""
