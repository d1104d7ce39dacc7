"""How well `group_stories` finds events, and how its time grows with the number of articles.

Data: ``news/fakes_syria/fakes.csv`` (FA-KES, 804 articles; crowd workers noted each article's
event date and location), read from ``--data`` (default ../shared/data). The gold stories are the
groups of articles that share date and location. Entities come from the spaCy model the
``spacy`` analyser uses (names of places, organisations, people, groups), on each article's
title and first ``--words`` words; the article's event date is its publication date.

Quality is B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009), beside
two baselines: every article its own story, and one story per date; and with the defaults
(window 1 day, overlap 0.3) beside a same-calendar-day window with a loose overlap of 0.1,
which fits this gold (event dates at midnight) best.

Speed: the corpus is replicated to 1,000, 5,000 and 20,000 articles, each copy moved 3,000 days
later (so copies are separate events) and with one entity dropped per article (a small edit);
only `group_stories` is timed.

    .venv/bin/python bench/stories.py [--data DIR] [--words 120] [--sizes 1000,5000,20000]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing import Article, make_article
from briefing.plugins.analysis.assemble.stories import group_stories
from briefing.plugins.analysis.nlp.analyser import load_model

ROOT = Path(__file__).resolve().parent.parent
LABELS = {"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "EVENT"}


def bcubed(predicted: Sequence[Sequence[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of clusters ``predicted`` against gold labels by id."""
    cluster_of = {item: index for index, members in enumerate(predicted) for item in members}
    members_of: dict[int, list[str]] = defaultdict(list)
    for item, index in cluster_of.items():
        members_of[index].append(item)
    gold_members: dict[str, list[str]] = defaultdict(list)
    for item, label in gold.items():
        gold_members[label].append(item)
    precision = recall = 0.0
    for item, label in gold.items():
        cluster = members_of[cluster_of[item]]
        correct = sum(1 for other in cluster if gold[other] == label)
        precision += correct / len(cluster)
        recall += correct / len(gold_members[label])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def load(path: Path) -> tuple[list[Article], dict[str, str]]:
    articles, gold = [], {}
    with path.open(encoding="latin-1", newline="") as handle:
        for row, record in enumerate(csv.DictReader(handle)):
            day = datetime.strptime(record["date"], "%m/%d/%y").replace(tzinfo=UTC)
            article = make_article(record["article_content"], title=record["article_title"],
                                   url=f"fakes:{row}", source=record["source"], published_at=day)
            articles.append(article)
            gold[article.id] = f"{record['date']}|{record['location'].strip().lower()}"
    return articles, gold


def entities(articles: Sequence[Article], words: int) -> dict[str, list[str]]:
    nlp = load_model("en_core_web_sm", disable=("parser", "tagger", "attribute_ruler", "lemmatizer"))
    texts = [a.title + ". " + " ".join(a.text.split()[:words]) for a in articles]
    found = {}
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=64), strict=True):
        found[article.id] = sorted({ent.text for ent in doc.ents if ent.label_ in LABELS})
    return found


def replicate(articles: list[Article], by_id: dict[str, list[str]], size: int
              ) -> tuple[list[Article], dict[str, list[str]]]:
    copies: list[Article] = []
    copied: dict[str, list[str]] = {}
    copy = 0
    while len(copies) < size:
        for article in articles:
            if len(copies) == size:
                break
            assert article.published_at is not None
            clone = replace(article, id=f"{article.id}-{copy}",
                            published_at=article.published_at + timedelta(days=3000 * copy))
            names = by_id.get(article.id, [])
            copied[clone.id] = names[:-1] if copy and len(names) > 2 else names
            copies.append(clone)
        copy += 1
    return copies, copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--sizes", default="1000,5000,20000")
    args = parser.parse_args(argv)
    path = args.data / "news" / "fakes_syria" / "fakes.csv"
    if not path.is_file():
        print(f"data missing: {path} not found (pass --data DIR)", file=sys.stderr)
        return 2
    articles, gold = load(path)
    started = time.perf_counter()
    by_id = entities(articles, args.words)
    print(f"{len(articles)} articles, {len(set(gold.values()))} gold stories; entities by spaCy "
          f"in {time.perf_counter() - started:.1f} s")

    by_date: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        assert article.published_at is not None
        by_date[article.published_at.date().isoformat()].append(article.id)
    runs = {
        "singletons": [[a.id] for a in articles],
        "one story per date": list(by_date.values()),
        "group_stories": group_stories(articles, by_id),
        "  same day, loose": group_stories(articles, by_id, window_days=0.5, threshold=0.1),
    }
    for name, stories in runs.items():
        p, r, f = bcubed(stories, gold)
        print(f"{name:20} stories {len(stories):4}  B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    for size in (int(s) for s in args.sizes.split(",") if s):
        copies, copied = replicate(articles, by_id, size)
        started = time.perf_counter()
        stories = group_stories(copies, copied)
        elapsed = time.perf_counter() - started
        print(f"group {size:6,} articles: {elapsed:6.2f} s ({elapsed / size * 1e6:.0f} µs/article), "
              f"{len(stories):,} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
