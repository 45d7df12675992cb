"""The MiniLM featurizer in Rasa's terms: which messages get a sentence feature, and its scale."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.sentence_featurizer import MiniLMSentenceFeaturizer


@pytest.fixture(scope="module")
def featurizer() -> MiniLMSentenceFeaturizer:
    config = {**MiniLMSentenceFeaturizer.get_default_config(), "scale": 5.0}
    return MiniLMSentenceFeaturizer(config, "minilm")


def test_a_message_gets_one_sentence_feature_at_the_configured_scale(featurizer: MiniLMSentenceFeaturizer) -> None:
    (message,) = featurizer.process([Message(data={TEXT: "report a pothole"})])
    (feature,) = message.features
    assert (feature.type, feature.attribute, feature.features.shape) == (FEATURE_TYPE_SENTENCE, TEXT, (1, 384))
    np.testing.assert_allclose(np.linalg.norm(feature.features), 5.0, rtol=1e-5)


def test_an_empty_message_gets_no_feature(featurizer: MiniLMSentenceFeaturizer) -> None:
    empty, spoken = featurizer.process([Message(data={TEXT: ""}), Message(data={TEXT: "hi"})])
    assert empty.features == []
    assert len(spoken.features) == 1


def test_the_packages_rasa_checks_before_training_are_installed() -> None:
    from rasa.utils.common import find_unavailable_packages

    assert find_unavailable_packages(MiniLMSentenceFeaturizer.required_packages()) == set()
