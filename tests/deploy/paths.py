"""What the deploy tests hold every proxy to: the residents' public paths (README, "Deploying behind a reverse
proxy") and paths that must never be public."""

from __future__ import annotations

# Exact paths, and prefixes (ending in "/"), that the public proxy passes to Rasa.
PUBLIC_EXACT = frozenset({
    "/webhooks/webchat/chat",
    "/webhooks/webchat/history",
    "/webhooks/sms/webhook",
    "/webhooks/telegram/webhook",
})
PUBLIC_PREFIXES = frozenset({"/webhooks/webchat/static/", "/socket.io/"})

# A sample of each: what the public proxy must pass on.
PUBLIC_SAMPLES = (*sorted(PUBLIC_EXACT), "/webhooks/webchat/static/widget.js", "/socket.io/?EIO=4&transport=polling")

# Rasa's API, its health checks and metrics, the action server's and console's endpoints, the REST channel.
NEVER_PUBLIC = (
    "/",
    "/version",
    "/status",
    "/model",
    "/conversations/abc/tracker",
    "/webhooks/ops/live",
    "/webhooks/ops/ready",
    "/webhooks/ops/metrics",
    "/webhooks/sms/",
    "/webhooks/telegram/",
    "/webhooks/webchat/",
    "/webhooks/rest/webhook",
    "/metrics",
    "/ready",
    "/live",
    "/webhook",
    "/handoffs",
    "/sign-in",
    "/webhooks/webchat/chatter",
    "/socket.iox",
)
