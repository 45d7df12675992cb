from __future__ import annotations

import numpy as np
import pytest

from components.minilm import MiniLMEncoder


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def test_embeddings_are_unit_vectors_of_384_dimensions(encoder: MiniLMEncoder) -> None:
    vectors = encoder.encode(["pothole on my street", "hi"])
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_paraphrases_are_closer_than_unrelated_sentences(encoder: MiniLMEncoder) -> None:
    hole, pothole, weather = encoder.encode(
        ["there's a huge hole in the road on my street", "report a pothole", "what's the weather tomorrow"]
    )
    assert hole @ pothole > hole @ weather + 0.2


def test_batching_and_padding_do_not_change_an_embedding(encoder: MiniLMEncoder) -> None:
    alone = encoder.encode(["short one"])
    batched = encoder.encode(["short one", "a much longer sentence with many more words than the first one"])
    np.testing.assert_allclose(alone[0], batched[0], atol=1e-5)
