"""How well the briefing's stories find events, on story-clustering gold, against the baseline.

Data (``--data``, default ../shared/data): the DEV parts of ECB+ (772 documents, 66 stories in 33
topics of two similar events each) and GVC (78 reports of 37 shootings), each split into two
halves as story_data explains (ECB+ by topic; GVC by incident, alternating in date order).

Three ways of grouping each half, scored by B-cubed P/R/F1 and the adjusted Rand index:

- ``baseline``: single-pass TF-IDF clustering (story_baseline), its threshold chosen on one half
  and reported on the other;
- ``product (briefing run)``: each half written as a JSON-lines file and briefed by
  ``briefing run --json --no-publish`` with every setting at its default, exactly as a user runs
  it; its ``stories[]`` are the clusters, each with its ``article_ids`` and its ``copy_ids`` (the
  near duplicates the run dropped before analysis, which its story counts as reports: a copy is
  scored in the story of the article it repeats, rightly or wrongly by the gold). A document in
  no story would count as a cluster of its own;
- ``..., each topic alone``: ECB+ grouped one topic at a time (the product re-run on each topic's
  articles of the half's briefing, the baseline on each topic's documents), as a briefing of one
  subject is: its words are then in every report, and a grouping that weighs words by their rarity
  in the run alone splits its events (story_features, background);
- ``product, chosen on X``: the same grouping (``story_grouping.group_articles``) re-run on what
  that briefing assembled (stored with its texts in the run's state file), over a grid of its
  parameters; the setting with the best mean F1 over ECB+ and GVC of one half is reported on the
  other. The product's defaults are the setting chosen on half A, so its ``briefing run`` row on
  half B is a number reported on data nothing was chosen on. The script checks that the re-run
  with the defaults gives the same stories as ``briefing run``.

    .venv/bin/python bench/eval_stories.py [--data DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster_scores import adjusted_rand_index, bcubed  # noqa: E402
from story_baseline import single_pass  # noqa: E402
from story_data import Doc, ecbplus, gvc, halves, write_jsonl  # noqa: E402
from story_runs import run_briefings, stored_briefing, write_config  # noqa: E402

from briefing import Briefing  # noqa: E402
from briefing.plugins.analysis.assemble.story_cards import copy_ids  # noqa: E402
from briefing.plugins.analysis.assemble.story_grouping import GroupingOptions, group_articles  # noqa: E402

SETS = ("ecbplus", "gvc")
BASELINE_GRID = [round(0.05 + 0.02 * i, 2) for i in range(46)]
GRID: dict[str, list[float]] = {
    "threshold": [0.04, 0.06, 0.08, 0.1],
    "split": [0.15, 0.2, 0.25],
    "days": [30.0, 365.0],
    "people": [0.4, 0.8],
    "details": [0.5, 0.75],
    "places": [0.15, 0.4],
}
Clusters = Sequence[Sequence[str]]


def scores(clusters: Clusters, docs: list[Doc]) -> tuple[float, float, float, float]:
    gold = {doc.id: doc.gold for doc in docs}
    return (*bcubed(clusters, gold), adjusted_rand_index(clusters, gold))


def baseline(docs: list[Doc], threshold: float) -> list[list[str]]:
    texts = [doc.record.get("title", "") + "\n" + doc.record["text"] for doc in docs]
    return single_pass([doc.id for doc in docs], texts, threshold)


def options_for(setting: dict[str, float]) -> GroupingOptions:
    base = GroupingOptions()
    weights = dict(base.weights)
    options = replace(base, weights=weights)
    for key, value in setting.items():
        if key in weights:
            weights[key] = value
        else:
            options = replace(options, **{key: value})  # type: ignore[arg-type]
    return options


def grouped(briefing: Briefing, options: GroupingOptions) -> list[list[str]]:
    """The grouping re-run on what a briefing assembled, each article with its copies (as
    story_cards counts them)."""
    by_id = {article.id: article for article in briefing.articles}
    return [[*group, *(c for i in group for c in copy_ids(by_id[i]))]
            for group in group_articles(briefing.articles, briefing.stakeholders, briefing.places, options)]


def topic_by_topic(docs: list[Doc], clusters_of: Callable[[list[Doc]], Clusters]) -> list[list[str]]:
    """The clusters of each topic grouped on its own, together (no story can span two topics)."""
    topics: dict[str, list[Doc]] = {}
    for doc in docs:
        topics.setdefault(doc.group, []).append(doc)
    return [list(cluster) for members in topics.values() for cluster in clusters_of(members)]


def grouped_alone(briefing: Briefing, members: list[Doc], options: GroupingOptions) -> list[list[str]]:
    """``grouped`` on the articles of ``members`` only (and their copies)."""
    ids = {doc.id for doc in members}
    kept = [a for a in briefing.articles if a.id in ids]
    return grouped(replace(briefing, articles=tuple(kept)), options)


def story_clusters(body: dict[str, object]) -> list[list[str]]:
    """The stories of ``briefing run --json``: each story's articles and copies."""
    stories = body["stories"]
    assert isinstance(stories, list)
    return [[*story["article_ids"], *story.get("copy_ids", ())] for story in stories]


def mean_f1(halves_docs: dict[str, list[Doc]], briefings: dict[str, Briefing], options: GroupingOptions
            ) -> float:
    return sum(scores(grouped(briefings[s], options), halves_docs[s])[2] for s in SETS) / len(SETS)


def choose(halves_docs: dict[str, list[Doc]], briefings: dict[str, Briefing]) -> dict[str, float]:
    """The grid setting with the best mean B-cubed F1 over the sets of one half (first on a tie)."""
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values, strict=True))
        options = options_for(setting)
        mean = mean_f1(halves_docs, briefings, options)
        if mean > best[0]:
            best = (mean, setting)
    return best[1]


def row(name: str, half: str, how: str, clusters: Clusters, docs: list[Doc], note: str = "") -> str:
    p, r, f, ari = scores(clusters, docs)
    placed = len({i for c in clusters for i in c} & {d.id for d in docs})
    return (f"| {name} | {half} | {how} | {p:.3f} | {r:.3f} | **{f:.3f}** | {ari:.3f} | {len(clusters)} "
            f"| {placed}/{len({d.id for d in docs})} | {note} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-eval-stories"),
                        help="folder for the JSON-lines files, the config and the state (analysis cache)")
    args = parser.parse_args(argv)
    for path in (args.data / "multidoc/ecbplus_story_clusters/dev/docs.jsonl",
                 args.data / "multidoc/gvc_incident_clusters/dev/docs.jsonl"):
        if not path.is_file():
            print(f"data missing: {path} not found (pass --data DIR)", file=sys.stderr)
            return 2
    docs: dict[str, dict[str, list[Doc]]] = {}
    for name, found, by_date in (("ecbplus", ecbplus(args.data), False), ("gvc", gvc(args.data), True)):
        a, b = halves(found, by_date)
        docs[name] = {"A": a, "B": b}
    args.work.mkdir(parents=True, exist_ok=True)
    names = {f"{s}-{h.lower()}": (s, h) for s in SETS for h in "AB"}
    for briefing_name, (s, h) in names.items():
        write_jsonl(docs[s][h], args.work / f"{briefing_name}.jsonl")
    config = write_config(args.work, {n: args.work / f"{n}.jsonl" for n in names})
    started = time.perf_counter()
    runs = run_briefings(config, list(names))
    print(f"briefing run --json --no-publish on the four halves: {time.perf_counter() - started:.0f} s")
    stored = {names[n]: stored_briefing(config, n) for n in names}
    for key, body in ((names[n], runs[n]) for n in names):
        again = {frozenset(c) for c in grouped(stored[key], GroupingOptions())}
        if again != {frozenset(cluster) for cluster in story_clusters(body)}:
            print(f"note: re-running the grouping on {key} does not reproduce briefing run's stories")
        gold = {doc.id: doc.gold for doc in docs[key[0]][key[1]]}
        pairs = [(copy["id"], article["id"]) for article in body["articles"] for copy in article["copies"]]
        print(f"{key[0]} {key[1]}: {len(pairs)} near duplicates dropped and kept as copies, "
              f"{sum(gold.get(c) == gold.get(a) for c, a in pairs)} of them of their original's gold story")

    chosen = {h: choose({s: docs[s][h] for s in SETS}, {s: stored[(s, h)] for s in SETS}) for h in "AB"}
    lines = ["| set | half | grouping | B³ P | B³ R | B³ F1 | ARI | stories | docs placed "
             "| chosen on the other half |", "|---|---|---|---|---|---|---|---|---|---|"]
    for s in SETS:
        for tuned, reported in (("A", "B"), ("B", "A")):
            on, to = docs[s][tuned], docs[s][reported]
            threshold = max(BASELINE_GRID, key=lambda t: scores(baseline(on, t), on)[2])
            lines.append(row(s, reported, f"baseline, chosen on {tuned}", baseline(to, threshold), to,
                             f"threshold {threshold}"))
            setting = chosen[tuned]
            lines.append(row(s, reported, f"product, chosen on {tuned}",
                             grouped(stored[(s, reported)], options_for(setting)), docs[s][reported],
                             ", ".join(f"{k} {v:g}" for k, v in setting.items())))
        for h in "AB":
            body = runs[f"{s}-{h.lower()}"]
            lines.append(row(s, h, "product (briefing run, defaults)",
                             story_clusters(body), docs[s][h]))
            if s == "ecbplus":
                other = docs[s]["B" if h == "A" else "A"]
                threshold = max(BASELINE_GRID, key=lambda t: scores(
                    topic_by_topic(other, lambda members: baseline(members, t)), other)[2])
                lines.append(row(s, h, "baseline, each topic alone", topic_by_topic(
                    docs[s][h], lambda members, t=threshold: baseline(members, t)), docs[s][h],
                    f"threshold {threshold}, chosen on the other half"))
                briefing = stored[(s, h)]
                lines.append(row(s, h, "product, each topic alone (defaults)", topic_by_topic(
                    docs[s][h], lambda members, b=briefing: grouped_alone(b, members, GroupingOptions())),
                    docs[s][h]))
            lines.append(row(s, h, "product, defaults with the day test",
                             grouped(stored[(s, h)], replace(GroupingOptions(), apart=0.25)), docs[s][h],
                             "apart 0.25"))
    print("\n".join(lines))
    defaults = GroupingOptions()
    print(f"\ndefaults: threshold {defaults.threshold}, days {defaults.days}, apart {defaults.apart}, "
          f"weights {dict(defaults.weights)}")
    for h in "AB":
        on = ({s: docs[s][h] for s in SETS}, {s: stored[(s, h)] for s in SETS})
        print(f"mean F1 over ECB+ and GVC {h}: defaults {mean_f1(*on, defaults):.4f}, "
              f"best of the grid {mean_f1(*on, options_for(chosen[h])):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
