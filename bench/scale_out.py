"""The Dask half of `throughput.py --executor dask`: a real cluster, and what crosses its network.

`cluster` starts what an operator would run: one ``dask scheduler`` and separate ``dask worker``
processes (one process and one thread each, each with its nanny, configured as docs/scaling.md
asks), on this machine's loopback, and ends them all when the bench is done. The workers load
the model before any timed run, as the local runs do (their model is loaded before the clock
starts and forked children inherit it): a cluster's workers are long-lived, so a run pays for a
model once per worker, not per run.

`batch_bytes` measures what one batch of articles costs on the wire: the task (the articles and
the work spec, pickled as Dask sends them) and its result (sentences and compact items).

Where the CPU goes: each Dask run's CPU seconds are read from the scheduler, the nannies and the
worker processes (psutil, which Dask itself depends on) before and after it, and each local run
counts its forked workers' CPU (its reaped children's), so the report can say what the cluster's
own processes cost beside the analysis on the same cores.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHUNK = 64
# Dask's workers sample their task thread's stack every 10 ms for the dashboard's profile page;
# `--dask-profiler-off` starts them without it, to see whether that costs the analysis anything
# (measured: no difference beyond the machine's drift, see docs/performance.md).
PROFILER_OFF = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
# What docs/scaling.md asks of `dask worker` machines: no MALLOC_TRIM_THRESHOLD_ from the nanny (the
# builtin executor's own local cluster does the same); `--dask-malloc-trim` keeps Dask's default.
WORKER_CONFIG = "distributed:\n  nanny:\n    pre-spawn-environ:\n      MALLOC_TRIM_THRESHOLD_: null\n"
Measure = Callable[..., Any]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """A running ``dask scheduler`` (the first process) and its ``dask worker`` processes (nannies,
    each the parent of the worker process that runs the tasks)."""

    address: str
    processes: list[subprocess.Popen[bytes]]

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds used so far by the scheduler, the nannies and the worker processes."""
        import psutil

        totals = {"scheduler_cpu": 0.0, "nannies_cpu": 0.0, "workers_cpu": 0.0}
        for n, popen in enumerate(self.processes):
            top = psutil.Process(popen.pid)
            own = top.cpu_times()
            totals["scheduler_cpu" if n == 0 else "nannies_cpu"] += own.user + own.system
            for child in top.children(recursive=True):
                times = child.cpu_times()
                totals["scheduler_cpu" if n == 0 else "workers_cpu"] += times.user + times.system
        return totals


@contextmanager
def cluster(workers: int, timeout: float = 120.0, profiler: bool = True,
            malloc_trim: bool = False) -> Iterator[Cluster]:
    """A running ``dask scheduler`` with ``workers`` ``dask worker`` processes, warm."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = Path(tempfile.mkdtemp(prefix="briefing-bench-dask-"))
    dask = [sys.executable, "-m", "dask"]
    processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        with (logs / f"{name}.log").open("wb") as log:
            processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                              env={**os.environ, **(env or {})}))

    (logs / "config").mkdir()
    (logs / "config" / "briefing.yaml").write_text(WORKER_CONFIG)
    config = {"DASK_CONFIG": str(logs / "config")}
    try:
        start("scheduler", [*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                            "--no-dashboard"])
        for n in range(workers):
            start(f"worker-{n}", [*dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                  "--no-dashboard", "--name", f"bench-worker-{n}"],
                  {**({} if profiler else PROFILER_OFF), **({} if malloc_trim else config)})
        with Client(address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=timeout)
            import cloudpickle  # the workers cannot import this bench module: send warm_worker itself

            cloudpickle.register_pickle_by_value(sys.modules[__name__])
            client.run(warm_worker)
        yield Cluster(address, processes)
    except Exception:
        print(f"the bench's Dask cluster failed; its logs are in {logs}", file=sys.stderr)
        raise
    finally:
        for process in reversed(processes):  # workers first, the scheduler last
            process.terminate()
        deadline = time.monotonic() + 30
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def warm_worker() -> None:
    """Runs on each worker: the model into the analyser's cache, as the local runs have it."""
    from briefing.plugins.analysis.nlp.analyser import load_model

    load_model("en_core_web_sm")("warm up")


def batch_bytes(texts: list[tuple[str, str]], extractors: str) -> dict[str, float]:
    """Median pickled bytes per article of a task (articles + work) and of its result."""
    from briefing import ArticleWork, make_article
    from briefing.core.config import load_config
    from briefing.core.plugins import make_plugin_manager

    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-bytes-"))
    (folder / "briefings.yaml").write_text(
        f"briefings:\n  b:\n    sources: [{{type: folder, path: .}}]\n    extractors: [{extractors}]\n")
    spec: Any = load_config(folder / "briefings.yaml", make_plugin_manager()).briefings["b"]
    work = ArticleWork(spec.analyser, spec.extractors)
    articles = [make_article(text, title=title, source=f"fakes-{n % 40}")
                for n, (title, text) in enumerate(texts)]
    sent, back = [], []
    for start in range(0, len(articles), CHUNK):
        batch = articles[start:start + CHUNK]
        sent.append(len(pickle.dumps((work, batch), protocol=pickle.HIGHEST_PROTOCOL)) / len(batch))
        result = work(batch)
        back.append(len(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) / len(batch))
    return {"task_bytes_per_article": statistics.median(sent),
            "result_bytes_per_article": statistics.median(back),
            "text_bytes_per_article": statistics.median(len(a.text.encode()) for a in articles)}


def executor(config: Any, plugins: Any, scheduler: str) -> Any:
    """The builtin dask executor, connected (on its first batch) to the bench's scheduler."""
    from briefing.core.executors import choose_executor

    return choose_executor(config, plugins, "dask", scheduler).create()  # type: ignore[union-attr]


def measure(args: argparse.Namespace, *, run_child: Measure, ratio: Measure, medians: Measure) -> None:
    """One local worker, --workers 2, and Dask on 2 `dask worker` processes, in rounds."""
    n = args.workers_articles
    results: dict[str, Any] = {}
    kinds = {"one_worker": ("pipeline", 1), "two_workers": ("pipeline", 2), "dask_two_workers": ("dask", 2)}
    rounds = []
    with cluster(2, profiler=not args.dask_profiler_off, malloc_trim=args.dask_malloc_trim) as running:
        args.scheduler = running.address
        for _ in range(args.runs):
            round_: dict[str, dict[str, float]] = {}
            for label, (kind, workers) in kinds.items():
                before = running.cpu_seconds()
                round_[label] = run_child(args, kind, n, workers)
                if kind == "dask":
                    after = running.cpu_seconds()
                    round_[label].update({key: after[key] - before[key] for key in after})
            rounds.append(round_)
        args.scheduler = None
    for label in rounds[0]:
        results[label] = medians([r[label] for r in rounds])
    results["ratios"] = {"dask_to_one_worker": ratio(rounds, "dask_two_workers", "one_worker"),
                         "dask_to_two_workers": ratio(rounds, "dask_two_workers", "two_workers"),
                         "two_workers_to_one": ratio(rounds, "two_workers", "one_worker")}
    results["rounds"] = {f"{k}:{label}": r[label]["seconds"] for k, r in enumerate(rounds) for label in r}
    results["dask_profiler"] = not args.dask_profiler_off
    results["dask_malloc_trim"] = args.dask_malloc_trim
    results["bytes"] = run_child(args, "bytes", min(n, 256))
    ratios, sizes = results["ratios"], results["bytes"]
    profiler = "off" if args.dask_profiler_off else "on (Dask's default)"
    profiler += "; MALLOC_TRIM_THRESHOLD_ " + ("65536 (Dask's default)" if args.dask_malloc_trim
                                                else "unset (docs/scaling.md)")
    print(f"{n} articles; medians of {args.runs} rounds; ratios are medians of per-round ratios; "
          f"the Dask workers' profiler {profiler}")
    for label in ("one_worker", "two_workers", "dask_two_workers"):
        r = results[label]
        print(f"{label:17} {r['seconds']:7.1f} s  {n / r['seconds']:6.1f} articles/s  "
              f"failures {r['failures']:.0f}")
    print(f"dask (2 workers) vs one worker: {ratios['dask_to_one_worker']:.2f}x (goal >= 1.6); "
          f"vs --workers 2: {ratios['dask_to_two_workers']:.3f} (goal >= 0.9); "
          f"--workers 2 vs one: {ratios['two_workers_to_one']:.2f}x")
    print("  seconds per round: " + ", ".join(f"{k} {v:.1f}" for k, v in results["rounds"].items()))
    local, dask = results["two_workers"], results["dask_two_workers"]
    print(f"CPU seconds of a run (medians): --workers 2: driver {local['cpu_seconds']:.1f}, "
          f"workers {local['children_cpu_seconds']:.1f}; Dask: driver {dask['cpu_seconds']:.1f}, "
          f"workers {dask['workers_cpu']:.1f}, nannies {dask['nannies_cpu']:.1f}, "
          f"scheduler {dask['scheduler_cpu']:.1f}")
    print(f"on the wire per article: task {sizes['task_bytes_per_article']:.0f} B (text "
          f"{sizes['text_bytes_per_article']:.0f} B), result {sizes['result_bytes_per_article']:.0f} B")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {args.out}")
