"""What comparing with the earlier days costs: the assembler with and without ``previous``.

A daily briefing's run reads back the briefings of the last ``horizon`` days and, in the
assembler, links today's stories to theirs (story_links) and checks today's facts and risks
against theirs (novelty). This script makes ``--days`` days of ``--per-day`` articles from the
items bench/reduce_scale.py extracts from FA-KES (the same pickle, and its frequency-preserving
copies past the 804 articles), assembles each day with the days before it as ``previous`` (as a
run would, each stored briefing read back through its JSON), and times the last day three ways:
without ``previous``, with it, and reading the earlier briefings back from JSON text. Medians of
``--repeats`` runs.

    .venv/bin/python bench/across_days_speed.py [--data DIR] [--per-day 600] [--days 8]
        [--repeats 3] [--items FILE]
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reduce_scale import Corpus, extract, scaled  # noqa: E402

from briefing import Article, Item, briefing_from_dict, briefing_to_dict  # noqa: E402
from briefing.plugins.analysis.assemble.assembler import assemble_briefing  # noqa: E402

START = datetime(2024, 3, 4, 7, tzinfo=UTC)


def median_seconds(run: Callable[[], Any], repeats: int) -> tuple[Any, float]:
    times, value = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - started)
    return value, statistics.median(times)


def days_of(corpus: Corpus, per_day: int, days: int) -> list[tuple[list[Article], list[Item]]]:
    """The corpus cut into days, each article dated within its day."""
    articles, items = scaled(corpus, per_day * days)
    out = []
    for day in range(days):
        chunk = articles[day * per_day:(day + 1) * per_day]
        dated = [replace(a, published_at=START + timedelta(days=day, minutes=n))
                 for n, a in enumerate(chunk)]
        ids = {a.id for a in dated}
        out.append((dated, [i for i in items if i.evidence and i.evidence[0].article_id in ids]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--per-day", type=int, default=600)
    parser.add_argument("--days", type=int, default=8, help="the last is timed; the others are its past")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--analyse", type=int, default=804, help="FA-KES articles run through spaCy")
    parser.add_argument("--items", type=Path, default=None,
                        help="pickle of extracted articles and items (bench/reduce_scale.py's)")
    args = parser.parse_args(argv)
    cache = args.items or Path(tempfile.gettempdir()) / f"briefing-reduce-items-{args.analyse}.pkl"
    if cache.is_file():
        corpus: Corpus = pickle.loads(cache.read_bytes())
    else:
        corpus = extract(args.data, args.analyse)
        cache.write_bytes(pickle.dumps(corpus))
    days = days_of(corpus, args.per_day, args.days)
    stored: list[str] = []  # the earlier days' briefings as the state holds them: JSON text
    for day, (articles, items) in enumerate(days[:-1]):
        previous = [briefing_from_dict(json.loads(body)) for body in stored]
        made = assemble_briefing("bench", "Bench", articles, items, (), START + timedelta(days=day, hours=23),
                                 previous)
        stored.append(json.dumps(briefing_to_dict(made, with_text=True)))
    articles, items = days[-1]
    now = START + timedelta(days=len(days) - 1, hours=23)
    previous, read_s = median_seconds(lambda: [briefing_from_dict(json.loads(b)) for b in stored],
                                      args.repeats)
    alone, alone_s = median_seconds(
        lambda: assemble_briefing("bench", "Bench", articles, items, (), now, ()), args.repeats)
    linked, linked_s = median_seconds(
        lambda: assemble_briefing("bench", "Bench", articles, items, (), now, previous), args.repeats)
    earlier_articles = sum(len(b.articles) for b in previous)
    print(f"today: {len(articles)} articles, {len(items)} items; earlier: {len(previous)} briefings, "
          f"{earlier_articles} articles, {sum(len(b.facts) for b in previous)} facts, "
          f"{sum(len(b) for b in stored) / 1e6:.1f} MB of JSON")
    print(f"{'':<34}{'median s':>9}")
    print(f"{'read the earlier briefings back':<34}{read_s:>9.3f}")
    print(f"{'assemble alone':<34}{alone_s:>9.3f}")
    print(f"{'assemble with previous':<34}{linked_s:>9.3f}   ({linked_s / alone_s:.2f}x alone)")
    developing = sum(s.status == "developing" for s in linked.stories)
    print(f"stories: {len(alone.stories)} alone, {len(linked.stories)} with previous "
          f"({developing} developing); facts new: {sum(f.new for f in linked.facts)} of {len(linked.facts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
