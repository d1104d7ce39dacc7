"""How well the llm plugin's verifier catches what a model gets wrong: precision and recall.

Data: the articles of ``summarization/writer_summaries/dev.json`` under ``--data`` (default
../shared/data from the repository root). Each article goes through the product path (boilerplate
cleaner, spaCy analyser, the stakeholder and place extractors, the assembler, so aliases are
known) and its sentences are numbered as a model would see them. A script then writes the points a
model might return, citing those numbers, with a seeded random generator:

- correct: a sentence as it is, its first clause, two neighbouring clauses fused, a person named
  by another of their aliases, a number written another way;
- planted errors: a changed number, a name swapped for one from elsewhere in the article, two
  names of one sentence swapped with each other, an invented sentence (one from another article),
  a sentence embellished with a made-up clause, a wrong citation (another sentence of the
  article), a citation of a sentence that does not exist.

Every point is checked exactly as the plugin checks a model's bullets (verify.check). A planted
error that is dropped is caught; a correct point that is dropped is a false alarm. Thresholds are
chosen on the first half of the articles (``--half tune``) and reported on the second
(``--half report``).

    .venv/bin/python bench/eval_llm_grounding.py [--data DIR] [--half tune|report|all]
        [--min-overlap 0.5 ...] [--per-kind 3] [--seed 21] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing import Briefing, Mention, make_article  # noqa: E402
from briefing.plugins.analysis.assemble.assembler import assemble_briefing  # noqa: E402
from briefing.plugins.analysis.extract.places import PlaceExtractor  # noqa: E402
from briefing.plugins.analysis.extract.stakeholders import StakeholderExtractor  # noqa: E402
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model  # noqa: E402
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions  # noqa: E402
from briefing.plugins.llm.evidence import Numbered, by_number, for_summary  # noqa: E402
from briefing.plugins.llm.verify import Claim, alias_groups, check, normal  # noqa: E402
from briefing.plugins.llm.words import content_words  # noqa: E402

CORRECT = ("verbatim", "first clause", "fused", "alias", "number reworded")
ABSTRACTIVE = "writer sentence"  # faithful but reworded: the false alarms a real model would meet
ERRORS = ("changed number", "swapped name", "names swapped within", "invented sentence",
          "embellished", "wrong citation", "missing citation")
SAME_TEXT = ("verbatim", "wrong citation", "missing citation")  # only the citation differs, or nothing
KNOWN_LIMIT = "names swapped within"  # the same names in another order: nothing to find missing
EMBELLISHMENTS = (", a move critics called a betrayal", ", sparking protests across the country",
                  " after a secret meeting with investors", ", which officials described as unprecedented",
                  ", despite warnings from doctors")
NAME_LABELS = ("PERSON", "ORG", "GPE")
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10"}


def load(data: Path) -> list[tuple[str, str, list[str]]]:
    """(article id, text, the writers' summaries) per distinct article, in file order."""
    path = data / "summarization" / "writer_summaries" / "dev.json"
    if not path.is_file():
        raise SystemExit(f"eval_llm_grounding: data file not found: {path} (pass --data DIR)")
    seen: dict[str, tuple[str, list[str]]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        seen.setdefault(row["article_id"], (row["article"], []))[1].append(row["summary"])
    return [(key, text, refs) for key, (text, refs) in seen.items()]


def writer_points(references: list[str], shown: dict[int, Numbered]) -> list[tuple[str, list[int]]]:
    """Each sentence of the writers' summaries, citing the two article sentences that share most
    content words with it: faithful abstractive points, as a careful model would write them."""
    points = []
    for reference in references:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'‘“])", reference.strip()):
            own = content_words(sentence)
            ranked = sorted(shown, key=lambda n: -len(own & content_words(shown[n].sentence.text)))
            cites = [n for n in ranked[:2] if own & content_words(shown[n].sentence.text)]
            if len(sentence.split()) >= 5 and cites:
                points.append((sentence, sorted(cites)))
    return points


def first_clause(text: str) -> str | None:
    """The sentence up to its first comma, ' and ' or ' but ' after six words, as a sentence."""
    for match in re.finditer(r",(?!\d)| and | but ", text):
        head = text[: match.start()].strip()
        if len(head.split()) >= 6 and len(head) < len(text.rstrip(".")) - 10:
            return head.rstrip(",;:") + "."
    return None


def replace_once(text: str, old: str, new: str) -> str | None:
    found = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", text)
    return None if found is None else text[: found.start()] + new + text[found.end():]


class Writer:
    """Writes the points of one article: (kind, text, cited ids)."""

    def __init__(self, briefing: Briefing, shown: dict[int, Numbered], mentions: dict[int, list[Mention]],
                 foreign: list[str], rng: random.Random) -> None:
        self.briefing, self.shown, self.mentions = briefing, shown, mentions
        self.foreign, self.rng = foreign, rng
        self.ids = sorted(shown)

    def text(self, number: int) -> str:
        return self.shown[number].sentence.text

    def correct(self, kind: str, n: int) -> tuple[str, list[int]] | None:
        text = self.text(n)
        if kind == "verbatim":
            return text, [n]
        if kind == "first clause":
            head = first_clause(text)
            return (head, [n]) if head else None
        if kind == "fused":
            if n + 1 not in self.shown:
                return None
            one, two = first_clause(text) or text, first_clause(self.text(n + 1)) or self.text(n + 1)
            return one.rstrip(".") + "; " + two[0].lower() + two[1:], [n, n + 1]
        if kind == "alias":
            for person in self.briefing.stakeholders:
                names = [person.name, *person.aliases]
                for name in names:
                    others = [o for o in names if normal(o) != normal(name)]
                    swapped = replace_once(text, name, others[0]) if others else None
                    if swapped:
                        return swapped, [n]
            return None
        if kind == "number reworded":
            for word, digits in _NUMBER_WORDS.items():
                for written in (word, word.capitalize()):
                    changed = replace_once(text, written, digits)
                    if changed:
                        return changed, [n]
            match = re.search(r"\b(\d{1,3}),(\d{3})\b", text) or re.search(r"(\d+(?:\.\d+)?) per cent", text)
            if match and "per cent" in match.group():
                return text.replace(match.group(), match.group(1) + "%", 1), [n]
            if match:
                return text.replace(match.group(), match.group(1) + match.group(2), 1), [n]
        return None

    def error(self, kind: str, n: int) -> tuple[str, list[int]] | None:
        text, rng = self.text(n), self.rng
        if kind == "changed number":
            numbers = [m for m in re.finditer(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])", text)]
            words = list(re.finditer(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b", text, re.I))
            if numbers:
                m = rng.choice(numbers)
                value = m.group()
                digits = value.replace(",", "")
                new = str(int(float(digits)) + rng.choice((1, 2, 3, 10))) if "." not in digits else \
                    f"{float(digits) + 1.5:g}"
                return text[: m.start()] + new + text[m.end():], [n]
            if words:
                m = rng.choice(words)
                options = [w for w in _NUMBER_WORDS if w != m.group().lower()]
                return text[: m.start()] + rng.choice(options) + text[m.end():], [n]
            return None
        if kind == "swapped name":
            here = [m for m in self.mentions.get(n, []) if m.label in NAME_LABELS]
            if not here:
                return None
            target = rng.choice(here)
            taken = set(normal(target.text).split())
            pool = [m.text for ms in self.mentions.values() for m in ms  # another name, not a variant
                    if m.label == target.label and normal(m.text) not in normal(text)
                    and not taken & set(normal(m.text).split())]
            if not pool:
                return None
            swapped = replace_once(text, target.text, rng.choice(sorted(set(pool))))
            return (swapped, [n]) if swapped else None
        if kind == "names swapped within":
            here = [m for m in self.mentions.get(n, []) if m.label in NAME_LABELS]
            pairs = [(a, b) for a in here for b in here if a.label == b.label
                     and normal(a.text) != normal(b.text) and a.end <= b.start]
            if not pairs:
                return None
            a, b = rng.choice(pairs)
            offset = self.shown[n].sentence.start
            s, e = a.start - offset, b.start - offset
            if text[s: s + len(a.text)] != a.text or text[e: e + len(b.text)] != b.text:
                return None
            return text[:s] + b.text + text[s + len(a.text): e] + a.text + text[e + len(b.text):], [n]
        if kind == "invented sentence":
            return rng.choice(self.foreign), [n]
        if kind == "embellished":
            return text.rstrip(".") + rng.choice(EMBELLISHMENTS) + ".", [n]
        if kind == "wrong citation":
            others = [i for i in self.ids if abs(i - n) > 1]
            return (first_clause(text) or text, [rng.choice(others)]) if others else None
        if kind == "missing citation":
            return text, [max(self.ids) + rng.randint(1, 20)]
        raise ValueError(kind)


def prepare(text: str, nlp: Any, cleaner: BoilerplateCleaner) -> tuple[Briefing, dict[int, Numbered],
                                                                         dict[int, list[Mention]]]:
    article = cleaner.clean(make_article(text, title="", source="dev"))
    analysed = analysed_from_doc(article, nlp(article.text))
    items = [*StakeholderExtractor(StakeholderExtractor.options_class()).extract(analysed),
             *PlaceExtractor(PlaceExtractor.options_class()).extract(analysed)]
    briefing = assemble_briefing("eval", "eval", [analysed.article], items, [], datetime.now(UTC))
    shown = by_number(for_summary(briefing, 10**6))
    number_of = {n.sentence.index: k for k, n in shown.items()}
    mentions: dict[int, list[Mention]] = defaultdict(list)
    for mention in analysed.mentions:
        if mention.sentence_index in number_of:
            mentions[number_of[mention.sentence_index]].append(mention)
    return briefing, shown, mentions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--half", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--min-overlap", type=float, nargs="+", default=[0.2])
    parser.add_argument("--per-kind", type=int, default=3, help="points of each kind per article")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args(argv)
    articles = load(args.data)
    middle = len(articles) // 2
    chosen = {"tune": articles[:middle], "report": articles[middle:], "all": articles}[args.half]
    nlp = load_model("en_core_web_sm")
    cleaner = BoilerplateCleaner(CleanerOptions())
    started = time.perf_counter()
    prepared = [prepare(text, nlp, cleaner) for _, text, _ in chosen]
    cases: list[tuple[str, Claim, dict[int, Numbered], list[frozenset[str]]]] = []
    for index, ((key, _, references), (briefing, shown, mentions)) in enumerate(zip(chosen, prepared,
                                                                                      strict=True)):
        rng = random.Random(f"{args.seed}:{key}")
        foreign = [n.sentence.text for j, (_, other, _) in enumerate(prepared) if j != index
                   for n in other.values() if len(n.sentence.text.split()) >= 8]
        writer = Writer(briefing, shown, mentions, foreign, rng)
        aliases = alias_groups([briefing])
        for kind in (*CORRECT, *ERRORS):
            made: list[tuple[str, list[int]]] = []
            for n in rng.sample(writer.ids, len(writer.ids)):
                point = writer.correct(kind, n) if kind in CORRECT else writer.error(kind, n)
                if point is not None and (point[0] != writer.text(n) or kind in SAME_TEXT):
                    made.append(point)
                if len(made) == args.per_kind:
                    break
            cases += [(kind, Claim(text, tuple(ids)), shown, aliases) for text, ids in made]
        cases += [(ABSTRACTIVE, Claim(text, tuple(ids)), shown, aliases)
                  for text, ids in writer_points(references, shown)]
    docs = list(nlp.pipe(claim.text for _, claim, _, _ in cases))
    found = [analysed_from_doc(make_article(c.text), d).mentions
             for (_, c, _, _), d in zip(cases, docs, strict=True)]
    results: dict[str, Any] = {}
    for threshold in args.min_overlap:
        caught: Counter[str] = Counter()
        total: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        shown_cases: list[str] = []
        for (kind, claim, shown, aliases), its_mentions in zip(cases, found, strict=True):
            problem = check(claim, shown, its_mentions, aliases, threshold).problem
            total[kind] += 1
            if problem is not None:
                caught[kind] += 1
                reasons[f"{kind}: {' '.join(problem.split()[:2])}"] += 1
            if args.show and (problem is None) == (kind in ERRORS):
                what = "missed" if problem is None else f"false alarm ({problem})"
                shown_cases.append(f"  {what}: {kind}: {claim.text[:160]} {list(claim.cites)}")
        results[str(threshold)] = summarise(caught, total, reasons)
        print_table(threshold, caught, total, results[str(threshold)])
        print("\n".join(shown_cases))
    seconds = time.perf_counter() - started
    print(f"{len(chosen)} articles ({args.half} half), {len(cases)} points, {seconds:.1f}s")
    out = args.out or ROOT / "bench" / "results" / f"eval_llm_grounding_{args.half}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = {"half": args.half, "articles": len(chosen), "seed": args.seed, "per_kind": args.per_kind,
              "results": results}
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


def rates(caught: Counter[str], total: Counter[str], errors: tuple[str, ...],
          correct: tuple[str, ...]) -> dict[str, float]:
    hits = sum(caught[k] for k in errors)
    flagged = hits + sum(caught[k] for k in correct)
    precision = hits / flagged if flagged else 1.0
    recall = hits / max(1, sum(total[k] for k in errors))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def summarise(caught: Counter[str], total: Counter[str], reasons: Counter[str]) -> dict[str, Any]:
    planted = tuple(k for k in ERRORS if k != KNOWN_LIMIT)
    kinds = (*CORRECT, ABSTRACTIVE, *ERRORS)
    return {
        "per_kind": {k: {"points": total[k], "dropped": caught[k]} for k in kinds},
        "scripted": rates(caught, total, ERRORS, CORRECT),
        "scripted_without_names_swapped_within": rates(caught, total, planted, CORRECT),
        "with_writer_sentences": rates(caught, total, ERRORS, (*CORRECT, ABSTRACTIVE)),
        "false_alarms_scripted": round(sum(caught[k] for k in CORRECT)
                                       / max(1, sum(total[k] for k in CORRECT)), 3),
        "false_alarms_writer_sentences": round(caught[ABSTRACTIVE] / max(1, total[ABSTRACTIVE]), 3),
        "reasons": dict(reasons.most_common()),
    }


def print_table(threshold: float, caught: Counter[str], total: Counter[str], result: dict[str, Any]) -> None:
    print(f"min_overlap {threshold}")
    print(f"  {'kind':<30} {'points':>6} {'dropped':>8}")
    for kind in (*CORRECT, ABSTRACTIVE, *ERRORS):
        label = "error: " if kind in ERRORS else "correct: "
        share = caught[kind] / max(1, total[kind])
        print(f"  {label + kind:<30} {total[kind]:>6} {caught[kind]:>8} ({share:.0%})")
    for name in ("scripted", "scripted_without_names_swapped_within", "with_writer_sentences"):
        r = result[name]
        print(f"  {name}: precision {r['precision']:.3f} recall {r['recall']:.3f} F1 {r['f1']:.3f}")
    print(f"  false alarms: scripted correct points {result['false_alarms_scripted']:.1%}, "
          f"writer sentences {result['false_alarms_writer_sentences']:.1%}")


if __name__ == "__main__":
    raise SystemExit(main())
