"""How long the story grouping takes as a briefing grows, and a sanity check of what it finds.

Data: ``news/fakes_syria/fakes.csv`` (FA-KES, 804 articles about the Syrian war; crowd workers
noted each article's event date and location), read from ``--data`` (default ../shared/data).
Stakeholders and places come from the spaCy model the ``spacy`` analyser uses (people,
organisations and groups; places and states), on each article's title and first ``--words``
words, and stand in for what the extractors give the assembler; the article's date is its event
date.

Speed: the corpus is replicated to 1,000, 5,000 and 20,000 articles, each copy moved 3,000 days
later (so copies are separate events) and with one entity dropped per article (a small edit).
Timed: ``group_articles`` end to end (terms of every article, weights, candidate retrieval,
similarities, average linkage, event splitting), median of ``--repeat`` runs, beside the cost of
computing the articles' term vectors alone (the floor any similarity-based grouping pays) in
the same run, and beside the grouping with the test of the days each lead names. Goal: 20,000
articles in under 30 s.

Quality (a sanity check only: FA-KES gold is "same event date and location", much coarser than
an event, and noisy): B-cubed against that gold, beside one story per article and one story per
date, with the defaults and with the test of the days each lead names (``apart`` 0.25, off by
default), two ways:

- ``crowd dates``: each article dated by the crowd's event date (the gold's own date, so any use
  of time is partly judged by what it was given);
- ``own dates``: the CSV's date withheld, each article cleaned by the ``boilerplate`` cleaner as a
  user's undated export would be, and so dated by its own dateline where it has one.

The real story-clustering evaluation is bench/eval_stories.py.

    .venv/bin/python bench/stories.py [--data DIR] [--words 120] [--sizes 1000,5000,20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster_scores import bcubed  # noqa: E402

from briefing import Article, Evidence, Place, Stakeholder, make_article  # noqa: E402
from briefing.plugins.analysis.assemble.story_features import article_terms, entity_counts, weigh  # noqa: E402
from briefing.plugins.analysis.assemble.story_grouping import GroupingOptions, group_articles  # noqa: E402
from briefing.plugins.analysis.nlp.analyser import load_model  # noqa: E402
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions  # noqa: E402

KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
PLACES = {"GPE", "LOC", "FAC"}
Entities = dict[str, list[tuple[str, str]]]  # article id -> (name, kind or "place")


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


def entities(articles: Sequence[Article], words: int) -> Entities:
    nlp = load_model("en_core_web_sm", disable=("parser", "tagger", "attribute_ruler", "lemmatizer"))
    texts = [a.title + ". " + " ".join(a.text.split()[:words]) for a in articles]
    found: Entities = {}
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=64), strict=True):
        found[article.id] = sorted({(ent.text, KINDS.get(ent.label_, "place")) for ent in doc.ents
                                    if ent.label_ in KINDS or ent.label_ in PLACES})
    return found


def items(by_id: Entities) -> tuple[list[Stakeholder], list[Place]]:
    """One merged stakeholder or place per name, with a piece of evidence per article naming it."""
    evidence: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for article_id, named in by_id.items():
        for name, kind in named:
            evidence[(name, kind)].append(Evidence(article_id, 0, name))
    people = [Stakeholder(name, kind, tuple(ev)) for (name, kind), ev in evidence.items() if kind != "place"]
    places = [Place(name, tuple(ev)) for (name, kind), ev in evidence.items() if kind == "place"]
    return people, places


def replicate(articles: list[Article], by_id: Entities, size: int) -> tuple[list[Article], Entities]:
    copies: list[Article] = []
    copied: Entities = {}
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


def own_dates(articles: Sequence[Article]) -> list[Article]:
    """The articles without the crowd's date, cleaned as the product cleans them (an undated
    article takes its dateline's date)."""
    cleaner = BoilerplateCleaner(CleanerOptions())
    return [cleaner.clean(replace(article, published_at=None)) for article in articles]


def timed(run: object, repeat: int) -> float:
    assert callable(run)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    path = args.data / "news" / "fakes_syria" / "fakes.csv"
    if not path.is_file():
        print(f"data missing: {path} not found (pass --data DIR)", file=sys.stderr)
        return 2
    articles, gold = load(path)
    started = time.perf_counter()
    by_id = entities(articles, args.words)
    print(f"{len(articles)} articles, {len(set(gold.values()))} gold groups (date and place); entities "
          f"by spaCy in {time.perf_counter() - started:.1f} s")

    by_date: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        assert article.published_at is not None
        by_date[article.published_at.date().isoformat()].append(article.id)
    people, places = items(by_id)
    own = own_dates(articles)
    print(f"own dates: {sum(a.published_at is not None for a in own)} of {len(own)} articles dated by "
          "their datelines")
    by_day = GroupingOptions(apart=0.25)
    runs = {"one story per article": [[a.id] for a in articles],
            "one story per date": list(by_date.values()),
            "crowd dates, group_articles": group_articles(articles, people, places),
            "crowd dates, with day test": group_articles(articles, people, places, by_day),
            "own dates, group_articles": group_articles(own, people, places),
            "own dates, with day test": group_articles(own, people, places, by_day)}
    for name, stories in runs.items():
        p, r, f = bcubed(stories, gold)
        print(f"{name:28} stories {len(stories):4}  B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    for size in (int(s) for s in args.sizes.split(",") if s):
        copies, copied = replicate(articles, by_id, size)
        people, places = items(copied)
        floor = timed(lambda c=copies, p=people, q=places: weigh(article_terms(c, entity_counts(p, q))),
                      args.repeat)
        grouping = timed(lambda c=copies, p=people, q=places: group_articles(c, p, q), args.repeat)
        days = timed(lambda c=copies, p=people, q=places: group_articles(c, p, q, by_day), args.repeat)
        found = len(group_articles(copies, people, places))
        print(f"group {size:6,} articles: {grouping:6.2f} s median of {args.repeat} "
              f"({grouping / size * 1e6:.0f} µs/article; term vectors alone {floor:.2f} s, "
              f"ratio {grouping / floor:.1f}; with the day test {days:.2f} s), {found:,} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
