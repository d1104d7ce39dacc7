"""The order of a briefing's risks: how likely times how bad.

Ranking by stated probability alone puts a mild but formally assessed statement ("will highly
likely seek to repair its reputation") above a severe hedged one ("militants could return and
attack"). Risk analysis ranks by likelihood and impact together (the likelihood x consequence
product of risk matrices, ISO 31000 / IEC 31010), and so does this module:

    priority = ranking probability x impact weight

- ranking probability: the middle of the PHIA band the phrase maps to ("highly likely" 0.85,
  "almost certainly" 0.975, "unlikely" 0.30). A hedge without a band ("could", "may", "risk of")
  or no estimative phrase at all counts as a *realistic possibility*, 0.45, the middle band: it
  says the harm is possible without saying how possible. This value is for ordering only; it is
  never shown, and the risk's ``probability`` stays None.
- impact weight: high 1.0, medium 0.5, low 0.25. Each severity step doubles the weight (a ratio
  scale, as in the 1-2-4 impact scores many risk matrices use), so a severe realistic possibility
  (0.45) ranks above a moderate highly likely statement (0.425), while an almost certain moderate
  risk (0.49) still ranks above a severe hedge.
"""

from __future__ import annotations

from briefing import Risk
from briefing.plugins.analysis.extract.estimative import band_range

IMPACT = {"high": 1.0, "medium": 0.5, "low": 0.25}
UNSTATED = sum(band_range("realistic possibility")) / 2


def ranking_probability(risk: Risk) -> float:
    """The band middle of a stated probability; a realistic possibility (0.45) otherwise."""
    if risk.probability is None:
        return UNSTATED
    low, high = risk.probability
    return (low + high) / 2


def risk_priority(risk: Risk) -> float:
    """Ranking probability times impact weight (see module doc); higher ranks first."""
    return ranking_probability(risk) * IMPACT.get(risk.severity, IMPACT["medium"])
