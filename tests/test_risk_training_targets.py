"""What bench/train_risk_model.py learns and chooses: the target of a sentence (Row.target: the
first labeller's vote, or with --targets both the two labellers' mean, where an article was
labelled twice) and the threshold of the combination."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import numpy as np
from train_risk_model import Row, choose, decide


def row(gold: str | None, second: bool | None) -> Row:
    return Row("t17:x:1", 5, "The dam could burst.", None, False, gold, None, second=second)


def test_a_sentence_the_two_labellers_disagree_on_is_learnt_as_a_half() -> None:
    assert row("risk", False).target(both=True) == 0.5
    assert row(None, True).target(both=True) == 0.5


def test_agreement_and_the_first_labeller_alone_give_whole_votes() -> None:
    assert row("risk", True).target(both=True) == 1.0
    assert row("assessment", False).target(both=True) == 0.0  # an assessment is no risk to learn
    assert row("risk", False).target(both=False) == 1.0


def test_an_article_labelled_once_and_an_older_pool_keep_the_first_vote() -> None:
    assert row("risk", None).target(both=True) == 1.0
    saved = {"key": "t17:x:1", "round": 5, "text": "It could burst.", "rule": None, "ruled_out": False,
             "gold": None, "item": None, "named_only": False, "past": False, "harm": True}
    assert Row(**saved).target(both=True) == 0.0  # rows.json written before the second vote was read


def test_the_threshold_chosen_is_the_most_precise_that_finds_enough_gold_risks() -> None:
    """bench/train_risk_model.py's choice, on four sentences of one article: two gold risks (scored
    0.9 and 0.6), two other sentences (0.8 and 0.3), and an assessment the rules found, which no
    threshold makes a risk however the combination scores it."""
    rows = [Row("t17:x:1", 9, text, rule, False, gold, item) for text, rule, gold, item in (
        ("a", None, "risk", 0), ("b", None, None, None), ("c", None, "risk", 1), ("d", None, None, None),
        ("e", "assessment", None, None))]
    combined = np.array([0.9, 0.8, 0.6, 0.3, 0.99])
    threshold, scores = choose(rows, combined, min_recall=1.0)
    assert 0.3 < threshold <= 0.6 and scores[:2] == (0.667, 1.0)
    threshold, scores = choose(rows, combined, min_recall=0.5)
    assert 0.8 < threshold <= 0.9 and scores[:2] == (1.0, 0.5)
    assert not decide(rows, combined, 0.05)[4]


def test_the_assessment_threshold_is_the_best_f1_that_keeps_the_rules_precision() -> None:
    """bench/train_assessments.py: the rules' assessments here (rows a, b, e) are right once in three;
    of the thresholds that keep that precision, the one with the best F1 wins, and a yardstick
    assessment the model does not decide (row e) counts on both sides."""
    from train_assessments import choose

    rows = [Row(key, 5, "It was likely so.", rule, False, gold, item) for key, rule, gold, item in (
        ("a", "assessment", "assessment", 0), ("b", "assessment", None, None), ("c", None, "assessment", 1),
        ("d", None, None, None), ("e", "assessment", None, None), ("f", None, "assessment", 2))]
    out = np.array([0.9, 0.2, 0.7, 0.6, 0.0, 0.3])
    asked = np.array([True, True, True, True, False, True])
    kept = ~asked
    threshold, best, rules = choose(rows, out, asked, kept)
    assert rules[:2] == (0.333, 0.333)
    assert 0.2 < threshold <= 0.3 and best[:2] == (0.6, 1.0)
