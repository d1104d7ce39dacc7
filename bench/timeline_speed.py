"""How long ``briefing timeline`` takes on a state holding 5,000 articles, and why not dateparser.

The state is real: a SQLite file written by the store, holding the articles of Timeline17 DEV
(``--data``, default ../shared/data) as stored briefings, one per publication day, with their texts
and sentence offsets as a real run keeps them (the data's lines are its sentences, so no spaCy
parse is made or timed: a timeline reads stored sentences). The 2,733 DEV articles are used twice,
the second copy published 400 days later, to reach 5,000.

Timed, each as the median of ``--repeat`` runs:

* ``read``: loading every stored briefing of the name into articles (JSON and dataclasses);
* ``build``: the timeline itself (date mentions in every article, ranking, candidates, summaries),
  T=20 dates, K=2 sentences, no date limits;
* ``command``: ``briefing timeline NAME --json`` as a user runs it, in a fresh process (Python
  start-up and plugin loading included).

And the reason for a grammar of our own: `find_dates` against ``dateparser.search.search_dates``
with the article's date as RELATIVE_BASE, on the same sentences, in the same run.

    .venv/bin/python bench/timeline_speed.py [--data DIR] [--articles 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing import Article, Briefing, briefing_to_dict  # noqa: E402
from briefing.plugins.timeline.dates import find_dates  # noqa: E402
from briefing.plugins.timeline.state import stored_articles  # noqa: E402
from briefing.plugins.timeline.timeline import TimelineSettings, build_timeline  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from eval_timelines import load_topics  # noqa: E402


def articles_from(data: Path, count: int) -> list[Article]:
    base = [dated for topic in load_topics(data) for dated in topic.articles]
    found: list[Article] = []
    copy = 0
    while len(found) < count:
        for dated in base:
            if len(found) == count:
                break
            day = dated.published + timedelta(days=400 * copy)
            when = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            a = dated.article
            found.append(Article(f"{a.id}#{copy}", None, a.text.split("\n", 1)[0][:80], "t17", when,
                                 a.text, a.sentences))
        copy += 1
    return found


def write_state(path: Path, name: str, articles: list[Article]) -> None:
    from briefing.core.store import Store

    by_day: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        assert article.published_at is not None
        by_day[article.published_at.date().isoformat()].append(article)
    store = Store(path)
    for day, day_articles in sorted(by_day.items()):
        generated = datetime.fromisoformat(day).replace(hour=18, tzinfo=UTC)
        briefing = Briefing(name, "Timeline17 DEV", generated, tuple(day_articles))
        store.save_briefing(name, day, generated.isoformat(), briefing_to_dict(briefing, with_text=True))
    store.close()


def median_seconds(job, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def compare_dateparser(articles: list[Article], sentences: int) -> None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser: not installed, comparison skipped")
        return
    sample = [(s.text, a.published_at) for a in articles[::50] for s in a.sentences[:4]][:sentences]
    ours, _ = median_seconds(lambda: [find_dates(t, d.date()) for t, d in sample if d], 3)
    started = time.perf_counter()
    for text, when in sample:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": when.replace(tzinfo=None)})
    theirs = time.perf_counter() - started
    print(f"date mentions in {len(sample)} sentences: find_dates {ours * 1000:.1f} ms, "
          f"dateparser.search_dates {theirs * 1000:.0f} ms (x{theirs / ours:.0f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dateparser-sentences", type=int, default=200)
    args = parser.parse_args(argv)
    articles = articles_from(args.data, args.articles)
    sentences = sum(len(a.sentences) for a in articles)
    with tempfile.TemporaryDirectory(prefix="timeline-speed-") as folder:
        state = Path(folder) / "state.db"
        write_state(state, "t17", articles)
        config = Path(folder) / "briefings.yaml"
        config.write_text(f"state: {state}\nbriefings:\n  t17:\n    title: Timeline17 DEV\n"
                          "    sources: [{type: folder, path: .}]\n    outputs: []\n", encoding="utf-8")
        from briefing import Service

        def read() -> list:
            service = Service.open(config)
            try:
                stored = stored_articles(service, "t17")
                assert stored is not None
                return stored[1]
            finally:
                service.close()

        read_s, dated = median_seconds(read, args.repeat)
        settings = TimelineSettings(dates=20, sentences=2)
        build_s, entries = median_seconds(lambda: build_timeline(dated, settings), args.repeat)
        command = [sys.executable, "-c", "from briefing.core.cli import main; main()", "--config",
                   str(config), "timeline", "t17", "-T", "20", "-K", "2", "--json"]
        command_s, done = median_seconds(lambda: subprocess.run(command, capture_output=True, text=True),
                                         args.repeat)
        assert done.returncode == 0, done.stderr
        printed = json.loads(done.stdout)
    print(f"{len(articles)} articles, {sentences} sentences; medians of {args.repeat} runs")
    print(f"read   {read_s:6.2f} s  (stored briefings -> articles)")
    print(f"build  {build_s:6.2f} s  (dates, ranking, summaries; {len(entries)} dates)")
    print(f"command{command_s:6.2f} s  (briefing timeline --json, fresh process; "
          f"{len(printed['timeline'])} dates)")
    compare_dateparser(articles, args.dateparser_sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
