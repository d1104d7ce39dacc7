"""How the boilerplate cleaner's time grows with a page's length.

The cleaner looks for lines that repeat an earlier one (exactly, or, for a fragment, nearly: the
shorter's content words almost all in the longer). It compared each line with every earlier line,
reading both again each time; a 566 KB page of 5,600 lines (a fact-check archive in Timeline17)
took 191 of its run's 253 seconds in that loop. It now reads each line once and compares a
fragment only with the earlier fragments that share a content word with it.

The baseline is that pairwise comparison, written out here and timed in the same rounds as the
cleaner on the same generated pages (lines of words drawn from a fixed vocabulary, some lines
repeated, some fragments near copies of earlier ones); both must find the same repeats, and the
bench stops if they do not. Figures are medians over ``--runs`` rounds.

    python bench/cleaner_speed.py                    # pages of 500, 2,000 and 5,000 lines
    python bench/cleaner_speed.py --lines 1000 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions
from briefing.plugins.text.headlines import ends_like_sentence
from briefing.plugins.text.similarity import near_duplicate
from briefing.plugins.text.words import word_set, words

VOCABULARY = sorted(word_set("""
harbour port ship crane union strike wage talks council minister budget vote storm flood river bridge
road police court judge trial market price bank loan export import factory worker farmer school
teacher hospital doctor nurse patient
"""))


def page(lines: int, seed: int = 0) -> list[str]:
    """A page of ``lines`` lines: sentences and fragments, with repeats and near repeats."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(lines):
        if out and rng.random() < 0.1:
            earlier = rng.choice(out)
            out.append(earlier if rng.random() < 0.5 else earlier.rstrip(".") + " " + rng.choice(VOCABULARY))
            continue
        text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 14))).capitalize()
        out.append(text + "." if rng.random() < 0.6 else text)
    return out


def pairwise_repeats(lines: list[str], threshold: float) -> set[int]:
    """The repeats as the cleaner found them before: every line against every earlier kept one."""
    found: set[int] = set()
    seen: list[str] = []
    for i, line in enumerate(lines):
        folded = " ".join(words(line))
        repeat = bool(folded) and (
            any(folded == " ".join(words(e)) for e in seen)
            or (not ends_like_sentence(line)
                and any(not ends_like_sentence(e) and near_duplicate(line, e, threshold) for e in seen)))
        if repeat:
            found.add(i)
        else:
            seen.append(line)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cleaner = BoilerplateCleaner(CleanerOptions(rules=["repeated"]))
    threshold = cleaner.options.near_duplicate
    print("| lines | pairwise (s) | cleaner (s) | ratio | repeats |")
    print("|---|---|---|---|---|")
    for count in args.lines:
        lines = page(count)
        base, ours, ratios = [], [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            expected = pairwise_repeats(lines, threshold)
            base.append(time.perf_counter() - started)
            started = time.perf_counter()
            got = set(cleaner.classify(lines, ""))
            ours.append(time.perf_counter() - started)
            ratios.append(base[-1] / ours[-1])
            if got != expected:
                raise SystemExit(f"{count} lines: the cleaner found {len(got)} repeats, the pairwise "
                                 f"comparison {len(expected)}")
        print(f"| {count} | {statistics.median(base):.3f} | {statistics.median(ours):.4f} | "
              f"{statistics.median(ratios):.0f}x | {len(expected)} |")


if __name__ == "__main__":
    main()
