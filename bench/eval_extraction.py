"""How well the ``html`` source finds an article's body, beside plain trafilatura on the same pages.

Data: ``extraction/scrapinghub`` (the Zyte/Scrapinghub article extraction benchmark: 181 saved
pages and a ground-truth ``articleBody`` each), read from ``--data`` (default ../shared/data).

Metric, as the benchmark's own evaluate.py defines it: texts are lowercased and split into ``\\w+``
tokens; the multisets of token 4-gram shingles of the predicted and true body give TP/FP/FN per
page, normalised per page (so long pages do not dominate); precision and recall are the sums over
pages, F1 = 2PR/(P+R). Per-page F1 medians are printed too.

    .venv/bin/python bench/eval_extraction.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from briefing import RunContext
from briefing.plugins.sources.http_client import decode_body
from briefing.plugins.sources.web import HtmlOptions, HtmlSource

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) for one page."""
    t, p = shingles(true), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_page = [2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0 for c in counts]
    return {"precision": precision, "recall": recall, "f1": f1,
            "median_page_f1": statistics.median(per_page) if per_page else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args(argv)
    folder = args.data / "extraction" / "scrapinghub"
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        print(f"data missing: {truth_file} not found (pass --data DIR)", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]

    source = HtmlSource(HtmlOptions(path=folder / "html"))
    context = RunContext("bench", datetime.now(UTC), folder)

    def html_source(path: Path) -> str:
        return source.read(path, context.base_dir).text

    def plain(path: Path) -> str:
        return trafilatura.extract(decode_body(path.read_bytes())) or ""

    systems: dict[str, Callable[[Path], str]] = {"html source": html_source, "plain trafilatura": plain}
    print(f"{len(ids)} pages from {folder}")
    for name, extract in systems.items():
        counts, failures, started = [], 0, time.perf_counter()
        for page_id in ids:
            try:
                predicted = extract(folder / "html" / f"{page_id}.html")
            except Exception:
                predicted, failures = "", failures + 1
            counts.append(page_counts(truth[page_id]["articleBody"], predicted))
        result = scores(counts)
        elapsed = time.perf_counter() - started
        print(f"{name:18} P {result['precision']:.3f}  R {result['recall']:.3f}  "
              f"F1 {result['f1']:.3f}  median page F1 {result['median_page_f1']:.3f}  "
              f"no text {failures}  {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
