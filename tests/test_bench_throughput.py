"""The throughput bench runs end to end on a corpus of the expected shape, so it cannot rot.

Nothing here times anything or reads the evaluation data: a small CSV of our own stands in for
the corpus, and the test checks that every measurement ran and was written, not how fast.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    ("Port strike spreads", "Dock workers in Rotterdam extended their strike on Monday. "
     "The union said talks with the port authority had failed and warned of further action."),
    ("Flood warning issued", "The Environment Agency issued a flood warning for the River Severn. "
     "Officials said water levels would almost certainly rise overnight."),
    ("Minister resigns", "Finance Minister Jane Doe resigned on Tuesday, according to a statement. "
     "Her deputy, John Roe, will take over until an election in May."),
]


def write_corpus(data: Path) -> None:
    """The corpus as the bench reads FA-KES: a latin-1 CSV under ``data``."""
    corpus = data / "news" / "fakes_syria" / "fakes.csv"
    corpus.parent.mkdir(parents=True)
    with corpus.open("w", encoding="latin-1", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["article_title", "article_content"])
        writer.writeheader()
        writer.writerows({"article_title": t, "article_content": c} for t, c in ARTICLES)


def test_the_bench_measures_every_figure_and_writes_them(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    out = tmp_path / "throughput.json"

    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "throughput.py"), "--data", str(tmp_path),
         "--articles", "5", "--runs", "1", "--skip-workers", "--skip-rss", "--out", str(out)],
        capture_output=True, text=True, timeout=600)

    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text())
    assert set(results["ratios"]) == {"pipeline_to_bare", "pipeline_to_bare_cpu", "trimmed_to_bare"}
    assert all(value > 0 for value in results["ratios"].values())
    # 5 articles: the 3 of the corpus and 2 replicas with a changed first line, all analysed
    assert results["pipeline"]["failures"] == 0
    assert results["bare"]["words"] == results["pipeline"]["words"] > 0
    assert "second_seconds" in results["cached"]  # how much faster is the bench's to say, not a test's
    assert results["startup"]["help_seconds"] > 0 and results["startup"]["validate_seconds"] > 0
    assert "pipeline / bare throughput" in run.stdout


def test_the_scale_out_bench_runs_a_real_dask_cluster_and_ends_it(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    out = tmp_path / "scale_out.json"

    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "throughput.py"), "--executor", "dask", "--data",
         str(tmp_path), "--workers-articles", "6", "--runs", "1", "--out", str(out)],
        capture_output=True, text=True, timeout=600)

    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text())
    assert set(results["ratios"]) == {"dask_to_one_worker", "dask_to_two_workers", "two_workers_to_one"}
    assert all(value > 0 for value in results["ratios"].values())
    for label in ("one_worker", "two_workers", "dask_two_workers"):
        assert results[label]["failures"] == 0
        assert results[label]["words"] == results["one_worker"]["words"] > 0
    sizes = results["bytes"]
    assert sizes["result_bytes_per_article"] > 0
    assert sizes["task_bytes_per_article"] > sizes["text_bytes_per_article"]  # the text and then some
    assert "vs --workers 2" in run.stdout
    # the bench ended the scheduler and the workers it started: nothing of theirs is left running
    left = subprocess.run(["pgrep", "-f", "bench-worker-"], capture_output=True, text=True).stdout
    assert left.strip() == ""
