"""Executor ``local``: the driver's process, or forked worker processes with ``--workers N``.

Forking hands each child the work (the components' specs) for nothing, so only articles and
results go through pipes. Below two batches per run, or with one worker, the core analyses in its
own process as one stream instead: starting processes would cost more than it saves.

Each child keeps its BLAS library to one thread: ``--workers N`` means N cores. NumPy's BLAS
starts a thread per core in every process, and with the risk sentence model (matrix products in
every child) two workers on two cores ran four threads and took longer than one worker (91.4 s
against 80.2 s for 400 articles). Dask does the same for its workers.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence

from briefing import Article, ArticleWork, BatchResult, Executor, ExecutorContext, NoOptions

_WORK: ArticleWork | None = None  # set before the fork; the children inherit it


class LocalProcesses(Executor[NoOptions]):
    def distributes(self, articles: int, workers: int) -> bool:
        return workers > 1 and articles >= 2 * self.batch_size

    def map(self, work: ArticleWork, batches: Sequence[Sequence[Article]],
            context: ExecutorContext) -> Iterator[BatchResult]:
        global _WORK
        _WORK = work
        forking = multiprocessing.get_context("fork")
        context.progress(0, len(batches))
        with forking.Pool(context.workers, initializer=_one_thread_each) as pool:
            for done, result in enumerate(pool.imap(_run_batch, batches), start=1):
                context.progress(done, len(batches))
                yield result


def _one_thread_each() -> None:
    """Runs in each forked child, before its first batch."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _run_batch(articles: Sequence[Article]) -> BatchResult:
    """Runs in a forked child."""
    assert _WORK is not None
    return _WORK(articles)
