"""Retention: how long each table keeps what (`purge`), and deleting one resident's data on request (`forget`).

The rule for every table is in docs/retention.md; `bot/retention/purge.py` enforces it and
`bot/retention/forget.py` removes one conversation's traces everywhere.
"""
