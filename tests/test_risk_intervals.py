"""The intervals a risk figure is read with (bench/risk_intervals.py): what a reader of
docs/quality.md relies on when two models' precision on a fresh half differs by 0.02."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from risk_intervals import in_scope, interval, main, paired_difference


def test_an_interval_holds_the_rate_and_narrows_as_articles_are_added() -> None:
    few = [(2, 4), (3, 4), (1, 4), (2, 4)]  # 8 of 16 right
    many = few * 25
    lo, hi = interval(few) or (0, 0)
    assert lo < 0.5 < hi
    lo_many, hi_many = interval(many) or (0, 0)
    assert lo < lo_many < 0.5 < hi_many < hi


def test_all_right_is_certain_and_nothing_predicted_has_no_interval() -> None:
    assert interval([(3, 3), (1, 1)]) == (1.0, 1.0)
    assert interval([(0, 0), (0, 0)]) is None
    assert interval([]) is None


def test_the_same_run_twice_differs_by_nothing() -> None:
    run = [(2, 4), (3, 4), (0, 2), (5, 6)]
    assert paired_difference(run, run) == {"difference": 0.0, "low": 0.0, "high": 0.0}


def test_pairing_sees_a_small_steady_gain_that_two_separate_intervals_do_not() -> None:
    # the second run gets one more right in every article whose own rate varies widely: the
    # articles' spread swamps two separate intervals, but cancels out when they are paired
    first = [(1, 10), (9, 10)] * 10
    second = [(2, 10), (10, 10)] * 10
    diff = paired_difference(first, second) or {}
    assert diff["difference"] == pytest.approx(0.1)
    assert diff["low"] > 0
    lo_second = (interval(second) or (0, 0))[0]
    hi_first = (interval(first) or (0, 0))[1]
    assert lo_second < hi_first  # apart, the two intervals overlap


def test_runs_over_different_articles_are_not_paired() -> None:
    with pytest.raises(ValueError, match="same articles"):
        paired_difference([(1, 2)], [(1, 2), (2, 2)])


def test_scopes_read_as_in_the_table_of_eval_risks() -> None:
    entry = {"half": "held-out", "set": "t17", "round": 87}
    assert in_scope(entry, "all") and in_scope(entry, "held-out")
    assert in_scope(entry, "held-out:t17") and in_scope(entry, "held-out:round 87")
    assert not in_scope(entry, "tuning") and not in_scope(entry, "held-out:rams")
    assert not in_scope(entry, "held-out:round 8")


def counts(right: int, predicted: int, found: int, gold: int) -> dict[str, object]:
    return {"set": "t17", "half": "tuning", "round": 84,
            "risk": {"right": right, "predicted": predicted, "found": found, "gold": gold},
            "assessment": {"right": 0, "predicted": 0, "found": 0, "gold": 0}}


def test_the_command_compares_two_runs_on_the_articles_both_scored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"gold_articles": {"x": counts(1, 4, 1, 2), "y": counts(3, 4, 2, 2)}}))
    b.write_text(json.dumps({"gold_articles": {"x": counts(2, 4, 2, 2), "y": counts(3, 4, 2, 2),
                                               "z": counts(9, 9, 9, 9)}}))
    assert main([str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out  # z, scored by one run only, is left out
    assert "0.500 (4/8;" in out and "0.625 (5/8;" in out and "difference: +0.125" in out


def test_a_file_without_article_counts_is_named_in_a_one_line_error(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"gold": {}}))  # written before articles were kept
    with pytest.raises(SystemExit) as stop:
        main([str(old)])
    assert str(old) in str(stop.value) and "\n" not in str(stop.value)


def test_waiting_rounds_are_scored_together_by_listing_them() -> None:
    import argparse

    from eval_risks import rounds_of

    assert rounds_of("84,85,86") == {84, 85, 86} and rounds_of("87") == {87}
    with pytest.raises(argparse.ArgumentTypeError, match="84-86"):
        rounds_of("84-86")
