"""Merge facts and risks that several articles report, so each appears once with all its sources.

Two items are the same when their sentences are near-duplicates: most of the shorter one's content
words are in the other (containment >= 0.7), or their tf-idf cosine is high (>= 0.6). That catches
wire copy reused with small edits and the same sentence quoted in two reports, while two different
facts about one event stay apart. Candidate pairs come from an inverted index of content words, so
a large briefing is not compared all against all. A merged fact keeps the text of its best-scored
member, lists every source and all evidence, and is ranked higher the more sources report it.
Merged risks are ranked by likelihood and impact together (risk_rank).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from briefing import Article, Fact, Risk
from briefing.plugins.risk_rank import risk_priority
from briefing.plugins.text_similarity import containment, content_terms, cosine, idf_weights, tfidf_vector

CONTAINMENT = 0.7
COSINE = 0.6
SOURCE_BONUS = 0.1
T = TypeVar("T")


def same_groups(texts: Sequence[str], containment_min: float = CONTAINMENT,
                cosine_min: float = COSINE) -> list[list[int]]:
    """Indices of near-duplicate texts grouped together, in first-seen order.

    Each text joins the first earlier group whose first member (its representative) it matches,
    so groups never chain through a series of slightly different sentences.
    """
    bags = [content_terms(text) for text in texts]
    idf = idf_weights(bags)
    vectors = [tfidf_vector(bag, idf) for bag in bags]
    postings: dict[str, list[int]] = defaultdict(list)
    limit = 50  # a word shared by more groups than this is too common to find duplicates by
    groups: dict[int, list[int]] = {}
    for i, bag in enumerate(bags):
        terms = set(bag)
        shared: dict[int, int] = defaultdict(int)
        for term in terms:
            posting = postings[term]
            if len(posting) <= limit:
                for j in posting:
                    shared[j] += 1
        home = None
        for j in sorted(shared):
            other = set(bags[j])
            if shared[j] < 2 and min(len(terms), len(other)) > 2:
                continue
            small, big = (terms, other) if len(terms) <= len(other) else (other, terms)
            if containment(small, big) >= containment_min or cosine(vectors[i], vectors[j]) >= cosine_min:
                home = j
                break
        if home is None:
            groups[i] = [i]
            for term in terms:
                postings[term].append(i)
        else:
            groups[home].append(i)
    return list(groups.values())


def _merge(items: Sequence[T], key: Callable[[T], str], combine: Callable[[list[T]], T]) -> list[T]:
    return [combine([items[i] for i in group]) for group in same_groups([key(item) for item in items])]


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _fact_group(group: list[Fact]) -> Fact:
    best = max(group, key=lambda f: f.score)
    sources = _unique([s for fact in group for s in fact.sources])
    evidence = tuple(dict.fromkeys(e for fact in group for e in fact.evidence))
    score = min(1.0, best.score + SOURCE_BONUS * max(0, len(sources) - 1))
    return Fact(best.text, evidence, sources, round(score, 4))


def merge_facts(facts: Sequence[Fact], articles: Mapping[str, Article]) -> list[Fact]:
    """One entry per fact, listing every source that reports it, ranked by score then sources."""
    ordered = sorted(facts, key=lambda f: -f.score)
    merged = _merge(ordered, lambda f: f.text, _fact_group)
    return sorted(merged, key=lambda f: (-f.score, -len(f.sources)))


_SEVERITY = {"high": 2, "medium": 1, "low": 0}


def _risk_group(group: list[Risk]) -> Risk:
    best = max(group, key=lambda r: (r.probability is not None, r.probability or (0.0, 0.0),
                                     _SEVERITY.get(r.severity, 1)))
    severity = max((r.severity for r in group), key=lambda s: _SEVERITY.get(s, 1))
    evidence = tuple(dict.fromkeys(e for risk in group for e in risk.evidence))
    actors = _unique([a for risk in group for a in risk.actors])
    speaker = best.speaker or next((r.speaker for r in group if r.speaker), None)
    return Risk(best.text, evidence, best.likelihood, best.probability, severity, actors, speaker)


def merge_risks(risks: Sequence[Risk], articles: Mapping[str, Article]) -> list[Risk]:
    """One entry per risk, ordered by risk_priority (likelihood times impact), then by how many
    sentences state it, then as found."""
    merged = _merge(risks, lambda r: r.evidence[0].quote if r.evidence else r.text, _risk_group)
    order = {id(risk): i for i, risk in enumerate(merged)}
    return sorted(merged, key=lambda r: (-risk_priority(r), -len(r.evidence), order[id(r)]))
