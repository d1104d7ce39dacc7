"""What is new since the earlier briefings: a fact (or risk) is new unless one of them carried it.

The same fact reported again today, by another outlet or in other words, is not news: it is
found among the earlier briefings' facts by fact merging's own rule (fact_merge.same_groups:
containment or tf-idf cosine of content words). But a near-identical sentence can carry the
news: "the death toll rose to 41" after "the death toll rose to 12", or the same arrest with a
second person named. So a fact that matches an earlier one is still new when it holds a figure
the earlier one lacks (a number in digits or words) or a name the earlier one does not give (a
stakeholder or place of today's briefing, under any of its aliases).

``same_groups`` puts each text in the group of the first text it matches and never chains, so
today's texts go first, each founding a group: an earlier text that matches one of them joins its
group, and a text of today's is judged by the earlier texts in its group. An earlier text matching
two of today's joins only the first; so the texts judged are set aside and the rest compared again
with the earlier texts that joined one of them (the others matched none of today's), until a pass
matches nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import replace
from typing import TypeVar

from briefing import Evidence, Fact, Place, Risk, Stakeholder
from briefing.plugins.analysis.assemble.fact_merge import same_groups
from briefing.plugins.text.words import word_set, words

PASSES = 4
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_NUMBER_WORDS = {word: str(n) for n, word in enumerate(words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"))}
_NUMBER_WORDS.update({word: str(10 * n) for n, word in enumerate(
    words("thirty forty fifty sixty seventy eighty ninety"), start=3)})
_SCALE_WORDS = word_set("dozen dozens hundred hundreds thousand thousands million millions "
                        "billion billions half quarter")


T = TypeVar("T", Fact, Risk)


def figures(text: str) -> set[str]:
    """The numbers a text states: digits (thousands separators dropped), number words as digits,
    and words of scale ("dozens", "million")."""
    found = {match.replace(",", "").rstrip(".") for match in _DIGITS.findall(text)}
    for word in words(text):
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
        elif word in _SCALE_WORDS:
            found.add(word.rstrip("s"))
    return found


class Names:
    """Finds which of a briefing's stakeholders and places a text names, under any alias."""

    def __init__(self, stakeholders: Iterable[Stakeholder], places: Iterable[Place]) -> None:
        self.starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        named: list[Stakeholder | Place] = [*stakeholders, *places]
        for item in named:
            for alias in (item.name, *item.aliases):
                tokens = tuple(words(alias))
                if tokens:
                    self.starts.setdefault(tokens[0], []).append((tokens, item.name))

    def named(self, text: str) -> set[str]:
        tokens = words(text)
        found = set()
        for position, token in enumerate(tokens):
            for alias, name in self.starts.get(token, ()):
                if tuple(tokens[position:position + len(alias)]) == alias:
                    found.add(name)
        return found


def mark_new(items: Sequence[T], earlier: Sequence[str], names: Names,
             text: Callable[[T], str]) -> list[T]:
    """``items`` with ``new`` false for each that one of the ``earlier`` texts already said (see
    the module docstring); ``text`` gives the words of an item that are compared."""
    if not items:
        return list(items)
    said = list(dict.fromkeys(earlier))
    mine = [text(item) for item in items]
    told = [False] * len(items)
    waiting = list(range(len(items)))
    for _ in range(PASSES):
        if not waiting or not said:
            break
        matched, joined = set(), []
        for group in same_groups([mine[i] for i in waiting] + said, founders=len(waiting)):
            first = group[0]
            older = [k - len(waiting) for k in group[1:]]
            if first < len(waiting) and older:
                matched.add(waiting[first])
                joined += older
                told[waiting[first]] = any(_covers(mine[waiting[first]], said[k], names) for k in older)
        if not matched:
            break
        waiting = [i for i in waiting if i not in matched]
        said = [said[k] for k in joined]  # one that matched none of today's texts matches none now
    return [replace(item, new=False) if told[n] else item for n, item in enumerate(items)]


def split_news(facts: Sequence[Fact], covered: Set[str], sources: Mapping[str, str],
               names: Names) -> list[Fact]:
    """Facts merged from an already briefed article and from a new one, with the new reports
    that add a figure or a name split off as facts of their own, right after.

    Without a ``window`` a run sees yesterday's articles again, and fact merging joins today's
    "two men, among them Jan Smit, were arrested" to yesterday's "two men were arrested" and
    keeps one text: the news would be folded into what was already told."""
    out: list[Fact] = []
    for fact in facts:
        told = [e for e in fact.evidence if e.article_id in covered]
        fresh = [e for e in fact.evidence if e.article_id not in covered]
        news = [e for e in fresh if told and not any(_covers(e.quote, o.quote, names) for o in told)]
        if not news:
            out.append(fact)
            continue
        kept = tuple(e for e in fact.evidence if e not in news)
        text = kept[0].quote if any(e.quote == fact.text for e in news) else fact.text
        out.append(replace(fact, text=text, evidence=kept, sources=_sources(kept, sources)))
        for group in same_groups([e.quote for e in news]):
            evidence = tuple(news[k] for k in group)
            out.append(Fact(evidence[0].quote, evidence, _sources(evidence, sources), fact.score))
    return out


def _sources(evidence: Iterable[Evidence], sources: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sources[e.article_id] for e in evidence if sources.get(e.article_id)))


def _covers(today: str, earlier: str, names: Names) -> bool:
    """Whether the earlier text states every figure and names every name of today's."""
    return figures(today) <= figures(earlier) and names.named(today) <= names.named(earlier)
