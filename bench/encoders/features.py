"""Message features as One Door's Rasa pipeline builds them, without Rasa's graph.

Mirrors config.yml, read against Rasa 3.6's source: SpacyNLP lowercases the text (`case_sensitive: False`),
SpacyTokenizer keeps non-blank tokens with their lemmas, and each CountVectorsFeaturizer's sentence feature is
its vectorizer applied to the lemmas joined by spaces (word: `(?u)\\b\\w+\\b`; char_wb 2-4, at most 5,000
features). The sentence embeddings are multiplied by `scale` and stacked after the counts, as
LogisticRegressionClassifier's `_create_X` stacks sparse then dense features.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import spacy
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer

from bench.encoders.encoders import Encoder


class Lemmatizer:
    """Lowercased lemmas joined by spaces, from the same spaCy pipeline that Rasa loads."""

    def __init__(self, model_dir: Path) -> None:
        self._nlp = spacy.load(model_dir)

    def __call__(self, texts: Sequence[str]) -> list[str]:
        docs = self._nlp.pipe([text.lower() for text in texts])
        return [" ".join(t.lemma_.lower() for t in doc if t.text.strip()) for doc in docs]


class Featurizer:
    """Word and character counts (optional) beside scaled sentence embeddings (zero or more encoders)."""

    def __init__(self, lemmatizer: Lemmatizer | None, encoders: Sequence[Encoder], scale: float) -> None:
        self._lemmatizer = lemmatizer
        self._encoders = list(encoders)
        self._scale = scale
        self._vectorizers = [
            CountVectorizer(token_pattern=r"(?u)\b\w+\b", lowercase=True),
            CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), max_features=5000, lowercase=True),
        ]

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        """Learn the count vocabularies from the training texts and return their features."""
        if self._lemmatizer is not None:
            lemmas = self._lemmatizer(texts)
            for vectorizer in self._vectorizers:
                vectorizer.fit(lemmas)
        return self.transform(texts)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """Features of messages, one row each."""
        blocks = []
        if self._lemmatizer is not None:
            lemmas = self._lemmatizer(texts)
            blocks += [vectorizer.transform(lemmas) for vectorizer in self._vectorizers]
        blocks += [csr_matrix(encoder.encode(list(texts)) * self._scale) for encoder in self._encoders]
        return hstack(blocks, format="csr", dtype=np.float64)
