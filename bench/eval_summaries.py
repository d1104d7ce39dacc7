"""ROUGE of the builtin summarisers against LEAD-3 on news with professional reference summaries.

Data: ``summarization/writer_summaries/dev.json`` under ``--data`` (default ../shared/data from the
repository root): news articles with 1-4 writer summaries each (Zhang et al. 2023). Each article
runs through the product path (the boilerplate cleaner, then the spaCy analyser), becomes a
one-article briefing, and every summariser summarises it. LEAD-3 is the first three spaCy sentences
of the uncleaned article; every other summary is held to LEAD-3's word count of the same article.
Scores are ROUGE-1/2/L F1 (rouge-score, Porter stemming), the best over the article's references,
averaged over articles.

    .venv/bin/python bench/eval_summaries.py [--data DIR] [--offset N] [--limit N] [--out FILE]
        [--set centrality.lead_decay=0.3 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing import Article, Briefing, Summary, make_article  # noqa: E402
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model  # noqa: E402
from briefing.plugins.analysis.summarise.summarisers import (  # noqa: E402
    CentralityOptions,
    CentralitySummariser,
    LeadOptions,
    LeadSummariser,
)
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeL")


def load(data: Path) -> list[tuple[str, str, list[str]]]:
    """(article id, text, references) per distinct article, in file order."""
    path = data / "summarization" / "writer_summaries" / "dev.json"
    if not path.is_file():
        raise SystemExit(f"eval_summaries: data file not found: {path} (pass --data DIR)")
    rows = json.loads(path.read_text(encoding="utf-8"))
    grouped: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        entry = grouped.setdefault(row["article_id"], (row["article"], []))
        entry[1].append(row["summary"])
    return [(key, text, refs) for key, (text, refs) in grouped.items()]


def parse_overrides(pairs: list[str]) -> dict[str, dict[str, Any]]:
    """``name.option=value`` pairs -> {name: {option: value}} (value parsed as JSON when it can be)."""
    out: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        name, _, option = key.partition(".")
        if not option or not raw:
            raise SystemExit(f"eval_summaries: bad --set {pair!r}, expected name.option=value")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        out.setdefault(name, {})[option] = value
    return out


def build(cls: type, options_cls: type, overrides: dict[str, Any], **fixed: Any) -> Any:
    known = {f.name for f in fields(options_cls)}
    unknown = set(overrides) - known
    if unknown:
        raise SystemExit(f"eval_summaries: unknown option(s) {sorted(unknown)} for {options_cls.__name__}")
    return cls(options_cls(**{**overrides, **fixed}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--limit", type=int, default=0, help="only N articles (after --offset)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--no-clean", action="store_true", help="skip the boilerplate cleaner")
    args = parser.parse_args(argv)
    from rouge_score import rouge_scorer

    articles = load(args.data)[args.offset:]
    if args.limit:
        articles = articles[: args.limit]
    overrides = parse_overrides(args.overrides)
    nlp = load_model("en_core_web_sm")
    cleaner = BoilerplateCleaner(CleanerOptions())
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems: dict[str, Callable[[Briefing, int], Summary | None]] = {
        "lead": lambda b, n: build(LeadSummariser, LeadOptions, overrides.get("lead", {}),
                                   max_words=n).summarise(b),
        "centrality": lambda b, n: build(CentralitySummariser, CentralityOptions,
                                         overrides.get("centrality", {}), max_words=n).summarise(b),
    }
    totals: dict[str, dict[str, float]] = {name: dict.fromkeys(METRICS, 0.0) for name in ["LEAD-3", *systems]}
    words: dict[str, int] = dict.fromkeys(totals, 0)
    over_budget: dict[str, int] = dict.fromkeys(totals, 0)
    started = time.perf_counter()
    for _key, text, refs in articles:
        raw = make_article(text, source="dev")
        raw_doc = nlp(raw.text)
        lead3 = " ".join(s.text.strip() for s in list(raw_doc.sents)[:3])
        budget = len(lead3.split())
        article: Article = raw if args.no_clean else cleaner.clean(raw)
        analysed = analysed_from_doc(article, raw_doc if article.text == raw.text else nlp(article.text))
        briefing = Briefing("eval", "eval", datetime.now(UTC), (analysed.article,))
        outputs = {"LEAD-3": lead3}
        for name, run in systems.items():
            summary = run(briefing, budget)
            outputs[name] = summary.text if summary else ""
        for name, output in outputs.items():
            length = len(output.split())
            words[name] += length
            over_budget[name] += length > budget
            for metric in METRICS:
                best = max(scorer.score(ref, output)[metric].fmeasure for ref in refs)
                totals[name][metric] += best
    count = len(articles) or 1
    table = {name: {m: round(100 * v / count, 2) for m, v in scores.items()} | {
        "mean_words": round(words[name] / count, 1), "over_lead3_length": over_budget[name]}
        for name, scores in totals.items()}
    print(f"{len(articles)} articles, {time.perf_counter() - started:.1f}s, options {overrides or 'default'}")
    print(f"{'system':<12} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words':>6} {'>LEAD-3':>8}")
    for name, row in table.items():
        print(f"{name:<12} {row['rouge1']:>6.2f} {row['rouge2']:>6.2f} {row['rougeL']:>6.2f} "
              f"{row['mean_words']:>6.1f} {row['over_lead3_length']:>8}")
    out = args.out or ROOT / "bench" / "results" / "eval_summaries.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"articles": len(articles), "options": overrides, "cleaned": not args.no_clean,
                               "results": table}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
