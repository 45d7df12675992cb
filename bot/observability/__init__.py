"""What operators watch One Door by: request ids and JSON logs, Prometheus metrics, and readiness checks.

Plain Python (structlog, prometheus-client, SQLAlchemy, redis); each process's HTTP adapter (the `ops`
connector in Rasa, the action server, the console) serves them (docs/adr/0019-observability.md).
"""
