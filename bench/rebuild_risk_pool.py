"""Rebuild the out-of-fold pool that bench/train_risk_model.py --reuse reads, from git history.

Usage: python bench/rebuild_risk_pool.py [--data DIR] [--work DIR] [--fold-from N]

The training script fits its combination and chooses its threshold on probabilities that no encoder
trained on a sentence's round gave it. Running a fold model per round takes hours, so those
probabilities are kept in ``--work`` between runs; they hold article text, so they stay outside the
repository, and a new machine starts without them. This script makes them again without training:
each tuning round from ``--fold-from`` on is scored by the newest risk model committed to git that
was not trained on it (the model shipped while the round was held out, or an older one). Those
models are weaker than fold models trained on every other round, the early ones most, so a pool
rebuilt this way reads lower than a trained one (docs/quality.md, "The out-of-fold pool rebuilt").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from train_risk_model import Row, sentences  # noqa: E402

from briefing.plugins.analysis.extract.risk_model import RiskModel  # noqa: E402

MODEL = "briefing/plugins/analysis/extract/risk_model"


def git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, check=True).stdout


def committed_models(store: Path) -> list[tuple[str, set[int]]]:
    """Every committed model, newest first, as (commit, the rounds it was trained on), its files
    written to ``store``. Only their encoders are read: the pool holds the encoder's probabilities."""
    models = []
    for commit in git("log", "--format=%h", "--", f"{MODEL}.json").decode().split():
        meta: dict[str, Any] = json.loads(git("show", f"{commit}:{MODEL}.json"))
        (store / f"{commit}.json").write_text(json.dumps(meta), encoding="utf-8")
        (store / f"{commit}.npz").write_bytes(git("show", f"{commit}:{MODEL}.npz"))
        models.append((commit, set(meta.get("trained_on", {}).get("rounds") or [])))
    return models


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-risk-model"))
    parser.add_argument("--fold-from", type=int, default=7)
    args = parser.parse_args()
    store = args.work / "committed"
    store.mkdir(parents=True, exist_ok=True)
    models = committed_models(store)
    rows: list[Row] = sentences(args.data)
    by_round: dict[int, list[Row]] = {}
    for row in rows:
        if row.round >= args.fold_from:
            by_round.setdefault(row.round, []).append(row)
    pool, scored_by = {}, {}
    loaded: tuple[str, RiskModel] | None = None  # consecutive rounds mostly share a model: load it once
    for held, held_rows in sorted(by_round.items()):
        commit = next((c for c, trained in models if trained and held not in trained), None)
        if commit is None:
            raise SystemExit(f"round {held}: every committed model was trained on it")
        if loaded is None or loaded[0] != commit:
            loaded = commit, RiskModel.load(store / f"{commit}.npz", store / f"{commit}.json", ngrams=None)
        model = loaded[1]
        for row, p in zip(held_rows, model.probabilities([r.text for r in held_rows]), strict=True):
            pool[f"{row.key}\t{row.text}"] = float(p)
        scored_by[held] = commit
        print(f"round {held}: {len(held_rows)} sentences by the model of {commit}", file=sys.stderr)
    (args.work / "out_of_fold.json").write_text(json.dumps(pool) + "\n", encoding="utf-8")
    (args.work / "pool_scored_by.json").write_text(json.dumps(scored_by, indent=1) + "\n", encoding="utf-8")
    print(f"{len(pool)} sentences written to {args.work / 'out_of_fold.json'}; now "
          f"python bench/train_risk_model.py --reuse --work {args.work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
