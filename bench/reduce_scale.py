"""How the reduce stage (fact and risk merging, the centrality summary) grows with the articles.

Analysis costs the same per article whatever the corpus size; the reduce sees every item of every
article at once, so anything quadratic in it shows only at scale. This script extracts items once
with the real cleaner, analyser and extractors over up to ``--analyse`` FA-KES articles (the
articles and items are pickled to ``--items``, so later runs skip spaCy), then times
``merge_facts``, ``merge_risks`` and the ``centrality`` summariser at each of ``--sizes``.

Past the analysed articles, copies are made with new article ids and sources, and every word of
each copy's text and items is replaced through a substitution that maps a word to another of about
the same corpus frequency (a permutation within bands of the frequency ranking, one per copy;
function words stay).
Copies are then distinct texts with the corpus's own word statistics, so an inverted index sees
posting lists as long as a corpus of that size would give it, instead of exact repeats that merge
away.

    .venv/bin/python bench/reduce_scale.py [--data DIR] [--analyse 1000] [--sizes 100,1000,5000]
        [--items FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from briefing import Article, Briefing, Evidence, Fact, Item, Risk, Sentence  # noqa: E402
from briefing.plugins.analysis.assemble.fact_merge import merge_facts, merge_risks  # noqa: E402
from briefing.plugins.analysis.summarise.summarisers import CentralityOptions, CentralitySummariser  # noqa: E402
from briefing.plugins.text.words import FUNCTION_WORDS  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")
BAND = 32
Corpus = tuple[list[Article], list[Item]]


def extract(data: Path, count: int) -> Corpus:
    """Articles and items of the first ``count`` FA-KES articles, through the real pipeline."""
    from throughput import load_texts

    from briefing import Source, hookimpl, make_article
    from briefing.core.config import load_config
    from briefing.core.pipeline import Pipeline
    from briefing.core.plugins import make_plugin_manager
    from briefing.core.store import Store

    texts = load_texts(data, count)
    captured: dict[str, Any] = {}

    class Corpus(Source):
        def collect(self, context: Any) -> Any:
            for n, (title, text) in enumerate(texts):
                yield make_article(text, title=title, source=f"fakes-{n % 40}")

    class Capture:
        __name__ = "reduce-scale"

        @hookimpl
        def register_sources(self, register: Callable[[str, type], None]) -> None:
            register("corpus", Corpus)

        @hookimpl(tryfirst=True)
        def assemble_briefing(self, articles: Sequence[Article], items: Sequence[Item],
                              **_: Any) -> None:
            captured["articles"], captured["items"] = list(articles), list(items)

    folder = Path(tempfile.mkdtemp())
    (folder / "briefings.yaml").write_text(textwrap.dedent("""
        state: state.db
        briefings:
          scale:
            sources: [corpus]
            cleaners: [boilerplate]
            extractors: [stakeholders, places, facts, risks, quotes]
            outputs: []
    """))
    plugins = make_plugin_manager(extra=[Capture()], entry_points=False)
    config = load_config(folder / "briefings.yaml", plugins)
    Pipeline(config, plugins, Store(folder / "state.db"), cache=False).run("scale", publish=False)
    return captured["articles"], captured["items"]


class Substitution:
    """Word -> another word of about the same corpus frequency, a different mapping per copy."""

    def __init__(self, articles: Sequence[Article], copy: int) -> None:
        counts = Counter(w.casefold() for a in articles for w in _WORD.findall(a.text))
        ranked = [w for w, _ in counts.most_common() if w not in FUNCTION_WORDS]
        rng = random.Random(copy)
        self.table: dict[str, str] = {}
        for start in range(0, len(ranked), BAND):
            band = ranked[start:start + BAND]
            shuffled = band[:]
            rng.shuffle(shuffled)
            self.table.update(zip(band, shuffled, strict=True))

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        new = self.table.get(word.casefold(), word)
        return new.capitalize() if word[:1].isupper() else new

    def __call__(self, text: str) -> str:
        return _WORD.sub(self._word, text)


def copy_article(article: Article, sub: Substitution, copy: int) -> Article:
    pieces, sentences, at, length = [], [], 0, 0
    for sentence in article.sentences:
        gap = sub(article.text[at:sentence.start])
        body = sub(sentence.text)
        start = length + len(gap)
        sentences.append(Sentence(sentence.index, start, start + len(body), body))
        pieces += [gap, body]
        length = start + len(body)
        at = sentence.end
    pieces.append(sub(article.text[at:]))
    return replace(article, id=f"{article.id}-{copy}", text="".join(pieces), title=sub(article.title),
                   source=f"{article.source}#{copy}", sentences=tuple(sentences))


def copy_item(item: Item, sub: Substitution, copy: int) -> Item | None:
    evidence = tuple(Evidence(f"{e.article_id}-{copy}", e.sentence_index, sub(e.quote))
                     for e in item.evidence)
    if isinstance(item, Fact):
        return Fact(sub(item.text), evidence, tuple(f"{s}#{copy}" for s in item.sources), item.score)
    if isinstance(item, Risk):
        return replace(item, text=sub(item.text), evidence=evidence,
                       actors=tuple(sub(a) for a in item.actors),
                       speaker=sub(item.speaker) if item.speaker else None)
    return None   # entities and quotes are not part of what this script times


def scaled(corpus: Corpus, size: int) -> Corpus:
    articles, items = corpus
    if size <= len(articles):
        keep = {a.id for a in articles[:size]}
        return articles[:size], [i for i in items if i.evidence and i.evidence[0].article_id in keep]
    out_articles = list(articles)
    out_items: list[Item] = [i for i in items if isinstance(i, Fact | Risk)]
    copy = 0
    while len(out_articles) < size:
        copy += 1
        sub = Substitution(articles, copy)
        take = articles[: size - len(out_articles)]
        keep = {a.id for a in take}
        out_articles += [copy_article(a, sub, copy) for a in take]
        for item in items:
            if isinstance(item, Fact | Risk) and item.evidence and item.evidence[0].article_id in keep:
                made = copy_item(item, sub, copy)
                if made is not None:
                    out_items.append(made)
    return out_articles, out_items


def timed(run: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = run()
    return value, time.perf_counter() - start


def measure(corpus: Corpus, size: int) -> dict[str, Any]:
    articles, items = scaled(corpus, size)
    by_id = {a.id: a for a in articles}
    facts = [i for i in items if isinstance(i, Fact)]
    risks = [i for i in items if isinstance(i, Risk)]
    merged, fact_seconds = timed(lambda: merge_facts(facts, by_id))
    merged_risks, risk_seconds = timed(lambda: merge_risks(risks, by_id))
    briefing = Briefing("scale", "scale", datetime.now(UTC), tuple(articles), facts=tuple(merged),
                        risks=tuple(merged_risks))
    summary, summary_seconds = timed(lambda: CentralitySummariser(CentralityOptions()).summarise(briefing))
    return {"articles": len(articles), "facts": len(facts), "merged_facts": len(merged),
            "risks": len(risks), "merged_risks": len(merged_risks),
            "sentences": sum(len(a.sentences) for a in articles),
            "merge_facts_s": round(fact_seconds, 3), "merge_risks_s": round(risk_seconds, 3),
            "summarise_s": round(summary_seconds, 3),
            "summary": summary.text if summary else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--analyse", type=int, default=1000, help="articles to run through spaCy")
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--items", type=Path, default=None,
                        help="pickle of extracted articles and items (default: a file in the temp folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "reduce_scale.json")
    args = parser.parse_args(argv)
    cache = args.items or Path(tempfile.gettempdir()) / f"briefing-reduce-items-{args.analyse}.pkl"
    if cache.is_file():
        corpus: Corpus = pickle.loads(cache.read_bytes())
    else:
        started = time.perf_counter()
        corpus = extract(args.data, args.analyse)
        cache.write_bytes(pickle.dumps(corpus))
        print(f"extracted {len(corpus[0])} articles in {time.perf_counter() - started:.0f}s -> {cache}")
    rows = [measure(corpus, int(size)) for size in args.sizes.split(",")]
    print(f"{'articles':>8} {'facts':>6} {'merged':>6} {'risks':>6} {'sents':>7} "
          f"{'facts s':>8} {'risks s':>8} {'summary s':>9}")
    for row in rows:
        print(f"{row['articles']:>8} {row['facts']:>6} {row['merged_facts']:>6} {row['risks']:>6} "
              f"{row['sentences']:>7} {row['merge_facts_s']:>8.3f} {row['merge_risks_s']:>8.3f} "
              f"{row['summarise_s']:>9.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
