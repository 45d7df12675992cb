"""The int8 ONNX encoder production runs, checked against the float32 numpy pass over the original weights."""

from __future__ import annotations

import numpy as np
import pytest

from bench.encoders.minilm_numpy import NumpyMiniLMEncoder
from components.minilm import MAX_TOKENS, MiniLMEncoder, bundled_tokenizer

# Varied on purpose: requests, greetings, typos, shouting, numbers and references, another language, emoji,
# punctuation only, one word, and sentences long enough to fill several batches' worth of padding.
SENTENCES = [
    "there's a huge pothole on Elm Street and it's getting worse",
    "hi",
    "hello there!",
    "yes",
    "no thanks",
    "how do I pay my water bill",
    "my trash wasn't picked up this week",
    "a streetlight is out at the corner of 5th and Main",
    "can I get a permit to build a fence",
    "someone dumped a mattress in the alley behind my house",
    "WHY IS NOBODY FIXING THE ROAD",
    "i need help with my property tax asesment",
    "whats the status of case OD-2026-00042",
    "the park bathrooms are locked again",
    "I want to talk to a real person",
    "there is a dead raccoon in the middle of the road",
    "noise complaint: loud music every night after midnight",
    "my neighbour's tree fell on the fence during the storm",
    "where can I recycle old batteries and paint",
    "is the library open on Sunday",
    "how much is a parking ticket if I pay late",
    "the bus stop shelter glass is smashed",
    "graffiti on the bridge over the river",
    "¿dónde puedo pagar mi factura de agua?",
    "a dog has been barking for hours and nobody is home",
    "🚧 road closed with no detour signs 🚧",
    "???",
    "ok",
    "thanks, that was helpful",
    "I smell gas near the school",
    "my basement flooded after the water main broke",
    "renew my dog licence",
    "how do I register to vote in the city election",
    "the sidewalk is cracked and an elderly neighbour tripped",
    "can you send someone to look at the traffic signal at 3rd ave, it's stuck on red",
    "report abandoned car parked for 2 weeks license plate ABC 1234",
    "snow hasn't been plowed on our street since Tuesday",
    "I'd like to apply for a job with the city",
    "what are the hours for the recycling center on Saturdays",
    "potholee",
    "lorem ipsum dolor sit amet",
    "asdfghjkl",
    "rats in the building next door, the landlord won't do anything",
    "who do I call about a broken fire hydrant leaking water everywhere",
    "is there a curfew for the fireworks on the 4th of July",
    "I lost my wallet on the bus, is there a lost and found",
    "my council tax bill is wrong, I was charged twice for march",
    "I feel unsafe at home and don't know where to go",
    "streetlight flickering on and off all night outside number 14, it's been like this for a month and "
    "nobody has come out even though I reported it twice already",
    "please stop messaging me",
]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


@pytest.fixture(scope="module")
def reference() -> NumpyMiniLMEncoder:
    return NumpyMiniLMEncoder()


def test_int8_embeddings_agree_with_the_float32_reference(
    encoder: MiniLMEncoder, reference: NumpyMiniLMEncoder
) -> None:
    cosines = (encoder.encode(SENTENCES) * reference.encode(SENTENCES)).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.99, f"{SENTENCES[worst]!r}: cosine {cosines[worst]:.4f}"


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


def test_empty_text_is_a_unit_vector_that_agrees_with_the_reference(
    encoder: MiniLMEncoder, reference: NumpyMiniLMEncoder
) -> None:
    (empty,) = encoder.encode([""])
    np.testing.assert_allclose(np.linalg.norm(empty), 1.0, rtol=1e-5)
    assert empty @ reference.encode([""])[0] >= 0.99


def test_no_sentences_give_no_rows(encoder: MiniLMEncoder) -> None:
    assert encoder.encode([]).shape == (0, 384)


def test_long_text_is_cut_at_the_models_maximum_length(encoder: MiniLMEncoder) -> None:
    opening = " ".join(["the drain on my street is blocked"] * 40)  # 280 words: past 128 tokens
    water, noise = encoder.encode([opening + " and water is everywhere", opening + " and the noise is awful"])
    assert len(bundled_tokenizer().encode(opening).ids) == MAX_TOKENS
    np.testing.assert_allclose(water, noise, atol=1e-6)


def test_text_past_the_position_table_still_encodes(encoder: MiniLMEncoder) -> None:
    (vector,) = encoder.encode(["pothole " * 2000])  # far past BERT's 512 positions
    assert np.isfinite(vector).all()
    np.testing.assert_allclose(np.linalg.norm(vector), 1.0, rtol=1e-5)
