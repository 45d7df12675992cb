"""Run the action server (rasa-sdk's own app) so that it answers only Rasa: `python -m actions.server`.

rasa-sdk 3.6 checks no credential and binds every interface; anyone who reaches it could post a forged tracker
and file cases or open handoffs. Here it binds 127.0.0.1 unless `ONE_DOOR_ACTIONS_HOST` says otherwise, and
every call but the health, liveness, readiness and metrics checks must carry `Authorization: Bearer
<ONE_DOOR_ACTION_SECRET>`, which endpoints.yml makes Rasa send. Logs are JSON lines (actions/ops.py binds each
call's request id).
"""

from __future__ import annotations

import argparse
import logging
import sys

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.ops import LIVE, METRICS, READY, add_ops_routes, trace_action_calls
from bot import migrate
from bot.bearer import carries
from bot.observability.logs import configure_json_logs
from bot.settings import get_settings

logger = logging.getLogger(__name__)

# `/metrics` checks its own token (ONE_DOOR_METRICS_TOKEN) when one is set.
OPEN_PATHS = frozenset({"/health", READY, METRICS})


def create_action_app(secret: str) -> Sanic:
    """rasa-sdk's app with the actions of the `actions` package, refusing calls without the shared secret.

    Raises:
        ValueError: the secret is empty, which would let anyone in.
    """
    if not secret:
        raise ValueError("ONE_DOOR_ACTION_SECRET must be set: the action server answers only calls that carry it")
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def authenticate(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or carries(request.headers.get("Authorization"), secret):
            return None
        # A probe may ask whether the server lives without credentials; a caller presenting a secret (Rasa's
        # readiness) must present the right one, so that a wrong secret shows before residents' messages fail.
        if request.path == LIVE and "Authorization" not in request.headers:
            return None
        logger.warning("actions.call.rejected reason=bad_secret")
        return response.json({"error": "not authenticated"}, status=401, headers={"WWW-Authenticate": "Bearer"})

    trace_action_calls(app)
    add_ops_routes(app, get_settings())
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    settings = get_settings()
    parser.add_argument("--host", default=settings.actions_host, help="interface to bind (ONE_DOOR_ACTIONS_HOST)")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    configure_json_logs(logging.INFO)
    try:
        app = create_action_app(settings.action_secret.get_secret_value())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    migrate.exit_unless_current(settings.database_url)
    logger.info("actions.server.started host=%s port=%s", args.host, args.port)
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
