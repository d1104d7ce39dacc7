"""How sure a risk figure is: bootstrap intervals over articles, alone and between two runs.

A fresh half is 20-40 articles and about a hundred predictions, and one retraining moves it by a
few of them (docs/quality.md, "Rounds 84-86"). A precision of 0.58 against 0.60 means nothing
unless the spread of such halves is known, so every figure of ``eval_risks.py`` carries a 95%
interval, and two runs over the same articles (two models, or the model and the rules alone) are
compared pair by pair: the articles are resampled together, so that what both runs find hard in
an article cancels out, and the interval is that of the difference.

The article is the unit that is resampled, not the prediction: an article's sentences share its
subject, writer and style, and its errors come together.

Usage: python bench/risk_intervals.py RUN.json [OTHER.json] [--scope held-out]
where RUN.json is what ``eval_risks.py --out`` wrote (its ``gold_articles`` part); with OTHER.json,
the difference OTHER - RUN on the articles both scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

RESAMPLES = 2000
SEED = 0
# (numerator, denominator) of each rate, in an article's counts of one kind
RATES = {"precision": ("right", "predicted"), "recall": ("found", "gold")}


def _resampled(counts: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """sum(numerators) / sum(denominators) of each resample (a row of article indexes)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(counts[draws, 0].sum(axis=1) / counts[draws, 1].sum(axis=1))


def _draws(articles: int, resamples: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, articles, size=(resamples, articles))


def interval(pairs: Sequence[tuple[int, int]], resamples: int = RESAMPLES,
             seed: int = SEED) -> tuple[float, float] | None:
    """The 95% percentile interval of sum(numerators) / sum(denominators) when the articles are
    drawn again with replacement; None when no article has a denominator."""
    counts = np.array(pairs, dtype=float).reshape(-1, 2)
    if counts[:, 1].sum() == 0:
        return None
    lo, hi = np.nanpercentile(_resampled(counts, _draws(len(counts), resamples, seed)), [2.5, 97.5])
    return round(float(lo), 3), round(float(hi), 3)


def paired_difference(first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]],
                      resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any] | None:
    """second's rate minus first's, with its 95% interval, the articles (same order in both)
    resampled together; None when either run has no denominator."""
    if len(first) != len(second):
        raise ValueError(f"paired runs must cover the same articles ({len(first)} and {len(second)})")
    a = np.array(first, dtype=float).reshape(-1, 2)
    b = np.array(second, dtype=float).reshape(-1, 2)
    if a[:, 1].sum() == 0 or b[:, 1].sum() == 0:
        return None
    draws = _draws(len(a), resamples, seed)
    lo, hi = np.nanpercentile(_resampled(b, draws) - _resampled(a, draws), [2.5, 97.5])
    point = b[:, 0].sum() / b[:, 1].sum() - a[:, 0].sum() / a[:, 1].sum()
    return {"difference": round(float(point), 3), "low": round(float(lo), 3), "high": round(float(hi), 3)}


def pairs(articles: dict[str, Any], keys: Sequence[str], kind: str, rate: str) -> list[tuple[int, int]]:
    num, den = RATES[rate]
    return [(articles[k][kind][num], articles[k][kind][den]) for k in keys]


def in_scope(entry: dict[str, Any], scope: str) -> bool:
    """The scopes of eval_risks' table: "all", a half, "half:set" or "half:round N"."""
    if scope == "all":
        return True
    half, _, rest = scope.partition(":")
    if entry["half"] != half:
        return False
    return not rest or rest in (entry["set"], f"round {entry['round']}")


def load(path: Path) -> dict[str, Any]:
    try:
        articles = json.loads(path.read_text(encoding="utf-8"))["gold_articles"]
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f"risk_intervals: {path}: not an eval_risks.py --out file "
                         f"with a gold part ({error})") from None
    return dict(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("run", type=Path, help="eval_risks.py --out of the run to read")
    parser.add_argument("other", type=Path, nargs="?", help="a second run on the same articles")
    parser.add_argument("--scope", default="all", help='"all", "held-out", "tuning:t17", "tuning:round 84"')
    parser.add_argument("--kind", default="risk", choices=("risk", "assessment"))
    args = parser.parse_args(argv)
    run = load(args.run)
    keys = sorted(k for k, e in run.items() if in_scope(e, args.scope))
    if args.other is not None:
        other = load(args.other)
        keys = [k for k in keys if k in other]
    if not keys:
        print(f"risk_intervals: no article of {args.run} in scope {args.scope!r}", file=sys.stderr)
        return 2
    print(f"{args.kind}, {len(keys)} articles in scope {args.scope!r}; 95% intervals, "
          f"{RESAMPLES} resamples of the articles")
    for rate in RATES:
        first = pairs(run, keys, args.kind, rate)
        line = f"  {rate:<10} {args.run.name}: {_rate(first)}"
        if args.other is not None:
            second = pairs(other, keys, args.kind, rate)
            diff = paired_difference(first, second)
            line += f"   {args.other.name}: {_rate(second)}   difference: " + (
                f"{diff['difference']:+.3f} ({diff['low']:+.3f} to {diff['high']:+.3f})" if diff else "-")
        print(line)
    return 0


def _rate(counts: Sequence[tuple[int, int]]) -> str:
    """"0.581 (126/217; 0.500-0.657)": the rate, its counts and its 95% interval."""
    num, den = sum(p[0] for p in counts), sum(p[1] for p in counts)
    span = interval(counts)
    return f"{num / den:.3f} ({num}/{den}; {span[0]:.3f}-{span[1]:.3f})" if den and span else "-"


if __name__ == "__main__":
    raise SystemExit(main())
