"""`make run` starts what the README's deployment section promises: Rasa's API behind a JWT and no CORS, the
action server from `actions.server`, and no telemetry."""

from __future__ import annotations

import shlex

from tests.conftest import ROOT


def commands() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return {name: shlex.split(command) for name, command in (line.split(":", 1) for line in lines if line.strip())}


def test_rasas_api_takes_a_jwt_in_a_header_and_no_token_or_cors() -> None:
    rasa = commands()["rasa"]
    assert "--enable-api" in rasa
    assert rasa[rasa.index("--jwt-method") + 1] == "HS256"
    assert "--jwt-secret=${ONE_DOOR_RASA_JWT_SECRET}" in rasa
    assert not any(arg.startswith(("--cors", "--auth-token")) for arg in rasa)


def test_telemetry_is_off_unless_the_operator_turns_it_on() -> None:
    assert commands()["rasa"][0] == "RASA_TELEMETRY_ENABLED=${RASA_TELEMETRY_ENABLED:-false}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "export RASA_TELEMETRY_ENABLED ?= false" in makefile


def test_the_action_server_is_ours_not_rasa_sdks_open_one() -> None:
    actions = commands()["actions"]
    assert actions[:3] == ["python", "-m", "actions.server"]
    assert "--host" not in actions  # ONE_DOOR_ACTIONS_HOST, 127.0.0.1 unless set
