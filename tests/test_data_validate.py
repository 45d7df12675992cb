"""`rasa data validate` must pass, and its only warnings are the ones the README justifies."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT

UNUSED_UTTERANCE = re.compile(r"UserWarning: The utterance '(utter_\w+)' is not used in any story or rule\.")
NO_EXAMPLES = re.compile(
    r"UserWarning: The intent '(\w+)' is listed in the domain file, but is not found in the NLU training data\."
)
# A channel sends these as payloads (Telegram's shared location); residents never type them, so they have no
# NLU examples by design.
PAYLOAD_ONLY_INTENTS = {"share_location"}
# Rasa reports problems in the data as UserWarnings; library deprecation notices say nothing about it.
DATA_WARNING = re.compile(r"UserWarning: (.*)")


def test_rasa_data_validate_passes_with_only_justified_warnings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]

    # Actions dispatch responses by name; some names are constants in bot/ (the feedback question).
    actions_source = "".join(path.read_text() for folder in ("actions", "bot") for path in (ROOT / folder).glob("*.py"))
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    form_questions = {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}
    rasa_defaults = {"utter_default"}  # said by Rasa's own action_default_fallback (the core fallback)
    unused = set(UNUSED_UTTERANCE.findall(output))
    # Responses that custom actions dispatch with catalogue values, the questions Rasa's forms ask, and the
    # response of Rasa's default fallback action are by design in no rule or story.
    justified = form_questions | rasa_defaults
    assert {u for u in unused if f'"{u}"' not in actions_source and u not in justified} == set()
    assert set(NO_EXAMPLES.findall(output)) <= PAYLOAD_ONLY_INTENTS
    others = [
        text for text in DATA_WARNING.findall(output)
        if not UNUSED_UTTERANCE.search(f"UserWarning: {text}") and not NO_EXAMPLES.search(f"UserWarning: {text}")
    ]
    assert others == []
