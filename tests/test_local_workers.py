"""The `local` executor's worker processes: one core each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy  # noqa: F401 - loads the BLAS library before the fork, as the analysis does
from threadpoolctl import threadpool_info

from briefing import Article, BatchResult, ExecutorContext, NoOptions, make_article
from briefing.plugins.executors.local_processes import LocalProcesses


def blas_threads(articles: Sequence[Article]) -> BatchResult:
    """Stands in for the analysis: reports the BLAS threads of the process it runs in."""
    threads = max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=1)
    return BatchResult([], [("blas", -1, str(threads))])


def test_each_worker_runs_its_matrix_products_on_one_thread() -> None:
    """NumPy's BLAS would start a thread per core in every child: with the risk model two workers
    on two cores ran four threads and were slower than one worker."""
    batches = [[make_article(f"Text number {n}.", title=str(n))] for n in range(4)]
    work: Any = blas_threads
    results = list(LocalProcesses(NoOptions()).map(work, batches, ExecutorContext(workers=2)))
    assert [r.failures[0][2] for r in results] == ["1"] * 4
