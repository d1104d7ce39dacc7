"""Merge facts and risks that several articles report, so each appears once with all its sources.

Two items are the same when their sentences are near-duplicates: most of the shorter one's content
words are in the other (containment >= 0.7), or their tf-idf cosine is high (>= 0.6). That catches
wire copy reused with small edits and the same sentence quoted in two reports, while two different
facts about one event stay apart. Candidate pairs come from inverted indexes of the rarest content
words of each text (prefix filtering), so a large briefing is not compared all against all, and no
pair that meets the rule is missed. A merged fact keeps the text of its best-scored
member, lists every source and all evidence, and is ranked higher the more sources report it.
Merged risks are ranked by confidence, likelihood and impact together (assemble.risk_rank).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from briefing import Article, Fact, Risk
from briefing.plugins.analysis.assemble.risk_rank import referents_first, risk_priority
from briefing.plugins.text.similarity import idf_weights, tfidf_vector
from briefing.plugins.text.words import content_terms

CONTAINMENT = 0.7
COSINE = 0.6
SOURCE_BONUS = 0.1
MAX_POSTING = 100
T = TypeVar("T")


def _prefixes(terms: list[str], weights: dict[str, float], norm2: float, containment_min: float,
              cosine_min: float) -> tuple[list[str], list[str]]:
    """The rarest terms of a text (``terms`` are in the global rarest-first order) among which a
    match shares at least two (prefix filtering with a count filter: Bayardo et al. 2007, "Scaling
    up all pairs similarity search"; Xiao et al. 2008, "Efficient similarity joins").

    Containment, this text the smaller: at least ``k = max(ceil(c * n), 2)`` of its ``n`` terms are
    shared, so two of its first ``n - k + 2`` are. Cosine: the shared terms hold at least
    ``cosine_min**2`` of each text's squared tf-idf norm (Cauchy-Schwarz), so the two rarest shared
    terms come before the point where what is left, plus the largest single weight, holds less than
    that, in both texts. (Texts of one or two terms need one shared term and are handled apart.)
    """
    size = len(terms)
    needed = max(math.ceil(containment_min * size - 1e-9), 2)
    contained = terms[: size - needed + 2]
    largest = max((weights[term] ** 2 for term in terms), default=0.0)
    length, rest = size, norm2
    for position, term in enumerate(terms):
        if rest + largest < cosine_min * cosine_min * norm2 * (1 - 1e-9):
            length = position
            break
        rest -= weights[term] ** 2
    return contained, terms[:length]


def same_groups(texts: Sequence[str], containment_min: float = CONTAINMENT,
                cosine_min: float = COSINE, max_posting: int = MAX_POSTING,
                founders: int | None = None) -> list[list[int]]:
    """Indices of near-duplicate texts grouped together, in first-seen order.

    Each text joins the first earlier group whose first member (its representative) it matches,
    so groups never chain through a series of slightly different sentences. Two texts match when
    they share two content words (one when either has at most two) and the smaller's containment
    or their tf-idf cosine reaches its threshold. Only representatives found twice through the
    prefixes (``_prefixes``) are compared: one that contains the text, by the text's containment
    prefix in the index of all representatives' terms; one that the text contains, by the text's
    terms in the index of representatives' containment prefixes; a cosine-close one, by the text's
    cosine prefix in the index of representatives' cosine prefixes. Prefixes hold a text's rarest
    words, whose posting lists are short. A word already in more than ``max_posting`` groups is too
    common to find a duplicate by and is not looked up; below that, no matching pair is missed.

    With ``founders``, each of the first ``founders`` texts starts a group, and a later text joins
    the first of those groups it matches or stays alone, compared with no other later text. That
    finds which of some texts (today's facts) others (earlier briefings' facts) repeat, without
    comparing either among themselves.
    """
    bags = [content_terms(text) for text in texts]
    idf = idf_weights(bags)
    vectors = [tfidf_vector(bag, idf) for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vector.values())) for vector in vectors]
    sets = [frozenset(bag) for bag in bags]
    everything: dict[str, list[int]] = defaultdict(list)   # all terms of each representative
    contained: dict[str, list[int]] = defaultdict(list)    # their containment prefixes
    close: dict[str, list[int]] = defaultdict(list)        # their cosine prefixes
    tiny: list[int] = []                                   # representatives of one or two terms
    groups: dict[int, list[int]] = {}
    for i, terms in enumerate(sets):
        ordered = sorted(terms, key=lambda t: (-idf[t], t))
        containment_prefix, cosine_prefix = _prefixes(ordered, vectors[i], norms[i] ** 2,
                                                       containment_min, cosine_min)
        probes = ordered if len(terms) <= 2 else None
        once = 1 if len(terms) <= 2 else 2
        candidates: set[int] = set()
        seen: set[int] = set()
        founder = founders is not None and i < founders  # starts a group of its own
        lookups = () if founder else ((everything, probes or containment_prefix), (contained, ordered),
                                      (close, probes or cosine_prefix))
        for index, probe in lookups:
            met: set[int] = set()      # found once in this index
            twice: set[int] = set()    # found at least twice in it: two in one index are needed
            for term in probe:
                posting = index.get(term)
                if posting and len(posting) <= max_posting:
                    twice.update(met.intersection(posting))
                    met.update(posting)
            candidates.update(met if once == 1 else twice)
            seen.update(met)
        candidates.update(j for j in tiny if j in seen)
        home = None
        for j in sorted(candidates):
            other = sets[j]
            common = terms & other
            smaller = min(len(terms), len(other))
            if len(common) < (2 if smaller > 2 else 1):
                continue
            if len(common) / smaller >= containment_min or \
                    _cosine(vectors[i], vectors[j], common, norms[i] * norms[j]) >= cosine_min:
                home = j
                break
        if home is None:
            groups[i] = [i]
            if founders is not None and i >= founders:
                continue
            if len(terms) <= 2:
                tiny.append(i)
            for index, prefix in ((everything, ordered), (contained, containment_prefix),
                                  (close, cosine_prefix)):
                for term in prefix:
                    index[term].append(i)
        else:
            groups[home].append(i)
    return list(groups.values())


def _cosine(a: dict[str, float], b: dict[str, float], common: frozenset[str], norms: float) -> float:
    """``text.similarity.cosine`` with the norms and the shared terms already known."""
    return sum(a[term] * b[term] for term in common) / norms if norms else 0.0


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
    confidence = max((r.confidence for r in group if r.confidence is not None), default=None)
    return Risk(best.text, evidence, best.likelihood, best.probability, severity, actors, speaker,
                best.context, best.kind, confidence=confidence)


def merge_risks(risks: Sequence[Risk], articles: Mapping[str, Article]) -> list[Risk]:
    """One entry per risk, ordered by risk_priority (confidence, likelihood and impact), then by
    how many sentences state it, then as found; a risk that refers back to another follows it
    (risk_rank.referents_first)."""
    merged = _merge(risks, lambda r: r.evidence[0].quote if r.evidence else r.text, _risk_group)
    order = {id(risk): i for i, risk in enumerate(merged)}
    return referents_first(sorted(merged, key=lambda r: (-risk_priority(r), -len(r.evidence), order[id(r)])))
