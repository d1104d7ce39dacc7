"""Executor ``dask``: batches of articles as tasks on a Dask cluster.

Without ``address`` the run starts a `LocalCluster` of ``--workers`` processes, one thread each
(a process per core is how spaCy runs best, and a model is never shared between threads), and
ends it when the run ends. With ``address`` it connects to a running scheduler (``dask
scheduler``) whose workers (``dask worker ADDRESS``, on any number of machines) have `briefing`
and every plugin the briefing uses installed.

What crosses the network: each task carries one batch of articles (text and metadata) and the
`ArticleWork` (the analyser's and extractors' names and options, a few hundred bytes); each
result is the batch's sentences and compact items. Never a model: a worker process loads one on
its first batch and keeps it in the analyser's module-level cache.

Memory: Dask's nanny starts each worker with ``MALLOC_TRIM_THRESHOLD_=65536`` so that freed memory
goes back to the system at once. Setting it also turns off glibc's adaptive mmap threshold, and
spaCy's many short-lived arrays of a few hundred kilobytes then each cost a fresh mmap, page
faults and an munmap: on this workload the worker processes spent a fifth more CPU
(bench/throughput.py --executor dask, docs/performance.md). The local cluster is started without
it; docs/scaling.md says how to do the same on `dask worker` machines.

Faults: a worker that dies mid-batch has its batch handed to another worker by the scheduler (up
to ``distributed.scheduler.allowed-failures`` times, 3 by default); a task that raises (a worker
without some plugin, say) is retried ``retries`` times; a batch lost for good is one failure
naming its articles, and the run goes on. Tasks are submitted a window at a time (twice the
cluster's threads, at least four), so the scheduler never holds the whole run.
"""

from __future__ import annotations

import logging
import socket
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from briefing import Article, ArticleWork, BatchResult, BriefingError, Executor, ExecutorContext

INSTALL_HINT = "the dask executor needs Dask: pip install 'briefing[dask]'"
# The environment variable Dask's nanny sets in each worker that this workload is better without.
NANNY_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


@dataclass(frozen=True)
class DaskOptions:
    address: str | None = None  # tcp://host:8786; none starts a local cluster of --workers processes
    """The Dask scheduler, tcp://host:8786; none starts a local cluster of --workers processes."""
    batch_size: int = 64  # articles per task
    """Articles per task sent to a worker."""
    connect_timeout: float = 10.0  # seconds to reach the scheduler and find a worker
    """Seconds to reach the scheduler and find a worker."""
    retries: int = 1  # further attempts at a task that raised (a dead worker's batch is moved anyway)
    """Further attempts at a task that raised (a dead worker's batch is moved to another anyway)."""

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size: expected at least 1, got {self.batch_size}")
        if self.connect_timeout <= 0:
            raise ValueError(f"connect_timeout: expected seconds above 0, got {self.connect_timeout}")
        if self.retries < 0:
            raise ValueError(f"retries: expected 0 or more, got {self.retries}")


class DaskCluster(Executor[DaskOptions]):
    options_class = DaskOptions

    def __init__(self, options: DaskOptions) -> None:
        super().__init__(options)
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise BriefingError(INSTALL_HINT) from None
        self.batch_size = options.batch_size
        self._client: Any = None
        self._cluster: Any = None

    def map(self, work: ArticleWork, batches: Sequence[Sequence[Article]],
            context: ExecutorContext) -> Iterator[BatchResult]:
        client = self._connect(context.workers)
        window = max(4, 2 * sum(client.nthreads().values()))
        run = uuid.uuid4().hex[:12]
        upcoming = iter(enumerate(batches))
        pending: deque[tuple[Sequence[Article], Any]] = deque()

        def submit() -> None:
            for index, batch in upcoming:
                future = client.submit(run_batch, work, list(batch), key=f"briefing-batch-{run}-{index}",
                                       pure=False, retries=self.options.retries)
                pending.append((batch, future))
                return

        for _ in range(window):
            submit()
        context.progress(0, len(batches))
        done = 0
        try:
            while pending:
                batch, future = pending.popleft()
                result = self._result(work, batch, future)
                submit()  # keep the workers busy while this result is taken in
                done += 1
                context.progress(done, len(batches))
                yield result
        finally:
            if pending:  # the run stopped early (strict mode): drop the rest
                client.cancel([future for _, future in pending])

    def close(self) -> None:
        with _quiet():
            if self._client is not None:
                self._client.close()
            if self._cluster is not None:
                self._cluster.close()
        self._client = self._cluster = None

    def _connect(self, workers: int) -> Any:
        if self._client is not None:
            return self._client
        from distributed import Client, LocalCluster

        address, timeout = self.options.address, self.options.connect_timeout
        if address is None:
            import dask

            # the HTTP server on a free loopback port: 8787 may be another's
            with _quiet(), dask.config.set({NANNY_TRIM: None}):  # see the module doc, "Memory"
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
                self._client = Client(self._cluster, set_as_default=False)
            return self._client
        try:
            _probe(address, timeout)
            with _quiet():
                self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            reason = f"no answer in {timeout:g} s" if isinstance(error, TimeoutError) else \
                str(error).split("\n")[0] or type(error).__name__
            raise BriefingError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            self.close()
            raise BriefingError(f"the Dask scheduler at {address} has no workers after {timeout:g} s "
                                f"(start some: dask worker {address})") from None
        return self._client

    def _result(self, work: ArticleWork, batch: Sequence[Article], future: Any) -> BatchResult:
        try:
            result: BatchResult = future.result()
            return result
        except Exception as error:
            if work.strict:
                raise
            first, last = (article.title or article.url or article.id for article in (batch[0], batch[-1]))
            message = (f"a batch of {len(batch)} articles ({first!r} to {last!r}) was lost on the "
                       f"Dask cluster: {type(error).__name__}: {error}")
            return BatchResult([], [("analyse", -1, message)])


def run_batch(work: ArticleWork, articles: list[Article]) -> BatchResult:
    """Runs on a Dask worker: the components are created there, the model loaded there once."""
    return work(articles)


def _probe(address: str, timeout: float) -> None:
    """Fail at once, with the reason, when nothing listens at a TCP address.

    Dask's own client retries a refused connection until its timeout and then says only that it
    timed out; a plain socket says "connection refused" or "unknown host" straight away."""
    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp"):
        from distributed.comm.registry import get_backend

        get_backend(scheme)  # an unknown scheme: ValueError, before a Client is half made
        return  # tls://, ws://, ...: left to Dask
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"expected tcp://host:port, got {address!r}")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except socket.gaierror:
        raise OSError(f"unknown host {host!r}") from None
    except ConnectionRefusedError:
        raise OSError("connection refused (is `dask scheduler` running there?)") from None
    except TimeoutError:
        raise
    except OSError as error:
        raise OSError(error.strerror or str(error)) from None


@contextmanager
def _quiet() -> Iterator[None]:
    """Dask logs connection retries and shutdown chatter; the run reports what matters itself."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
