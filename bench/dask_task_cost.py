"""What a Dask worker adds to the cost of analysing an article, measured inside the task.

    python bench/dask_task_cost.py --articles 640 --rounds 3

The same `ArticleWork` runs the same batches of FA-KES articles three ways, in rounds: in the
local executor's forked processes (2), and on two `dask worker` processes started as
`throughput.py --executor dask` starts them, once with Dask's statistical profiler on (its
default) and once with it off. Each batch reports the CPU time of the thread that analysed it
(`time.thread_time`), so the figure is the analysis's own cost, apart from scheduling, the
network and the driver; wall clock per batch is printed beside it. It answers whether a Dask
worker makes the analysis itself dearer (docs/performance.md, "Scale-out on Dask").
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import scale_out  # bench/ is on the path: this script's own folder
from throughput import DEFAULT_DATA, load_texts

from briefing import Article, ArticleWork, make_article
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager

EXTRACTORS = "stakeholders, places, facts, risks, quotes"
_WORK: ArticleWork | None = None  # set before the fork, as the local executor does


def make_work() -> ArticleWork:
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-task-"))
    (folder / "briefings.yaml").write_text(
        f"briefings:\n  b:\n    sources: [{{type: folder, path: .}}]\n    extractors: [{EXTRACTORS}]\n")
    spec: Any = load_config(folder / "briefings.yaml", make_plugin_manager()).briefings["b"]
    return ArticleWork(spec.analyser, spec.extractors)


def timed(work: ArticleWork, batch: Sequence[Article]) -> tuple[float, float]:
    """(wall, CPU of this thread) seconds for one batch."""
    cpu, wall = time.thread_time(), time.perf_counter()
    work(batch)
    return time.perf_counter() - wall, time.thread_time() - cpu


def _forked(batch: Sequence[Article]) -> tuple[float, float]:
    assert _WORK is not None
    return timed(_WORK, batch)


def local(work: ArticleWork, batches: list[list[Article]]) -> list[tuple[float, float]]:
    global _WORK
    from briefing.plugins.analysis.nlp.analyser import load_model

    load_model("en_core_web_sm")("warm up")  # the children inherit the loaded model
    _WORK = work
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(_forked, batches, chunksize=1)


def on_dask(profiler: bool) -> Callable[[ArticleWork, list[list[Article]]], list[tuple[float, float]]]:
    def run(work: ArticleWork, batches: list[list[Article]]) -> list[tuple[float, float]]:
        from distributed import Client

        with scale_out.cluster(2, profiler=profiler) as address, \
                Client(address, set_as_default=False) as client:
            futures = [client.submit(timed, work, batch, pure=False) for batch in batches]
            return list(client.gather(futures))
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=640)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import cloudpickle  # the workers cannot import this bench module: send `timed` itself

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    work = make_work()
    articles = [make_article(text, title=title, source=f"fakes-{n % 40}")
                for n, (title, text) in enumerate(load_texts(args.data, args.articles))]
    batches = [articles[i:i + scale_out.CHUNK] for i in range(0, len(articles), scale_out.CHUNK)]
    ways = {"local, 2 forked processes": local, "dask, profiler on": on_dask(True),
            "dask, profiler off": on_dask(False)}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    wall: dict[str, list[float]] = {name: [] for name in ways}
    for n in range(args.rounds):
        for name, way in ways.items():
            times = way(work, batches)
            wall[name].append(1000 * sum(w for w, _ in times) / len(articles))
            cpu[name].append(1000 * sum(c for _, c in times) / len(articles))
            print(f"round {n}: {name:26} CPU {cpu[name][-1]:5.1f} ms/article, wall {wall[name][-1]:5.1f}",
                  flush=True)
    print(f"\n{len(articles)} articles in batches of {scale_out.CHUNK}; medians of {args.rounds} rounds")
    for name in ways:
        print(f"{name:26} CPU {statistics.median(cpu[name]):5.1f} ms/article "
              f"(rounds {', '.join(f'{x:.1f}' for x in cpu[name])}), "
              f"wall {statistics.median(wall[name]):5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
