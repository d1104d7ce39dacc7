"""Risk quality on data written by others and on a gold written for this project.

Usage: python bench/eval_risks.py [--data DIR] [--part gold,hedge,events,agreement] [--half tuning]
                                  [--round N[,N]] [--errors] [--gold FILE] [--day M/D/YY]

Three parts (``--data`` defaults to ../shared/data next to the repository):

1. ``gold``: precision and recall of the ``risks`` extractor against ``bench/gold/risks.json``
   (articles of ``summarization/writer_summaries/dev.json``, ``news/fakes_syria/fakes.csv`` and,
   from the fifth round, the cyber-attack news of ``multidoc/casie/dev/events.jsonl`` and, from
   the thirty-first, news of other subjects from ``multidoc/timeline17/dev`` and
   ``multidoc/ecbplus_story_clusters/dev``, from the fifty-third, crime news of
   ``multidoc/gvc_incident_clusters/dev`` and from the fifty-fourth, passages of
   ``multidoc/rams/dev``, labelled by hand; how they were chosen, labelled,
   split into a tuning and a held-out half and matched is in ``bench/gold/README.md``).
   ``--half tuning`` runs and scores the tuning half only, so rules can be chosen without the
   held-out half's figures in sight. Each article goes
   through the product path: boilerplate cleaner, spaCy analyser, ``risks`` extractor.
   ``--errors`` lists the false and missed risks of the *tuning* half only: the held-out half is
   scored, never read for errors.
2. ``hedge``: the estimative cues as a detector of uncertain sentences in CoNLL-2010
   ``hedge/train.csv`` (a sentence is flagged when a yardstick phrase or a hedge is found),
   precision, recall and F1 of the uncertain class, for the whole file and each half (even and
   odd rows: the file is sorted by label).
3. ``events``: attack and threat events of ``multidoc/wikievents/dev`` and ``multidoc/rams/dev``:
   do the risks name the right attacker, target, victim, instrument and place, beside the
   baseline of every sentence with an attack or threat word (see bench/threat_events.py).
4. ``agreement`` (not run by default): how far the two labellers of each held-out half (from
   round 3 on, released ones included) agree (``bench/gold/risks_second.json`` scored against
   ``risks.json`` as if it were a prediction: an item agrees with one of the other's when an
   anchor of each lies in the same sentence as the product splits the text). Two careful readers'
   agreement bounds what rules can score. ``--gold risks_second.json`` scores the extractor
   against the second labeller; its halves follow risks.json's (a released round is tuning in both).

``--day 8/21/13`` prints the risk list of the FA-KES articles of that date, for reading.
``--rules-only`` runs the risks extractor without its sentence model (``model: false``), to
compare the two on the same half.
Each risk rate is printed with its 95% interval over articles (bench/risk_intervals.py, which also
compares two runs' ``--out`` files article by article). Results are also written to
bench/results/eval_risks.json, with each article's own counts (``gold_articles``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_hedges import DETECTORS as HEDGE_DETECTORS  # noqa: E402
from eval_hedges import load as hedge_rows  # noqa: E402
from eval_hedges import scores as hedge_scores  # noqa: E402
from risk_intervals import interval  # noqa: E402
from story_data import ECBPLUS  # noqa: E402
from threat_events import SETS, baseline_items, risk_items, score  # noqa: E402

from briefing import Article, NoOptions, make_article  # noqa: E402
from briefing.plugins.analysis.extract.places import PlaceExtractor  # noqa: E402
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions  # noqa: E402
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model  # noqa: E402
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions  # noqa: E402

GOLD = REPO / "bench" / "gold" / "risks.json"
SECOND = REPO / "bench" / "gold" / "risks_second.json"
HALVES = ("tuning", "held-out")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


def kind_of(risk: Any) -> str:
    return str(getattr(risk, "kind", "risk"))


class Product:
    """The product path for one article: cleaner, analyser, extractors."""

    def __init__(self, model: bool = True) -> None:
        self.nlp = load_model("en_core_web_sm")
        self.cleaner = BoilerplateCleaner(CleanerOptions())
        self.risks = RiskExtractor(RiskOptions(model=model))
        self.places = PlaceExtractor(NoOptions())

    def analyse(self, raw: Article) -> Any:
        article = self.cleaner.clean(raw)
        return analysed_from_doc(article, self.nlp(article.text))


def fakes_rows(data: Path) -> list[dict[str, str]]:
    path = data / "news" / "fakes_syria" / "fakes.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return list(csv.DictReader(handle))


def casie_articles(data: Path) -> dict[str, dict[str, str]]:
    """CASIE DEV's cyber-attack news by id (the fifth round's second style)."""
    path = data / "multidoc" / "casie" / "dev" / "events.jsonl"
    with path.open(encoding="utf-8") as handle:
        return {str(row["id"]): row for row in map(json.loads, handle)}


BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def detokenized(text: str) -> str:
    """Timeline17 stores its articles tokenised, Penn Treebank style ("it 's", "do n't", "`` Yes ,
    '' he said"): the product reads pages as people write them, so the text is put back that way
    before it is read (and the labellers read the same text)."""
    lines = []
    for line in text.split("\n"):
        for token, bracket in BRACKETS.items():
            line = line.replace(token, bracket)
        line = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|[.,;:?!%)\]])", r"\1", line.strip())
        line = re.sub(r"([(\[$]) ", r"\1", line)
        line = re.sub(r"`` ?", '"', line)
        line = re.sub(r" ?''", '"', line)
        lines.append(line)
    return "\n".join(lines)


def timeline17_articles(data: Path) -> dict[str, dict[str, str]]:
    """Timeline17 DEV's articles (the thirty-first round's news of other subjects: protests, a
    financial crisis, a flu pandemic, an oil spill, an earthquake), keyed ``t17:<folder>:<line>``."""
    out = {}
    for folder in sorted((data / "multidoc" / "timeline17" / "dev").iterdir()):
        path = folder / "articles.jsonl"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for line, row in enumerate(map(json.loads, handle)):
                out[f"t17:{folder.name}:{line}"] = row
    return out


def ecbplus_articles(data: Path) -> dict[str, dict[str, Any]]:
    """ECB+ DEV's news (the thirty-second round's general news: an Oscars host, a celebrity in
    rehab, an earthquake, a shooting, a product launch, ...), keyed ``ecb:<doc_id>``; tokenised
    like Timeline17."""
    with (data / ECBPLUS).open(encoding="utf-8") as handle:
        return {f"ecb:{row['doc_id']}": row for row in map(json.loads, handle)}


def gvc_articles(data: Path) -> dict[str, dict[str, str]]:
    """The Gun Violence Corpus's DEV reports (the fifty-third round's crime news: shootings told by
    local papers and wires), keyed ``gvc:<doc_id>``; tokenised like Timeline17, hyphens split off
    and curly clitics too ("self - inflicted", "mother ’s"), so those are joined again."""
    path = data / "multidoc" / "gvc_incident_clusters" / "dev" / "docs.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = {f"gvc:{row['doc_id']}": row for row in map(json.loads, handle)}
    for row in rows.values():
        for field in ("text", "title"):
            text = re.sub(r"(\w) - (?=\w)", r"\1-", detokenized(row[field]))
            row[field] = re.sub(r" (n’t|’s|’re|’ve|’ll|’d|’m)\b", r"\1", text)
    return rows


def rams_passages(data: Path) -> dict[str, str]:
    """RAMS DEV's news passages (the fifty-fourth round's news of conflict and politics: five
    sentences around an event of each article, one passage an article), keyed ``rams:<doc_key>``;
    tokenised like Timeline17, so the text is put back the same way, one paragraph a passage."""
    with (data / "multidoc" / "rams" / "dev" / "dev.jsonlines").open(encoding="utf-8") as handle:
        rows = list(map(json.loads, handle))
    return {f"rams:{row['doc_key']}": " ".join(detokenized(" ".join(tokens)) for tokens in row["sentences"])
            for row in rows}


def web_articles(data: Path) -> dict[str, str]:
    """The article bodies of the Scrapinghub extraction benchmark (the sixty-third round's news
    and blogs of every kind, as a reader meets them on the web: business, science, sport, games,
    politics, deals), keyed ``web:<page id>``. The bodies are the benchmark's hand-checked
    ``articleBody``, so a risk figure is not also a figure of how well HTML was cleaned."""
    path = data / "extraction" / "scrapinghub" / "ground-truth.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    return {f"web:{page}": row["articleBody"] for page, row in truth.items()}


def gold_articles(data: Path, gold: Path = GOLD) -> dict[str, Article]:
    rows = json.loads((data / "summarization" / "writer_summaries" / "dev.json").read_text(encoding="utf-8"))
    texts = {f"ws:{r['article_id']}": r["article"] for r in rows}
    fakes = fakes_rows(data)
    casie = casie_articles(data)
    t17 = timeline17_articles(data)
    ecb = ecbplus_articles(data)
    gvc = gvc_articles(data)
    rams = rams_passages(data)
    web = web_articles(data)
    articles = {}
    for key in json.loads(gold.read_text(encoding="utf-8")):
        if key.startswith("ws:"):
            articles[key] = make_article(texts[key], source="writer_summaries")
        elif key.startswith("ecb:"):
            articles[key] = make_article(detokenized(ecb[key]["text"]), source="ecbplus")
        elif key.startswith("t17:"):
            row = t17[key]
            articles[key] = make_article(detokenized(row["text"]), source="timeline17")
        elif key.startswith("rams:"):
            articles[key] = make_article(rams[key], source="rams")
        elif key.startswith("web:"):
            articles[key] = make_article(web[key], source="web")
        elif key.startswith("gvc:"):
            articles[key] = make_article(gvc[key]["text"], title=gvc[key]["title"], source="gvc")
        elif key.startswith("casie:"):
            row = casie[key.split(":", 1)[1]]
            articles[key] = make_article(row["text"], title=row["title"], source="casie")
        else:
            row = fakes[int(key.split(":")[1])]
            articles[key] = make_article(row["article_content"], title=row["article_title"], source="fakes")
    return articles


def match(items: list[dict[str, Any]], quote: str, kind: str) -> int | None:
    folded = fold(quote)
    for i, item in enumerate(items):
        if item["kind"] == kind and any(fold(a) in folded for a in item["anchors"]):
            return i
    return None


def agrees(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return not predicted and not gold
    a, b = predicted.casefold(), gold.casefold()
    return a in b or b in a


def gold_part(data: Path, product: Product, errors: bool, half: str = "all",
              gold_path: Path = GOLD,
              rounds: set[int] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The table by scope (each rate with its 95% interval over articles) and each article's own
    counts (what bench/risk_intervals.py compares two runs by)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = gold_articles(data, gold_path)
    counts: dict[str, Counter[str]] = {}
    members: dict[str, list[Counter[str]]] = {}
    by_article: dict[str, Any] = {}
    for key, entry in gold.items():
        if half != "all" and entry["half"] != half:
            continue  # not even run: while tuning, the held-out half is not looked at at all
        if rounds is not None and entry.get("round", 1) not in rounds:
            continue  # a held-out round labelled ahead stays unscored until its change is ready
        analysed = product.analyse(articles[key])
        predicted = list(product.risks.extract(analysed))
        scopes = [entry["half"], f"{entry['half']}:{entry['set']}",
                  f"{entry['half']}:round {entry.get('round', 1)}", "all"]
        c = Counter[str]()  # this article's counts, added to each of its scopes below
        for kind in ("risk", "assessment"):
            items = entry["items"]
            hit: set[int] = set()
            first_hit: dict[int, str | None] = {}
            for risk in (r for r in predicted if kind_of(r) == kind):
                quote = risk.evidence[0].quote
                i = match(items, quote, kind)
                c[f"{kind}:predicted"] += 1
                c[f"{kind}:right"] += i is not None
                if i is None:
                    if errors and entry["half"] == "tuning":
                        print(f"  false {kind} [{key}] ({risk.likelihood}) {risk.text}")
                    continue
                hit.add(i)
                if fold(items[i]["anchors"][0]) in fold(quote):
                    first_hit.setdefault(i, risk.likelihood)
            for i, item in enumerate(items):
                if item["kind"] != kind:
                    continue
                c[f"{kind}:gold"] += 1
                c[f"{kind}:found"] += i in hit
                if i in first_hit:
                    c[f"{kind}:likelihood_checked"] += 1
                    c[f"{kind}:likelihood_agrees"] += agrees(first_hit[i], item["likelihood"])
                if i not in hit and errors and entry["half"] == "tuning":
                    print(f"  missed {kind} [{key}] {item['note']}")
        for scope in scopes:
            counts.setdefault(scope, Counter()).update(c)
            members.setdefault(scope, []).append(c)
        by_article[key] = {"set": entry["set"], "half": entry["half"], "round": entry.get("round", 1),
                           **{kind: {n: c[f"{kind}:{n}"] for n in ("predicted", "right", "gold", "found")}
                              for kind in ("risk", "assessment")}}
    table = {scope: rates(c, members[scope]) for scope, c in sorted(counts.items())}
    return table, by_article


def sentences_of(product: Product, article: Article) -> list[str]:
    """The article's sentences as the product splits them (cleaner and parser, no extractor)."""
    analysed = product.analyse(article)
    return [fold(s.text) for s in analysed.doc.sents]


def anchored_in(sentences: list[str], item: dict[str, Any]) -> set[int]:
    """The indexes of the sentences that hold one of the item's anchors."""
    return {i for i, s in enumerate(sentences) for a in item["anchors"] if fold(a) in s}


def agreement_part(data: Path, product: Product, rounds: set[int] | None = None) -> dict[str, Any]:
    """The second labeller against the first, round by round (or one round), on the articles both
    labelled."""
    first = json.loads(GOLD.read_text(encoding="utf-8"))
    second = json.loads(SECOND.read_text(encoding="utf-8"))
    articles = gold_articles(data, SECOND)
    counts: dict[str, Counter[str]] = {}
    for key, entry in second.items():
        if rounds is not None and entry["round"] not in rounds:
            continue
        sentences = sentences_of(product, articles[key])
        c = counts.setdefault(f"round {entry['round']}", Counter())
        c["articles"] += 1
        for kind in ("risk", "assessment"):
            mine = [anchored_in(sentences, i) for i in entry["items"] if i["kind"] == kind]
            theirs = [anchored_in(sentences, i) for i in first[key]["items"] if i["kind"] == kind]
            c[f"{kind}:second"] += len(mine)
            c[f"{kind}:first"] += len(theirs)
            c[f"{kind}:second_agrees"] += sum(any(m & t for t in theirs) for m in mine)
            c[f"{kind}:first_agrees"] += sum(any(t & m for m in mine) for t in theirs)
    table: dict[str, Any] = {}
    print("\nlabeller agreement (second labeller scored against the first; an item agrees when an anchor "
          "of each lies in one sentence)")
    for scope, c in sorted(counts.items()):
        print(f"  {scope} ({c['articles']} articles)")
        for kind in ("risk", "assessment"):
            p = c[f"{kind}:second_agrees"] / c[f"{kind}:second"] if c[f"{kind}:second"] else 0.0
            r = c[f"{kind}:first_agrees"] / c[f"{kind}:first"] if c[f"{kind}:first"] else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            table.setdefault(scope, {})[kind] = {"precision": round(p, 3), "recall": round(r, 3),
                                                 "f1": round(f1, 3), "first": c[f"{kind}:first"],
                                                 "second": c[f"{kind}:second"]}
            print(f"    {kind:<11} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  "
                  f"(items: first {c[f'{kind}:first']}, second {c[f'{kind}:second']})")
    return table


def rates(c: Counter[str], articles: list[Counter[str]]) -> dict[str, Any]:
    """A scope's rates from its summed counts, each with a 95% interval over its articles."""
    out: dict[str, Any] = {}
    for kind in ("risk", "assessment"):
        p, r = c[f"{kind}:predicted"], c[f"{kind}:gold"]
        right = [(a[f"{kind}:right"], a[f"{kind}:predicted"]) for a in articles]
        found = [(a[f"{kind}:found"], a[f"{kind}:gold"]) for a in articles]
        out[kind] = {"precision": round(c[f"{kind}:right"] / p, 3) if p else None,
                     "recall": round(c[f"{kind}:found"] / r, 3) if r else None,
                     "precision_95": interval(right), "recall_95": interval(found),
                     "predicted": p, "right": c[f"{kind}:right"], "gold": r, "found": c[f"{kind}:found"],
                     "likelihood_agrees": f"{c[f'{kind}:likelihood_agrees']}/"
                                          f"{c[f'{kind}:likelihood_checked']}"}
    return out


def print_gold(table: dict[str, Any]) -> None:
    print("\nrisks against bench/gold/risks.json (tuning half chosen rules; held-out half reported)")
    print(f"{'scope':<34}{'P':>7}{'R':>7}{'right/pred':>12}{'found/gold':>12}{'lik.':>7}   assessments P / R"
          f"   risk P, R 95% over articles")
    for scope, row in table.items():
        r, a = row["risk"], row["assessment"]
        fmt = lambda v: f"{v:.3f}" if v is not None else "  -  "  # noqa: E731
        span = lambda v: f"{v[0]:.2f}-{v[1]:.2f}" if v else "-"  # noqa: E731
        print(f"{scope:<34}{fmt(r['precision']):>7}{fmt(r['recall']):>7}{r['right']:>6}/{r['predicted']:<5}"
              f"{r['found']:>6}/{r['gold']:<5}{r['likelihood_agrees']:>7}   "
              f"{fmt(a['precision'])} / {fmt(a['recall'])}"
              f" ({a['right']}/{a['predicted']}, {a['found']}/{a['gold']})"
              f"   {span(r['precision_95'])}, {span(r['recall_95'])}")


def hedge_part(data: Path) -> dict[str, Any]:
    """eval_hedges' score of every cue the extractor reads, on each half of the CoNLL-2010 file."""
    rows = hedge_rows(data, 0)
    out = {}
    # the file is sorted by label, so the halves alternate rows: even rows, odd rows
    for scope, part in (("all", rows), ("even rows", rows[0::2]), ("odd rows", rows[1::2])):
        row = hedge_scores(part, HEDGE_DETECTORS["any"])
        out[scope] = {"sentences": len(part), "precision": round(row["precision"] / 100, 3),
                      "recall": round(row["recall"] / 100, 3), "f1": round(row["f1"] / 100, 3)}
    print("\nhedge cues on CoNLL-2010 hedge/train.csv (uncertain class)")
    for scope, row in out.items():
        print(f"{scope:<14}{row['sentences']:>6} sentences   P {row['precision']:.3f}  "
              f"R {row['recall']:.3f}  F1 {row['f1']:.3f}")
    return out


def events_part(data: Path, product: Product) -> dict[str, Any]:
    out = {}
    for name, reader in SETS.items():
        docs = list(reader(data))
        ours, base = [], []
        for doc, parsed in zip(docs, product.nlp.pipe(d.text for d in docs), strict=True):
            analysed = analysed_from_doc(make_article(doc.text), parsed)
            ours.append(risk_items(analysed, list(product.risks.extract(analysed)),
                                   list(product.places.extract(analysed))))
            base.append(baseline_items(parsed))
        out[name] = {"risks": score(docs, ours), "trigger baseline": score(docs, base)}
    print("\nthreat events (attack, threat, die, injure): argument recall by role, name precision")
    print(f"{'set / system':<30}{'events':>7}{'items':>7}{'covered':>8}" + "".join(f"{g:>11}" for g in
          ("attacker", "target", "victim", "instrument", "place")) + f"{'name P':>8}")
    for name, systems in out.items():
        for system, row in systems.items():
            print(f"{name + ' / ' + system:<30}{row['events']:>7}{row['items']:>7}{row['covered']:>8}"
                  + "".join(f"{row[g]['recall']:>6.3f}/{row[g]['gold']:<4}" for g in
                            ("attacker", "target", "victim", "instrument", "place"))
                  + f"{row['name_precision']:>8.3f}")
    return out


def day_part(data: Path, product: Product, day: str) -> None:
    print(f"\nrisks of the FA-KES articles dated {day} (for reading)")
    for i, row in enumerate(fakes_rows(data)):
        if row["date"] != day:
            continue
        raw = make_article(row["article_content"], title=row["article_title"], source="fakes")
        for risk in product.risks.extract(product.analyse(raw)):
            print(f"  [{i}] {kind_of(risk)} ({risk.likelihood}, {risk.severity}) {risk.text}")


def rounds_of(text: str) -> set[int]:
    try:
        return {int(part) for part in text.split(",")}
    except ValueError:
        raise argparse.ArgumentTypeError(f"rounds are numbers separated by commas, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--part", default="gold,hedge,events",
                        help="comma-separated: gold, hedge, events, agreement")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold file to score against")
    parser.add_argument("--errors", action="store_true", help="list errors of the tuning half of the gold")
    parser.add_argument("--half", choices=("all", "tuning", "held-out"), default="all",
                        help="score only this half of the gold (tuning while choosing rules)")
    parser.add_argument("--round", type=rounds_of, default=None, metavar="N[,N...]",
                        help="score only these rounds of the gold, and of the labellers' agreement "
                             "(held-out rounds may wait side by side; 84,85,86 pools three)")
    parser.add_argument("--day", default="", help="print the risks of the FA-KES articles of this date")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_risks.json")
    parser.add_argument("--rules-only", action="store_true",
                        help="the rules alone, without the learned sentence model (risks: model: false)")
    args = parser.parse_args(argv)
    needed = [args.data / "hedge" / "train.csv", args.data / "news" / "fakes_syria" / "fakes.csv",
              args.data / "summarization" / "writer_summaries" / "dev.json",
              args.data / "multidoc" / "wikievents" / "dev", args.data / "multidoc" / "rams" / "dev"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"eval_risks: data missing: {', '.join(missing)} (pass --data DIR)", file=sys.stderr)
        return 2
    parts = set(args.part.split(","))
    started = time.perf_counter()
    product = Product(model=not args.rules_only)
    results: dict[str, Any] = {}
    if "gold" in parts:
        results["gold"], results["gold_articles"] = gold_part(args.data, product, args.errors, args.half,
                                                              args.gold, args.round)
        print_gold(results["gold"])
    if "agreement" in parts:
        results["agreement"] = agreement_part(args.data, product, args.round)
    if "hedge" in parts:
        results["hedge"] = hedge_part(args.data)
    if "events" in parts:
        results["events"] = events_part(args.data, product)
    if args.day:
        day_part(args.data, product, args.day)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n{time.perf_counter() - started:.0f} s; written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
