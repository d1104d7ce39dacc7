"""Stories that continue across days, scored: a daily briefing replayed over the GVC DEV reports.

GVC DEV (``multidoc/gvc_incident_clusters/dev/docs.jsonl``) holds 78 reports of 37 shootings, each
with its publication date; 21 incidents are reported on more than one day. Each half (story_data:
incidents alternating by their first report's date) is replayed as a user would run a daily
briefing: ``window: 24h`` (each day's run sees that day's reports only) and ``run --as-of`` the end
of every date in turn, on one state file, with the product's defaults otherwise. A report's story
is the id of the story that first briefed it (``new_article_ids``), so a story that continues
across days gathers its reports under one id.

Scores against the gold incidents: B-cubed P/R/F1 of that partition, and the pairs of reports of
*different days*: precision (two reports given one id are one incident), recall (two reports of
one incident were given one id) and F1. ``horizon: 0d`` (every run on its own, the behaviour before
stories continued) is the baseline; ``7d`` is the default; ``30d`` shows what a longer memory
buys. Nothing here is tuned: linking uses the story grouping's own threshold, which was chosen on
half A of ECB+ and GVC DEV (docs/quality.md, "Stories"), so half B is the held-out one.

    .venv/bin/python bench/eval_continuity.py [--data ../shared/data] [--work /tmp/...]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from datetime import time as clock
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from story_data import Doc, gvc, halves, write_jsonl  # noqa: E402

from briefing import Service  # noqa: E402
from briefing.core.plugins import make_plugin_manager  # noqa: E402

HORIZONS = ("0d", "7d", "30d")
CONFIG = """\
state: {state}
briefings:
  daily:
    title: Daily
    sources: [{{type: jsonl, path: {path}}}]
    window: 24h
    horizon: {horizon}
    schedule: {{timezone: UTC}}
    outputs: []
"""


def replay(docs: list[Doc], folder: Path, horizon: str) -> dict[str, str]:
    """Article id -> the id of the story that first briefed it, over a day-by-day replay."""
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(docs, folder / "docs.jsonl")
    (folder / "state.db").unlink(missing_ok=True)
    (folder / "briefings.yaml").write_text(CONFIG.format(
        state=folder / "state.db", path=folder / "docs.jsonl", horizon=horizon), encoding="utf-8")
    service = Service.open(folder / "briefings.yaml", make_plugin_manager(entry_points=False))
    story_of: dict[str, str] = {}
    try:
        for day in sorted({d.record["published"] for d in docs}):
            moment = datetime.combine(datetime.fromisoformat(day).date(), clock(23, 59, 59), UTC)
            result = service.run("daily", publish=False, now=moment)
            if result.briefing is None:
                print(f"  {day}: {result.error}", file=sys.stderr)
                continue
            for story in result.briefing.stories:
                for article_id in story.new_article_ids:
                    story_of.setdefault(article_id, story.id)
    finally:
        service.close()
    return story_of


def bcubed(story_of: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = [i for i in gold if i in story_of]
    clusters, truth = Counter(story_of[i] for i in ids), Counter(gold[i] for i in ids)
    both = Counter((story_of[i], gold[i]) for i in ids)
    precision = sum(both[(story_of[i], gold[i])] / clusters[story_of[i]] for i in ids) / len(ids)
    recall = sum(both[(story_of[i], gold[i])] / truth[gold[i]] for i in ids) / len(ids)
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


def across_days(story_of: dict[str, str], docs: list[Doc]) -> tuple[float, float, float, int]:
    """P/R/F1 over pairs of reports published on different days, and the gold pairs counted."""
    placed = [d for d in docs if d.id in story_of]
    same_story = same_gold = both = 0
    for a, b in combinations(placed, 2):
        if a.record["published"] == b.record["published"]:
            continue
        linked, true = story_of[a.id] == story_of[b.id], a.gold == b.gold
        same_story += linked
        same_gold += true
        both += linked and true
    precision = both / same_story if same_story else 1.0
    recall = both / same_gold if same_gold else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall or 1), same_gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-eval-continuity"))
    args = parser.parse_args(argv)
    if not (args.data / "multidoc/gvc_incident_clusters/dev/docs.jsonl").is_file():
        print(f"data missing: {args.data}/multidoc/gvc_incident_clusters/dev/docs.jsonl (pass --data DIR)",
              file=sys.stderr)
        return 2
    half_a, half_b = halves(gvc(args.data), by_date=True)
    lines = ["| half | horizon | reports | days | B³ P | B³ R | B³ F1 | cross-day P | cross-day R "
             "| cross-day F1 | cross-day gold pairs |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    started = time.perf_counter()
    for name, docs in (("A (the grouping's tuning half)", half_a), ("B (held out)", half_b)):
        gold = {d.id: d.gold for d in docs}
        days = len({d.record["published"] for d in docs})
        for horizon in HORIZONS:
            story_of = replay(docs, args.work / f"{name[0]}-{horizon}", horizon)
            p, r, f = bcubed(story_of, gold)
            cp, cr, cf, pairs = across_days(story_of, docs)
            lines.append(f"| {name} | {horizon} | {len(story_of)}/{len(docs)} | {days} | {p:.3f} | "
                         f"{r:.3f} | **{f:.3f}** | {cp:.3f} | {cr:.3f} | **{cf:.3f}** | {pairs} |")
    print("\n".join(lines))
    print(f"\n{time.perf_counter() - started:.0f} s for the six replays")
    return 0


if __name__ == "__main__":
    sys.exit(main())
