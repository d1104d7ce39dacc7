"""The order of a briefing's risks: how sure, how likely and how bad.

Ranking by stated probability alone puts a mild but formally assessed statement ("will highly
likely seek to repair its reputation") above a severe hedged one ("militants could return and
attack"). Risk analysis ranks by likelihood and impact together (the likelihood x consequence
product of risk matrices, ISO 31000 / IEC 31010), and so does this module:

    priority = confidence x ranking probability x impact weight

- ranking probability: the middle of the PHIA band the phrase maps to ("highly likely" 0.85,
  "almost certainly" 0.975, "unlikely" 0.30). A hedge without a band ("could", "may", "risk of")
  or no estimative phrase at all counts as a *realistic possibility*, 0.45, the middle band: it
  says the harm is possible without saying how possible. This value is for ordering only; it is
  never shown, and the risk's ``probability`` stays None.
- impact weight: high 1.0, medium 0.5, low 0.25. Each severity step doubles the weight (a ratio
  scale, as in the 1-2-4 impact scores many risk matrices use), so a severe realistic possibility
  (0.45) ranks above a moderate highly likely statement (0.425), while an almost certain moderate
  risk (0.49) still ranks above a severe hedge.
- confidence: how sure the extractor is that the sentence states a risk at all (``Risk.confidence``;
  the builtin gives the probability its combination of learned readers and rules gives). A
  briefing shows its first ten risks, and the extractor's precision is far from perfect: ranked
  by likelihood and impact alone, its wrong risks (past attacks, charges, a harm word in a
  sentence about something else, all of "high" severity) filled the top of the list on a day of
  security news. On the 92 articles of the risk
  gold's rounds 84-86, which the model was not trained on, 10 risks of 20 articles drawn at random
  (2,000 draws) were right 0.705 of the time ranked as before and 0.793 with the confidence
  factor (0.816 with likelihood left out, 0.860 by confidence alone; right and wrong told apart
  with an AUC of 0.576 before, 0.668 after). With the combined probability as confidence
  (rounds 87-92, never seen by the models that gave it: 179 articles, 405 risks), 0.807 (0.866
  by confidence alone). Likelihood and impact stay in, as the reader's measure of what matters; a
  risk without a confidence (another extractor's, or the models turned off) counts NEUTRAL, about
  the median the extractor gives the risks it keeps (0.73 on rounds 87-92; 0.97 when it was the
  encoder's probability alone), so it neither leads nor trails for want of one.
"""

from __future__ import annotations

from dataclasses import replace

from briefing import Risk
from briefing.plugins.analysis.extract.estimative import band_range

IMPACT = {"high": 1.0, "medium": 0.5, "low": 0.25}
UNSTATED = sum(band_range("realistic possibility")) / 2
NEUTRAL = 0.73


def ranking_probability(risk: Risk) -> float:
    """The band middle of a stated probability; a realistic possibility (0.45) otherwise."""
    if risk.probability is None:
        return UNSTATED
    low, high = risk.probability
    return (low + high) / 2


def risk_priority(risk: Risk) -> float:
    """Confidence times ranking probability times impact weight (see module doc); higher ranks
    first."""
    confidence = NEUTRAL if risk.confidence is None else risk.confidence
    return confidence * ranking_probability(risk) * IMPACT.get(risk.severity, IMPACT["medium"])


def referents_first(risks: list[Risk]) -> list[Risk]:
    """The ranked risks with each one that refers back ("these assets", ``Risk.context``) placed
    straight after the risk that states what it refers to, when that statement is itself a risk of
    the list, and that context line dropped.

    Why: the seed briefing listed "Moscow is negotiating ... to retain control over its two bases"
    twice, once as a risk of its own and once as the context line of "the collapse ... has
    increased the risk to the security of these assets", nine lines apart. Kept together, in the
    order the writer gave them, the second reads as it did in the article and the first need not
    be repeated. The pair takes the place of whichever of the two ranks higher. A risk of one
    ``kind`` is never moved among those of the other, since briefings show the kinds apart.

    Why not show a lower-ranked statement as the context line only: the link is a guess (the
    sentence before), and on the flu day of 30 April 2009 that hid a real risk, "a severe flu
    pandemic ... could cost the global economy trillions of dollars", under "this new strain" of
    the next sentence, which does not refer to it. Pulled up, it stays a risk of its own; the cost
    is now and then the tenth of the ten risks a briefing shows.
    """
    stated: dict[tuple[str, int], int] = {}
    for i, risk in enumerate(risks):
        for e in risk.evidence:
            if e.quote != risk.context:
                stated.setdefault((e.article_id, e.sentence_index), i)
    leader: dict[int, int] = {}
    for i, risk in enumerate(risks):
        if risk.context is None:
            continue
        j = next((stated[key] for e in risk.evidence if e.quote == risk.context
                  and (key := (e.article_id, e.sentence_index)) in stated), None)
        if j is not None and j != i and risks[j].kind == risk.kind:
            leader[i] = j
    followers: dict[int, list[int]] = {}
    for i, j in leader.items():
        followers.setdefault(j, []).append(i)
    placed: list[int] = []
    seen: set[int] = set()

    def place(i: int) -> None:
        if i in seen:
            return
        seen.add(i)
        placed.append(i)
        for follower in followers.get(i, []):
            place(follower)

    for i in range(len(risks)):
        root, climbed = i, {i}
        while root in leader and leader[root] not in seen and leader[root] not in climbed:
            root = leader[root]
            climbed.add(root)
        place(root)
        place(i)
    return [replace(risks[i], context=None) if leader.get(i) == before else risks[i]
            for before, i in zip([-1, *placed], placed, strict=False)]
