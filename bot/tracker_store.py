"""Rasa's SQL tracker store, as One Door reads it (reports) and prunes it (retention).

The columns are those of Rasa 3.6's `SQLTrackerStore.SQLEvent` (rasa/core/tracker_store.py), declared here
because `bot/` does not import Rasa.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
