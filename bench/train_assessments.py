"""Train the assessment model (extract/assessment_model.json and assessment_ngrams.npz).

Usage: pip install -e ".[train]"; python bench/train_assessments.py [--data DIR] [--work DIR] [--no-final]

Reads the sentences of the tuning half of bench/gold/risks.json as bench/train_risk_model.py does
(its ``rows.json`` in ``--work`` when there is one, else it reads them through the product path),
with the risk models' out-of-fold probabilities it saved there (``out_of_fold.json``): the
assessment model decides only the sentences the risk models leave, so it is fitted on those.

Choosing without peeking, as for risks: on the fold rounds (the seventh on), every sentence is read
by an n-gram reader fitted on the other four of five groups of rounds, and the combination
(assessment_model: the n-grams' log-odds, the rules' assessment, a stated estimate, the past) is
fitted on the other groups too. The threshold is the one with the best F1 among those whose
precision is at least the rules' own on the same sentences: the model may find more assessments
or fewer false ones, never more false ones in proportion. The rules' assessments on a yardstick
phrase are kept as they are (risks.Considered.yardstick) and count as found by both. The final
reader is fitted on the whole tuning half, the final combination on the fold rounds, and both
are saved with their provenance. The held-out half is scored apart, once, by eval_risks.
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
    NGRAM_C,
    NGRAM_MIN_DF,
    Row,
    Scores,
    chunks_of,
    combined_out_of_fold,
    decide,
    fit_ngrams,
    inputs,
    ngram_out_of_fold,
    reused,
    sentences,
)
from train_risk_model import score as risk_score  # noqa: E402

from briefing.plugins.analysis.extract.assessment_model import (  # noqa: E402
    ASSESSMENT_HEAD,
    ASSESSMENT_NGRAMS,
    ASSESSMENT_SIGNALS,
    assessment_signals,
)
from briefing.plugins.analysis.extract.risk_learned import assessed_by_model  # noqa: E402
from briefing.plugins.analysis.extract.risk_model import HEAD, Combination  # noqa: E402


def score(rows: list[Row], chosen: np.ndarray) -> Scores:
    """Precision, recall and F1 of assessments as eval_risks counts them."""
    return risk_score(rows, chosen, "assessment")


def choose(rows: list[Row], out: np.ndarray, asked: np.ndarray,
           kept: np.ndarray) -> tuple[float, Scores, Scores]:
    """The threshold, its scores and the rules': the best F1 among the thresholds whose precision is
    at least the rules' on the same sentences (then the better precision). ``asked``: the sentences
    the model decides; ``kept``: the rules' yardstick assessments, which stand either way."""
    rules = score(rows, (asked | kept) & np.array([r.rule == "assessment" for r in rows]))
    grid = {float(t): score(rows, kept | (asked & (out >= t)))
            for t in np.round(np.arange(0.05, 0.951, 0.01), 3)}
    fair = {t: s for t, s in grid.items() if s[0] >= rules[0]}
    if not fair:
        raise SystemExit("no threshold keeps the rules' precision on the fold rounds")
    threshold, best = max(fair.items(), key=lambda kv: (kv[1][2], kv[1][0]))
    return threshold, best, rules


def on_yardstick(rows: list[Row]) -> np.ndarray:
    """Which rows are the rules' assessments on a yardstick phrase (risks.Considered.yardstick),
    which the assessment model leaves as they are. The saved rows do not say, so each such sentence
    is parsed again on its own (its article around it could parse it a little differently)."""
    from eval_risks import load_model

    from briefing.plugins.analysis.extract.risk_judgement import judgement

    nlp = load_model("en_core_web_sm")
    out = np.zeros(len(rows), dtype=bool)
    for i, r in enumerate(rows):
        if r.rule == "assessment":
            found = judgement(nlp(r.text)[:])
            out[i] = found is not None and found[0].probability is not None
    return out


def features(rows: list[Row], logits: np.ndarray) -> np.ndarray:
    return np.array([assessment_signals(float(q), r.rule == "assessment", r.estimate, r.past)
                     for r, q in zip(rows, logits, strict=True)])


def fit(rows: list[Row], x: np.ndarray) -> tuple[tuple[float, ...], float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1.0, max_iter=3000).fit(x, [r.gold == "assessment" for r in rows])
    return tuple(float(w) for w in fitted.coef_[0]), float(fitted.intercept_[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-risk-model"),
                        help="train_risk_model.py's folder: rows.json and out_of_fold.json")
    parser.add_argument("--no-final", action="store_true", help="stop after choosing the threshold")
    args = parser.parse_args()
    saved = args.work / "rows.json"
    rows = [Row(**r) for r in json.loads(saved.read_text(encoding="utf-8"))] if saved.exists() \
        else sentences(args.data)
    folds = sorted({r.round for r in rows if r.round >= 7})

    # which sentences the risk models leave, as out-of-fold risk combinations decide them
    risk = json.loads(HEAD.read_text(encoding="utf-8"))["combination"]
    in_folds = np.array([r.round in folds for r in rows])
    on = [r for r, i in zip(rows, in_folds, strict=True) if i]
    prob = reused(rows, folds, args.work)[in_folds]
    risk_logits = ngram_out_of_fold(rows, folds)[in_folds]
    is_risk = decide(on, combined_out_of_fold(on, inputs(on, prob, risk_logits), folds), risk["threshold"])
    kept = on_yardstick(on)
    asked = ~kept & np.array([assessed_by_model("risk" if k else r.rule, r.ruled_out)
                              for r, k in zip(on, is_risk, strict=True)])

    # the assessment reader and combination out of fold, on the sentences asked
    x = features(on, ngram_out_of_fold(rows, folds, "assessment")[in_folds])
    out = np.zeros(len(on))
    for inside in chunks_of(on, folds):
        train = ~inside & asked
        weights, intercept = fit([r for r, i in zip(on, train, strict=True) if i], x[train])
        combination = Combination(weights, intercept, 0.5)
        out[inside] = [combination.probability(list(v)) for v in x[inside]]
    threshold, best, rules = choose(on, out, asked, kept)
    print(f"rounds {folds[0]}-{folds[-1]}, {int(asked.sum())} sentences asked, {int(kept.sum())} kept as the "
          f"rules have them: rules {rules}; "
          f"learned at {threshold}: {best}", file=sys.stderr)
    if args.no_final:
        return 0

    weights, intercept = fit([r for r, i in zip(on, asked, strict=True) if i], x[asked])
    reader = fit_ngrams(rows, "assessment")
    reader.save(ASSESSMENT_NGRAMS)
    meta = {
        "ngrams": {"recipe": f"TF-IDF of words and word pairs seen in >= {NGRAM_MIN_DF} sentences, sublinear "
                             f"counts; logistic, C={NGRAM_C}, classes balanced; the first labeller's "
                             "assessments", "rounds": sorted({r.round for r in rows}), "sentences": len(rows),
                   "terms": len(reader.terms)},
        "combination": {
            "weights": dict(zip(ASSESSMENT_SIGNALS, weights, strict=True)), "intercept": intercept,
            "threshold": float(threshold),
            "fitted_on": f"tuning rounds {folds[0]}-{folds[-1]}: the sentences the risk models leave (their "
                         "out-of-fold decision), the rules do not rule out and do not call an assessment on "
                         "the yardstick",
            "chosen_by": "best F1 among thresholds whose precision is at least the rules', each of "
                         f"{FOLD_CHUNKS} groups of rounds by a combination fitted on the others",
        },
        "selection_rounds": {"rounds": folds, "rules": rules, "learned": best},
    }
    ASSESSMENT_HEAD.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta["combination"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
