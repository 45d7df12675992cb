"""Make Rasa check each action-server response against its schema with a validator built once per process.

Rasa 3.6's `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the response
*schema itself* against the JSON Schema meta-schema, then builds a new validator, on every custom action call.
Under load that was the largest single cost in One Door's Rasa process (about 30 % of its busy time, py-spy,
docs/adr/0017-throughput.md). The schema never changes, so it is checked once here and its validator is reused:
each response is still validated, and an invalid one raises the same `ValidationError`, with the same best-match
error and the same message, as before.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def response_validator() -> Validator:
    """The validator for Rasa's action-server response schema, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's `_validate_action_result`, with the prebuilt validator.

    Raises:
        ValidationError: the response does not match the schema (Rasa's own message, pointing at its docs).
    """
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action endpoint "
        f"is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def validate_action_results_once() -> None:
    """Replace Rasa's per-call schema check with `validate_action_result` in this process."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]

