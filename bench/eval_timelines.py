"""Timelines against journalists' timelines: Timeline17 DEV, scored as news-tls scores them.

Data: ``multidoc/timeline17/dev`` under ``--data`` (default ../shared/data from the repository
root): 5 topics, 11 gold timelines. As in news-tls (``experiments/evaluate.py``), all the sources of
a topic share one pool of articles; for each gold timeline the input is limited to the articles
published within its first and last date, the timeline has as many dates as the gold one (T) and
as many sentences per date as the gold one's rounded mean (K). Articles are one sentence per line
in the data, so the lines are the sentences (no spaCy parse: the timeline reads stored sentences).

Scores: tilse's alignment ROUGE-1/2 F1 (``evaluate_align_date_content_costs_many_to_one``, the
Perl ROUGE-1.5.5 it bundles, which needs Debian's ``libxml-dom-perl``) and date F1; precision and
recall are averaged over timelines before F, as news-tls does. ``--rouge python`` uses tilse's
approximate reimplementation instead (quick, for exploring; never for reported figures).

Halves: topics sorted by name; the first topics holding up to half of the timelines (bpoil,
egyptianprotest: 6 timelines) are the tuning half, the rest (finan, h1n1, haiti: 5) the held-out
half. Every setting in TimelineSettings' defaults was chosen on the first half.

    .venv/bin/python bench/eval_timelines.py [--data DIR] [--half first|second|all]
        [--rouge perl|python] [--set after_days=1 --set weights.later=2 ...] [--out FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing import Article, Sentence  # noqa: E402
from briefing.plugins.timeline.corpus import DatedArticle  # noqa: E402
from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline  # noqa: E402

PUBLISHED = {"Datewise (ACL 2020, all T17)": (0.120, 0.035, 0.544),
             "mention counts + centroid (RESEARCH.md, DEV)": (0.125, 0.034, 0.723)}


@dataclass
class Gold:
    topic: str
    name: str
    entries: dict[date, list[str]]


@dataclass
class Topic:
    name: str
    articles: list[DatedArticle]
    timelines: list[Gold]


def article_from_lines(article_id: str, text: str, published: date) -> Article:
    """The data's lines are its sentences; offsets into the text as the analyser would store them."""
    sentences, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
        offset += len(line) + 1
    return Article(article_id, None, "", "", None, text, tuple(sentences))


def load_topics(data: Path) -> list[Topic]:
    folder = data / "multidoc" / "timeline17" / "dev"
    if not folder.is_dir():
        raise SystemExit(f"eval_timelines: no Timeline17 DEV folder at {folder} (pass --data DIR)")
    topics: dict[str, Topic] = {}
    for source in sorted(p for p in folder.iterdir() if (p / "articles.jsonl").is_file()):
        topic_name = source.name.split("_")[0].lower()
        topic = topics.setdefault(topic_name, Topic(topic_name, [], []))
        with (source / "articles.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if row["text"].strip():
                    published = date.fromisoformat(row["date"])
                    article = article_from_lines(f"{source.name}/{row['id']}", row["text"], published)
                    topic.articles.append(DatedArticle(article, published))
        with (source / "timelines.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                entries: dict[date, list[str]] = defaultdict(list)
                for day, sentences in row["entries"]:  # a date listed twice: its sentences merged
                    entries[date.fromisoformat(day)].extend(sentences)
                topic.timelines.append(Gold(topic_name, f"{source.name}/{row['name']}", dict(entries)))
    return [topics[name] for name in sorted(topics)]


def halves(topics: list[Topic]) -> dict[str, list[Topic]]:
    total = sum(len(t.timelines) for t in topics)
    first: list[Topic] = []
    for topic in topics:
        if sum(len(t.timelines) for t in first) + len(topic.timelines) > math.ceil(total / 2):
            break
        first.append(topic)
    return {"first": first, "second": topics[len(first):], "all": topics}


def settings_with(overrides: list[str], **fixed: Any) -> TimelineSettings:
    values: dict[str, Any] = {}
    weights: dict[str, Any] = {}
    for pair in overrides:
        key, _, raw = pair.partition("=")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise SystemExit(f"eval_timelines: bad --set {pair!r}, expected name=number") from None
        if key.startswith("weights."):
            weights[key.removeprefix("weights.")] = value
        else:
            values[key] = value
    try:
        default = TimelineSettings()
        return dataclasses.replace(default, **values, **fixed,
                                   weights=dataclasses.replace(default.weights, **weights))
    except TypeError as error:
        raise SystemExit(f"eval_timelines: {error}") from None


def check_rouge(kind: str) -> None:
    try:
        import tilse  # noqa: F401
    except ImportError:
        raise SystemExit("eval_timelines: the tilse package is missing: pip install -e '.[bench]' "
                         "(or `make bench`)") from None
    if kind == "perl":
        perl = shutil.which("perl")
        found = perl and subprocess.run([perl, "-MXML::DOM", "-e", "1"], capture_output=True).returncode == 0
        if not found:
            raise SystemExit("eval_timelines: tilse's ROUGE-1.5.5 needs Perl with XML::DOM, which is "
                             "missing: apt-get install -y libxml-dom-perl (Debian), or pass --rouge python "
                             "for tilse's approximation (not for reported figures)")


def date_prf(predicted: set[date], gold: set[date]) -> dict[str, float]:
    shared = len(predicted & gold)
    precision = shared / len(predicted) if predicted else 0.0
    recall = shared / len(gold) if gold else 0.0
    return {"precision": precision, "recall": recall}


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate(topics: list[Topic], overrides: list[str], rouge_kind: str) -> dict[str, Any]:
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline
    from tilse.evaluation import rouge

    computation = "original" if rouge_kind == "perl" else "reimpl"
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation=computation)
    rows, build_seconds = [], 0.0
    for topic in topics:
        for gold in topic.timelines:
            days = sorted(gold.entries)
            k = round(sum(len(s) for s in gold.entries.values()) / len(gold.entries))
            settings = settings_with(overrides, dates=len(days), sentences=k, start=days[0], end=days[-1])
            started = time.perf_counter()
            entries = build_timeline(topic.articles, settings)
            build_seconds += time.perf_counter() - started
            predicted = TilseTimeline({e.day: list(e.sentences) for e in entries})
            reference = GroundTruth([TilseTimeline(gold.entries)])
            scores = evaluator.evaluate_align_date_content_costs_many_to_one(predicted, reference)
            rows.append({"timeline": gold.name, "T": len(days), "K": k, "predicted_dates": len(entries),
                         "rouge_1": scores["rouge_1"], "rouge_2": scores["rouge_2"],
                         "dates": date_prf({e.day for e in entries}, set(days))})
    average = {}
    for metric in ("rouge_1", "rouge_2", "dates"):
        precision = sum(r[metric]["precision"] for r in rows) / len(rows)
        recall = sum(r[metric]["recall"] for r in rows) / len(rows)
        average[metric] = {"precision": precision, "recall": recall, "f_score": f1(precision, recall)}
    return {"timelines": rows, "average": average, "build_seconds": build_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--half", choices=("first", "second", "all"), action="append",
                        help="which part of DEV (repeatable; default: first, second and all)")
    parser.add_argument("--rouge", choices=("perl", "python"), default="perl")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="a TimelineSettings field (weights.later=2, after_days=1, ...)")
    parser.add_argument("--verbose", action="store_true", help="a line per timeline")
    parser.add_argument("--out", type=Path, help="write every score as JSON")
    args = parser.parse_args(argv)
    check_rouge(args.rouge)
    settings_with(args.overrides)  # fail on a bad --set before any work
    parts = halves(load_topics(args.data))
    results = {}
    print(f"{'part':<8} {'topics':<40} {'TLs':>3} {'AR1-F':>6} {'AR2-F':>6} {'Date-F1':>7} {'build s':>7}")
    for half in args.half or ["first", "second", "all"]:
        result = evaluate(parts[half], args.overrides, args.rouge)
        results[half] = result
        avg = result["average"]
        names = ",".join(t.name for t in parts[half])
        print(f"{half:<8} {names:<40} {len(result['timelines']):>3} {avg['rouge_1']['f_score']:>6.3f} "
              f"{avg['rouge_2']['f_score']:>6.3f} {avg['dates']['f_score']:>7.3f} "
              f"{result['build_seconds']:>7.2f}")
        if args.verbose:
            for row in result["timelines"]:
                print(f"    {row['timeline']:<58} T={row['T']:<3} K={row['K']:<2} "
                      f"R1={row['rouge_1']['f_score']:.3f} R2={row['rouge_2']['f_score']:.3f} "
                      f"D={f1(row['dates']['precision'], row['dates']['recall']):.3f}")
    for name, (r1, r2, d) in PUBLISHED.items():
        print(f"  reference: {name}: {r1:.3f} / {r2:.3f} / {d:.3f}")
    if args.out:
        args.out.write_text(json.dumps({"settings": args.overrides, "rouge": args.rouge, "results": results},
                                       indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
