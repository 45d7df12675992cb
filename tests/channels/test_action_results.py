"""Rasa validates every action-server response with One Door's prebuilt validator exactly as with its own check."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import channels  # noqa: F401  (installs the validator, as Rasa's loading of credentials.yml does)
from channels.action_results import response_validator, validate_action_result

VALID = [
    {"events": [{"event": "slot", "name": "case_location", "value": "12 Example Road"}], "responses": []},
    {"events": [], "responses": [{"response": "utter_greet"}, {"text": "Hello", "buttons": []}]},
    {},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [5]},
    {"events": [{"event": 5}]},
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},
]


def rasas_own_check(result: dict[str, Any]) -> str | None:
    """What Rasa 3.6's `jsonschema.validate` call says about `result`: None, or the error message."""
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as error:
        return error.message
    return None


def action() -> RemoteAction:
    return RemoteAction("action_answer_service", EndpointConfig("http://127.0.0.1:9/webhook"))


def test_loading_the_connectors_installs_the_prebuilt_validator() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("result", VALID)
def test_a_valid_response_passes_as_it_does_in_rasa(result: dict[str, Any]) -> None:
    assert rasas_own_check(result) is None
    assert action()._validate_action_result(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_response_raises_rasas_own_error(result: dict[str, Any]) -> None:
    expected = rasas_own_check(result)
    assert expected is not None
    with pytest.raises(jsonschema.ValidationError) as raised:
        action()._validate_action_result(result)
    assert raised.value.message.startswith(expected + ". Failed to validate Action server response from API")
    assert raised.value.message.endswith("/custom-actions")


def test_the_validator_is_built_once() -> None:
    assert response_validator() is response_validator()
