"""Rasa input and output channels (connectors): thin adapters between each channel and the assistant."""
