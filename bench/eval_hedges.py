"""How well the estimative cues (yardstick phrases, hedges, evidentials) find uncertain sentences.

Data: ``hedge/train.csv`` under ``--data`` (default ../shared/data from the repository root): the
CoNLL-2010 shared task's Wikipedia sentences labelled certain (0) or uncertain (1) (Farkas et al.
2010; a third party's CSV conversion, see its README). A sentence is predicted uncertain when
the estimative module finds a yardstick phrase, a hedge or an evidential cue in it (what the risk
extractor reads as an estimate). Scores are precision, recall
and F1 of the uncertain class (the Task 1 metric), for each cue family and together.

The cue list was written for news risk statements (probability words), not for Wikipedia's
"weasel" cues ("some experts believe", "it is thought", "reportedly"), so recall is expected to
be modest; precision says how often a cue we report is a real marker of uncertainty.

    .venv/bin/python bench/eval_hedges.py [--data DIR] [--limit N] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.plugins.analysis.extract.estimative import evidentials, hedges, yardstick_estimates  # noqa: E402

DETECTORS = {
    "yardstick": lambda text: bool(yardstick_estimates(text)),
    "hedge": lambda text: bool(hedges(text)),
    "evidential": lambda text: bool(evidentials(text)),
    "any": lambda text: bool(yardstick_estimates(text) or hedges(text) or evidentials(text)),
}


def load(data: Path, limit: int) -> list[tuple[str, int]]:
    path = data / "hedge" / "train.csv"
    if not path.is_file():
        raise SystemExit(f"eval_hedges: data file not found: {path} (pass --data DIR)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(row["text"].strip(), int(row["label"])) for row in csv.DictReader(handle)]
    return rows[:limit] if limit else rows


def scores(rows: list[tuple[str, int]], detect: object) -> dict[str, float]:
    assert callable(detect)
    tp = fp = fn = 0
    for text, label in rows:
        predicted = detect(text)
        tp += predicted and label == 1
        fp += predicted and label == 0
        fn += (not predicted) and label == 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 1), "recall": round(100 * recall, 1),
            "f1": round(100 * f1, 1), "predicted": tp + fp}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "eval_hedges.json")
    args = parser.parse_args(argv)
    rows = load(args.data, args.limit)
    uncertain = sum(label for _, label in rows)
    table = {name: scores(rows, detect) for name, detect in DETECTORS.items()}
    print(f"{len(rows)} sentences, {uncertain} uncertain")
    print(f"{'cues':<10} {'P':>6} {'R':>6} {'F1':>6} {'flagged':>8}")
    for name, row in table.items():
        print(f"{name:<10} {row['precision']:>6.1f} {row['recall']:>6.1f} {row['f1']:>6.1f} "
              f"{row['predicted']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sentences": len(rows), "uncertain": uncertain, "results": table},
                                   indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
