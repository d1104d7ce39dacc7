"""What the risk model learns for a sentence (bench/train_risk_model.py's Row.target): the first
labeller's vote, or with --targets both the two labellers' mean, where an article was labelled
twice."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from train_risk_model import Row


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
