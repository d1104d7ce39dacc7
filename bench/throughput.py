"""How close the pipeline comes to the NLP model's own speed, and how its memory grows.

Every figure is measured in a fresh subprocess (so peak RSS is that measurement's own), several
times, and reported as the median. Measurements that are compared run in rounds (bare, pipeline,
trimmed, bare, pipeline, trimmed, ...; one worker, two workers, ...), and each ratio is the median
of the ratios within a round: on a shared machine the speed of the same work drifts by a fifth
or more over minutes, and figures taken back to back drift together.

    python bench/throughput.py                       # the default set of measurements
    python bench/throughput.py --articles 200 --runs 1 --skip-workers --skip-rss   # a quick look
    python bench/throughput.py --startup-only --runs 9   # only the start-up times
    python bench/throughput.py --executor dask --workers-articles 2000 --runs 3   # scale-out only

Measurements:
  bare      spaCy ``nlp.pipe`` over the texts, same model and pipes as the pipeline's analyser
            (spaCy's own pipes: the analyser's small line-break component counts as pipeline)
  pipeline  sources -> assembled briefing (no publishing), one worker, cache off
  workers2  the same with --workers 2 (on --workers-articles articles)
  cached    a second run over the same articles, cache on, against the first
  trimmed   bare spaCy with only what an entities-only extractor set needs
  rss       peak RSS of the pipeline for each of --rss-articles
  dask      with --executor dask, only this: the pipeline on a real `dask scheduler` and 2 `dask
            worker` processes started (and ended) by the bench, in rounds with one worker and
            --workers 2 on --workers-articles articles; and the bytes a batch puts on the wire
  startup   `briefing --help` and `briefing validate` wall time, as a user's installed copy
            runs them: the children get the environment without PYTHONDONTWRITEBYTECODE (pip
            compiles bytecode at install, an editable install writes __pycache__ on first
            import), and one untimed warm-up run comes first, so the timed runs load bytecode
            instead of compiling every module again
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import scale_out  # bench/ is on the path: this script's own folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPUS = Path("news/fakes_syria/fakes.csv")


def load_texts(data: Path, count: int) -> list[tuple[str, str]]:
    """(title, text) pairs from FA-KES, replicated with small edits past its 804 articles."""
    path = data / CORPUS
    if not path.exists():
        sys.exit(f"error: {path}: not found; pass --data DIR (the folder holding {CORPUS})")
    with path.open(encoding="latin-1", newline="") as file:
        rows = [(r["article_title"], r["article_content"]) for r in csv.DictReader(file)
                if r["article_content"].strip()]
    texts = []
    for n in range(count):
        title, text = rows[n % len(rows)]
        copy = n // len(rows)
        if copy:  # a different article to the deduplicator, the same work to the model
            title, text = f"{title} ({copy})", f"Update {copy}: {text}"
        texts.append((title, text))
    return texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_bare(texts: list[tuple[str, str]], disable: list[str]) -> dict[str, float]:
    from briefing.plugins.analysis.nlp.analyser import load_model

    nlp = load_model("en_core_web_sm", disable)
    nlp("warm up")
    # spaCy's own pipes only: the analyser's line-break component is the pipeline's cost, not the model's
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == "newline_sentences"]):
        start, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((text for _, text in texts), batch_size=32):
            pass
        return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu}


def measure_pipeline(texts: list[tuple[str, str]], workers: int, cached: bool,
                     extractors: str, scheduler: str | None = None) -> dict[str, float]:
    from briefing import Source, hookimpl, make_article
    from briefing.core.config import load_config
    from briefing.core.pipeline import Pipeline
    from briefing.core.plugins import make_plugin_manager
    from briefing.core.store import Store
    from briefing.plugins.analysis.nlp.analyser import load_model

    class Corpus(Source):
        def collect(self, context):
            for n, (title, text) in enumerate(texts):
                yield make_article(text, title=title, source=f"fakes-{n % 40}")

    class BenchPlugin:
        __name__ = "bench"

        @hookimpl
        def register_sources(self, register):
            register("corpus", Corpus)

        @hookimpl
        def dedupe_articles(self, briefing, articles):
            # The replicas past the corpus's 804 articles are near duplicates by design; keep them
            # so that N articles really go through the per-article stages.
            return articles

    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    (folder / "briefings.yaml").write_text(textwrap.dedent(f"""
        state: state.db
        briefings:
          bench:
            sources: [corpus]
            extractors: [{extractors}]
            summariser: centrality
            outputs: []
    """))
    plugins = make_plugin_manager(extra=[BenchPlugin()], entry_points=False)
    config = load_config(folder / "briefings.yaml", plugins)
    executor = scale_out.executor(config, plugins, scheduler) if scheduler else None
    if executor is None:  # as in `bare`: the model load is not timed (a cluster's workers are warm)
        load_model("en_core_web_sm")("warm up")
    store = Store(folder / "state.db")
    pipeline = Pipeline(config, plugins, store, workers=workers, cache=cached, executor=executor)
    start, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    result = pipeline.run("bench", publish=False)
    first = time.perf_counter() - start
    if executor is not None:
        executor.close()
    # this process's CPU (all the work with one worker), and that of its forked workers, if any
    figures = {"seconds": first, "cpu_seconds": time.process_time() - cpu,
               "children_cpu_seconds": children_cpu() - children,
               "failures": float(len(result.failures))}
    if cached:
        start = time.perf_counter()
        pipeline.run("bench", publish=False)
        figures["second_seconds"] = time.perf_counter() - start
    return figures


def children_cpu() -> float:
    """CPU seconds of this process's ended and reaped children (the pool's forked workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child(args: argparse.Namespace) -> None:
    texts = load_texts(args.data, args.articles)
    if args.child == "bare":
        figures = measure_bare(texts, [])
    elif args.child == "trimmed":
        figures = measure_bare(texts, ["tagger", "parser", "attribute_ruler", "lemmatizer"])
    elif args.child == "bytes":
        figures = scale_out.batch_bytes(texts, args.extractors)
    else:
        scheduler = args.scheduler if args.child == "dask" else None
        figures = measure_pipeline(texts, args.workers, args.child == "cached", args.extractors,
                                   scheduler)
    figures["words"] = float(sum(len(text.split()) for _, text in texts))
    figures["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(figures))


def run_child(args: argparse.Namespace, kind: str, articles: int, workers: int = 1) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--articles", str(articles),
               "--workers", str(workers), "--data", str(args.data), "--extractors", args.extractors]
    if args.scheduler:
        command += ["--scheduler", args.scheduler]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def median_of(args: argparse.Namespace, kind: str, articles: int, workers: int = 1) -> dict[str, float]:
    runs = [run_child(args, kind, articles, workers) for _ in range(args.runs)]
    return medians(runs)


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


Round = dict[str, dict[str, float]]


def in_rounds(args: argparse.Namespace, kinds: dict[str, tuple[str, int, int]]) -> list[Round]:
    """``args.runs`` rounds, each measuring every (kind, articles, workers) once, back to back."""
    return [{label: run_child(args, kind, articles, workers)
             for label, (kind, articles, workers) in kinds.items()} for _ in range(args.runs)]


def ratio(rounds: list[Round], faster: str, slower: str, key: str = "seconds") -> float:
    """Median over the rounds of slower's time / faster's time (>1: ``faster`` is faster)."""
    return statistics.median(r[slower][key] / r[faster][key] for r in rounds)


def timed_command(command: list[str], runs: int) -> float:
    """Median wall time of ``command``, run as an installed copy runs (see the module's docstring)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)  # warm-up, untimed
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_startup(runs: int) -> dict[str, float]:
    briefing = str(ROOT / ".venv" / "bin" / "briefing")
    return {
        "help_seconds": timed_command([briefing, "--help"], max(runs, 5)),
        "validate_seconds": timed_command([briefing, "validate"], max(runs, 5)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers-articles", type=int, default=2000)
    parser.add_argument("--rss-articles", default="500,5000")
    parser.add_argument("--extractors", default="stakeholders, places, facts, risks, quotes")
    parser.add_argument("--skip-workers", action="store_true")
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--startup-only", action="store_true",
                        help="Measure only `briefing --help` and `briefing validate`.")
    parser.add_argument("--executor", choices=["local", "dask"], default="local",
                        help="dask: measure only the scale-out on a Dask cluster the bench starts.")
    parser.add_argument("--dask-profiler-off", action="store_true",
                        help="start the Dask workers without Dask's statistical profiler")
    parser.add_argument("--dask-malloc-trim", action="store_true",
                        help="start the Dask workers with Dask's MALLOC_TRIM_THRESHOLD_ (docs/scaling.md)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    name = "scale_out.json" if args.executor == "dask" else "throughput.json"
    args.out = args.out or ROOT / "bench" / "results" / name
    if args.executor == "dask":
        load_texts(args.data, 1)  # fail early, and clearly, without the data
        scale_out.measure(args, run_child=run_child, ratio=ratio, medians=medians)
        return
    if args.startup_only:
        startup = measure_startup(args.runs)
        print(f"briefing --help {startup['help_seconds']:.3f} s; "
              f"briefing validate {startup['validate_seconds']:.3f} s (medians of {max(args.runs, 5)})")
        return
    load_texts(args.data, 1)  # fail early, and clearly, without the data

    results: dict[str, dict[str, float]] = {}
    n = args.articles
    rounds = in_rounds(args, {kind: (kind, n, 1) for kind in ("bare", "pipeline", "trimmed")})
    for kind in ("bare", "pipeline", "trimmed"):
        results[kind] = medians([r[kind] for r in rounds])
    results["ratios"] = {"pipeline_to_bare": ratio(rounds, "pipeline", "bare"),
                         "pipeline_to_bare_cpu": ratio(rounds, "pipeline", "bare", "cpu_seconds"),
                         "trimmed_to_bare": ratio(rounds, "trimmed", "bare")}
    results["rounds"] = {f"{n}:{kind}": r[kind]["seconds"] for n, r in enumerate(rounds) for kind in r}
    results["cached"] = median_of(args, "cached", n)
    if not args.skip_workers:
        large = args.workers_articles
        rounds = in_rounds(args, {"one_worker_large": ("pipeline", large, 1),
                                  "two_workers_large": ("pipeline", large, 2)})
        for label in ("one_worker_large", "two_workers_large"):
            results[label] = medians([r[label] for r in rounds])
        results["ratios"]["two_workers_to_one"] = ratio(rounds, "two_workers_large", "one_worker_large")
    if not args.skip_rss:
        for count in (int(c) for c in args.rss_articles.split(",")):
            results[f"rss_{count}"] = run_child(args, "pipeline", count)
    results["startup"] = measure_startup(args.runs)
    report(results, n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {args.out}")


def report(results: dict[str, dict[str, float]], n: int) -> None:
    def rate(key: str) -> str:
        r = results[key]
        return f"{n / r['seconds']:8.1f} articles/s {r['words'] / r['seconds']:9.0f} words/s"

    bare, pipeline = results["bare"], results["pipeline"]
    ratios = results["ratios"]
    print(f"{n} articles, medians of several runs; ratios are medians of the ratios within a round")
    print(f"bare nlp.pipe      {rate('bare')}   peak RSS {bare['peak_rss_mb']:.0f} MB")
    print(f"pipeline, 1 worker {rate('pipeline')}   peak RSS {pipeline['peak_rss_mb']:.0f} MB")
    print(f"  pipeline / bare throughput: {ratios['pipeline_to_bare']:.3f} "
          f"(in CPU seconds: {ratios['pipeline_to_bare_cpu']:.3f})")
    print("  seconds per round: " + ", ".join(f"{k} {v:.1f}" for k, v in results["rounds"].items()))
    print(f"trimmed nlp.pipe   {rate('trimmed')}   ratio to bare: {ratios['trimmed_to_bare']:.2f}")
    cached = results["cached"]
    print(f"second run (cache) {cached['second_seconds']:.2f} s vs first {cached['seconds']:.2f} s: "
          f"{cached['seconds'] / cached['second_seconds']:.1f}x faster")
    if "two_workers_large" in results:
        one, two = results["one_worker_large"], results["two_workers_large"]
        print(f"2 workers vs 1 (large): {one['seconds']:.1f} s -> {two['seconds']:.1f} s: "
              f"{ratios['two_workers_to_one']:.2f}x")
    rss = {k: v for k, v in results.items() if k.startswith("rss_")}
    if rss:
        print("peak RSS: " + ", ".join(f"{k[4:]} articles {v['peak_rss_mb']:.0f} MB" for k, v in rss.items()))
    start = results["startup"]
    print(f"briefing --help {start['help_seconds']:.3f} s; "
          f"briefing validate {start['validate_seconds']:.3f} s")


if __name__ == "__main__":
    main()
